//! Customers, cards and plans: validation, due dates, pause/resume, amount change, cancel.

use jiff::civil::{Date, date};
use tahsildar_core::customer::{self, NewCustomer};
use tahsildar_core::payments::{self, PaymentStatus, page::PaymentQuery};
use tahsildar_core::plan::schedule::{Cadence, PlanEnd, Schedule};
use tahsildar_core::plan::{self, NewPlan, PlanInfo, PlanKind, PlanStatus};
use tahsildar_core::{Currency, Error};

use crate::language::assert_one_language;
use crate::world::{APPROVE, APPROVE_MC, Vaulted, card, secret};

fn recurring(
    v: &Vaulted,
    customer_id: i64,
    start: Date,
    cadence: Cadence,
    end: PlanEnd,
) -> PlanInfo {
    plan::create(
        &v.admin,
        &NewPlan {
            customer_id,
            amount_minor: 50_000,
            currency: Currency::Try,
            start,
            kind: PlanKind::Recurring(Schedule::new(start, cadence, end).unwrap()),
            description: Some("aidat".into()),
        },
    )
    .unwrap()
}

fn dues(info: &PlanInfo) -> Vec<String> {
    info.payments.iter().map(|p| p.due_date.clone()).collect()
}

/// The field an input error names; its message keeps to one language at a time.
fn invalid_field(e: Error) -> &'static str {
    assert_one_language(&e);
    match e {
        Error::InvalidInput { field, .. } => field,
        other => panic!("expected invalid input, got {other:?}"),
    }
}

#[test]
fn monthly_plans_keep_their_anchor_day_through_short_months_and_leap_years() {
    let v = Vaulted::new();
    let c = v.customer("D-12", &[APPROVE]);
    let info = recurring(
        &v,
        c,
        date(2026, 12, 31),
        Cadence::Months(1),
        PlanEnd::Count(4),
    );
    assert_eq!(
        dues(&info),
        ["2026-12-31", "2027-01-31", "2027-02-28", "2027-03-31"]
    );
    let leap = recurring(
        &v,
        c,
        date(2027, 11, 30),
        Cadence::Months(3),
        PlanEnd::Until(date(2028, 6, 1)),
    );
    assert_eq!(dues(&leap), ["2027-11-30", "2028-02-29", "2028-05-30"]);
}

#[test]
fn weekly_and_daily_plans() {
    let v = Vaulted::new();
    let c = v.customer("D-1", &[APPROVE]);
    let weekly = recurring(
        &v,
        c,
        date(2026, 12, 28),
        Cadence::Weeks(2),
        PlanEnd::Count(3),
    );
    assert_eq!(dues(&weekly), ["2026-12-28", "2027-01-11", "2027-01-25"]);
    let daily = recurring(
        &v,
        c,
        date(2026, 11, 27),
        Cadence::Days(10),
        PlanEnd::Until(date(2026, 12, 20)),
    );
    assert_eq!(dues(&daily), ["2026-11-27", "2026-12-07", "2026-12-17"]);
}

#[test]
fn pause_skips_what_fell_due_resume_continues_amount_change_and_cancel_keep_history() {
    let mut v = Vaulted::new();
    let c = v.customer("D-2", &[APPROVE]);
    let info = recurring(
        &v,
        c,
        date(2026, 11, 27),
        Cadence::Months(1),
        PlanEnd::Count(4),
    );
    let id = info.id;
    assert_eq!(
        plan::pause(&v.admin, id).unwrap().status,
        PlanStatus::Paused
    );
    let paused_again = plan::pause(&v.admin, id).unwrap_err();
    assert!(matches!(paused_again, Error::WrongState { .. }));
    assert_one_language(&paused_again);
    // Two months pass while paused: the payments of 27 Nov and 27 Dec are skipped on resume.
    v.advance_days(40);
    assert_eq!(
        plan::resume(&v.admin, id).unwrap().status,
        PlanStatus::Active
    );
    let list = |status: &str| {
        payments::page::all(
            &v.admin,
            &PaymentQuery {
                plan_id: Some(id),
                statuses: vec![PaymentStatus::parse(status).unwrap()],
                ..Default::default()
            },
        )
        .unwrap()
    };
    let cancelled: Vec<String> = list("cancelled").into_iter().map(|p| p.due_date).collect();
    assert_eq!(cancelled, ["2026-11-27", "2026-12-27"]);
    // A new amount applies to the payments still ahead.
    plan::change_amount(&v.admin, id, 60_000).unwrap();
    let ahead = list("scheduled");
    assert_eq!(ahead.len(), 2);
    assert!(ahead.iter().all(|p| p.amount == "600.00"));
    assert!(list("cancelled").iter().all(|p| p.amount == "500.00"));
    // Cancelling cancels the rest and keeps the history.
    assert_eq!(
        plan::cancel(&v.admin, id).unwrap().status,
        PlanStatus::Cancelled
    );
    assert_eq!(list("cancelled").len(), 4);
    let cancelled_again = plan::cancel(&v.admin, id).unwrap_err();
    assert!(matches!(cancelled_again, Error::WrongState { .. }));
    assert_one_language(&cancelled_again);
}

#[test]
fn entry_checks_name_the_field_and_store_nothing() {
    let v = Vaulted::new();
    let c = v.customer("D-3", &[]);
    let bad_luhn = customer::card::add(&v.admin, c, &card("4355093000315233", false)).unwrap_err();
    assert_eq!(invalid_field(bad_luhn), "card number");
    let unknown_brand =
        customer::card::add(&v.admin, c, &card("6011000990139424", false)).unwrap_err();
    assert_eq!(invalid_field(unknown_brand), "card number");
    let mut expired = card(APPROVE, false);
    expired.expiry = "10/26".into();
    assert_eq!(
        invalid_field(customer::card::add(&v.admin, c, &expired).unwrap_err()),
        "expiry"
    );
    customer::card::add(&v.admin, c, &card(APPROVE, false)).unwrap();
    let dup = customer::card::add(&v.admin, c, &card(APPROVE, true)).unwrap_err();
    assert_eq!(invalid_field(dup), "card number");
    // A new primary card goes first; an alternate goes last.
    customer::card::add(&v.admin, c, &card(APPROVE_MC, false)).unwrap();
    let cards = customer::get(&v.admin, c).unwrap().cards;
    assert_eq!(
        cards
            .iter()
            .map(|k| k.masked_pan.as_str())
            .collect::<Vec<_>>(),
        ["521807******2834", "435509******5232"]
    );
    assert_eq!(cards[0].brand, "Mastercard");

    let new_plan = |amount_minor: i64, kind: PlanKind, start: Date| NewPlan {
        customer_id: c,
        amount_minor,
        currency: Currency::Try,
        start,
        kind,
        description: None,
    };
    let today = date(2026, 11, 27);
    let e = plan::create(&v.admin, &new_plan(0, PlanKind::OneOff, today)).unwrap_err();
    assert_eq!(invalid_field(e), "amount");
    let e = plan::create(&v.admin, &new_plan(200_000_000, PlanKind::OneOff, today)).unwrap_err();
    assert_eq!(invalid_field(e), "amount");
    let e = plan::create(&v.admin, &new_plan(1000, PlanKind::Installment(10), today)).unwrap_err();
    assert_eq!(invalid_field(e), "installments");
    let e = plan::create(
        &v.admin,
        &new_plan(1000, PlanKind::OneOff, date(2026, 11, 26)),
    )
    .unwrap_err();
    assert_eq!(invalid_field(e), "date");
    assert_eq!(
        plan::create(&v.admin, &new_plan(1000, PlanKind::Installment(9), today))
            .unwrap()
            .installments,
        9
    );
    let dupe_ref = customer::add(
        &v.admin,
        v.store_id,
        &NewCustomer {
            reference: "D-3".into(),
            name: "Other".into(),
            ..NewCustomer::default()
        },
    )
    .unwrap_err();
    assert_eq!(invalid_field(dupe_ref), "reference");
    // No PAN in the audit log.
    let audit = v
        .vault
        .db()
        .read(|c| {
            Ok(c.query_row(
                "SELECT group_concat(detail || object, '|') FROM audit_log",
                [],
                |r| r.get::<_, String>(0),
            )?)
        })
        .unwrap();
    assert!(!audit.contains(APPROVE) && !audit.contains(APPROVE_MC));
    assert!(audit.contains("435509******5232"));
    let _ = secret;
}

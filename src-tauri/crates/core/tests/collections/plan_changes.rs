//! Changes to a running plan from a preview: a new amount from a date, a new end, one payment
//! skipped, pause, resume and cancel. What the preview shows is what saving does; a refused
//! change (state, permission, input) writes nothing; a payment the engine took stays as it is.

use jiff::civil::{Date, date};
use tahsildar_core::plan::schedule::{Cadence, PlanEnd, Schedule};
use tahsildar_core::plan::{
    self, CollectionInput, CollectionKind, NewPlan, PaymentEffect, PlanChange, PlanChangeSet,
    PlanInfo, PlanKind, PlanStatus,
};
use tahsildar_core::{Currency, Error, Role, Scope, Session};

use crate::invariants;
use crate::language::assert_one_language;
use crate::world::{APPROVE, Vaulted, World};

/// A monthly plan of 500,00 from `start`, `count` payments.
fn monthly(v: &Vaulted, reference: &str, start: Date, count: u32) -> i64 {
    let c = v.customer(reference, &[APPROVE]);
    plan::create(
        &v.admin,
        &NewPlan {
            customer_id: c,
            amount_minor: 50_000,
            currency: Currency::Try,
            start,
            kind: PlanKind::Recurring(
                Schedule::new(start, Cadence::Months(1), PlanEnd::Count(count)).unwrap(),
            ),
            description: None,
        },
    )
    .unwrap()
    .id
}

/// (due date, amount, status) of each payment of the plan, in order.
fn payments(v: &Vaulted, plan: i64) -> Vec<(String, i64, String)> {
    v.vault
        .db()
        .read(|c| {
            let mut stmt = c.prepare(
                "SELECT due_date, amount_minor, status FROM payments WHERE plan_id = ?1
                 ORDER BY occurrence",
            )?;
            let rows = stmt.query_map([plan], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
            Ok(rows.collect::<Result<Vec<_>, _>>()?)
        })
        .unwrap()
}

fn plan_info(v: &Vaulted, plan: i64) -> PlanInfo {
    v.vault.db().read(|c| plan::terms::load(c, plan)).unwrap()
}

fn plan_changes(v: &Vaulted) -> i64 {
    v.vault
        .db()
        .read(|c| {
            Ok(c.query_row(
                "SELECT count(*) FROM audit_log WHERE action = 'plan.change'",
                [],
                |r| r.get(0),
            )?)
        })
        .unwrap()
}

/// Previews `change`, saves it, and checks that the two agree; returns what was saved.
fn preview_then_save(session: &Session, plan: i64, change: PlanChange) -> PlanChangeSet {
    let preview = plan::preview_change(session, plan, change).unwrap();
    let saved = plan::apply_change(session, plan, change).unwrap();
    assert_eq!(preview, saved, "the preview is what was saved");
    saved
}

fn effects(set: &PlanChangeSet) -> Vec<(String, PaymentEffect, Option<i64>, i64)> {
    set.payments
        .iter()
        .map(|p| {
            (
                p.due_date.clone(),
                p.effect,
                p.amount_before,
                p.amount_after,
            )
        })
        .collect()
}

/// Refused without writing anything: same payments, same plan, no audit entry.
fn refused_unchanged(v: &Vaulted, plan: i64, change: PlanChange) -> Error {
    let before = (payments(v, plan), plan_changes(v));
    let preview = plan::preview_change(&v.admin, plan, change).unwrap_err();
    let saved = plan::apply_change(&v.admin, plan, change).unwrap_err();
    assert_eq!(preview.code(), saved.code(), "{preview:?} / {saved:?}");
    assert_one_language(&saved);
    assert_eq!((payments(v, plan), plan_changes(v)), before);
    saved
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_amount_from_a_date_changes_only_the_scheduled_payments_from_that_date() {
    let w = World::new().await;
    let v = &w.v;
    let id = monthly(v, "P-1", plan::today(v.clock.as_ref()), 4);
    // The first payment is due today and collected.
    assert_eq!(w.engine().run(None).await.unwrap().approved, 1);
    let raise = PlanChange::Amount {
        amount_minor: 60_000,
        from: Some(date(2027, 1, 1)),
    };
    let set = preview_then_save(&v.admin, id, raise);
    assert_eq!(
        effects(&set),
        [
            (
                "2027-01-27".into(),
                PaymentEffect::Amount,
                Some(50_000),
                60_000
            ),
            (
                "2027-02-27".into(),
                PaymentEffect::Amount,
                Some(50_000),
                60_000
            ),
        ]
    );
    assert_eq!((set.amount_before, set.amount_after), (50_000, 60_000));
    let amounts: Vec<i64> = payments(v, id).into_iter().map(|p| p.1).collect();
    assert_eq!(amounts, [50_000, 50_000, 60_000, 60_000]);
    // From today on: the collected payment keeps its amount.
    let set = preview_then_save(
        &v.admin,
        id,
        PlanChange::Amount {
            amount_minor: 70_000,
            from: None,
        },
    );
    assert_eq!(set.payments.len(), 3);
    let after = payments(v, id);
    assert_eq!(after[0], ("2026-11-27".into(), 50_000, "paid".into()));
    assert!(after[1..].iter().all(|p| p.1 == 70_000));
    assert_eq!(plan_changes(v), 2);
    invariants::check(&v.vault, &w.sim.ledger(), true);
}

#[test]
fn a_new_end_cancels_what_lies_beyond_it_and_a_later_end_adds_the_missing_payments() {
    let v = Vaulted::new();
    let id = monthly(&v, "P-2", date(2026, 12, 5), 4);
    let shorter = preview_then_save(&v.admin, id, PlanChange::End(PlanEnd::Count(2)));
    assert_eq!(
        effects(&shorter),
        [
            (
                "2027-02-05".into(),
                PaymentEffect::Cancelled,
                Some(50_000),
                50_000
            ),
            (
                "2027-03-05".into(),
                PaymentEffect::Cancelled,
                Some(50_000),
                50_000
            ),
        ]
    );
    let statuses: Vec<String> = payments(&v, id).into_iter().map(|p| p.2).collect();
    assert_eq!(
        statuses,
        ["scheduled", "scheduled", "cancelled", "cancelled"]
    );
    // A later end by date adds the occurrences that were never made, at the plan's amount.
    let longer = preview_then_save(
        &v.admin,
        id,
        PlanChange::End(PlanEnd::Until(date(2027, 5, 5))),
    );
    assert_eq!(
        effects(&longer),
        [
            ("2027-04-05".into(), PaymentEffect::Added, None, 50_000),
            ("2027-05-05".into(), PaymentEffect::Added, None, 50_000),
        ]
    );
    let info = plan::manage::pause(&v.admin, id).unwrap();
    assert_eq!(info.payments.len(), 6);
    assert_eq!(info.payments[5].due_date, "2027-05-05");
    // Only a recurring plan has an end; an end beyond the limits is refused by name.
    let one_off = v.one_off(v.customer("P-2b", &[APPROVE]), 1_000);
    let one_off_plan = v
        .vault
        .db()
        .read(|c| {
            Ok(c.query_row(
                "SELECT plan_id FROM payments WHERE id = ?1",
                [one_off],
                |r| r.get(0),
            )?)
        })
        .unwrap();
    let e = refused_unchanged(&v, one_off_plan, PlanChange::End(PlanEnd::Count(3)));
    assert!(matches!(e, Error::WrongState { .. }), "{e:?}");
    let e = refused_unchanged(&v, id, PlanChange::End(PlanEnd::Count(0)));
    assert!(
        matches!(
            e,
            Error::InvalidInput {
                field: "schedule",
                ..
            }
        ),
        "{e:?}"
    );
}

#[test]
fn a_skipped_payment_is_cancelled_and_the_rest_of_the_plan_stays() {
    let v = Vaulted::new();
    let id = monthly(&v, "P-3", date(2026, 12, 1), 3);
    let info = plan_info(&v, id);
    let second = info.payments[1].id;
    let set = preview_then_save(&v.admin, id, PlanChange::Skip { payment_id: second });
    assert_eq!(
        effects(&set),
        [(
            "2027-01-01".into(),
            PaymentEffect::Cancelled,
            Some(50_000),
            50_000
        )]
    );
    let statuses: Vec<String> = payments(&v, id).into_iter().map(|p| p.2).collect();
    assert_eq!(statuses, ["scheduled", "cancelled", "scheduled"]);
    let e = refused_unchanged(&v, id, PlanChange::Skip { payment_id: second });
    assert!(
        matches!(
            e,
            Error::WrongState {
                what: "payment",
                ..
            }
        ),
        "{e:?}"
    );
    // A payment of another plan is not this plan's to skip.
    let other = monthly(&v, "P-3b", date(2026, 12, 1), 2);
    let foreign = plan_info(&v, other).payments[0].id;
    let e = refused_unchanged(
        &v,
        id,
        PlanChange::Skip {
            payment_id: foreign,
        },
    );
    assert!(matches!(e, Error::NotFound { .. }), "{e:?}");
}

#[test]
fn pause_and_resume_preview_what_they_skip_and_refuse_the_wrong_state() {
    let mut v = Vaulted::new();
    let id = monthly(&v, "P-4", date(2026, 11, 27), 4);
    let e = refused_unchanged(&v, id, PlanChange::Resume);
    assert!(matches!(e, Error::WrongState { what: "plan", .. }), "{e:?}");
    assert!(
        e.message(tahsildar_core::Lang::En)
            .contains("it is active, not paused")
    );
    let pause = preview_then_save(&v.admin, id, PlanChange::Pause);
    assert_eq!(
        (pause.status_before, pause.status_after),
        (PlanStatus::Active, PlanStatus::Paused)
    );
    assert!(pause.payments.is_empty());
    refused_unchanged(&v, id, PlanChange::Pause);
    // While paused the amount and the end may still change.
    v.advance_days(40);
    let resume = preview_then_save(&v.admin, id, PlanChange::Resume);
    assert_eq!(
        effects(&resume),
        [
            (
                "2026-11-27".into(),
                PaymentEffect::Cancelled,
                Some(50_000),
                50_000
            ),
            (
                "2026-12-27".into(),
                PaymentEffect::Cancelled,
                Some(50_000),
                50_000
            ),
        ]
    );
    // A new amount may not start in the past, nor be zero.
    let e = refused_unchanged(
        &v,
        id,
        PlanChange::Amount {
            amount_minor: 60_000,
            from: Some(date(2026, 12, 1)),
        },
    );
    assert!(
        matches!(e, Error::InvalidInput { field: "from", .. }),
        "{e:?}"
    );
    let e = refused_unchanged(
        &v,
        id,
        PlanChange::Amount {
            amount_minor: 0,
            from: None,
        },
    );
    assert!(
        matches!(
            e,
            Error::InvalidInput {
                field: "amount",
                ..
            }
        ),
        "{e:?}"
    );
    // A cancelled plan changes no more.
    let cancel = preview_then_save(&v.admin, id, PlanChange::Cancel);
    assert_eq!(cancel.payments.len(), 2);
    for change in [
        PlanChange::Cancel,
        PlanChange::Resume,
        PlanChange::End(PlanEnd::Count(8)),
        PlanChange::Amount {
            amount_minor: 1,
            from: None,
        },
    ] {
        let e = refused_unchanged(&v, id, change);
        assert!(matches!(e, Error::WrongState { .. }), "{change:?}: {e:?}");
    }
}

#[test]
fn a_change_needs_create_collections_on_the_plans_store() {
    let v = Vaulted::new();
    let id = monthly(&v, "P-5", date(2026, 12, 1), 3);
    let viewer = v.signed_in("viewer", Role::Viewer, Scope::AllStores);
    let before = payments(&v, id);
    for change in [
        PlanChange::Pause,
        PlanChange::Skip {
            payment_id: plan_info(&v, id).payments[0].id,
        },
        PlanChange::End(PlanEnd::Count(1)),
    ] {
        let e = plan::preview_change(&viewer, id, change).unwrap_err();
        assert!(matches!(e, Error::PermissionDenied { .. }), "{e:?}");
        let e = plan::apply_change(&viewer, id, change).unwrap_err();
        assert!(matches!(e, Error::PermissionDenied { .. }), "{e:?}");
    }
    assert_eq!(payments(&v, id), before);
    assert_eq!(plan_changes(&v), 0);
    let e = plan::apply_change(&v.admin, 9_999, PlanChange::Pause).unwrap_err();
    assert!(matches!(e, Error::NotFound { .. }), "{e:?}");
}

#[test]
fn merchant_instalments_split_a_total_with_the_remainder_on_the_last() {
    let v = Vaulted::new();
    let c = v.customer("P-6", &[APPROVE]);
    let input = |amount: &str, count: u32| CollectionInput {
        customer_id: c,
        amount: amount.into(),
        currency: None,
        start_date: Some("2026-12-10".into()),
        kind: CollectionKind::Recurring,
        installments: None,
        cadence: Some("1m".into()),
        count: Some(count),
        until: None,
        split: Some(true),
        description: None,
        provision: None,
    };
    let today = plan::today(v.clock.as_ref());
    let new = input("1.000,00", 3).to_plan(today).unwrap();
    let preview = plan::preview(&v.admin, &new).unwrap();
    let shown: Vec<i64> = preview.first.iter().map(|p| p.amount_minor).collect();
    assert_eq!(shown, [33_333, 33_333, 33_334]);
    assert_eq!(
        (preview.total_minor, preview.last_amount_minor),
        (100_000, 33_334)
    );
    let info = plan::create(&v.admin, &new).unwrap();
    assert_eq!(info.kind, CollectionKind::Recurring);
    assert_eq!(info.amount_minor, 33_333);
    let saved: Vec<i64> = payments(&v, info.id).into_iter().map(|p| p.1).collect();
    assert_eq!(saved, shown);
    // Less than a kuruş each is refused by the amount.
    let tiny = input("0,02", 3).to_plan(today).unwrap();
    let e = plan::preview(&v.admin, &tiny).unwrap_err();
    assert!(
        matches!(
            e,
            Error::InvalidInput {
                field: "amount",
                ..
            }
        ),
        "{e:?}"
    );
    assert_one_language(&e);
}

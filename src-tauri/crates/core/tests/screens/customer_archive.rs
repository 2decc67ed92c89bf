//! Archiving a customer and replacing a card in one step: an archived customer keeps its
//! history, its running plans are cancelled and nothing more can be added to it until it is
//! taken out of the archive; a customer the bank may still hold something of is refused; a
//! replaced card's successor takes its place and its waiting payments.

use tahsildar_core::customer::search::{CustomerQuery, detail, search};
use tahsildar_core::customer::{self, CustomerStatus};
use tahsildar_core::payments::PaymentStatus;
use tahsildar_core::plan::{self, NewPlan, PlanKind, PlanStatus};
use tahsildar_core::{Currency, Error, Lang, Role, audit_log};

use crate::setup::{APPROVE, APPROVE_MC, Office, card};

fn one_off(office: &Office, customer_id: i64) -> i64 {
    plan::create(
        &office.admin,
        &NewPlan {
            customer_id,
            amount_minor: 25_000,
            currency: Currency::Try,
            start: plan::today(office.clock.as_ref()),
            kind: PlanKind::OneOff,
            description: None,
        },
    )
    .unwrap()
    .id
}

fn statuses(office: &Office, customer_id: i64) -> Vec<PaymentStatus> {
    detail(&office.admin, customer_id)
        .unwrap()
        .payments
        .rows
        .iter()
        .map(|p| p.status)
        .collect()
}

fn set_payments(office: &Office, status: PaymentStatus) {
    office
        .vault
        .db()
        .write(|tx| {
            tx.execute("UPDATE payments SET status = ?1", [status])?;
            Ok(())
        })
        .unwrap();
}

#[test]
fn an_archived_customer_keeps_its_history_and_is_never_charged_again() {
    let office = Office::new();
    let id = office.customer("A-1", "Ayşe Yılmaz", &[(APPROVE, "12/30")]);
    let plan_id = one_off(&office, id);

    // Something the bank may hold refuses the archive, and nothing changes.
    set_payments(&office, PaymentStatus::Processing);
    let busy = customer::archive(&office.admin, id).unwrap_err();
    assert!(
        busy.message(Lang::Tr)
            .contains("bankadan yanıt beklenen ya da provizyonu açık bir ödemesi var"),
        "{busy:?}"
    );
    assert!(
        busy.message(Lang::En)
            .contains("awaits the bank's answer or holds a pre-authorisation"),
        "{busy:?}"
    );
    assert_eq!(
        detail(&office.admin, id).unwrap().status,
        CustomerStatus::Active
    );
    set_payments(&office, PaymentStatus::Scheduled);

    let viewer = office.user("izleyici", Role::Viewer, office.store_id);
    assert!(matches!(
        customer::archive(&viewer, id).unwrap_err(),
        Error::PermissionDenied { .. }
    ));

    let outcome = customer::archive(&office.admin, id).unwrap();
    assert_eq!(
        (outcome.plans_cancelled, outcome.payments_cancelled),
        (1, 1)
    );
    let now = detail(&office.admin, id).unwrap();
    assert_eq!(now.status, CustomerStatus::Archived);
    assert_eq!(now.plans[0].status, PlanStatus::Cancelled);
    assert_eq!(now.cards.len(), 1, "the history stays");
    assert_eq!(statuses(&office, id), vec![PaymentStatus::Cancelled]);
    let entry = &audit_log::recent(&office.admin, 1, None).unwrap()[0];
    assert_eq!(entry.action, "customer.archive");
    assert!(
        entry.detail.contains("\"plans_cancelled\":1"),
        "{}",
        entry.detail
    );

    // Listed only when asked for.
    let listed = |include_archived| {
        search(
            &office.admin,
            &CustomerQuery {
                include_archived,
                ..CustomerQuery::default()
            },
        )
        .unwrap()
        .rows
        .into_iter()
        .map(|r| (r.id, r.status))
        .collect::<Vec<_>>()
    };
    assert!(listed(false).is_empty());
    assert_eq!(listed(true), vec![(id, CustomerStatus::Archived)]);

    // Nothing can be added while archived.
    let no_plan = plan::create(
        &office.admin,
        &NewPlan {
            customer_id: id,
            amount_minor: 1_000,
            currency: Currency::Try,
            start: plan::today(office.clock.as_ref()),
            kind: PlanKind::OneOff,
            description: None,
        },
    )
    .unwrap_err();
    assert!(
        no_plan
            .message(Lang::Tr)
            .contains("müşteri arşivde; önce arşivden çıkarın"),
        "{no_plan:?}"
    );
    let no_card =
        customer::card::add(&office.admin, id, &card(APPROVE_MC, "11/29", true)).unwrap_err();
    assert!(
        no_card
            .message(Lang::En)
            .contains("the customer is archived: take it out of the archive first"),
        "{no_card:?}"
    );
    assert_eq!(detail(&office.admin, id).unwrap().plans.len(), 1);
    assert!(
        customer::archive(&office.admin, id)
            .unwrap_err()
            .message(Lang::En)
            .contains("it is already archived")
    );

    // Out of the archive: new plans may be added; the cancelled one stays cancelled.
    customer::unarchive(&office.admin, id).unwrap();
    assert_eq!(
        detail(&office.admin, id).unwrap().status,
        CustomerStatus::Active
    );
    one_off(&office, id);
    let plans = detail(&office.admin, id).unwrap().plans;
    assert_eq!(
        plans
            .iter()
            .map(|p| (p.id == plan_id, p.status))
            .collect::<Vec<_>>(),
        vec![(false, PlanStatus::Active), (true, PlanStatus::Cancelled)]
    );
    assert!(
        customer::unarchive(&office.admin, id)
            .unwrap_err()
            .message(Lang::Tr)
            .contains("arşivde değil")
    );
}

#[test]
fn payments_waiting_for_an_operator_are_closed_with_the_archive() {
    let office = Office::new();
    let id = office.customer("D-1", "Deniz Ak", &[(APPROVE, "12/30")]);
    one_off(&office, id);
    set_payments(&office, PaymentStatus::Attention);
    let outcome = customer::archive(&office.admin, id).unwrap();
    assert_eq!(outcome.payments_cancelled, 1);
    assert_eq!(statuses(&office, id), vec![PaymentStatus::Cancelled]);
}

#[test]
fn a_replaced_card_gives_its_place_and_its_waiting_payments_to_the_new_one() {
    let office = Office::new();
    let id = office.customer("R-1", "Rıza Er", &[(APPROVE, "12/30")]);
    let old = detail(&office.admin, id).unwrap().cards[0].id;
    one_off(&office, id);
    office
        .vault
        .db()
        .write(|tx| {
            tx.execute("UPDATE payments SET card_id = ?1, soft_declines = 2", [old])?;
            Ok(())
        })
        .unwrap();

    // A bad new card is refused and the old one stays.
    let bad = customer::replace_card(
        &office.admin,
        old,
        &card("4355093000315233", "11/29", false),
    )
    .unwrap_err();
    assert!(matches!(bad, Error::InvalidInput { .. }), "{bad:?}");
    assert_eq!(detail(&office.admin, id).unwrap().cards[0].id, old);
    let viewer = office.user("izleyici", Role::Viewer, office.store_id);
    assert!(matches!(
        customer::replace_card(&viewer, old, &card(APPROVE_MC, "11/29", false)).unwrap_err(),
        Error::PermissionDenied { .. }
    ));

    let cards =
        customer::replace_card(&office.admin, old, &card(APPROVE_MC, "11/29", false)).unwrap();
    assert_eq!(cards.len(), 1);
    let new = &cards[0];
    assert_eq!(
        (new.position, new.masked_pan.as_str()),
        (0, "521807******2834")
    );
    let (card_id, declines) = office.payment_card();
    assert_eq!((card_id, declines), (Some(new.id), 0));
    let entry = &audit_log::recent(&office.admin, 1, None).unwrap()[0];
    assert_eq!(entry.action, "card.replace");
    assert!(
        entry.detail.contains("521807******2834") && !entry.detail.contains("5218076007402834"),
        "{}",
        entry.detail
    );
    assert!(
        customer::replace_card(&office.admin, old, &card(APPROVE, "12/30", false))
            .unwrap_err()
            .message(Lang::Tr)
            .contains("kart kaldırılmış")
    );
}

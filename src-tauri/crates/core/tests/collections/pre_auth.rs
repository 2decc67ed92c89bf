//! Pre-authorisations: held as `authorized`, captured in part or in full (never above the
//! authorised amount, once), refunded only after the capture and only up to it, or voided.

use tahsildar_core::engine::follow_up::{FollowUpKind, FollowUpState};
use tahsildar_core::engine::{capture::capture, reversal};
use tahsildar_core::payments::timeline::{StepKind, StepState};
use tahsildar_core::plan::{PlanKind, ProvisionKind};
use tahsildar_core::{EngineConfig, Error};

use crate::invariants;
use crate::language::assert_one_language;
use crate::world::{APPROVE, APPROVE_MC, SOFT_51, World};

fn captured(w: &World, attempt: i64) -> Option<i64> {
    w.v.vault
        .db()
        .read(|c| {
            Ok(c.query_row(
                "SELECT captured_minor FROM attempts WHERE id = ?1",
                [attempt],
                |r| r.get(0),
            )?)
        })
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_pre_authorisation_waits_for_its_capture_then_refunds_stay_within_it() {
    let w = World::new().await;
    let c = w.v.customer("P-1", &[APPROVE]);
    let payment =
        w.v.plan_as(c, 10_000, PlanKind::OneOff, ProvisionKind::PreAuth);
    let s = w.engine().run(None).await.unwrap();
    assert_eq!(s.approved, 1);
    assert_eq!(w.v.payment_status(payment), "authorized");
    let attempt = w.v.live_attempt(payment);
    let ledger = w.sim.ledger();
    assert_eq!(ledger.len(), 1);
    assert_eq!(ledger[0].txn_code, "1004", "sent as a pre-authorisation");
    let (bank, cfg) = (w.bank(), EngineConfig::fast());

    // An open pre-authorisation cannot be refunded; a capture is bounded by what was authorised.
    let e = reversal::refund(&w.v.admin, &bank, &cfg, attempt, None)
        .await
        .unwrap_err();
    assert!(matches!(e, Error::WrongState { .. }), "{e:?}");
    assert_one_language(&e);
    let e = capture(&w.v.admin, &bank, &cfg, attempt, Some(10_001))
        .await
        .unwrap_err();
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
    assert_eq!(w.sim.ledger().len(), 1, "nothing sent for refused requests");

    // A partial capture.
    let out = capture(&w.v.admin, &bank, &cfg, attempt, Some(7_000))
        .await
        .unwrap();
    assert_eq!((out.state.as_str(), out.amount_minor), ("approved", 7_000));
    assert_eq!(w.v.payment_status(payment), "paid");
    assert_eq!(captured(&w, attempt), Some(7_000));
    let ledger = w.sim.ledger();
    assert_eq!(ledger[0].pre_auth_closed_minor, Some(7_000));
    assert!(
        ledger
            .iter()
            .any(|e| e.txn_code == "1005" && e.amount_minor == 7_000)
    );
    // Once only.
    let e = capture(&w.v.admin, &bank, &cfg, attempt, None)
        .await
        .unwrap_err();
    assert!(matches!(e, Error::WrongState { .. }), "{e:?}");
    assert_one_language(&e);

    // Refunds: up to the captured 70.00, not the authorised 100.00.
    let e = reversal::refund(&w.v.admin, &bank, &cfg, attempt, Some(8_000))
        .await
        .unwrap_err();
    assert!(matches!(e, Error::InvalidInput { .. }), "{e:?}");
    assert_one_language(&e);
    let part = reversal::refund(&w.v.admin, &bank, &cfg, attempt, Some(3_000))
        .await
        .unwrap();
    assert_eq!(part.state.as_str(), "approved");
    assert_eq!(w.v.payment_status(payment), "partially_refunded");
    let rest = reversal::refund(&w.v.admin, &bank, &cfg, attempt, None)
        .await
        .unwrap();
    assert_eq!(
        (rest.state.as_str(), rest.amount_minor),
        ("approved", 4_000)
    );
    assert_eq!(w.v.payment_status(payment), "refunded");
    assert_eq!(w.sim.ledger()[0].refunded_minor, 7_000);
    invariants::check(&w.v.vault, &w.sim.ledger(), true);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_void_releases_a_pre_authorisation_and_a_decline_follows_the_retry_rules() {
    let w = World::new().await;
    let c = w.v.customer("P-2", &[APPROVE_MC]);
    let held =
        w.v.plan_as(c, 2_500, PlanKind::Installment(3), ProvisionKind::PreAuth);
    let c2 = w.v.customer("P-3", &[SOFT_51]);
    let declined =
        w.v.plan_as(c2, 1_500, PlanKind::OneOff, ProvisionKind::PreAuth);
    w.engine().run(None).await.unwrap();
    assert_eq!(w.v.payment_status(held), "authorized");
    assert_eq!(w.v.payment_status(declined), "retry_wait");
    let attempt = w.v.live_attempt(held);
    let out = reversal::void(&w.v.admin, &w.bank(), &EngineConfig::fast(), attempt)
        .await
        .unwrap();
    assert_eq!(out.state.as_str(), "approved");
    assert_eq!(w.v.payment_status(held), "voided");
    let e = capture(&w.v.admin, &w.bank(), &EngineConfig::fast(), attempt, None)
        .await
        .unwrap_err();
    assert!(matches!(e, Error::WrongState { .. }), "{e:?}");
    assert_one_language(&e);
    let pre = w
        .sim
        .ledger()
        .into_iter()
        .find(|e| e.txn_code == "1004" && e.amount_minor == 2_500)
        .unwrap();
    assert_eq!(pre.install_count, 3);
    assert_eq!(pre.status, tahsildar_bank_sim::EntryStatus::Voided);
    invariants::check(&w.v.vault, &w.sim.ledger(), true);
}

#[test]
fn recurring_plans_cannot_be_pre_authorised() {
    let v = crate::world::Vaulted::new();
    let c = v.customer("P-4", &[APPROVE]);
    let start = tahsildar_core::plan::today(v.clock.as_ref());
    let schedule = tahsildar_core::plan::schedule::Schedule::new(
        start,
        "1m".parse().unwrap(),
        tahsildar_core::plan::schedule::PlanEnd::Count(3),
    )
    .unwrap();
    let e = tahsildar_core::plan::create_as(
        &v.admin,
        &tahsildar_core::plan::NewPlan {
            customer_id: c,
            amount_minor: 1_000,
            currency: tahsildar_core::Currency::Try,
            start,
            kind: PlanKind::Recurring(schedule),
            description: None,
        },
        ProvisionKind::PreAuth,
    )
    .unwrap_err();
    assert!(
        matches!(
            e,
            Error::InvalidInput {
                field: "pre_auth",
                ..
            }
        ),
        "{e:?}"
    );
    assert_one_language(&e);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_pre_authorisation_whose_answer_is_lost_is_found_by_inquiry() {
    let w = World::new().await;
    let c = w.v.customer("P-5", &[crate::world::BOOKED_THEN_DROPPED]);
    let payment =
        w.v.plan_as(c, 6_000, PlanKind::OneOff, ProvisionKind::PreAuth);
    let s = w.engine().run(None).await.unwrap();
    assert_eq!(s.approved, 1, "{s:?}");
    assert_eq!(w.v.payment_status(payment), "authorized");
    let attempts = w.v.attempts(payment);
    assert_eq!(attempts.len(), 1);
    assert_eq!(attempts[0].3, 1, "settled without a resend: {attempts:?}");
    let ledger = w.sim.ledger();
    assert_eq!(
        (ledger.len(), ledger[0].txn_code.as_str()),
        (1, "1004"),
        "booked once"
    );
    let out = capture(
        &w.v.admin,
        &w.bank(),
        &EngineConfig::fast(),
        w.v.live_attempt(payment),
        None,
    )
    .await
    .unwrap();
    assert_eq!((out.state.as_str(), out.amount_minor), ("approved", 6_000));
    invariants::check(&w.v.vault, &w.sim.ledger(), true);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_void_of_a_captured_pre_authorisation_voids_the_capture_even_when_its_answer_is_lost() {
    let w = World::new().await;
    let c = w.v.customer("P-9", &[APPROVE]);
    let payment =
        w.v.plan_as(c, 8_000, PlanKind::OneOff, ProvisionKind::PreAuth);
    w.engine().run(None).await.unwrap();
    let attempt = w.v.live_attempt(payment);
    let (bank, cfg) = (w.bank(), EngineConfig::fast());
    capture(&w.v.admin, &bank, &cfg, attempt, Some(6_000))
        .await
        .unwrap();
    assert_eq!(w.v.payment_status(payment), "paid");
    // The void goes out and its answer is lost: the bank voids the post-auth row only.
    w.sim.set_faults(tahsildar_bank_sim::Faults {
        drop_follow_up_reply: 1.0,
        ..tahsildar_bank_sim::Faults::NONE
    });
    let out = reversal::void(&w.v.admin, &bank, &cfg, attempt)
        .await
        .unwrap();
    w.sim.set_faults(tahsildar_bank_sim::Faults::NONE);
    if out.state.as_str() != "approved" {
        w.engine().reconcile(None).await.unwrap();
    }
    assert_eq!(w.v.payment_status(payment), "voided");
    let ledger = w.sim.ledger();
    let pre = ledger.iter().find(|e| e.txn_code == "1004").unwrap();
    let post = ledger.iter().find(|e| e.txn_code == "1005").unwrap();
    assert_eq!(post.status, tahsildar_bank_sim::EntryStatus::Voided);
    assert_eq!(
        pre.status,
        tahsildar_bank_sim::EntryStatus::Approved,
        "the hold stays"
    );
    // What the operator reads: the capture is voided, the hold lapses at the card's bank.
    let detail = tahsildar_core::payments::timeline::detail(&w.v.admin, payment).unwrap();
    let void = detail
        .timeline
        .iter()
        .find(|e| e.kind == StepKind::FollowUp(FollowUpKind::Void))
        .unwrap();
    assert_eq!(void.state, StepState::FollowUp(FollowUpState::Approved));
    assert!(
        void.explanation
            .as_ref()
            .unwrap()
            .tr()
            .contains("provizyon"),
        "{void:?}"
    );
    // The day's report agrees.
    let day = w
        .engine()
        .settle_day(
            w.v.store_id,
            tahsildar_core::plan::today(w.v.clock.as_ref()),
        )
        .await
        .unwrap();
    assert_eq!(
        day.state,
        tahsildar_core::settlement::DayState::Settled,
        "{day:?}"
    );
    invariants::check(&w.v.vault, &w.sim.ledger(), true);
}

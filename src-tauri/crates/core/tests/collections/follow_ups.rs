//! Voids, refunds and captures whose answer is lost are settled by an inquiry of the original
//! order and never sent twice; a void of an attempt whose outcome is unknown waits for it.

use std::time::Duration;

use tahsildar_bank_sim::{EntryStatus, Faults};
use tahsildar_core::engine::{capture::capture, reversal};
use tahsildar_core::plan::{PlanKind, ProvisionKind};
use tahsildar_core::{EngineConfig, Error};

use crate::invariants;
use crate::language::assert_one_language;
use crate::world::{APPROVE, SOFT_51, World};

fn follow_up_state(w: &World, id: i64) -> (String, Option<String>) {
    w.v.vault
        .db()
        .read(|c| {
            Ok(c.query_row(
                "SELECT state, message FROM reversals WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?)
        })
        .unwrap()
}

/// Counts the ledger rows of one kind (the bank's truth: how often it was done).
fn booked(w: &World, txn_code: &str) -> usize {
    w.sim
        .ledger()
        .iter()
        .filter(|e| e.txn_code == txn_code)
        .count()
}

const DROP_ALL: Faults = Faults {
    drop_after_booking: 1.0,
    ..Faults::NONE
};

const FAIL_BEFORE_ALL: Faults = Faults {
    drop_after_booking: 0.0,
    error_5xx_before_booking: 1.0,
    ..DROP_ALL
};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refund_whose_answer_is_lost_is_settled_by_inquiry_on_reconcile() {
    let w = World::new().await;
    let c = w.v.customer("F-1", &[APPROVE]);
    let payment = w.v.one_off(c, 5_000);
    w.engine().run(None).await.unwrap();
    let attempt = w.v.live_attempt(payment);
    let (bank, cfg) = (w.bank(), EngineConfig::fast());

    // Booked by the bank, the connection dropped, and the inquiry right after dropped too.
    w.sim.set_faults(DROP_ALL);
    let out = reversal::refund(&w.v.admin, &bank, &cfg, attempt, Some(2_000))
        .await
        .unwrap();
    assert_eq!(out.state.as_str(), "unknown");
    assert_eq!(w.v.payment_status(payment), "paid", "nothing assumed");
    // Nothing else may be sent for it until it is settled.
    let e = reversal::refund(&w.v.admin, &bank, &cfg, attempt, Some(1_000))
        .await
        .unwrap_err();
    assert!(matches!(e, Error::WrongState { .. }), "{e:?}");
    assert_one_language(&e);
    w.sim.set_faults(Faults::default());

    let s = w.engine().reconcile(None).await.unwrap();
    assert_eq!(s.follow_ups, 1);
    assert_eq!(follow_up_state(&w, out.reversal_id).0, "approved");
    assert_eq!(w.v.payment_status(payment), "partially_refunded");
    assert_eq!(booked(&w, "1002"), 1, "sent once");
    invariants::check(&w.v.vault, &w.sim.ledger(), true);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refund_that_never_reached_the_bank_is_closed_only_by_the_days_report() {
    let mut w = World::new().await;
    let c = w.v.customer("F-2", &[APPROVE]);
    let payment = w.v.one_off(c, 5_000);
    w.engine().run(None).await.unwrap();
    let attempt = w.v.live_attempt(payment);
    let (bank, cfg) = (w.bank(), EngineConfig::fast());

    // HTTP 503 before anything is booked: to the client this is an unknown outcome.
    w.sim.set_faults(FAIL_BEFORE_ALL);
    let out = reversal::refund(&w.v.admin, &bank, &cfg, attempt, None)
        .await
        .unwrap();
    assert_eq!(out.state.as_str(), "unknown");
    w.sim.set_faults(Faults::default());
    // The bank shows no refund, but the request could still arrive: it stays unknown.
    let s = w.engine().reconcile(None).await.unwrap();
    assert_eq!(s.follow_ups, 0);
    assert_eq!(follow_up_state(&w, out.reversal_id).0, "unknown");
    // Past its time limit, the day's history report, which lists no such refund, closes it.
    w.v.advance_days(1);
    let s = w.engine().reconcile(None).await.unwrap();
    assert_eq!(s.follow_ups, 1);
    let (state, message) = follow_up_state(&w, out.reversal_id);
    assert_eq!(state, "declined");
    assert!(
        message
            .unwrap()
            .contains("report of the day does not list it")
    );
    assert_eq!(w.v.payment_status(payment), "paid");
    assert_eq!(booked(&w, "1002"), 0, "never resent by reconciliation");
    // The operator may now ask again.
    let again = reversal::refund(&w.v.admin, &w.bank(), &cfg, attempt, None)
        .await
        .unwrap();
    assert_eq!(again.state.as_str(), "approved");
    assert_eq!(w.v.payment_status(payment), "refunded");
    invariants::check(&w.v.vault, &w.sim.ledger(), true);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn lost_answers_to_a_void_and_a_capture_are_settled_on_start() {
    let w = World::new().await;
    let c = w.v.customer("F-3", &[APPROVE]);
    let sale = w.v.one_off(c, 3_000);
    let held =
        w.v.plan_as(c, 4_000, PlanKind::OneOff, ProvisionKind::PreAuth);
    w.engine().run(None).await.unwrap();
    let (bank, cfg) = (w.bank(), EngineConfig::fast());
    w.sim.set_faults(DROP_ALL);
    let void = reversal::void(&w.v.admin, &bank, &cfg, w.v.live_attempt(sale))
        .await
        .unwrap();
    let cap = capture(&w.v.admin, &bank, &cfg, w.v.live_attempt(held), Some(3_500))
        .await
        .unwrap();
    assert_eq!(
        (void.state.as_str(), cap.state.as_str()),
        ("unknown", "unknown")
    );
    w.sim.set_faults(Faults::default());
    // `run` settles them before it takes new payments.
    let s = w.engine().run(None).await.unwrap();
    assert_eq!(s.follow_ups, 2);
    assert_eq!(w.v.payment_status(sale), "voided");
    assert_eq!(w.v.payment_status(held), "paid");
    assert_eq!(follow_up_state(&w, cap.reversal_id).0, "approved");
    let sale_at_bank = w
        .sim
        .ledger()
        .into_iter()
        .find(|e| e.txn_code == "1000")
        .unwrap();
    assert_eq!(
        (booked(&w, "1005"), sale_at_bank.status),
        (1, EntryStatus::Voided)
    );
    invariants::check(&w.v.vault, &w.sim.ledger(), true);
}

/// An engine that gives up on an unknown attempt after one inquiry (manual review), so the
/// attempt stays unresolved while the bank is unreachable.
fn one_inquiry() -> EngineConfig {
    EngineConfig {
        max_inquiries: 1,
        inquiry_backoff: vec![Duration::from_millis(50)],
        ..EngineConfig::fast()
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_void_of_an_unknown_attempt_waits_for_its_inquiry() {
    let w = World::new().await;
    let approved = w.v.one_off(w.v.customer("U-1", &[APPROVE]), 1_100);
    let declined = w.v.one_off(w.v.customer("U-2", &[SOFT_51]), 1_200);
    let ids = [approved, declined];
    w.sim.set_faults(DROP_ALL);
    let engine = w.engine_with(one_inquiry());
    engine.run(None).await.unwrap();
    drop(engine);
    let (bank, cfg) = (w.bank(), EngineConfig::fast());
    let mut requests = Vec::new();
    for p in ids {
        assert_eq!(w.v.attempts(p)[0].0, "manual_review");
        let out = reversal::void(&w.v.admin, &bank, &cfg, w.v.live_attempt(p))
            .await
            .unwrap();
        assert_eq!(out.state.as_str(), "requested", "recorded, not refused");
        requests.push(out.reversal_id);
    }
    assert_eq!(booked(&w, "1000"), 2);
    w.sim.set_faults(Faults::default());
    w.engine().reconcile(None).await.unwrap();

    // Approved at the bank: the void went out.
    assert_eq!(follow_up_state(&w, requests[0]).0, "approved");
    assert_eq!(w.v.payment_status(approved), "voided");
    // Declined at the bank: nothing to void; the request is closed and nothing is retried.
    let (state, message) = follow_up_state(&w, requests[1]);
    assert_eq!(state, "closed");
    assert!(message.unwrap().contains("nothing to void"));
    assert_eq!(w.v.payment_status(declined), "cancelled");
    assert!(
        w.sim
            .ledger()
            .iter()
            .all(|e| e.amount_minor != 1_100 || e.status == EntryStatus::Voided)
    );
    invariants::check(&w.v.vault, &w.sim.ledger(), true);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_void_of_an_attempt_the_bank_never_received_closes_without_a_resend() {
    let w = World::new().await;
    let payment = w.v.one_off(w.v.customer("U-3", &[APPROVE]), 1_300);
    w.sim.set_faults(FAIL_BEFORE_ALL);
    let engine = w.engine_with(one_inquiry());
    engine.run(None).await.unwrap();
    drop(engine);
    let attempt = w.v.live_attempt(payment);
    let out = reversal::void(&w.v.admin, &w.bank(), &EngineConfig::fast(), attempt)
        .await
        .unwrap();
    assert_eq!(out.state.as_str(), "requested");
    w.sim.set_faults(Faults::default());
    // The bank's first "no such order" is not enough: the void waits.
    w.engine().reconcile(None).await.unwrap();
    assert_eq!(follow_up_state(&w, out.reversal_id).0, "requested");
    assert_eq!(w.v.attempts(payment)[0].0, "manual_review");
    // Asked again after the grace period, the bank confirms: the attempt is withdrawn.
    w.v.clock.advance(jiff::SignedDuration::from_secs(5));
    w.engine().reconcile(None).await.unwrap();
    let (state, message) = follow_up_state(&w, out.reversal_id);
    assert_eq!(state, "closed", "{message:?}");
    assert_eq!(w.v.attempts(payment)[0].0, "withdrawn");
    assert_eq!(w.v.payment_status(payment), "cancelled");
    assert!(w.sim.ledger().is_empty(), "the sale was not sent again");
    // A later run does not take the cancelled payment.
    let s = w.engine().run(None).await.unwrap();
    assert_eq!(s.approved, 0);
    assert!(w.sim.ledger().is_empty());
    invariants::check(&w.v.vault, &w.sim.ledger(), true);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refund_answered_with_an_unlisted_code_is_asked_about_not_read_as_refused() {
    let w = World::new().await;
    let payment = w.v.one_off(w.v.customer("F-9", &[APPROVE]), 6_000);
    w.engine().run(None).await.unwrap();
    let attempt = w.v.live_attempt(payment);
    // The bank refunds, then answers with a code no catalogue knows.
    w.sim.set_faults(Faults {
        unlisted_code_after_booking: 1.0,
        ..Faults::NONE
    });
    let out = reversal::refund(
        &w.v.admin,
        &w.bank(),
        &EngineConfig::fast(),
        attempt,
        Some(1_500),
    )
    .await
    .unwrap();
    w.sim.set_faults(Faults::NONE);
    assert_ne!(out.state.as_str(), "declined", "{out:?}");
    if out.state.as_str() == "unknown" {
        w.engine().reconcile(None).await.unwrap();
    }
    assert_eq!(w.v.payment_status(payment), "partially_refunded");
    assert_eq!(booked(&w, "1002"), 1, "refunded once");
    invariants::check(&w.v.vault, &w.sim.ledger(), true);
}

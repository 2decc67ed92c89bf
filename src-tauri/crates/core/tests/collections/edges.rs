//! The engine's edges: nothing withdrawn by an operator is charged, a not-found answer is
//! believed only twice and after the grace period, retries after days off go out one a day.
//! Days and seconds move on the engine's clock (the simulator reads the same clock).

use std::time::Duration;

use jiff::SignedDuration;
use tahsildar_bank_sim::Faults;
use tahsildar_core::engine::attempt_state::AttemptState;
use tahsildar_core::payments::timeline::StepState;
use tahsildar_core::plan::{PlanStatus, manage};
use tahsildar_core::store::{self, StoreSettings};

use crate::invariants;
use crate::world::{APPROVE, SOFT_51, World};

const REFUSED: Faults = Faults {
    refuse_connections: true,
    ..Faults::NONE
};

/// A payment due today whose attempt never reached the bank (the host refused connections).
async fn not_sent(w: &World, reference: &str) -> (i64, i64) {
    let payment = w.v.one_off(w.v.customer(reference, &[APPROVE]), 2_500);
    w.sim.set_faults(REFUSED.clone());
    let s = w.engine().run(None).await.unwrap();
    assert_eq!(s.unresolved, 1);
    assert_eq!(w.v.attempts(payment)[0].0, "not_sent");
    w.sim.set_faults(Faults::default());
    (payment, plan_of(w, payment))
}

fn plan_of(w: &World, payment: i64) -> i64 {
    w.v.vault
        .db()
        .read(|c| {
            Ok(c.query_row(
                "SELECT plan_id FROM payments WHERE id = ?1",
                [payment],
                |r| r.get(0),
            )?)
        })
        .unwrap()
}

/// The reasons of the audit log's withdrawals, oldest first.
fn withdrawals(w: &World) -> Vec<String> {
    w.v.vault
        .db()
        .read(|c| {
            let mut stmt = c.prepare(
                "SELECT json_extract(detail, '$.reason') FROM audit_log
                 WHERE action = 'provision.withdraw' ORDER BY seq",
            )?;
            let rows = stmt.query_map([], |r| r.get(0))?;
            Ok(rows.collect::<Result<Vec<String>, _>>()?)
        })
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cancelled_plan_is_not_charged_when_its_attempt_never_reached_the_bank() {
    let w = World::new().await;
    let (payment, plan) = not_sent(&w, "W-1").await;
    let info = manage::cancel(&w.v.admin, plan).unwrap();
    assert_eq!(info.status, PlanStatus::Cancelled);
    assert_eq!(w.v.attempts(payment)[0].0, "withdrawn");
    assert_eq!(w.v.payment_status(payment), "cancelled");
    assert_eq!(withdrawals(&w), ["plan_cancelled"]);
    // The bank is back: neither the next run nor reconciliation sends it.
    w.engine().run(None).await.unwrap();
    w.engine().reconcile(None).await.unwrap();
    assert!(w.sim.ledger().is_empty(), "{:?}", w.sim.ledger());
    let detail = tahsildar_core::payments::timeline::detail(&w.v.admin, payment).unwrap();
    let entry = &detail.timeline[0];
    assert_eq!(entry.state, StepState::Attempt(AttemptState::Withdrawn));
    assert!(
        entry
            .explanation
            .as_ref()
            .unwrap()
            .tr()
            .contains("plan iptal edildi")
    );
    invariants::check(&w.v.vault, &w.sim.ledger(), true);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_paused_plan_is_not_charged_until_it_is_resumed_and_then_under_a_new_order_id() {
    let w = World::new().await;
    let (payment, plan) = not_sent(&w, "W-2").await;
    let first_order = w.v.attempts(payment)[0].1.clone();
    manage::pause(&w.v.admin, plan).unwrap();
    assert_eq!(w.v.payment_status(payment), "scheduled");
    w.engine().run(None).await.unwrap();
    assert!(w.sim.ledger().is_empty());
    manage::resume(&w.v.admin, plan).unwrap();
    let s = w.engine().run(None).await.unwrap();
    assert_eq!(s.approved, 1);
    let attempts = w.v.attempts(payment);
    assert_eq!(attempts.len(), 2);
    assert_eq!(attempts[0].0, "withdrawn");
    assert_eq!(attempts[1].0, "approved");
    assert_ne!(attempts[1].1, first_order, "a new attempt, a new order id");
    assert_eq!(w.sim.ledger().len(), 1);
    assert_eq!(withdrawals(&w), ["plan_paused"]);
    invariants::check(&w.v.vault, &w.sim.ledger(), true);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_disabled_store_sends_nothing_and_resumes_once_enabled() {
    let w = World::new().await;
    let (payment, _) = not_sent(&w, "W-3").await;
    let off = StoreSettings {
        enabled: Some(false),
        ..StoreSettings::default()
    };
    store::update(&w.v.admin, w.v.store_id, &off).unwrap();
    assert_eq!(w.v.attempts(payment)[0].0, "withdrawn");
    w.engine().run(None).await.unwrap();
    w.engine().reconcile(None).await.unwrap();
    assert!(w.sim.ledger().is_empty());
    let on = StoreSettings {
        enabled: Some(true),
        ..StoreSettings::default()
    };
    store::update(&w.v.admin, w.v.store_id, &on).unwrap();
    let s = w.engine().run(None).await.unwrap();
    assert_eq!(s.approved, 1);
    assert_eq!(w.v.payment_status(payment), "paid");
    assert_eq!(withdrawals(&w), ["store_disabled"]);
    invariants::check(&w.v.vault, &w.sim.ledger(), true);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_void_of_an_attempt_that_never_reached_the_bank_withdraws_it() {
    let w = World::new().await;
    let (payment, _) = not_sent(&w, "W-4").await;
    let attempt = w.v.attempts(payment);
    assert_eq!(attempt.len(), 1);
    let id = w.v.live_attempt(payment);
    let out = tahsildar_core::engine::reversal::void(
        &w.v.admin,
        &w.bank(),
        &tahsildar_core::EngineConfig::fast(),
        id,
    )
    .await
    .unwrap();
    assert_eq!(out.state.as_str(), "closed");
    assert_eq!(w.v.attempts(payment)[0].0, "withdrawn");
    assert_eq!(w.v.payment_status(payment), "cancelled");
    w.engine().run(None).await.unwrap();
    assert!(w.sim.ledger().is_empty());
    invariants::check(&w.v.vault, &w.sim.ledger(), true);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_not_found_answer_is_believed_only_twice_and_after_the_grace_period() {
    let w = World::new().await;
    let payment = w.v.one_off(w.v.customer("G-1", &[APPROVE]), 3_300);
    // HTTP 503 before anything is booked: to the client the outcome is unknown.
    w.sim.set_faults(Faults {
        error_5xx_before_booking: 1.0,
        ..Faults::default()
    });
    let engine = w.engine();
    let run = tokio::spawn(async move { engine.run(None).await });
    // Once the sale's answer is lost, the bank answers again: the inquiry says "no such order".
    for _ in 0..200 {
        if w.v
            .attempts(payment)
            .first()
            .is_some_and(|a| a.0 == "unknown")
        {
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    w.sim.set_faults(Faults::default());
    let s = run.await.unwrap().unwrap();
    assert_eq!(s.unresolved, 1, "{s:?}");
    let a = &w.v.attempts(payment)[0];
    assert_eq!((a.0.as_str(), a.3), ("unknown", 1), "not sent again: {a:?}");
    assert!(w.sim.ledger().is_empty());
    // Later, past the grace period, a second "no such order": the same order id goes out.
    w.v.clock.advance(SignedDuration::from_secs(5));
    let s = w.engine().reconcile(None).await.unwrap();
    assert_eq!(s.approved, 1, "{s:?}");
    let after = &w.v.attempts(payment)[0];
    assert_eq!((after.0.as_str(), after.3), ("approved", 2));
    assert_eq!(after.1, a.1, "the same order id");
    assert_eq!(w.sim.ledger().len(), 1);
    invariants::check(&w.v.vault, &w.sim.ledger(), true);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn after_days_off_a_soft_declined_card_is_tried_once_a_day() {
    let mut w = World::new().await;
    let payment = w.v.one_off(w.v.customer("R-1", &[SOFT_51, APPROVE]), 4_400);
    w.engine().run(None).await.unwrap();
    assert_eq!(w.v.payment_status(payment), "retry_wait");
    // The office was closed for ten days: the retries due on days 1, 3 and 7 are late.
    w.v.advance_days(10);
    w.engine().run(None).await.unwrap();
    let on_soft_card = |w: &World| {
        w.sim
            .ledger()
            .iter()
            .filter(|e| e.masked_pan.ends_with("9995"))
            .count()
    };
    assert_eq!(
        on_soft_card(&w),
        2,
        "one authorisation on the day back, not three"
    );
    assert_eq!(w.v.payment_status(payment), "retry_wait");
    let next: String =
        w.v.vault
            .db()
            .read(|c| {
                Ok(c.query_row(
                    "SELECT next_try_on FROM payments WHERE id = ?1",
                    [payment],
                    |r| r.get(0),
                )?)
            })
            .unwrap();
    let tomorrow = tahsildar_core::plan::today(w.v.clock.as_ref())
        .tomorrow()
        .unwrap();
    assert_eq!(next, tomorrow.to_string());
    // Day by day: the last retry, then the alternate card the same day.
    w.v.advance_days(1);
    w.engine().run(None).await.unwrap();
    assert_eq!(on_soft_card(&w), 3);
    w.v.advance_days(1);
    w.engine().run(None).await.unwrap();
    assert_eq!(on_soft_card(&w), 4);
    assert_eq!(
        w.v.payment_status(payment),
        "paid",
        "{:?}",
        w.v.attempts(payment)
    );
    invariants::check(&w.v.vault, &w.sim.ledger(), true);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unlisted_code_after_booking_is_asked_about_not_charged_again() {
    let mut w = World::new().await;
    let payment = w.v.one_off(w.v.customer("U-1", &[APPROVE]), 5_500);
    w.sim.set_faults(Faults {
        unlisted_code_after_booking: 1.0,
        ..Faults::NONE
    });
    let s = w.engine().run(None).await.unwrap();
    assert_eq!(s.approved, 1, "the inquiry finds the booking: {s:?}");
    w.sim.set_faults(Faults::NONE);
    // Days later nothing is retried: it was one charge.
    w.v.advance_days(3);
    w.engine().run(None).await.unwrap();
    assert_eq!(w.sim.ledger().len(), 1);
    assert_eq!(w.v.payment_status(payment), "paid");
    let a = &w.v.attempts(payment);
    assert_eq!(a.len(), 1);
    invariants::check(&w.v.vault, &w.sim.ledger(), true);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_host_that_holds_the_id_but_never_books_ends_in_manual_review_and_an_operator_closes_it()
{
    let mut w = World::new().await;
    let payment = w.v.one_off(w.v.customer("H-1", &[APPROVE]), 6_600);
    w.sim.set_faults(Faults {
        hold_without_record: 1.0,
        ..Faults::NONE
    });
    let engine = w.engine();
    engine.run(None).await.unwrap();
    // Not found, not found again after the grace period, sent again: VPS-1013 on our own id,
    // and the inquiry still says not found. The sends are bounded.
    for _ in 0..8 {
        w.v.clock.advance(SignedDuration::from_secs(5));
        engine.reconcile(None).await.unwrap();
    }
    let a = &w.v.attempts(payment)[0];
    assert_eq!(a.0, "manual_review", "{a:?}");
    assert!(a.3 <= 3, "at most three sends: {a:?}");
    assert!(w.sim.ledger().iter().all(|e| !e.is_charge()));
    // The bank said twice since the last send, after the grace period, that it has no such
    // order: the operator, who sees that, asks once more and closes it as not charged.
    let id = w.v.live_attempt(payment);
    let review = tahsildar_core::engine::review::review_state(&w.v.admin, id).unwrap();
    assert!(review.not_found_confirmed && review.can_close, "{review:?}");
    assert!(review.reason.unwrap().contains("3 sends"));
    let asked = engine.ask_bank(&w.v.admin, id).await.unwrap();
    assert!(asked.can_close, "{asked:?}");
    let closed = engine.close_not_charged(&w.v.admin, id).unwrap();
    assert_eq!(
        closed.state,
        tahsildar_core::engine::attempt_state::AttemptState::Withdrawn
    );
    assert_eq!(w.v.payment_status(payment), "scheduled");
    // The payment goes on under a new order id once the host books again.
    w.sim.set_faults(Faults::NONE);
    drop(engine);
    w.v.advance_days(1);
    let s = w.engine().run(None).await.unwrap();
    assert_eq!(s.approved, 1, "{s:?}");
    let attempts = w.v.attempts(payment);
    assert_eq!(attempts.len(), 2);
    assert_ne!(attempts[0].1, attempts[1].1);
    invariants::check(&w.v.vault, &w.sim.ledger(), true);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_operator_may_send_the_same_order_id_again_once_the_bank_confirms_it_has_none() {
    let w = World::new().await;
    let payment = w.v.one_off(w.v.customer("H-2", &[APPROVE]), 7_700);
    // Every answer lost, every inquiry lost: manual review after the inquiries run out.
    w.sim.set_faults(Faults {
        error_5xx_before_booking: 1.0,
        ..Faults::NONE
    });
    let engine = w.engine();
    engine.run(None).await.unwrap();
    let id = w.v.live_attempt(payment);
    assert_eq!(w.v.attempts(payment)[0].0, "manual_review");
    w.sim.set_faults(Faults::NONE);
    let err = engine.send_again(&w.v.admin, id).await.unwrap_err();
    assert_eq!(
        err.code(),
        "wrong_state",
        "not before the bank confirmed twice"
    );
    engine.ask_bank(&w.v.admin, id).await.unwrap();
    w.v.clock.advance(SignedDuration::from_secs(5));
    let s = engine.ask_bank(&w.v.admin, id).await.unwrap();
    assert!(s.can_send_again, "{s:?}");
    let s = engine.send_again(&w.v.admin, id).await.unwrap();
    assert_eq!(
        s.state,
        tahsildar_core::engine::attempt_state::AttemptState::Approved
    );
    assert_eq!(w.v.payment_status(payment), "paid");
    assert_eq!(w.sim.ledger().len(), 1);
    let audit: i64 =
        w.v.vault
            .db()
            .read(|c| {
                Ok(c.query_row(
                    "SELECT count(*) FROM audit_log WHERE action = 'provision.review'",
                    [],
                    |r| r.get(0),
                )?)
            })
            .unwrap();
    assert_eq!(audit, 3, "two questions and the decision");
    invariants::check(&w.v.vault, &w.sim.ledger(), true);
}

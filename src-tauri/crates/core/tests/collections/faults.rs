//! The simulator's faults, one by one, each followed by the invariants against the ledger.

use std::time::Duration;

use tahsildar_bank_sim::Faults;

use crate::invariants;
use crate::world::{APPROVE, BOOKED_THEN_DROPPED, World};

/// `n` customers with one approving card and a payment due today each.
fn due_payments(w: &World, n: usize) -> Vec<i64> {
    (0..n)
        .map(|i| {
            let c = w.v.customer(&format!("F-{i}"), &[APPROVE]);
            w.v.one_off(c, 1_000 + i as i64)
        })
        .collect()
}

fn all_paid(w: &World, ids: &[i64]) {
    for id in ids {
        assert_eq!(
            w.v.payment_status(*id),
            "paid",
            "payment {id}: {:?}",
            w.v.attempts(*id)
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn host_down_leaves_not_sent_and_the_next_run_sends_the_same_order_id() {
    let w = World::new().await;
    let ids = due_payments(&w, 2);
    w.sim.set_faults(Faults {
        refuse_connections: true,
        ..Faults::default()
    });
    let engine = w.engine();
    let s = engine.run(None).await.unwrap();
    assert_eq!(s.unresolved, 2);
    let before = w.v.attempts(ids[0]);
    assert_eq!(before.len(), 1);
    assert_eq!(before[0].0, "not_sent");
    assert!(w.sim.ledger().is_empty());
    invariants::check(&w.v.vault, &w.sim.ledger(), false);
    w.sim.set_faults(Faults::default());
    let s = engine.run(None).await.unwrap();
    assert_eq!(s.approved, 2);
    all_paid(&w, &ids);
    let after = w.v.attempts(ids[0]);
    assert_eq!(after.len(), 1);
    assert_eq!(after[0].1, before[0].1, "the same order id is resent");
    invariants::check(&w.v.vault, &w.sim.ledger(), true);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_delay_past_the_client_timeout_is_resolved_by_inquiry_without_a_second_charge() {
    let w = World::new().await;
    let ids = due_payments(&w, 1);
    // The host books, then answers after 2.5 s; the client gives up after 2 s.
    w.sim.set_faults(Faults {
        latency_ms: 2_500,
        ..Faults::default()
    });
    let engine = w.engine();
    let run = tokio::spawn(async move { engine.run(None).await });
    tokio::time::sleep(Duration::from_millis(2_100)).await;
    w.sim.set_faults(Faults::default());
    let s = run.await.unwrap().unwrap();
    assert_eq!(s.approved, 1);
    all_paid(&w, &ids);
    let a = &w.v.attempts(ids[0])[0];
    assert_eq!(a.3, 1, "sent once, then resolved by inquiry");
    assert_eq!(w.sim.ledger().len(), 1);
    invariants::check(&w.v.vault, &w.sim.ledger(), true);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn booked_then_dropped_is_found_by_inquiry() {
    let w = World::new().await;
    let c = w.v.customer("F-drop", &[BOOKED_THEN_DROPPED]);
    let p = w.v.one_off(c, 4_200);
    let s = w.engine().run(None).await.unwrap();
    assert_eq!(s.approved, 1);
    assert_eq!(w.v.payment_status(p), "paid");
    assert_eq!(w.v.attempts(p).len(), 1);
    invariants::check(&w.v.vault, &w.sim.ledger(), true);
}

/// Runs `n` payments under `faults` (random per request, seeded), then again with the host
/// healthy, and checks that every payment ended once: paid, or in manual review with a reason.
async fn under(faults: Faults, n: usize) -> World {
    let w = World::new().await;
    let ids = due_payments(&w, n);
    w.sim.set_faults(faults);
    let engine = w.engine();
    engine.run(None).await.unwrap();
    w.sim.set_faults(Faults::default());
    engine.reconcile(None).await.unwrap();
    engine.run(None).await.unwrap();
    for id in &ids {
        let status = w.v.payment_status(*id);
        assert!(
            status == "paid" || status == "attention",
            "payment {id}: {status}"
        );
    }
    invariants::check(&w.v.vault, &w.sim.ledger(), true);
    w
}

fn unknowns(w: &World) -> i64 {
    w.v.vault
        .db()
        .read(|c| {
            Ok(c.query_row(
                "SELECT count(*) FROM attempts WHERE inquiries > 0 OR sends > 1 OR review_reason IS NOT NULL",
                [],
                |r| r.get(0),
            )?)
        })
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn http_5xx_before_and_after_booking() {
    let w = under(
        Faults {
            error_5xx_after_booking: 0.3,
            error_5xx_before_booking: 0.2,
            ..Faults::default()
        },
        12,
    )
    .await;
    assert!(unknowns(&w) > 0, "the faults were met");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn malformed_bodies_after_booking() {
    let w = under(
        Faults {
            malformed_after_booking: 0.4,
            ..Faults::default()
        },
        12,
    )
    .await;
    assert!(unknowns(&w) > 0, "the faults were met");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn throttling_with_retry_after_resends_the_same_order_id() {
    let w = under(
        Faults {
            throttle_429: 0.4,
            retry_after_secs: 1,
            ..Faults::default()
        },
        8,
    )
    .await;
    let resent: i64 =
        w.v.vault
            .db()
            .read(|c| {
                Ok(
                    c.query_row("SELECT count(*) FROM attempts WHERE sends > 1", [], |r| {
                        r.get(0)
                    })?,
                )
            })
            .unwrap();
    assert!(resent > 0, "some order ids were sent again");
    let charges = w.sim.ledger().iter().filter(|e| e.is_charge()).count();
    assert_eq!(charges, 8);
}

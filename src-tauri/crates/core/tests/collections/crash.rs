//! An engine that stops mid-send (its run dropped while requests are on the wire) leaves
//! attempts `in_flight`; the next engine turns them `unknown` and reconciles them first.

use std::time::Duration;

use tahsildar_bank_sim::Faults;

use crate::invariants;
use crate::world::{APPROVE, World};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn attempts_left_in_flight_are_reconciled_by_the_next_engine() {
    let w = World::new().await;
    let ids: Vec<i64> = (0..3)
        .map(|i| {
            let c = w.v.customer(&format!("K-{i}"), &[APPROVE]);
            w.v.one_off(c, 2_000)
        })
        .collect();
    w.sim.set_faults(Faults {
        latency_ms: 800,
        ..Faults::default()
    });
    let engine = w.engine();
    let run = tokio::spawn({
        let engine = engine.clone();
        async move { engine.run(None).await }
    });
    tokio::time::sleep(Duration::from_millis(400)).await;
    run.abort();
    let _ = run.await;
    drop(engine);
    let in_flight: i64 =
        w.v.vault
            .db()
            .read(|c| {
                Ok(c.query_row(
                    "SELECT count(*) FROM attempts WHERE state = 'in_flight'",
                    [],
                    |r| r.get(0),
                )?)
            })
            .unwrap();
    assert_eq!(in_flight, 3, "written ahead before sending");
    tokio::time::sleep(Duration::from_millis(600)).await;
    w.sim.set_faults(Faults::default());
    let next = w.engine();
    let reconciled = next.reconcile(None).await.unwrap();
    assert_eq!(reconciled.recovered_in_flight, 3);
    assert_eq!(reconciled.approved, 3);
    for id in &ids {
        assert_eq!(w.v.payment_status(*id), "paid");
        assert_eq!(w.v.attempts(*id).len(), 1);
    }
    assert_eq!(w.sim.ledger().len(), 3, "booked once each");
    invariants::check(&w.v.vault, &w.sim.ledger(), true);
}

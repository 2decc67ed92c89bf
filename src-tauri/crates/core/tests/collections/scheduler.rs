//! The scheduler task: it catches up at once on start when the run time has passed, runs on
//! demand, and reports pause and progress.

use std::time::Duration;

use tahsildar_core::engine::scheduler::{self, SchedulerCommand};

use crate::world::{APPROVE, World};

async fn wait_for(w: &World, payment_id: i64, status: &str) {
    for _ in 0..100 {
        if w.v.payment_status(payment_id) == status {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!(
        "payment {payment_id} never became {status}: {}",
        w.v.payment_status(payment_id)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_scheduler_runs_what_is_due_on_start_and_on_demand_and_can_be_paused() {
    let w = World::new().await;
    let c = w.v.customer("S-1", &[APPROVE]);
    let first = w.v.one_off(c, 1_000);
    // 10:00 in Istanbul, the store's run time: the first look at the clock runs the store.
    let handle = scheduler::spawn(w.engine());
    wait_for(&w, first, "paid").await;
    let mut progress = handle.progress();
    handle.send(SchedulerCommand::Pause).await;
    progress.wait_for(|p| p.paused).await.unwrap();
    // A payment added later today waits for a run on demand (the store already ran today).
    let second = w.v.one_off(c, 2_000);
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(w.v.payment_status(second), "scheduled");
    handle.send(SchedulerCommand::RunNow(None)).await;
    wait_for(&w, second, "paid").await;
    let p = progress.borrow().clone();
    assert!(p.paused && p.done >= 1 && !p.active, "{p:?}");
    handle.send(SchedulerCommand::Resume).await;
    progress.wait_for(|p| !p.paused).await.unwrap();
    handle.stop().await;
    assert_eq!(w.sim.ledger().len(), 2);
}

//! Installment sales are voided and refunded like single sales: against the sale's order id,
//! a refund in full or in part (PROTOCOL.md section 3.5 sets no rule of its own for them).

use tahsildar_bank_sim::EntryStatus;
use tahsildar_core::EngineConfig;
use tahsildar_core::engine::reversal;
use tahsildar_core::plan::{PlanKind, ProvisionKind};

use crate::invariants;
use crate::world::{APPROVE, APPROVE_MC, World};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn installment_sales_are_voided_and_refunded_in_part_and_in_full() {
    let w = World::new().await;
    let voided = w.v.plan_as(
        w.v.customer("T-1", &[APPROVE]),
        12_000,
        PlanKind::Installment(3),
        ProvisionKind::Sale,
    );
    let refunded = w.v.plan_as(
        w.v.customer("T-2", &[APPROVE_MC]),
        90_000,
        PlanKind::Installment(6),
        ProvisionKind::Sale,
    );
    let s = w.engine().run(None).await.unwrap();
    assert_eq!(s.approved, 2);
    let at_bank = |amount: i64| {
        w.sim
            .ledger()
            .into_iter()
            .find(|e| e.txn_code == "1000" && e.amount_minor == amount)
            .unwrap()
    };
    assert_eq!(at_bank(12_000).install_count, 3);
    assert_eq!(at_bank(90_000).install_count, 6);
    let (bank, cfg) = (w.bank(), EngineConfig::fast());

    let out = reversal::void(&w.v.admin, &bank, &cfg, w.v.live_attempt(voided))
        .await
        .unwrap();
    assert_eq!(out.state.as_str(), "approved");
    assert_eq!(w.v.payment_status(voided), "voided");
    assert_eq!(at_bank(12_000).status, EntryStatus::Voided);

    let attempt = w.v.live_attempt(refunded);
    let part = reversal::refund(&w.v.admin, &bank, &cfg, attempt, Some(15_000))
        .await
        .unwrap();
    assert_eq!(
        (part.state.as_str(), part.amount_minor),
        ("approved", 15_000)
    );
    assert_eq!(w.v.payment_status(refunded), "partially_refunded");
    let rest = reversal::refund(&w.v.admin, &bank, &cfg, attempt, None)
        .await
        .unwrap();
    assert_eq!(
        (rest.state.as_str(), rest.amount_minor),
        ("approved", 75_000)
    );
    assert_eq!(w.v.payment_status(refunded), "refunded");
    assert_eq!(at_bank(90_000).refunded_minor, 90_000);
    invariants::check(&w.v.vault, &w.sim.ledger(), true);
}

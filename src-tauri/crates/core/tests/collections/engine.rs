//! The runner against the simulator: approvals, the retry policy, alternate cards, the lock.

use tahsildar_core::payments;

use crate::invariants;
use crate::world::{APPROVE, APPROVE_MC, HARD_54, SOFT_51, World};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_due_payment_is_charged_once_with_the_bank_codes_recorded() {
    let w = World::new().await;
    let c = w.v.customer("A-1", &[APPROVE]);
    let paid = w.v.one_off(c, 123_450);
    let engine = w.engine();
    let summary = engine.run(None).await.unwrap();
    assert_eq!((summary.payments, summary.approved), (1, 1));
    assert_eq!(w.v.payment_status(paid), "paid");
    let row = payments::get(&w.v.admin, paid).unwrap();
    assert_eq!(row.amount, "1234.50");
    assert_eq!(row.vps_code.as_deref(), Some("VPS-0000"));
    assert_eq!(row.masked_pan.as_deref(), Some("435509******5232"));
    assert_eq!(row.attempts, 1);
    // A second run finds nothing due and sends nothing.
    let again = engine.run(None).await.unwrap();
    assert_eq!(again.payments, 0);
    let ledger = w.sim.ledger();
    assert_eq!(ledger.len(), 1);
    assert_eq!(ledger[0].order_id, row.order_id);
    assert_eq!(ledger[0].amount_minor, 123_450);
    invariants::check(&w.v.vault, &ledger, true);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn soft_declines_retry_on_the_schedule_then_the_alternate_card_then_attention() {
    let mut w = World::new().await;
    let c = w.v.customer("A-2", &[SOFT_51, HARD_54]);
    let p = w.v.one_off(c, 10_000);
    let engine = w.engine();
    engine.run(None).await.unwrap();
    assert_eq!(w.v.payment_status(p), "retry_wait");
    // Not due again before +1 day.
    assert_eq!(engine.run(None).await.unwrap().payments, 0);
    // +1, +3, +7 days from the first decline: three retries on the same card.
    // After the fourth decline the alternate card is tried at once, and declined (hard).
    for (advance, expect) in [(1, "retry_wait"), (2, "retry_wait"), (4, "attention")] {
        w.v.advance_days(advance);
        let s = engine.run(None).await.unwrap();
        assert_eq!(s.payments, 1, "after {advance} more days");
        assert_eq!(w.v.payment_status(p), expect);
    }
    let attempts = w.v.attempts(p);
    let cards: Vec<&str> = attempts.iter().map(|a| a.2.as_str()).collect();
    assert_eq!(
        cards,
        ["400000******9995"; 4]
            .iter()
            .copied()
            .chain(["400000******0069"])
            .collect::<Vec<_>>()
    );
    assert!(attempts.iter().all(|a| a.0 == "declined"));
    let queue = payments::attention(&w.v.admin, None).unwrap();
    assert_eq!(queue.len(), 1);
    assert!(
        queue[0]
            .attention
            .as_deref()
            .unwrap()
            .contains("every card")
    );
    invariants::check(&w.v.vault, &w.sim.ledger(), true);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hard_decline_moves_to_the_alternate_card_in_the_same_run() {
    let w = World::new().await;
    let c = w.v.customer("A-3", &[HARD_54, APPROVE_MC]);
    let p = w.v.one_off(c, 5_000);
    let future = {
        let info = tahsildar_core::plan::create(
            &w.v.admin,
            &tahsildar_core::plan::NewPlan {
                customer_id: c,
                amount_minor: 7_000,
                currency: tahsildar_core::Currency::Try,
                start: jiff::civil::date(2026, 12, 1),
                kind: tahsildar_core::plan::PlanKind::OneOff,
                description: None,
            },
        )
        .unwrap();
        info.payments[0].id
    };
    let s = w.engine().run(None).await.unwrap();
    assert_eq!((s.payments, s.approved), (1, 1));
    assert_eq!(w.v.payment_status(p), "paid");
    assert_eq!(w.v.payment_status(future), "scheduled");
    let states: Vec<(String, String)> = w.v.attempts(p).into_iter().map(|a| (a.0, a.2)).collect();
    assert_eq!(
        states,
        [
            ("declined".to_string(), "400000******0069".to_string()),
            ("approved".into(), "521807******2834".into())
        ]
    );
    invariants::check(&w.v.vault, &w.sim.ledger(), true);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_second_engine_on_the_same_database_is_refused() {
    let w = World::new().await;
    let first = w.engine();
    let second = tahsildar_core::Engine::start(
        w.v.vault.clone(),
        tahsildar_core::BankDirectory::default(),
        tahsildar_core::EngineConfig::fast(),
        tahsildar_core::EngineActor::scheduler(),
    )
    .unwrap_err();
    assert_eq!(second.code(), "engine_busy");
    assert!(
        second
            .message(tahsildar_core::Lang::En)
            .contains("already runs")
    );
    drop(first);
    w.engine();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_store_retries_on_its_own_schedule_and_refuses_one_beyond_the_schemes_rules() {
    use tahsildar_core::engine::retry_policy::RetryPolicy;
    use tahsildar_core::store::{self, StoreSettings};
    let mut w = World::new().await;
    let days = |soft_retry_days: Vec<u16>| StoreSettings {
        soft_retry_days: Some(RetryPolicy { soft_retry_days }),
        ..StoreSettings::default()
    };
    // Twice on one day breaks the schemes' rules: refused, naming the setting.
    let refused = store::update(&w.v.admin, w.v.store_id, &days(vec![2, 2])).unwrap_err();
    assert!(
        refused
            .message(tahsildar_core::Lang::Tr)
            .contains("Yeniden deneme günleri her biri bir öncekinden sonraki bir güne düşmeli"),
        "{refused:?}"
    );
    assert!(
        refused
            .message(tahsildar_core::Lang::En)
            .contains("The retry days must each fall on a later day than the one before"),
        "{refused:?}"
    );
    let saved = store::update(&w.v.admin, w.v.store_id, &days(vec![2])).unwrap();
    assert_eq!(saved.soft_retry_days, vec![2]);

    let c = w.v.customer("A-9", &[SOFT_51, HARD_54]);
    let p = w.v.one_off(c, 10_000);
    let engine = w.engine();
    engine.run(None).await.unwrap();
    assert_eq!(w.v.payment_status(p), "retry_wait");
    // Not on day 1 (the default schedule's first retry), but on day 2; then its schedule is
    // spent and the alternate card is tried at once.
    w.v.advance_days(1);
    assert_eq!(engine.run(None).await.unwrap().payments, 0);
    w.v.advance_days(1);
    assert_eq!(engine.run(None).await.unwrap().payments, 1);
    assert_eq!(w.v.payment_status(p), "attention");
    assert_eq!(w.v.attempts(p).len(), 3);
    invariants::check(&w.v.vault, &w.sim.ledger(), true);
}

/// A run is shown as going on until its day has been matched against the bank's report, so
/// that what its end tells (the window, the tray's notification) includes what that found.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_run_ends_after_its_settlement() {
    let w = World::new().await;
    let c = w.v.customer("1001", &[APPROVE]);
    w.v.one_off(c, 10_000);
    let engine = w.engine();
    let mut progress = engine.progress();
    let run = tokio::spawn({
        let engine = engine.clone();
        async move { engine.run(None).await }
    });
    let settled_days = || -> i64 {
        w.v.vault
            .db()
            .read(|c| {
                Ok(c.query_row(
                    "SELECT count(*) FROM audit_log WHERE action = 'settlement.day'",
                    [],
                    |r| r.get(0),
                )?)
            })
            .unwrap()
    };
    let mut seen_active = false;
    loop {
        progress.changed().await.unwrap();
        let now = progress.borrow_and_update().clone();
        seen_active |= now.active;
        if seen_active && !now.active {
            assert_eq!(now.done, 1);
            assert!(settled_days() > 0, "the run ended before its settlement");
            break;
        }
    }
    run.await.unwrap().unwrap();
}

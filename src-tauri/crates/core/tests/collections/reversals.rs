//! Voids, refunds (never above what was captured) and "retry with another card".

use tahsildar_core::engine::reversal;
use tahsildar_core::payments::retry::retry_with_card;
use tahsildar_core::{BankDirectory, EngineConfig, Error, customer};

use crate::invariants;
use crate::language::assert_one_language;
use crate::world::{APPROVE, APPROVE_MC, HARD_54, World, card};

fn approved_attempt(w: &World, payment_id: i64) -> i64 {
    w.v.vault
        .db()
        .read(|c| {
            Ok(c.query_row(
                "SELECT id FROM attempts WHERE payment_id = ?1 AND state = 'approved'",
                [payment_id],
                |r| r.get(0),
            )?)
        })
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn void_and_refunds_up_to_the_captured_amount() {
    let w = World::new().await;
    let c = w.v.customer("V-1", &[APPROVE]);
    let voided = w.v.one_off(c, 1_000);
    let c2 = w.v.customer("V-2", &[APPROVE_MC]);
    let refunded = w.v.one_off(c2, 1_000);
    w.engine().run(None).await.unwrap();
    let bank = BankDirectory::new(Some(w.sim.base_url()));
    let cfg = EngineConfig::fast();

    let a = approved_attempt(&w, voided);
    let out = reversal::void(&w.v.admin, &bank, &cfg, a).await.unwrap();
    assert_eq!(out.state.as_str(), "approved");
    assert_eq!(w.v.payment_status(voided), "voided");
    let again = reversal::void(&w.v.admin, &bank, &cfg, a)
        .await
        .unwrap_err();
    assert!(matches!(again, Error::WrongState { .. }));
    assert_one_language(&again);

    let a = approved_attempt(&w, refunded);
    let part = reversal::refund(&w.v.admin, &bank, &cfg, a, Some(300))
        .await
        .unwrap();
    assert_eq!((part.state.as_str(), part.amount_minor), ("approved", 300));
    assert_eq!(w.v.payment_status(refunded), "partially_refunded");
    let too_much = reversal::refund(&w.v.admin, &bank, &cfg, a, Some(800))
        .await
        .unwrap_err();
    assert!(matches!(
        too_much,
        Error::InvalidInput {
            field: "amount",
            ..
        }
    ));
    assert_one_language(&too_much);
    let rest = reversal::refund(&w.v.admin, &bank, &cfg, a, None)
        .await
        .unwrap();
    assert_eq!(rest.amount_minor, 700);
    assert_eq!(w.v.payment_status(refunded), "refunded");
    let ledger = w.sim.ledger();
    let sale = ledger
        .iter()
        .find(|e| e.txn_code == "1000" && e.amount_minor == 1_000 && e.refunded_minor > 0);
    assert_eq!(sale.map(|e| e.refunded_minor), Some(1_000));
    invariants::check(&w.v.vault, &ledger, true);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn retry_with_another_card_completes_the_payment() {
    let w = World::new().await;
    let c = w.v.customer("V-3", &[HARD_54]);
    let once = w.v.one_off(c, 2_500);
    let kept = w.v.one_off(c, 3_500);
    let engine = w.engine();
    engine.run(None).await.unwrap();
    assert_eq!(w.v.payment_status(once), "attention");
    // For this payment only: the customer's cards stay as they were.
    let info = retry_with_card(&w.v.admin, once, &card(APPROVE, false), false).unwrap();
    assert_eq!(info.masked_pan, "435509******5232");
    let cards = |w: &World| -> Vec<String> {
        customer::get(&w.v.admin, c)
            .unwrap()
            .cards
            .into_iter()
            .map(|k| k.masked_pan)
            .collect()
    };
    assert_eq!(cards(&w), ["400000******0069"]);
    // Kept on file: it becomes the primary card.
    retry_with_card(&w.v.admin, kept, &card(APPROVE_MC, false), true).unwrap();
    assert_eq!(cards(&w), ["521807******2834", "400000******0069"]);
    let s = engine.run(None).await.unwrap();
    assert_eq!(s.approved, 2);
    assert_eq!(w.v.payment_status(once), "paid");
    assert_eq!(w.v.payment_status(kept), "paid");
    let paid_with: Vec<String> = w.v.attempts(once).into_iter().map(|a| a.2).collect();
    assert_eq!(paid_with, ["400000******0069", "435509******5232"]);
    // A paid payment cannot get another card.
    let e = retry_with_card(&w.v.admin, once, &card(APPROVE_MC, false), false).unwrap_err();
    assert!(matches!(e, Error::WrongState { .. }));
    assert_one_language(&e);
    invariants::check(&w.v.vault, &w.sim.ledger(), true);
}

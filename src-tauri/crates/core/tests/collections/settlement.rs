//! Daily settlement against the simulator's history report: a day of runs with the faults on
//! settles once everything is answered; what differs is kept until it agrees or is resolved; a
//! lost refund is settled by the report; a restored vault writes back what the bank booked after
//! its backup and charges nothing twice.

use std::sync::Arc;

use jiff::SignedDuration;
use secrecy::SecretString;
use tahsildar_akbank::{Client, ClientConfig, Credentials, Money, SaleRequest};
use tahsildar_bank_sim::Faults;
use tahsildar_core::engine::{reversal, review};
use tahsildar_core::settlement::{self, DayState, DifferenceKind};
use tahsildar_core::store::{self, StoreSettings};
use tahsildar_core::vault::backup;
use tahsildar_core::{
    Auth, BankDirectory, DataDir, Engine, EngineActor, EngineConfig, KdfParams, Origin, Protection,
    RestoreBy, RestoreOptions,
};

use crate::invariants;
use crate::world::{APPROVE, APPROVE_MC, World, secret};

fn today(w: &World) -> jiff::civil::Date {
    tahsildar_core::plan::today(w.v.clock.as_ref())
}

/// Asks until nothing is open here, moving the clock past the grace periods between tries;
/// what is left in manual review the operator closes (the bank confirmed it has nothing) or
/// voids (suspicious).
async fn answer_everything(w: &World, engine: &Engine) {
    for _ in 0..6 {
        w.v.clock.advance(SignedDuration::from_secs(20));
        engine.reconcile(None).await.unwrap();
        let open: Vec<(i64, String, bool)> =
            w.v.vault
                .db()
                .read(|c| {
                    let mut stmt = c.prepare(
                        "SELECT id, state, suspicious FROM attempts
                     WHERE state NOT IN ('approved', 'declined', 'withdrawn')",
                    )?;
                    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
                    Ok(rows.collect::<Result<Vec<_>, _>>()?)
                })
                .unwrap();
        if open.is_empty() {
            return;
        }
        for (id, state, suspicious) in open {
            if state != "manual_review" {
                continue;
            }
            if suspicious {
                reversal::void(&w.v.admin, &w.bank(), &EngineConfig::fast(), id)
                    .await
                    .unwrap();
                continue;
            }
            let s = engine.ask_bank(&w.v.admin, id).await.unwrap();
            if s.can_close {
                engine.close_not_charged(&w.v.admin, id).unwrap();
            }
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_day_of_runs_with_every_fault_switched_on_settles_against_the_report() {
    let w = World::new().await;
    let ids: Vec<i64> = (0..24)
        .map(|i| {
            let c = w.v.customer(&format!("S-{i}"), &[APPROVE, APPROVE_MC]);
            w.v.one_off(c, 1_000 + i)
        })
        .collect();
    w.sim.set_faults(Faults {
        drop_after_booking: 0.1,
        error_5xx_before_booking: 0.1,
        error_5xx_after_booking: 0.1,
        malformed_after_booking: 0.05,
        suspicious_after_booking: 0.05,
        throttle_429: 0.05,
        retry_after_secs: 1,
        hold_without_record: 0.05,
        unlisted_code_after_booking: 0.1,
        technical_reversal_after_booking: 0.05,
        drop_follow_up_reply: 0.3,
        inquiry_omits_refunds: true,
        ..Faults::NONE
    });
    let engine = w.engine();
    engine.run(None).await.unwrap();
    // Refunds of some of what was charged, with their answers lost now and then.
    for id in ids.iter().take(6) {
        let charged = w.v.attempts(*id).iter().any(|a| a.0 == "approved");
        if charged {
            let attempt = w.v.live_attempt(*id);
            let _ = reversal::refund(
                &w.v.admin,
                &w.bank(),
                &EngineConfig::fast(),
                attempt,
                Some(100),
            )
            .await;
        }
    }
    w.sim.set_faults(Faults {
        inquiry_omits_refunds: true,
        ..Faults::NONE
    });
    answer_everything(&w, &engine).await;
    // What the technical reversals and withdrawn attempts left uncollected goes out again.
    engine.run(None).await.unwrap();
    answer_everything(&w, &engine).await;
    let report = engine.settle_pending(None).await.unwrap();
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    let day = settlement::days(&w.v.admin, Some(w.v.store_id), None).unwrap();
    let todays = day.iter().find(|d| d.day == today(&w).to_string()).unwrap();
    let differences = settlement::differences(&w.v.admin, Some(w.v.store_id), None).unwrap();
    assert_eq!(
        todays.state,
        DayState::Settled,
        "{todays:?} {differences:?}"
    );
    assert!(todays.matched > 0 && todays.bank_rows >= todays.matched);
    invariants::check(&w.v.vault, &w.sim.ledger(), true);
    // The next day the same day is complete and still settled.
    drop(engine);
    let mut w = w;
    w.v.advance_days(1);
    let report = w.engine().settle_pending(None).await;
    let report = report.unwrap();
    let yesterday = report
        .days
        .iter()
        .find(|d| d.day == todays.day)
        .expect("yesterday is read once more, now that it is over");
    assert!(yesterday.complete);
    assert_eq!(yesterday.state, DayState::Settled);
}

/// A client of the sandbox store's terminal, to book on it behind the vault's back.
fn terminal_client(w: &World) -> Client {
    let creds = store::credentials_for_engine(&w.v.vault, w.v.store_id).unwrap();
    Client::new(ClientConfig::new(
        w.sim.base_url(),
        Credentials {
            terminal: tahsildar_akbank::Terminal {
                merchant_safe_id: creds.merchant_safe_id,
                terminal_safe_id: creds.terminal_safe_id,
            },
            secret_key: creds.secret_key,
        },
    ))
    .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn differences_are_kept_until_the_report_agrees_or_an_operator_resolves_them() {
    let w = World::new().await;
    let paid = w.v.one_off(w.v.customer("D-1", &[APPROVE]), 1_500);
    w.engine().run(None).await.unwrap();
    assert_eq!(w.v.payment_status(paid), "paid");
    // A sale under an order id of this vault that it has no record of.
    let tag: String =
        w.v.vault
            .db()
            .read(|c| {
                Ok(c.query_row(
                    "SELECT value FROM vault_settings WHERE key = 'order_tag'",
                    [],
                    |r| r.get(0),
                )?)
            })
            .unwrap();
    let foreign_to_us = tahsildar_core::engine::order_id::new_order_id(&tag, today(&w), 999, 1);
    let sale = SaleRequest {
        order_id: foreign_to_us.clone(),
        amount: Money::new(2_000, tahsildar_core::Currency::Try),
        card: tahsildar_akbank::Card {
            pan: tahsildar_akbank::Pan::parse(APPROVE).unwrap(),
            expiry: tahsildar_akbank::Expiry::new(11, 2040).unwrap(),
            cvv: None,
            holder: None,
        },
        install_count: 1,
        moto_ind: 1,
        customer_ip: "127.0.0.1".into(),
        customer_email: None,
    };
    let client = terminal_client(&w);
    assert!(matches!(
        client.sale(&sale).await,
        tahsildar_akbank::Outcome::Approved(_)
    ));
    // Another program's sale on the same terminal is not ours to question.
    let theirs = SaleRequest {
        order_id: "20240418BA6C".into(),
        ..sale.clone()
    };
    client.sale(&theirs).await;
    // An approval here that the bank does not list: charged on another simulator.
    let elsewhere = tahsildar_bank_sim::Simulator::start(tahsildar_bank_sim::SimConfig {
        clock: crate::world::sim_clock(&w.v.clock),
        ..tahsildar_bank_sim::SimConfig::default()
    })
    .await
    .unwrap();
    let missing = w.v.one_off(w.v.customer("D-2", &[APPROVE]), 1_700);
    w.v.engine_at(elsewhere.base_url()).run(None).await.unwrap();
    assert_eq!(w.v.payment_status(missing), "paid");

    let engine = w.engine();
    let day = engine.settle_day(w.v.store_id, today(&w)).await.unwrap();
    let found = settlement::differences(&w.v.admin, Some(w.v.store_id), None).unwrap();
    assert_eq!(day.state, DayState::Differences);
    assert_eq!(
        (day.matched, day.others, day.differences),
        (1, 1, 2),
        "{found:?}"
    );
    let kinds: Vec<(DifferenceKind, &str)> = found
        .iter()
        .map(|d| (d.kind, d.order_id.as_str()))
        .collect();
    let missing_order = &w.v.attempts(missing)[0].1;
    assert!(kinds.contains(&(DifferenceKind::UnknownBooking, foreign_to_us.as_str())));
    assert!(kinds.contains(&(DifferenceKind::MissingAtBank, missing_order.as_str())));
    // The attention queue shows them.
    let queue = tahsildar_core::payments::queue::queue(&w.v.admin, None).unwrap();
    assert_eq!(queue.settlement.len(), 2);
    let counted = tahsildar_core::payments::queue::waiting(&w.v.vault).unwrap();
    assert_eq!(counted.differences, 2);
    // Read again, the same differences, not twice.
    let again = engine.settle_day(w.v.store_id, today(&w)).await.unwrap();
    assert_eq!(again.differences, 2);
    // An operator resolves the unknown booking after calling the bank: a note is required.
    let unknown = found
        .iter()
        .find(|d| d.kind == DifferenceKind::UnknownBooking)
        .unwrap();
    let err = settlement::resolve(&w.v.admin, unknown.id, "  ").unwrap_err();
    assert_eq!(err.code(), "invalid_input");
    let resolved =
        settlement::resolve(&w.v.admin, unknown.id, "bankayla görüşüldü; iade edildi").unwrap();
    assert!(resolved.resolved_at.is_some());
    let day = settlement::days(&w.v.admin, Some(w.v.store_id), None).unwrap();
    assert_eq!(day[0].differences, 1);
    // The missing one is there after all once the store reads the bank it was sent to.
    let to_elsewhere = StoreSettings {
        base_url: Some(Some(elsewhere.base_url())),
        ..StoreSettings::default()
    };
    store::update(&w.v.admin, w.v.store_id, &to_elsewhere).unwrap();
    let day = engine.settle_day(w.v.store_id, today(&w)).await.unwrap();
    assert!(
        settlement::differences(&w.v.admin, Some(w.v.store_id), None)
            .unwrap()
            .iter()
            .all(|d| d.kind != DifferenceKind::MissingAtBank),
        "{day:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refund_whose_answer_is_lost_is_settled_by_the_report_not_by_an_inquiry() {
    let w = World::new().await;
    let payment = w.v.one_off(w.v.customer("L-1", &[APPROVE]), 9_000);
    w.engine().run(None).await.unwrap();
    let attempt = w.v.live_attempt(payment);
    // The refund is done and its reply lost; an inquiry does not show refunds.
    w.sim.set_faults(Faults {
        drop_follow_up_reply: 1.0,
        inquiry_omits_refunds: true,
        ..Faults::NONE
    });
    let out = reversal::refund(
        &w.v.admin,
        &w.bank(),
        &EngineConfig::fast(),
        attempt,
        Some(4_000),
    )
    .await
    .unwrap();
    assert_eq!(out.state.as_str(), "unknown");
    w.sim.set_faults(Faults {
        inquiry_omits_refunds: true,
        ..Faults::NONE
    });
    // The inquiry after the lost reply showed nothing refunded: that proves nothing, so the
    // refund stays open (past its time limit too), and another refund is refused.
    w.v.clock.advance(SignedDuration::from_secs(5));
    let again = reversal::refund(
        &w.v.admin,
        &w.bank(),
        &EngineConfig::fast(),
        attempt,
        Some(1_000),
    )
    .await
    .unwrap_err();
    assert_eq!(again.code(), "wrong_state");
    // The day's report lists it: done, with the bank's order id.
    let s = w.engine().reconcile(None).await.unwrap();
    assert_eq!(s.follow_ups, 1, "{s:?}");
    assert_eq!(w.v.payment_status(payment), "partially_refunded");
    let bank_order: Option<String> =
        w.v.vault
            .db()
            .read(|c| {
                Ok(c.query_row(
                    "SELECT order_id FROM reversals WHERE id = ?1 AND state = 'approved'",
                    [out.reversal_id],
                    |r| r.get(0),
                )?)
            })
            .unwrap();
    assert!(bank_order.is_some());
    invariants::check(&w.v.vault, &w.sim.ledger(), true);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_restored_vault_writes_back_what_was_charged_after_its_backup_and_charges_nothing_twice()
{
    let w = World::new().await;
    let first = w.v.one_off(w.v.customer("B-1", &[APPROVE]), 2_100);
    let second = w.v.one_off(w.v.customer("B-2", &[APPROVE_MC]), 2_200);
    let file = w.v._tmp.path().join("yedek.tahsildar");
    backup::backup(
        &w.v.admin,
        &file,
        &secret("backup passphrase 1"),
        KdfParams::TEST_ONLY_FAST,
    )
    .unwrap();
    // After the backup: both charged, the second partly refunded.
    w.engine().run(None).await.unwrap();
    let attempt = w.v.live_attempt(second);
    reversal::refund(
        &w.v.admin,
        &w.bank(),
        &EngineConfig::fast(),
        attempt,
        Some(200),
    )
    .await
    .unwrap();
    let charges = w.sim.ledger().len();

    // A new PC: the backup restored by its own administrator.
    let pc = tempfile::tempdir().unwrap();
    let dir = DataDir::new(pc.path().join("data"));
    let (restored, info) = backup::restore(
        &dir,
        &file,
        &secret("backup passphrase 1"),
        &Protection::Passphrase {
            passphrase: secret("new pc passphrase"),
            params: KdfParams::TEST_ONLY_FAST,
        },
        RestoreOptions {
            replace_existing: false,
            origin: Origin::App,
        },
        RestoreBy::BackupAdmin {
            name: "admin",
            password: &SecretString::from("admin password 1".to_string()),
        },
        w.v.clock.clone(),
    )
    .unwrap();
    assert!(!info.vault_id.is_empty());
    let restored = Arc::new(restored);
    let admin = Auth::new(restored.clone())
        .sign_in("admin", &secret("admin password 1"), Origin::App)
        .unwrap();
    let status = |id: i64| -> String {
        restored
            .db()
            .read(|c| {
                Ok(
                    c.query_row("SELECT status FROM payments WHERE id = ?1", [id], |r| {
                        r.get(0)
                    })?,
                )
            })
            .unwrap()
    };
    assert_eq!(
        status(first),
        "scheduled",
        "the backup knew nothing of the charge"
    );
    let engine = Engine::start(
        restored.clone(),
        BankDirectory::new(Some(w.sim.base_url())),
        EngineConfig::fast(),
        EngineActor::of_session(&admin),
    )
    .unwrap();
    // With the bank out of reach nothing is sent and nothing new is taken.
    w.sim.set_faults(Faults {
        refuse_connections: true,
        ..Faults::NONE
    });
    let s = engine.run(None).await.unwrap();
    assert!(s.held_for_settlement, "{s:?}");
    assert_eq!(status(first), "scheduled");
    let customer: i64 = restored
        .db()
        .read(|c| Ok(c.query_row("SELECT id FROM customers LIMIT 1", [], |r| r.get(0))?))
        .unwrap();
    let err = tahsildar_core::plan::create(
        &admin,
        &tahsildar_core::plan::NewPlan {
            customer_id: customer,
            amount_minor: 100,
            currency: tahsildar_core::Currency::Try,
            start: today(&w),
            kind: tahsildar_core::plan::PlanKind::OneOff,
            description: None,
        },
    )
    .unwrap_err();
    assert_eq!(err.code(), "restore_not_settled");
    // The bank is back: its report writes the charges and the refund back; nothing is sent.
    w.sim.set_faults(Faults::NONE);
    let s = engine.run(None).await.unwrap();
    assert!(!s.held_for_settlement, "{s:?}");
    assert_eq!(s.approved, 0);
    assert_eq!(w.sim.ledger().len(), charges, "nothing charged twice");
    assert_eq!(status(first), "paid");
    assert_eq!(status(second), "partially_refunded");
    let restored_refunded: i64 = restored
        .db()
        .read(|c| {
            Ok(c.query_row(
                "SELECT refunded_minor FROM attempts WHERE payment_id = ?1",
                [second],
                |r| r.get(0),
            )?)
        })
        .unwrap();
    assert_eq!(restored_refunded, 200);
    invariants::check(&restored, &w.sim.ledger(), true);
    // The restored vault can be reviewed as any other.
    let attempt: i64 = restored
        .db()
        .read(|c| {
            Ok(c.query_row(
                "SELECT id FROM attempts WHERE payment_id = ?1",
                [first],
                |r| r.get(0),
            )?)
        })
        .unwrap();
    assert_eq!(
        review::review_state(&admin, attempt).unwrap().state,
        tahsildar_core::engine::attempt_state::AttemptState::Approved
    );
}

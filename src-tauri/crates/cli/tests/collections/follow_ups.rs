//! Pre-authorisations and their capture, refunds and voids through the CLI, with kills in the
//! middle of them and a void that waits for reconcile.

use std::time::Duration;

use tahsildar_bank_sim::EntryStatus;

use crate::world::{Data, Sim, attempt_of, invariants};

#[test]
fn pre_authorise_then_capture_part_and_refund_within_it() {
    let sim = Sim::start();
    let d = Data::new(&sim);
    d.due("A-1", "CARD_A", "5");
    let plan = d.run(&[
        "collect",
        "--store",
        "Sandbox",
        "--ref",
        "A-1",
        "--amount",
        "100,00",
        "--pre-auth",
    ]);
    assert_eq!(plan["provision"], "pre_auth", "{plan}");
    let summary = d.run(&["run"]);
    assert_eq!(summary["approved"], 2, "{summary}");
    let attempt = attempt_of(&d, "authorized");
    // Not above what was authorised.
    let out = d
        .cmd()
        .args(["capture", &attempt, "--amount", "100,01"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("amount"));
    let captured = d.run(&["capture", &attempt, "--amount", "60"]);
    assert_eq!(captured["state"], "approved", "{captured}");
    let paid = d.run(&["payments", "--status", "paid"]);
    assert!(
        paid.as_array().unwrap().iter().any(|p| p["attempt_id"]
            .as_i64()
            .map(|a| a.to_string())
            .as_deref()
            == Some(attempt.as_str())
            && p["amount"] == "100.00"),
        "the pre-authorised payment is paid: {paid}"
    );
    // Refunds up to the captured 60,00.
    let out = d
        .cmd()
        .args(["refund", &attempt, "--amount", "70"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let refund = d.run(&["refund", &attempt]);
    assert_eq!(
        (refund["state"].as_str(), refund["amount_minor"].as_i64()),
        (Some("approved"), Some(6_000))
    );
    let pre = sim
        .handle
        .ledger()
        .into_iter()
        .find(|e| e.txn_code == "1004")
        .unwrap();
    assert_eq!(
        (pre.pre_auth_closed_minor, pre.refunded_minor),
        (Some(6_000), 6_000)
    );
    invariants(&d, &sim);
}

#[test]
fn sigkill_in_the_middle_of_a_refund_and_a_capture_then_reconcile() {
    let sim = Sim::start();
    let d = Data::new(&sim);
    d.due("M-1", "CARD_A", "80");
    d.run(&[
        "collect",
        "--store",
        "Sandbox",
        "--ref",
        "M-1",
        "--amount",
        "40",
        "--pre-auth",
    ]);
    d.run(&["run"]);
    let sale = attempt_of(&d, "paid");
    let held = attempt_of(&d, "authorized");
    for args in [
        vec!["refund", &sale, "--amount", "30"],
        vec!["capture", &held],
    ] {
        let out = d
            .cmd()
            .args(&args)
            .env("TAHSILDAR_FAILPOINT", "after_follow_up_send")
            .output()
            .unwrap();
        assert!(
            !out.status.success(),
            "{args:?}: stopped after the bank answered"
        );
        // Until it is settled, nothing else is sent for that attempt.
        let again = d.cmd().args(&args).output().unwrap();
        assert!(!again.status.success(), "{args:?}");
        assert!(String::from_utf8_lossy(&again.stderr).contains("reconcile"));
    }
    let summary = d.run(&["reconcile"]);
    assert_eq!(summary["follow_ups"], 2, "{summary}");
    let ledger = sim.handle.ledger();
    assert_eq!(
        ledger.iter().filter(|e| e.txn_code == "1002").count(),
        1,
        "refunded once"
    );
    assert_eq!(
        ledger.iter().filter(|e| e.txn_code == "1005").count(),
        1,
        "captured once"
    );
    assert_eq!(attempt_of(&d, "partially_refunded"), sale);
    assert_eq!(attempt_of(&d, "paid"), held);
    // The rest of the refund: 50,00, not above what remains.
    let rest = d.run(&["refund", &sale]);
    assert_eq!(rest["amount_minor"], 5_000, "{rest}");
    invariants(&d, &sim);
}

#[test]
fn a_void_of_an_attempt_still_unknown_is_carried_out_by_reconcile() {
    let sim = Sim::start();
    let d = Data::new(&sim);
    d.due("W-1", "CARD_A", "20");
    // Killed with the sale on the wire: the attempt stays in flight.
    let out = d
        .cmd()
        .arg("run")
        .env("TAHSILDAR_FAILPOINT", "after_send_before_record")
        .output()
        .unwrap();
    assert!(!out.status.success());
    let rows = d.run(&["payments"]);
    let attempt = rows[0]["attempt_id"].as_i64().unwrap().to_string();
    let void = d.run(&["void", &attempt]);
    assert_eq!(void["state"], "requested", "{void}");
    let summary = d.run(&["reconcile"]);
    assert_eq!(summary["approved"], 1, "{summary}");
    assert_eq!(attempt_of(&d, "voided"), attempt);
    assert_eq!(sim.handle.ledger()[0].status, EntryStatus::Voided);
    invariants(&d, &sim);
}

#[test]
fn sigkill_before_a_refund_is_sent_then_the_days_report_closes_it_after_its_time_limit() {
    let sim = Sim::start();
    let d = Data::new(&sim);
    d.due("N-1", "CARD_A", "45");
    d.run(&["run"]);
    let sale = attempt_of(&d, "paid");
    let out = d
        .cmd()
        .args(["refund", &sale])
        .env("TAHSILDAR_FAILPOINT", "after_follow_up_write_ahead")
        .output()
        .unwrap();
    assert!(!out.status.success(), "stopped before sending");
    // Past the grace period (1 s with the fast settings) the day's history report, which lists
    // no such refund, closes it; reconciliation never sends it itself.
    std::thread::sleep(Duration::from_millis(3_200));
    let summary = d.run(&["reconcile"]);
    assert_eq!(summary["follow_ups"], 1, "{summary}");
    assert!(
        sim.handle.ledger().iter().all(|e| e.txn_code != "1002"),
        "not sent by reconcile"
    );
    assert_eq!(attempt_of(&d, "paid"), sale);
    let refund = d.run(&["refund", &sale]);
    assert_eq!(refund["state"], "approved", "{refund}");
    assert_eq!(attempt_of(&d, "refunded"), sale);
    invariants(&d, &sim);
}

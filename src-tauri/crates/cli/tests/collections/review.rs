//! Manual review and the daily settlement through the command line, and a restore over a vault
//! whose engine ran, with its first run killed halfway.

use std::process::Stdio;
use std::time::Duration;

use tahsildar_bank_sim::Faults;

use crate::world::{Data, Sim, invariants, ok};

fn today() -> String {
    tahsildar_core::plan::today(&tahsildar_core::SystemClock).to_string()
}

#[test]
fn an_attempt_in_manual_review_is_asked_about_and_sent_again_from_the_command_line() {
    let sim = Sim::start();
    let d = Data::new(&sim);
    d.due("M-1", "CARD_A", "55");
    sim.set_faults(Faults {
        error_5xx_before_booking: 1.0,
        ..Faults::NONE
    });
    d.run(&["run"]);
    let payments = d.run(&["payments"]);
    let attempt = payments[0]["attempt_id"].as_i64().unwrap().to_string();
    let review = d.run(&["review", &attempt]);
    assert_eq!(review["state"], "manual_review", "{review}");
    sim.set_faults(Faults::NONE);
    // Not before the bank has said twice, after the grace period, that it has no such order.
    let refused = d
        .cmd()
        .args(["review", &attempt, "--send-again"])
        .output()
        .unwrap();
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("wrong_state"));
    d.run(&["review", &attempt, "--ask"]);
    std::thread::sleep(Duration::from_millis(1_300));
    let asked = d.run(&["review", &attempt, "--ask"]);
    assert_eq!(asked["can_send_again"], true, "{asked}");
    let sent = d.run(&["review", &attempt, "--send-again"]);
    assert_eq!(sent["state"], "approved", "{sent}");
    assert_eq!(sim.handle.ledger().len(), 1);
    // The day's settlement agrees, and says so in Turkish too.
    let settled = d.run(&["reconcile", "--day", &today()]);
    let day = &settled["settlement"]["days"][0];
    assert_eq!(
        (day["state"].as_str(), day["matched"].as_u64()),
        (Some("settled"), Some(1))
    );
    let text = d
        .text_cmd("tr_TR.UTF-8")
        .args(["settlement", "days"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&text.stdout).to_string();
    assert!(text.contains("mutabık"), "{text}");
    invariants(&d, &sim);
}

#[test]
fn a_restore_over_a_vault_whose_engine_ran_charges_nothing_twice_even_when_its_run_is_killed() {
    let sim = Sim::start();
    let d = Data::new(&sim);
    for i in 0..4 {
        d.due(&format!("Y-{i}"), "CARD_A", "60");
    }
    let file = d.dir.with_file_name("yedek.tahsildar");
    let file_s = file.to_str().unwrap();
    d.run(&[
        "backup",
        "--out",
        file_s,
        "--backup-passphrase-env",
        "BACKUP_PASS",
    ]);
    // After the backup the engine ran: all four charged.
    sim.set_faults(Faults {
        latency_ms: 30,
        ..Faults::NONE
    });
    let s = d.run(&["run"]);
    assert_eq!(s["approved"], 4, "{s}");
    let charges = sim.handle.ledger().len();
    // The backup comes back over the vault; the first run after it is killed halfway.
    let restored = d.run(&[
        "restore",
        file_s,
        "--backup-passphrase-env",
        "BACKUP_PASS",
        "--yes",
    ]);
    assert!(restored["restore"]["vault_id"].is_string(), "{restored}");
    let pending = d.run(&["payments", "--status", "scheduled"]);
    assert_eq!(
        pending.as_array().unwrap().len(),
        4,
        "the backup knew of no charge"
    );
    let mut child = d
        .cmd()
        .arg("run")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(150));
    child.kill().unwrap();
    child.wait().unwrap();
    sim.set_faults(Faults::NONE);
    let s = d.run(&["run"]);
    assert_eq!(s["held_for_settlement"], false, "{s}");
    assert_eq!(s["approved"], 0, "nothing sent again: {s}");
    assert_eq!(sim.handle.ledger().len(), charges, "nothing charged twice");
    let paid = d.run(&["payments", "--status", "paid"]);
    assert_eq!(
        paid.as_array().unwrap().len(),
        4,
        "written back from the report: {paid}"
    );
    ok(d.cmd().args(["audit", "verify"]).output().unwrap());
    invariants(&d, &sim);
}

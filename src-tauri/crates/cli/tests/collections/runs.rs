//! Entry, run, payments, the engine lock, the scheduler, and SIGKILLs of `run` at every step
//! of an attempt and at random moments.

use std::process::{Command, Stdio};
use std::time::Duration;

use serde_json::Value;
use tahsildar_bank_sim::Faults;

use crate::world::{APPROVE, Data, Sim, invariants, ok};

#[test]
fn entry_commands_run_and_the_payment_list() {
    let sim = Sim::start();
    let d = Data::new(&sim);
    d.due("D-1", "CARD_A", "1.234,50");
    let customers = d.run(&["customers", "--store", "Sandbox"]);
    assert_eq!(customers[0]["ref"], "D-1");
    assert_eq!(customers[0]["cards"][0]["masked_pan"], "435509******5232");
    assert!(!customers.to_string().contains(APPROVE));
    let plan = d.run(&[
        "collect",
        "--store",
        "Sandbox",
        "--ref",
        "D-1",
        "--amount",
        "100",
        "--date",
        "2099-01-31",
        "--every",
        "1m",
        "--count",
        "3",
    ]);
    let dues: Vec<&str> = plan["payments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["due_date"].as_str().unwrap())
        .collect();
    assert_eq!(dues, ["2099-01-31", "2099-02-28", "2099-03-31"]);
    let summary = d.run(&["run"]);
    assert_eq!(summary["approved"], 1);
    let paid = d.run(&["payments", "--status", "paid"]);
    let p = &paid[0];
    for key in [
        "id",
        "store",
        "customer_ref",
        "amount",
        "currency",
        "due_date",
        "status",
        "masked_pan",
        "order_id",
        "host_code",
        "message",
        "attempts",
    ] {
        assert!(p.get(key).is_some(), "{key} missing in {p}");
    }
    assert_eq!(
        (
            p["amount"].as_str(),
            p["currency"].as_str(),
            p["attempts"].as_i64()
        ),
        (Some("1234.50"), Some("TRY"), Some(1))
    );
    assert_eq!(
        p["order_id"].as_str(),
        sim.handle.ledger()[0].order_id.as_deref()
    );
    assert_eq!(
        d.run(&["payments", "--status", "scheduled"])
            .as_array()
            .unwrap()
            .len(),
        3
    );
    assert!(d.run(&["attention"]).as_array().unwrap().is_empty());
    // Bad input names the field.
    let out = d
        .cmd()
        .args([
            "collect", "--store", "Sandbox", "--ref", "D-1", "--amount", "12,3,4",
        ])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("amount"));
    invariants(&d, &sim);
}

#[test]
fn a_second_runner_on_the_same_database_refuses_with_a_clear_message() {
    let sim = Sim::start();
    let d = Data::new(&sim);
    d.due("L-1", "CARD_A", "10");
    // The host books at once and answers after 4 s (the default 60 s timeout applies).
    sim.set_faults(Faults {
        latency_ms: 4_000,
        ..Faults::default()
    });
    let first = d
        .cmd()
        .env_remove("TAHSILDAR_FAST_RETRIES")
        .arg("run")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Once the sale is booked, the first runner holds the lock and waits for the answer.
    while sim.handle.ledger().is_empty() {
        std::thread::sleep(Duration::from_millis(20));
    }
    let second = d.cmd().arg("run").output().unwrap();
    assert!(!second.status.success());
    let err: Value = serde_json::from_str(String::from_utf8_lossy(&second.stderr).trim()).unwrap();
    assert_eq!(err["error"]["code"], "engine_busy");
    assert!(
        err["error"]["message"]
            .as_str()
            .unwrap()
            .contains("already runs")
    );
    let summary = ok(first.wait_with_output().unwrap());
    assert_eq!(summary["approved"], 1);
    sim.set_faults(Faults::default());
    invariants(&d, &sim);
}

#[test]
fn sigkill_at_every_step_of_an_attempt_then_restart_and_reconcile() {
    for failpoint in [
        "after_write_ahead",
        "after_send_before_record",
        "after_record",
        "during_inquiry",
    ] {
        let sim = Sim::start();
        let d = Data::new(&sim);
        d.due("K-1", "CARD_A", "25");
        // The booked-then-dropped card makes the engine inquire.
        d.due("K-2", "CARD_DROP", "30");
        let out = d
            .cmd()
            .arg("run")
            .env("TAHSILDAR_FAILPOINT", failpoint)
            .output()
            .unwrap();
        assert!(
            !out.status.success(),
            "{failpoint}: the process was stopped there"
        );
        let summary = d.run(&["run"]);
        assert_eq!(summary["unresolved"], 0, "{failpoint}: {summary}");
        let paid = d.run(&["payments", "--status", "paid"]);
        assert_eq!(paid.as_array().unwrap().len(), 2, "{failpoint}: {paid}");
        invariants(&d, &sim);
    }
}

#[test]
fn sigkill_at_random_moments_over_many_seeds() {
    let mut interrupted = 0;
    for seed in 1..=8u64 {
        let sim = Sim::start();
        sim.set_faults(Faults {
            latency_ms: 40,
            jitter_ms: 40,
            ..Faults::default()
        });
        let d = Data::new(&sim);
        for i in 0..6 {
            d.due(
                &format!("R-{i}"),
                if i % 3 == 0 { "CARD_DROP" } else { "CARD_A" },
                "12,34",
            );
        }
        // A simple LCG picks the moment: 50..=1050 ms after start.
        let wait = 50
            + (seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407)
                >> 33)
                % 1000;
        let mut child = d
            .cmd()
            .arg("run")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(wait));
        child.kill().unwrap();
        child.wait().unwrap();
        let summary = d.run(&["run"]);
        interrupted += summary["recovered_in_flight"].as_u64().unwrap_or(0);
        assert_eq!(summary["unresolved"], 0, "seed {seed}: {summary}");
        assert_eq!(
            d.run(&["payments", "--status", "paid"])
                .as_array()
                .unwrap()
                .len(),
            6,
            "seed {seed}"
        );
        invariants(&d, &sim);
    }
    assert!(
        interrupted > 0,
        "some kills landed while a request was in flight"
    );
}

#[test]
fn the_scheduler_runs_due_payments_and_stops_on_interrupt() {
    let sim = Sim::start();
    let d = Data::new(&sim);
    d.due("S-1", "CARD_A", "75,00");
    let istanbul_hour = || {
        jiff::Timestamp::now()
            .to_zoned_datetime(jiff::tz::TimeZone::get("Europe/Istanbul").unwrap())
            .hour()
    };
    let hour_before = istanbul_hour();
    let child = d
        .cmd()
        .arg("schedule")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // A payment due today is taken at the scheduler's first look once the store's run time
    // (10:00 in Istanbul) has passed, and not before.
    let mut paid = false;
    for _ in 0..50 {
        if !sim.handle.ledger().is_empty() {
            paid = true;
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let status = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Around 10:00 itself either answer is right.
    if hour_before == istanbul_hour() {
        assert_eq!(
            paid,
            hour_before >= 10,
            "taken at the run time (10:00) only"
        );
    }
    assert!(sim.handle.ledger().len() <= 1);
    // A second scheduler or runner after it stopped is free to start.
    d.run(&["reconcile"]);
}

/// Without `--sandbox-url` the CLI runs the sandbox bank itself and keeps its ledger in the data
/// folder: a payment charged by one `run` can be voided by a later command.
#[test]
fn built_in_sandbox_bank_charges_and_a_later_command_voids() {
    let sim = Sim::start();
    let d = Data::new(&sim);
    let without_url = |args: &[&str]| {
        let mut c = d.cmd();
        c.env_remove("TAHSILDAR_SANDBOX_URL");
        ok(c.args(args).output().unwrap())
    };
    d.due("D-1", "CARD_A", "150,00");
    let run = without_url(&["run"]);
    assert_eq!(run["approved"], 1, "{run}");
    assert!(d.dir.join("sandbox-ledger.jsonl").exists());
    assert!(
        sim.handle.ledger().is_empty(),
        "the test's own simulator was not used"
    );

    let payments = without_url(&["payments"]);
    let attempt = payments[0]["attempt_id"]
        .as_i64()
        .expect("the charged attempt");
    let void = without_url(&["void", &attempt.to_string()]);
    assert_eq!(void["state"], "approved", "{void}");
    let after = without_url(&["payments"]);
    assert_eq!(after[0]["status"], "voided", "{after}");
    // The data folder and every file the CLI made in it are its owner's only.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&d.dir), 0o700);
        let mut files = 0;
        let mut folders = vec![d.dir.clone()];
        while let Some(folder) = folders.pop() {
            for entry in std::fs::read_dir(&folder).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    assert_eq!(mode(&path), 0o700, "{}", path.display());
                    folders.push(path);
                } else {
                    assert_eq!(mode(&path), 0o600, "{}: {:o}", path.display(), mode(&path));
                    files += 1;
                }
            }
        }
        assert!(
            files >= 4,
            "the database, its WAL, vault.json, the lock, the ledger"
        );
    }
}

/// A sandbox store added later gets the simulator's test terminal by itself, like the first one,
/// and its payments are collected.
#[test]
fn a_second_sandbox_store_collects_on_the_simulator() {
    let sim = Sim::start();
    let d = Data::new(&sim);
    d.run(&["store", "add", "Şube 2", "--env", "sandbox"]);
    let list = d.run(&["store", "list"]);
    let stores = &list["stores"];
    let second = stores
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == "Şube 2")
        .expect("the second store");
    let first = stores
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == "Sandbox")
        .expect("the first store");
    assert_eq!(second["environment"], "sandbox");
    assert_eq!(second["has_secret_key"], true, "{second}");
    for id in ["merchant_safe_id", "terminal_safe_id"] {
        assert_eq!(second[id], first[id], "{id}");
    }

    d.due_in("Şube 2", "D-2", "CARD_A", "75,00");
    let run = d.run(&["run"]);
    assert_eq!(run["approved"], 1, "{run}");
    assert_eq!(run["store_errors"], serde_json::json!([]), "{run}");
    let paid = d.run(&["payments", "--status", "paid"]);
    assert_eq!(paid.as_array().unwrap().len(), 1, "{paid}");
    assert_eq!(paid[0]["store"], "Şube 2");
    assert_eq!(sim.handle.ledger().len(), 1);
    invariants(&d, &sim);
}

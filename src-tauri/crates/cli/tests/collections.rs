//! The collection commands end to end against the simulator (started in this process), in
//! passphrase mode: entry, run, payments, the engine lock, and SIGKILLs of `run` at every step
//! of an attempt and at random moments, each followed by a restart and GUIDE section 4's
//! invariants checked against the simulator's ledger.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};
use std::sync::Arc;
use std::time::Duration;

use secrecy::SecretString;
use serde_json::Value;
use tahsildar_bank_sim::{EntryStatus, Faults, SimConfig, SimHandle, Simulator};
use tahsildar_core::{DataDir, SystemClock, UnlockWith, Vault};

const PASSPHRASE: &str = "vault passphrase 1";
const ADMIN_PASSWORD: &str = "admin password 1";
const APPROVE: &str = "4355093000315232";
const BOOKED_THEN_DROPPED: &str = "4000000000000119";

/// A simulator on its own runtime, alive for the test.
struct Sim {
    runtime: tokio::runtime::Runtime,
    handle: SimHandle,
}

impl Sim {
    fn start() -> Sim {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        let handle = runtime
            .block_on(Simulator::start(SimConfig::default()))
            .unwrap();
        Sim { runtime, handle }
    }

    fn set_faults(&self, faults: Faults) {
        let _guard = self.runtime.enter();
        self.handle.set_faults(faults);
    }
}

struct Data {
    _tmp: tempfile::TempDir,
    dir: PathBuf,
    sim_url: String,
}

impl Data {
    fn new(sim: &Sim) -> Data {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("data");
        let d = Data {
            _tmp: tmp,
            dir,
            sim_url: sim.handle.base_url(),
        };
        ok(d.cmd().args(["init", "--admin", "admin"]).output().unwrap());
        d
    }

    /// A command acting as the administrator, JSON out, English, fast retries.
    fn cmd(&self) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_tahsildar-cli"));
        c.arg("--data-dir")
            .arg(&self.dir)
            .args([
                "--json",
                "--passphrase-env",
                "VAULT_PASS",
                "--user",
                "admin",
            ])
            .env("LANG", "en_US.UTF-8")
            .env_remove("LC_ALL")
            .env_remove("TAHSILDAR_FAILPOINT")
            .env("TAHSILDAR_INSECURE_TEST_KDF", "1")
            .env("TAHSILDAR_FAST_RETRIES", "1")
            .env("TAHSILDAR_PASSWORD", ADMIN_PASSWORD)
            .env("VAULT_PASS", PASSPHRASE)
            .env("TAHSILDAR_SANDBOX_URL", &self.sim_url)
            .env("CARD_A", APPROVE)
            .env("CARD_DROP", BOOKED_THEN_DROPPED);
        c
    }

    fn run(&self, args: &[&str]) -> Value {
        ok(self.cmd().args(args).output().unwrap())
    }

    /// A customer with one card and a payment due today.
    fn due(&self, reference: &str, pan_env: &str, amount: &str) {
        self.run(&[
            "customer",
            "add",
            "--store",
            "Sandbox",
            "--ref",
            reference,
            "--name",
            "Ayşe Yılmaz",
        ]);
        self.run(&[
            "card",
            "add",
            "--store",
            "Sandbox",
            "--ref",
            reference,
            "--pan-env",
            pan_env,
            "--expiry",
            "12/30",
        ]);
        self.run(&[
            "collect", "--store", "Sandbox", "--ref", reference, "--amount", amount,
        ]);
    }

    fn vault(&self) -> Vault {
        let unlock = UnlockWith::Passphrase(SecretString::from(PASSPHRASE.to_string()));
        Vault::open(
            &DataDir::new(self.dir.clone()),
            &unlock,
            Arc::new(SystemClock),
        )
        .unwrap()
    }
}

fn ok(out: Output) -> Value {
    let stdout = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(
        out.status.success(),
        "command failed: {}\n{stdout}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_str(stdout.trim()).unwrap_or(Value::String(stdout))
}

/// I1-I6 against the ledger, with the host up.
fn invariants(data: &Data, sim: &Sim) {
    let vault = data.vault();
    let attempts: Vec<(i64, String, String)> = vault
        .db()
        .read(|c| {
            let mut stmt = c.prepare("SELECT payment_id, order_id, state FROM attempts")?;
            let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
            Ok(rows.collect::<Result<Vec<_>, _>>()?)
        })
        .unwrap();
    let local: HashMap<&str, (i64, &str)> = attempts
        .iter()
        .map(|(p, o, s)| (o.as_str(), (*p, s.as_str())))
        .collect();
    let ledger = sim.handle.ledger();
    let mut orders = HashSet::new();
    let mut payments = HashSet::new();
    for e in ledger
        .iter()
        .filter(|e| matches!(e.txn_code.as_str(), "1000" | "1004"))
    {
        let order = e.order_id.as_deref().unwrap();
        let (payment, state) = *local
            .get(order)
            .unwrap_or_else(|| panic!("I2: {order} unknown here"));
        // A voided charge was approved first (its void is checked under I5 below).
        if matches!(e.status, EntryStatus::Approved | EntryStatus::Voided) {
            assert!(orders.insert(order), "I1: {order} charged twice");
            assert!(
                payments.insert(payment),
                "I1: payment {payment} charged twice"
            );
            assert_eq!(state, "approved", "I3: {order}");
        } else {
            assert_ne!(state, "approved", "I3: {order}");
        }
    }
    for (_, order, state) in &attempts {
        assert!(
            matches!(state.as_str(), "approved" | "declined" | "manual_review"),
            "I4: {order} left {state}"
        );
        if state == "approved" {
            assert!(
                orders.contains(order.as_str()),
                "I3: {order} approved here only"
            );
        }
    }
    // I5: refunds and voids agree with the ledger, none above what was captured, and (I4)
    // none left without an answer.
    let follow: Vec<(String, i64, bool, Option<i64>, String)> = vault
        .db()
        .read(|c| {
            let mut stmt = c.prepare(
                "SELECT order_id, refunded_minor, voided, captured_minor, kind FROM attempts WHERE state = 'approved'",
            )?;
            let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))?;
            Ok(rows.collect::<Result<Vec<_>, _>>()?)
        })
        .unwrap();
    for (order, refunded, voided, captured, kind) in follow {
        let e = ledger
            .iter()
            .find(|e| e.order_id.as_deref() == Some(order.as_str()))
            .unwrap_or_else(|| panic!("I2: {order} missing at the bank"));
        assert_eq!(refunded, e.refunded_minor, "I5: {order} refunds");
        assert_eq!(voided, e.status == EntryStatus::Voided, "I5: {order} void");
        if kind == "pre_auth" {
            assert_eq!(captured, e.pre_auth_closed_minor, "I5: {order} capture");
        }
    }
    let open: i64 = vault
        .db()
        .read(|c| {
            Ok(c.query_row(
                "SELECT count(*) FROM reversals WHERE state IN ('in_flight', 'unknown')",
                [],
                |r| r.get(0),
            )?)
        })
        .unwrap();
    assert_eq!(open, 0, "I4: a void, refund or capture without an answer");
    assert!(vault.db().integrity_ok().unwrap(), "I6");
    vault.verify_audit().expect("I6: audit chain");
}

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
    let istanbul_hour = (jiff::Timestamp::now()
        .to_zoned_datetime(jiff::tz::TimeZone::get("Europe/Istanbul").unwrap())
        .hour()) as u32;
    assert_eq!(
        paid,
        istanbul_hour >= 10,
        "taken at the run time (10:00) only"
    );
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
}

/// The attempt id of the only payment with this status.
fn attempt_of(d: &Data, status: &str) -> String {
    let rows = d.run(&["payments", "--status", status]);
    let rows = rows.as_array().unwrap();
    assert_eq!(rows.len(), 1, "{status}: {rows:?}");
    rows[0]["attempt_id"].as_i64().unwrap().to_string()
}

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
fn sigkill_before_a_refund_is_sent_then_reconcile_closes_it_after_its_time_limit() {
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
    // Past the request's time limit (3 s with the fast settings) the bank's word that nothing
    // was refunded closes it; reconciliation never sends it itself.
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

//! A data folder driven through the CLI, a simulator in this process, and the engine's
//! invariants (docs/engine.md) checked against its ledger.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::process::{Command, Output};
use std::sync::Arc;

use secrecy::SecretString;
use serde_json::Value;
use tahsildar_bank_sim::{EntryStatus, Faults, SimConfig, SimHandle, Simulator};
use tahsildar_core::{DataDir, SystemClock, UnlockWith, Vault};

pub const PASSPHRASE: &str = "vault passphrase 1";
pub const ADMIN_PASSWORD: &str = "admin password 1";
pub const APPROVE: &str = "4355093000315232";
pub const BOOKED_THEN_DROPPED: &str = "4000000000000119";

/// A simulator on its own runtime, alive for the test.
pub struct Sim {
    pub runtime: tokio::runtime::Runtime,
    pub handle: SimHandle,
}

impl Sim {
    pub fn start() -> Sim {
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

    pub fn set_faults(&self, faults: Faults) {
        let _guard = self.runtime.enter();
        self.handle.set_faults(faults);
    }
}

pub struct Data {
    _tmp: tempfile::TempDir,
    pub dir: PathBuf,
    sim_url: String,
}

impl Data {
    pub fn new(sim: &Sim) -> Data {
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
    pub fn cmd(&self) -> Command {
        let mut c = self.text_cmd("en_US.UTF-8");
        c.arg("--json");
        c
    }

    /// The same with text for people, in the language of `lang` (e.g. `tr_TR.UTF-8`).
    pub fn text_cmd(&self, lang: &str) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_tahsildar-cli"));
        c.arg("--data-dir")
            .arg(&self.dir)
            .args(["--passphrase-env", "VAULT_PASS", "--user", "admin"])
            .env("LANG", lang)
            .env_remove("LC_ALL")
            .env_remove("TAHSILDAR_FAILPOINT")
            .env("TAHSILDAR_INSECURE_TEST_KDF", "1")
            .env("TAHSILDAR_FAST_RETRIES", "1")
            .env("TAHSILDAR_PASSWORD", ADMIN_PASSWORD)
            .env("VAULT_PASS", PASSPHRASE)
            .env("BACKUP_PASS", "backup passphrase 1")
            .env("TAHSILDAR_SANDBOX_URL", &self.sim_url)
            .env("CARD_A", APPROVE)
            .env("CARD_DROP", BOOKED_THEN_DROPPED)
            .env("CARD_DECLINE", "4000000000009995");
        c
    }

    pub fn run(&self, args: &[&str]) -> Value {
        ok(self.cmd().args(args).output().unwrap())
    }

    /// A customer with one card and a payment due today, in the Sandbox store.
    pub fn due(&self, reference: &str, pan_env: &str, amount: &str) {
        self.due_in("Sandbox", reference, pan_env, amount);
    }

    /// The same in the store `store`.
    pub fn due_in(&self, store: &str, reference: &str, pan_env: &str, amount: &str) {
        self.run(&[
            "customer",
            "add",
            "--store",
            store,
            "--ref",
            reference,
            "--name",
            "Ayşe Yılmaz",
        ]);
        // Valid for four more years, whatever day the tests run.
        let today = tahsildar_core::plan::today(&SystemClock);
        let expiry = format!("{:02}/{:02}", today.month(), (today.year() + 4) % 100);
        self.run(&[
            "card",
            "add",
            "--store",
            store,
            "--ref",
            reference,
            "--pan-env",
            pan_env,
            "--expiry",
            &expiry,
        ]);
        self.run(&[
            "collect", "--store", store, "--ref", reference, "--amount", amount,
        ]);
    }

    pub fn vault(&self) -> Vault {
        let unlock = UnlockWith::Passphrase(SecretString::from(PASSPHRASE.to_string()));
        Vault::open(
            &DataDir::new(self.dir.clone()),
            &unlock,
            Arc::new(SystemClock),
        )
        .unwrap()
    }
}

pub fn ok(out: Output) -> Value {
    let stdout = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(
        out.status.success(),
        "command failed: {}\n{stdout}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_str(stdout.trim()).unwrap_or(Value::String(stdout))
}

/// I1-I6 against the ledger, with the host up.
pub fn invariants(data: &Data, sim: &Sim) {
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
            matches!(
                state.as_str(),
                "approved" | "declined" | "withdrawn" | "manual_review"
            ),
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

/// The attempt id of the only payment with this status.
pub fn attempt_of(d: &Data, status: &str) -> String {
    let rows = d.run(&["payments", "--status", status]);
    let rows = rows.as_array().unwrap();
    assert_eq!(rows.len(), 1, "{status}: {rows:?}");
    rows[0]["attempt_id"].as_i64().unwrap().to_string()
}

//! The `tahsildar-bank-sim` binary: prints its URL, serves the admin endpoints, runs until killed.

mod common;

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::Duration;

use common::*;
use tahsildar_akbank::terminal::test_terminals;
use tahsildar_akbank::{Client, ClientConfig, Outcome};
use tahsildar_bank_sim::{Faults, LedgerEntry};

struct Killed(std::process::Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[tokio::test]
async fn binary_serves_and_exposes_its_ledger_and_faults() {
    let dir = tempfile::tempdir().unwrap();
    let ledger = dir.path().join("l.jsonl");
    let mut child = Command::new(env!("CARGO_BIN_EXE_tahsildar-bank-sim"))
        .args([
            "--port",
            "0",
            "--seed",
            "5",
            "--latency-ms",
            "1",
            "--ledger",
        ])
        .arg(&ledger)
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let _guard = Killed(child);
    let base = line.trim().to_string();
    assert!(
        base.starts_with("http://127.0.0.1:") && base.ends_with("/api/v1/payment/virtualpos"),
        "{base}"
    );
    let root = base
        .trim_end_matches("/api/v1/payment/virtualpos")
        .to_string();
    let mut cfg = ClientConfig::new(&base, test_terminals::a());
    cfg.timeout = Duration::from_secs(3);
    let c = Client::new(cfg).unwrap();
    let id = order_id();
    assert!(matches!(
        c.sale(&sale_req(&id, "4355093000315232", 1500, 1)).await,
        Outcome::Approved(_)
    ));

    let http = reqwest::Client::new();
    let rows: Vec<LedgerEntry> = serde_json::from_slice(
        &http
            .get(format!("{root}/__sim/ledger"))
            .send()
            .await
            .unwrap()
            .bytes()
            .await
            .unwrap(),
    )
    .unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].order_id.as_deref(), Some(id.as_str()));
    assert_eq!(rows[0].masked_pan, "435509******5232");

    let f: Faults = serde_json::from_slice(
        &http
            .get(format!("{root}/__sim/faults"))
            .send()
            .await
            .unwrap()
            .bytes()
            .await
            .unwrap(),
    )
    .unwrap();
    assert_eq!(f.latency_ms, 1);
    let timed = Faults {
        refuse_connections: true,
        refuse_for_ms: 300,
        ..Faults::default()
    };
    let resp = http
        .put(format!("{root}/__sim/faults"))
        .body(serde_json::to_vec(&timed).unwrap())
        .send()
        .await
        .unwrap();
    assert!(resp.status().is_success());
    drop(resp);
    tokio::time::sleep(Duration::from_millis(50)).await;
    let refused = order_id();
    let o = c
        .sale(&sale_req(&refused, "4355093000315232", 1500, 1))
        .await;
    assert!(matches!(o, Outcome::NotSent(_)), "{o:?}");
    tokio::time::sleep(Duration::from_millis(400)).await;
    let o = c
        .sale(&sale_req(&refused, "4355093000315232", 1500, 1))
        .await;
    assert!(matches!(o, Outcome::Approved(_)), "{o:?}");
    let text = std::fs::read_to_string(&ledger).unwrap();
    assert_eq!(text.lines().count(), 2);
}

#[tokio::test]
async fn new_faults_are_set_by_flag_and_by_the_admin_endpoint() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_tahsildar-bank-sim"))
        .args([
            "--port",
            "0",
            "--hold-without-record",
            "0.25",
            "--unlisted-code-after-booking",
            "0.5",
            "--drop-follow-up-reply",
            "0.75",
            "--technical-reversal-after-booking",
            "0.125",
            "--inquiry-omits-refunds",
            "--void-after-capture-voids-pre-auth",
            "--mastercard-test-card-not-onus",
        ])
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let _guard = Killed(child);
    let base = line.trim().to_string();
    let faults_url = format!(
        "{}/__sim/faults",
        base.trim_end_matches("/api/v1/payment/virtualpos")
    );
    let http = reqwest::Client::new();
    let get = || async {
        let bytes = http
            .get(&faults_url)
            .send()
            .await
            .unwrap()
            .bytes()
            .await
            .unwrap();
        serde_json::from_slice::<Faults>(&bytes).unwrap()
    };
    assert_eq!(
        get().await,
        Faults {
            retry_after_secs: 1,
            hold_without_record: 0.25,
            unlisted_code_after_booking: 0.5,
            drop_follow_up_reply: 0.75,
            technical_reversal_after_booking: 0.125,
            inquiry_omits_refunds: true,
            void_after_capture_voids_pre_auth: true,
            mastercard_test_card_not_onus: true,
            ..Faults::NONE
        }
    );
    // At run time, by name only: the rest falls back to the plain host.
    let resp = http
        .put(&faults_url)
        .body(r#"{"drop_follow_up_reply": 1.0}"#)
        .send()
        .await
        .unwrap();
    assert!(resp.status().is_success());
    drop(resp);
    assert_eq!(
        get().await,
        Faults {
            drop_follow_up_reply: 1.0,
            ..Faults::NONE
        }
    );
    let mut cfg = ClientConfig::new(&base, test_terminals::a());
    cfg.timeout = Duration::from_secs(3);
    let c = Client::new(cfg).unwrap();
    let id = order_id();
    assert!(matches!(
        c.sale(&sale_req(&id, "4355093000315232", 1500, 1)).await,
        Outcome::Approved(_)
    ));
    let o = c.void(tahsildar_akbank::OrderTarget::OrderId(id)).await;
    assert!(matches!(o, Outcome::Unknown(_)), "{o:?}");
}

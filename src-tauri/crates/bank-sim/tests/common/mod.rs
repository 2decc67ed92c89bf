//! Helpers shared by the loopback tests.
#![allow(dead_code)]

use std::io::Read as _;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use base64::Engine as _;
use serde_json::Value;

use tahsildar_akbank::reply::TxnReply;
use tahsildar_akbank::terminal::test_terminals;
use tahsildar_akbank::{
    Card, Client, ClientConfig, Credentials, Currency, Cvv, Expiry, Money, Outcome, Pan,
    SaleRequest,
};
use tahsildar_bank_sim::{
    EntryStatus, Faults, LedgerEntry, SimClock, SimConfig, SimHandle, Simulator,
};

pub async fn sim() -> SimHandle {
    Simulator::start(SimConfig::default()).await.unwrap()
}

/// A clock the test sets; the simulator reads it, so no answer depends on the day tests run.
#[derive(Clone)]
pub struct TestClock(Arc<Mutex<jiff::Timestamp>>);

impl TestClock {
    /// A clock at Istanbul wall-clock time `at`.
    pub fn at(at: jiff::civil::DateTime) -> TestClock {
        let c = TestClock(Arc::new(Mutex::new(jiff::Timestamp::UNIX_EPOCH)));
        c.set(at);
        c
    }

    /// Moves the clock to Istanbul wall-clock time `at`.
    pub fn set(&self, at: jiff::civil::DateTime) {
        let ts = at
            .to_zoned_datetime(tahsildar_akbank::sign::istanbul())
            .unwrap()
            .timestamp();
        *self.0.lock().unwrap() = ts;
    }

    pub fn sim_clock(&self) -> SimClock {
        let c = self.0.clone();
        SimClock::from_fn(move || *c.lock().unwrap())
    }
}

/// A simulator on a test clock with faults set from the start.
pub async fn sim_at(clock: &TestClock, faults: Faults) -> SimHandle {
    Simulator::start(SimConfig {
        clock: clock.sim_clock(),
        faults,
        ..SimConfig::default()
    })
    .await
    .unwrap()
}

/// The rows of a history report as the host sent them (every field, `orgOrderId` included),
/// for `report` = `{"startDateTime":…,"endDateTime":…}` or `{"batchNumber":…}`.
pub async fn report_rows(c: &Client, report: Value) -> Vec<Value> {
    let body = serde_json::json!({
        "terminal": {
            "merchantSafeId": test_terminals::A_MERCHANT_SAFE_ID,
            "terminalSafeId": test_terminals::A_TERMINAL_SAFE_ID,
        },
        "randomNumber": tahsildar_akbank::sign::random_number(),
        "report": report,
    });
    let ex = c
        .post(
            "/portal/report/transaction",
            zeroize::Zeroizing::new(serde_json::to_vec(&body).unwrap()),
        )
        .await;
    let tahsildar_akbank::Exchange::Body(b) = ex else {
        panic!("{ex:?}")
    };
    let reply: Value = serde_json::from_slice(&b).unwrap();
    assert_eq!(reply["responseCode"], "VPS-0000", "{reply}");
    let gz = base64::engine::general_purpose::STANDARD
        .decode(reply["data"].as_str().unwrap())
        .unwrap();
    let mut json = Vec::new();
    flate2::read::GzDecoder::new(&gz[..])
        .read_to_end(&mut json)
        .unwrap();
    let data: Value = serde_json::from_slice(&json).unwrap();
    data["txnDetailList"].as_array().unwrap().clone()
}

/// The report rows of one Istanbul day.
pub async fn day_rows(c: &Client, day: jiff::civil::Date) -> Vec<Value> {
    let start = day
        .at(0, 0, 0, 0)
        .strftime("%Y-%m-%dT%H:%M:%S%.3f")
        .to_string();
    let end = day
        .at(23, 59, 59, 999_000_000)
        .strftime("%Y-%m-%dT%H:%M:%S%.3f")
        .to_string();
    report_rows(
        c,
        serde_json::json!({"startDateTime": start, "endDateTime": end}),
    )
    .await
}

/// The report rows that belong to `order` (its own, and follow-ups by `orgOrderId`).
pub fn rows_of<'a>(rows: &'a [Value], order: &str) -> Vec<&'a Value> {
    rows.iter()
        .filter(|r| r["orderId"] == order || r["orgOrderId"] == order)
        .collect()
}

pub fn client_for(h: &SimHandle, creds: Credentials) -> Client {
    let mut cfg = ClientConfig::new(h.base_url(), creds);
    cfg.connect_timeout = Duration::from_millis(1000);
    cfg.timeout = Duration::from_millis(3000);
    Client::new(cfg).unwrap()
}

pub fn client(h: &SimHandle) -> Client {
    client_for(h, test_terminals::a())
}

pub fn order_id() -> String {
    static N: AtomicU64 = AtomicU64::new(0);
    let n = N.fetch_add(1, Ordering::Relaxed);
    let t = jiff::Timestamp::now().as_nanosecond() as u64 % 1_000_000_000_000;
    format!("T{t:012}-{n:06}")
}

pub fn card(pan: &str) -> Card {
    Card {
        pan: Pan::parse(pan).unwrap(),
        expiry: Expiry::new(11, 2040).unwrap(),
        cvv: Some(Cvv::parse("471").unwrap()),
        holder: None,
    }
}

pub fn sale_req(order: &str, pan: &str, minor: i64, install: u8) -> SaleRequest {
    SaleRequest {
        order_id: order.into(),
        amount: Money::new(minor, Currency::Try),
        card: card(pan),
        install_count: install,
        moto_ind: 1,
        customer_ip: "127.0.0.1".into(),
        customer_email: None,
    }
}

pub fn entries_for<'a>(ledger: &'a [LedgerEntry], order: &str) -> Vec<&'a LedgerEntry> {
    ledger
        .iter()
        .filter(|e| e.order_id.as_deref() == Some(order))
        .collect()
}

/// The invariants every outcome must keep against the ledger.
pub fn check_invariants(h: &SimHandle, order: &str, outcome: &Outcome) {
    let ledger = h.ledger();
    let rows = entries_for(&ledger, order);
    match outcome {
        Outcome::Approved(r) => {
            assert!(
                rows.iter()
                    .any(|e| e.status == EntryStatus::Approved || e.status == EntryStatus::Voided),
                "approved without a ledger entry for {order}"
            );
            assert!(r.is_approved());
        }
        Outcome::NotSent(_) => assert!(rows.is_empty(), "not_sent but the ledger has {order}"),
        Outcome::Throttled { .. } => {
            assert!(rows.is_empty(), "throttled but the ledger has {order}")
        }
        _ => {}
    }
    assert!(
        rows.iter()
            .filter(|e| e.txn_code == "1000" || e.txn_code == "1004")
            .count()
            <= 1
    );
    for e in &ledger {
        assert!(
            e.masked_pan.is_empty() || e.masked_pan.contains("******"),
            "ledger holds a clear PAN"
        );
    }
}

/// The reply of a decline; every code the simulator answers with is in the catalogue.
pub fn declined(o: &Outcome) -> &TxnReply {
    match o {
        Outcome::Declined(r) => {
            assert!(
                tahsildar_akbank::catalogue::vps(&r.response_code).is_some(),
                "{}",
                r.response_code
            );
            if let Some(h) = &r.host_response_code {
                assert!(tahsildar_akbank::catalogue::host(h).is_some(), "host {h}");
            }
            r
        }
        other => panic!("expected declined, got {other:?}"),
    }
}

/// What an inquiry of `id` says.
pub async fn resolve(c: &Client, id: &str) -> tahsildar_akbank::OrderState {
    tahsildar_akbank::interpret(
        &c.inquiry(&tahsildar_akbank::OrderRef::OrderId(id.into()))
            .await,
        id,
    )
}

/// The inquiry rows of `id` (panics unless the host found the order).
pub async fn inquiry_rows(c: &Client, id: &str) -> Vec<tahsildar_akbank::InquiryRow> {
    match c
        .inquiry(&tahsildar_akbank::OrderRef::OrderId(id.into()))
        .await
    {
        tahsildar_akbank::InquiryOutcome::Found(i) => i.rows,
        other => panic!("{id}: {other:?}"),
    }
}

/// A fixed Istanbul noon, far from the cards' 11/2040 expiry and from any day boundary.
pub fn noon() -> jiff::civil::DateTime {
    jiff::civil::datetime(2031, 6, 14, 12, 0, 0, 0)
}

/// Sale-approving test card (Akbank's).
pub const APPROVE: &str = "4355093000315232";
/// Declines 05.
pub const DECLINE_05: &str = "4000000000000002";

//! Helpers shared by the loopback tests.
#![allow(dead_code)]

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use tahsildar_akbank::terminal::test_terminals;
use tahsildar_akbank::{
    Card, Client, ClientConfig, Credentials, Currency, Cvv, Expiry, Money, Outcome, Pan,
    SaleRequest,
};
use tahsildar_bank_sim::{EntryStatus, LedgerEntry, SimConfig, SimHandle, Simulator};

pub async fn sim() -> SimHandle {
    Simulator::start(SimConfig::default()).await.unwrap()
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

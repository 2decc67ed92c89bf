//! Signed sales per second from the akbank client against the simulator over loopback.
//!
//! `cargo run --release -p tahsildar-bank-sim --example throughput -- [requests] [concurrency] [latency_ms]`

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use tahsildar_akbank::terminal::test_terminals;
use tahsildar_akbank::{
    Card, Client, ClientConfig, Currency, Cvv, Expiry, Money, Outcome, Pan, SaleRequest,
};
use tahsildar_bank_sim::{Faults, SimConfig, Simulator};

#[tokio::main]
async fn main() {
    let args: Vec<u64> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let total = args.first().copied().unwrap_or(2000) as usize;
    let concurrency = args.get(1).copied().unwrap_or(8) as usize;
    let latency = args.get(2).copied().unwrap_or(0);
    let sim = Simulator::start(SimConfig {
        faults: Faults {
            latency_ms: latency,
            ..Faults::default()
        },
        ..SimConfig::default()
    })
    .await
    .expect("simulator");
    let client =
        Client::new(ClientConfig::new(sim.base_url(), test_terminals::a())).expect("client");
    let next = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let mut workers = Vec::new();
    for _ in 0..concurrency {
        let client = client.clone();
        let next = next.clone();
        workers.push(tokio::spawn(async move {
            let mut approved = 0usize;
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= total {
                    return approved;
                }
                let req = SaleRequest {
                    order_id: format!("BENCH-{i:08}"),
                    amount: Money::new(100 + i as i64, Currency::Try),
                    card: Card {
                        pan: Pan::parse("4355093000315232").expect("pan"),
                        expiry: Expiry::new(11, 2040).expect("expiry"),
                        cvv: Some(Cvv::parse("471").expect("cvv")),
                        holder: None,
                    },
                    install_count: 1,
                    moto_ind: 1,
                    customer_ip: "127.0.0.1".into(),
                    customer_email: None,
                };
                if matches!(client.sale(&req).await, Outcome::Approved(_)) {
                    approved += 1;
                }
            }
        }));
    }
    let mut approved = 0;
    for w in workers {
        approved += w.await.expect("worker");
    }
    let secs = started.elapsed().as_secs_f64();
    println!(
        "{total} sales, concurrency {concurrency}, latency {latency} ms: {secs:.2} s, {:.0} req/s, {approved} approved, ledger {}",
        total as f64 / secs,
        sim.ledger().len()
    );
    if latency > 0 {
        let floor = concurrency as f64 * 1000.0 / latency as f64;
        println!("ceiling set by the latency alone: {floor:.0} req/s");
    }
}

//! Benchmark of a collection run against the simulator over loopback (not a test).
//!
//! `cargo run --release -p tahsildar-core --example collections_bench -- [payments] [concurrency] [latency_ms]`
//! (defaults 10000, 8, 50). Prints the run's wall time beside two floors measured in the same
//! process: `payments x latency / concurrency`, and a bare loop of the same signed requests
//! without the vault; then the engine's CPU time per payment and the peak memory.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use secrecy::SecretString;
use tahsildar_akbank::terminal::test_terminals;
use tahsildar_akbank::{Card, Client, ClientConfig, Currency, Expiry, Money, Pan, SaleRequest};
use tahsildar_bank_sim::{Faults, SimConfig, Simulator};
use tahsildar_core::customer::{self, NewCard, NewCustomer};
use tahsildar_core::plan::{self, NewPlan, PlanKind};
use tahsildar_core::store::{self, StoreSettings};
use tahsildar_core::{BankDirectory, Engine, EngineActor, EngineConfig};

#[path = "common/vault.rs"]
mod common;
#[path = "common/summary.rs"]
mod summary;

use common::Bench;

/// User + system CPU time of this process.
fn cpu_time() -> Duration {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let fields: Vec<&str> = stat
        .rsplit(')')
        .next()
        .unwrap_or("")
        .split_whitespace()
        .collect();
    let ticks: u64 = fields.get(11).and_then(|f| f.parse().ok()).unwrap_or(0)
        + fields.get(12).and_then(|f| f.parse().ok()).unwrap_or(0);
    Duration::from_millis(ticks * 10)
}

/// Peak resident memory (VmHWM) in MiB.
fn peak_mib() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|kb| kb.parse::<f64>().ok())
        .map(|kb| kb / 1024.0)
        .unwrap_or(0.0)
}

fn secret(s: &str) -> SecretString {
    SecretString::from(s.to_string())
}

async fn bare_loop(base_url: String, total: usize, concurrency: usize) -> Duration {
    let client = Client::new(ClientConfig::new(base_url, test_terminals::a())).expect("client");
    let next = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let mut workers = Vec::new();
    for _ in 0..concurrency {
        let (client, next) = (client.clone(), next.clone());
        workers.push(tokio::spawn(async move {
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= total {
                    return;
                }
                let req = SaleRequest {
                    order_id: format!("BARE-{i:08}"),
                    amount: Money::new(100, Currency::Try),
                    card: Card {
                        pan: Pan::parse("4355093000315232").expect("pan"),
                        expiry: Expiry::new(12, 2030).expect("expiry"),
                        cvv: None,
                        holder: None,
                    },
                    install_count: 1,
                    moto_ind: 1,
                    customer_ip: "127.0.0.1".into(),
                    customer_email: None,
                };
                let _ = client.sale(&req).await;
            }
        }));
    }
    for w in workers {
        w.await.expect("worker");
    }
    started.elapsed()
}

#[tokio::main]
async fn main() {
    let args: Vec<u64> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let total = args.first().copied().unwrap_or(10_000) as usize;
    let concurrency = args.get(1).copied().unwrap_or(8) as u32;
    let latency = args.get(2).copied().unwrap_or(50);
    let sim = Simulator::start(SimConfig {
        faults: Faults {
            latency_ms: latency,
            ..Faults::default()
        },
        ..SimConfig::default()
    })
    .await
    .expect("simulator");

    let Bench {
        vault,
        admin,
        store_id,
        _tmp,
    } = Bench::empty();
    // The store's rate limit is at its highest (100/s, the product's cap): with it the run
    // cannot beat payments / 100 s, a floor printed beside the latency floor.
    let rate: u32 = 100;
    let settings = StoreSettings {
        concurrency: Some(concurrency),
        rate_per_sec: Some(rate),
        ..StoreSettings::default()
    };
    store::update(&admin, store_id, &settings).expect("store settings");

    let setup = Instant::now();
    let today = plan::today(vault.clock().as_ref());
    for i in 0..total {
        let new = NewCustomer {
            reference: format!("B-{i}"),
            name: format!("Customer {i}"),
            ..NewCustomer::default()
        };
        let c = customer::add(&admin, store_id, &new).expect("customer").id;
        let card = NewCard {
            pan: secret("4355093000315232"),
            expiry: format!("{:02}/{:02}", today.month(), (today.year() + 4) % 100),
            holder: None,
            alternate: false,
            instruction_date: None,
            instruction_ref: None,
        };
        customer::card::add(&admin, c, &card).expect("card");
        let p = NewPlan {
            customer_id: c,
            amount_minor: 10_000,
            currency: Currency::Try,
            start: today,
            kind: PlanKind::OneOff,
            description: None,
        };
        plan::create(&admin, &p).expect("plan");
    }
    println!(
        "setup: {total} customers, cards and payments in {:.1} s",
        setup.elapsed().as_secs_f64()
    );

    let bare_cpu0 = cpu_time();
    let bare = bare_loop(sim.base_url(), total, concurrency as usize).await;
    let bare_cpu = cpu_time() - bare_cpu0;

    let engine = Engine::start(
        vault.clone(),
        BankDirectory::new(Some(sim.base_url())),
        EngineConfig::default(),
        EngineActor::of_session(&admin),
    )
    .expect("engine");
    let cpu0 = cpu_time();
    let started = Instant::now();
    let summary = engine.run(None).await.expect("run");
    let wall = started.elapsed();
    let cpu = cpu_time() - cpu0;

    let floor = Duration::from_millis(latency) * total as u32 / concurrency;
    let rate_floor = Duration::from_secs_f64(total as f64 / rate as f64);
    println!(
        "payments: {total}, concurrency {concurrency}, latency {latency} ms, store rate limit {rate}/s"
    );
    println!(
        "approved: {}, declined: {}, unresolved: {}",
        summary.approved, summary.declined, summary.unresolved
    );
    println!("run wall time:            {:>8.2} s", wall.as_secs_f64());
    println!("floor n x latency / conc: {:>8.2} s", floor.as_secs_f64());
    println!(
        "floor of the rate limit:  {:>8.2} s ({rate}/s)",
        rate_floor.as_secs_f64()
    );
    println!("bare signed-request loop: {:>8.2} s", bare.as_secs_f64());
    let binding = floor.max(rate_floor).max(bare);
    println!(
        "run / highest floor:      {:>8.2} (1.00 = no overhead of its own)",
        wall.as_secs_f64() / binding.as_secs_f64()
    );
    let engine_cpu = cpu.saturating_sub(bare_cpu);
    println!(
        "CPU: run {:.2} s, bare loop {:.2} s; engine per payment about {:.3} ms",
        cpu.as_secs_f64(),
        bare_cpu.as_secs_f64(),
        engine_cpu.as_secs_f64() * 1000.0 / total as f64
    );
    println!("peak memory: {:.1} MiB", peak_mib());
    let size = format!("{total} payments, {latency} ms, concurrency {concurrency}");
    // The product's target holds where latency binds; at the rate limit it is that limit.
    let bound = if binding == floor {
        "collections run (latency binds)"
    } else if binding == rate_floor {
        "collections run (the rate limit binds)"
    } else {
        "collections run (the signed requests bind)"
    };
    summary::record(
        bound,
        &size,
        wall.as_secs_f64(),
        "s",
        Some(binding.as_secs_f64()),
        summary::Target::FloorTimes(1.05),
    );
    summary::record(
        "collections engine CPU per payment",
        &size,
        engine_cpu.as_secs_f64() * 1000.0 / total as f64,
        "ms",
        None,
        summary::Target::None,
    );
    summary::record(
        "collections peak memory",
        &size,
        peak_mib(),
        "MiB",
        None,
        summary::Target::None,
    );
}

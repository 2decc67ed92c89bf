//! Benchmark of the payments list's page query on a large vault (not a test).
//!
//! `cargo run --release -p tahsildar-core --example payments_page_bench -- [payments]`
//! (default 100000). Fills a SQLCipher vault with that many payments (1,000 customers in two
//! stores), then times one page (100 rows and the total) for each sort and for typical filters,
//! beside the floor measured on the same file: a bare `SELECT id ... ORDER BY due_date LIMIT 100`
//! and a bare `count(*)` over the payments table.

use std::sync::Arc;
use std::time::{Duration, Instant};
use tahsildar_core::payments::PaymentStatus;

use rusqlite::params;
use secrecy::SecretString;
use tahsildar_core::auth::users;
use tahsildar_core::payments::page::{PaymentQuery, PaymentSort, page};
use tahsildar_core::store;
use tahsildar_core::{Auth, DataDir, KdfParams, Origin, Protection, Session, SystemClock, Vault};

const RUNS: u32 = 20;

fn secret(s: &str) -> SecretString {
    SecretString::from(s.to_string())
}

fn fill(vault: &Vault, store_id: i64, payments: u64) {
    let customers = 1_000u64;
    let per = payments.div_ceil(customers);
    let mut seed = 42u64;
    let mut next = |n: u64| {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (seed >> 33) % n
    };
    let statuses = ["scheduled", "paid", "attention", "retry_wait", "refunded"];
    vault
        .db()
        .write(|tx| {
            let now = "2026-11-27T07:00:00Z";
            let mut made = 0u64;
            for i in 0..customers {
                tx.execute(
                    "INSERT INTO customers (store_id, reference, name, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?4)",
                    params![store_id, format!("R-{i:05}"), format!("Customer {}", next(100_000)), now],
                )?;
                let customer = tx.last_insert_rowid();
                tx.execute(
                    "INSERT INTO cards (customer_id, pan_sealed, expiry_sealed, pan_fingerprint, masked_pan, brand, position, created_at)
                     VALUES (?1, x'00', x'00', randomblob(32), '435509******5232', 'Visa', 0, ?2)",
                    params![customer, now],
                )?;
                let card = tx.last_insert_rowid();
                tx.execute(
                    "INSERT INTO plans (store_id, customer_id, kind, amount_minor, currency, installments, start_date,
                         cadence, end_count, status, created_at, updated_at)
                     VALUES (?1, ?2, 'recurring', 100, 949, 1, '2026-01-01', '1m', ?3, 'active', ?4, ?4)",
                    params![store_id, customer, per as i64, now],
                )?;
                let plan = tx.last_insert_rowid();
                for occurrence in 0..per {
                    if made == payments {
                        break;
                    }
                    made += 1;
                    let due = jiff::civil::date(2026, 1, 1)
                        .checked_add(jiff::Span::new().days(next(730) as i64))
                        .expect("date")
                        .to_string();
                    let status = statuses[next(statuses.len() as u64) as usize];
                    tx.execute(
                        "INSERT INTO payments (plan_id, store_id, occurrence, due_date, amount_minor, currency, status,
                             next_try_on, card_id, updated_at)
                         VALUES (?1, ?2, ?3, ?4, ?5, 949, ?6, ?4, ?7, ?8)",
                        params![plan, store_id, occurrence as i64, due, 100 + next(500_000) as i64, status, card, now],
                    )?;
                    if made.is_multiple_of(10) {
                        let id = tx.last_insert_rowid();
                        tx.execute(
                            "INSERT INTO attempts (payment_id, order_id, card_id, amount_minor, currency, state, vps_code, host_code, created_at)
                             VALUES (?1, ?2, ?3, 100, 949, 'declined', 'VPS-1005', '51', ?4)",
                            params![id, format!("ORD-{id:08}"), card, now],
                        )?;
                    }
                }
            }
            Ok(())
        })
        .expect("fill");
}

/// The median of `RUNS` timings of `f`.
fn median(mut f: impl FnMut()) -> Duration {
    let mut times: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let started = Instant::now();
            f();
            started.elapsed()
        })
        .collect();
    times.sort();
    times[times.len() / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn main() {
    let payments: u64 = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(100_000);
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = DataDir::new(tmp.path().join("data"));
    let protection = Protection::Passphrase {
        passphrase: secret("a vault passphrase"),
        params: KdfParams::TEST_ONLY_FAST,
    };
    let (vault, _) = Vault::create(&dir, &protection, Arc::new(SystemClock)).expect("vault");
    users::create_first_admin(&vault, "admin", &secret("admin password 1"), Origin::App)
        .expect("admin");
    let vault = Arc::new(vault);
    let admin: Session = Auth::new(vault.clone())
        .sign_in("admin", &secret("admin password 1"), Origin::App)
        .expect("sign in");
    let store_id = vault
        .db()
        .read(|c| store::find_by_name(c, "Sandbox"))
        .expect("store");
    let started = Instant::now();
    fill(&vault, store_id, payments);
    println!(
        "filled {payments} payments in {:.1} s",
        started.elapsed().as_secs_f64()
    );

    let floor_page = median(|| {
        vault
            .db()
            .read(|c| {
                let mut stmt = c.prepare_cached(
                    "SELECT id FROM payments ORDER BY due_date, id LIMIT 100 OFFSET ?1",
                )?;
                let ids: Vec<i64> = stmt
                    .query_map([payments as i64 / 2], |r| r.get(0))?
                    .collect::<Result<_, _>>()?;
                Ok(ids)
            })
            .expect("floor");
    });
    let floor_count = median(|| {
        vault
            .db()
            .read(|c| Ok(c.query_row("SELECT count(*) FROM payments", [], |r| r.get::<_, i64>(0))?))
            .expect("count");
    });
    println!(
        "floor: bare id page at the middle {:.2} ms, bare count(*) {:.2} ms",
        ms(floor_page),
        ms(floor_count)
    );

    let middle = (payments / 2) as u32;
    let cases: Vec<(&str, PaymentQuery)> = vec![
        ("due date, first page", PaymentQuery::default()),
        (
            "due date, middle page",
            PaymentQuery {
                offset: middle,
                ..PaymentQuery::default()
            },
        ),
        (
            "amount desc, middle page",
            PaymentQuery {
                sort: PaymentSort::Amount,
                descending: true,
                offset: middle,
                ..PaymentQuery::default()
            },
        ),
        (
            "status, middle page",
            PaymentQuery {
                sort: PaymentSort::Status,
                offset: middle,
                ..PaymentQuery::default()
            },
        ),
        (
            "customer name, middle page",
            PaymentQuery {
                sort: PaymentSort::Customer,
                offset: middle,
                ..PaymentQuery::default()
            },
        ),
        (
            "status attention + 3 months",
            PaymentQuery {
                statuses: vec![PaymentStatus::Attention],
                due_from: Some(jiff::civil::date(2026, 6, 1)),
                due_to: Some(jiff::civil::date(2026, 8, 31)),
                ..PaymentQuery::default()
            },
        ),
        (
            "search 'Customer 12'",
            PaymentQuery {
                search: Some("Customer 12".into()),
                ..PaymentQuery::default()
            },
        ),
    ];
    for (name, query) in cases {
        let mut total = 0;
        let t = median(|| {
            total = page(&admin, &query).expect("page").total;
        });
        println!(
            "page of 100 ({name}): {:.2} ms, total {total}  [{:.1}x the bare page + count]",
            ms(t),
            t.as_secs_f64() / (floor_page + floor_count).as_secs_f64()
        );
    }
}

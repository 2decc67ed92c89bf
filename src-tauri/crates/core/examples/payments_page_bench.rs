//! Benchmark of the payments list's page query on a large vault (not a test).
//!
//! `cargo run --release -p tahsildar-core --example payments_page_bench -- [payments]`
//! (default 100000). Fills a SQLCipher vault with that many payments (1,000 customers), then
//! times one page (100 rows and the total) for each sort and for typical filters, beside the floor measured on the same file: a bare `SELECT id ... ORDER BY due_date LIMIT 100`
//! and a bare `count(*)` over the payments table.

use tahsildar_core::payments::PaymentStatus;
use tahsildar_core::payments::page::{PaymentQuery, PaymentSort, page};

#[path = "common/vault.rs"]
mod common;

use common::{Bench, median, ms};

const RUNS: u32 = 20;

fn main() {
    let payments: u64 = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(100_000);
    let Bench {
        vault, admin, _tmp, ..
    } = Bench::filled(payments, jiff::civil::date(2026, 1, 1), 730);

    let floor_page = median(RUNS, || {
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
    let floor_count = median(RUNS, || {
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
        let t = median(RUNS, || {
            total = page(&admin, &query).expect("page").total;
        });
        println!(
            "page of 100 ({name}): {:.2} ms, total {total}  [{:.1}x the bare page + count]",
            ms(t),
            t.as_secs_f64() / (floor_page + floor_count).as_secs_f64()
        );
    }
}

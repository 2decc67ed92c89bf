//! Benchmark of the lists an office reads all day, at ten years' scale (not a test): the
//! payments list (every sort, deep pages, the screen's filters, searches), the customers list,
//! and opening the vault with the OS keyring.
//!
//! `scripts/keyring-session.sh cargo run --release -p tahsildar-core --example lists_bench --
//! [payments,...]` (default 10000,100000,1000000; `BENCH_QUICK=1`: 2000,10000 and few runs).
//! Each size is a SQLCipher vault of that many payments due over ten years, with one customer
//! per ten payments (one in ten of them with a card and a plan). Every figure is the median of
//! its runs, beside its floor measured on the same file: the bare indexed page at the same
//! offset and a bare `count(*)` for a list, reading the key from the keyring for the opening.
//! Prints one table; exits non-zero when a figure misses its target.

use std::sync::Arc;
use std::time::Duration;

use secrecy::SecretString;
use tahsildar_core::customer::search::{CustomerQuery, CustomerSort, search};
use tahsildar_core::payments::PaymentStatus;
use tahsildar_core::payments::page::{PaymentQuery, PaymentSort, page};
use tahsildar_core::vault::UnlockWith;
use tahsildar_core::{Keyring, Origin, Protection, SystemClock, Vault};

#[path = "common/vault.rs"]
mod common;
#[path = "common/summary.rs"]
mod summary;

use common::{Bench, add_customers, median, ms};

/// The targets: a page of payments, a page of customers, the vault's opening.
const PAYMENTS_MS: f64 = 50.0;
const CUSTOMERS_MS: f64 = 30.0;
const OPEN_MS: f64 = 50.0;

struct Figure {
    name: String,
    payments: u64,
    took: Duration,
    floor: Duration,
    target_ms: f64,
}

fn main() {
    let quick = std::env::var("BENCH_QUICK").is_ok_and(|v| v == "1");
    let sizes: Vec<u64> = std::env::args()
        .nth(1)
        .map(|a| {
            a.split(',')
                .map(|n| n.parse().expect("a number of payments"))
                .collect()
        })
        .unwrap_or_else(|| {
            if quick {
                vec![2_000, 10_000]
            } else {
                vec![10_000, 100_000, 1_000_000]
            }
        });
    let runs = if quick { 3 } else { 15 };
    let mut figures = Vec::new();
    for &payments in &sizes {
        measure(payments, runs, &mut figures);
    }
    if !print(&mut figures, &sizes) {
        std::process::exit(1);
    }
}

/// Fills a vault of `payments` payments and measures every figure on it.
fn measure(payments: u64, runs: u32, figures: &mut Vec<Figure>) {
    let Bench {
        vault,
        admin,
        _tmp,
        store_id,
    } = Bench::filled(payments, jiff::civil::date(2017, 1, 1), 10 * 365);
    add_customers(&vault, store_id, payments / 10);
    let customers: i64 = vault
        .db()
        .read(|c| Ok(c.query_row("SELECT count(*) FROM customers", [], |r| r.get(0))?))
        .expect("customers");
    let read = |sql: &str, offset: u64| {
        vault
            .db()
            .read(|c| {
                let mut stmt = c.prepare_cached(sql)?;
                let ids: Vec<i64> = stmt
                    .query_map([offset as i64], |r| r.get(0))?
                    .collect::<Result<_, _>>()?;
                let total: i64 = c.query_row(
                    &format!(
                        "SELECT count(*) FROM {}",
                        if sql.contains("customers") {
                            "customers"
                        } else {
                            "payments"
                        }
                    ),
                    [],
                    |r| r.get(0),
                )?;
                Ok((ids, total))
            })
            .expect("floor")
    };
    let payments_floor = |offset: u64| {
        median(runs, || {
            read(
                "SELECT id FROM payments ORDER BY due_date, id LIMIT 100 OFFSET ?1",
                offset,
            );
        })
    };
    let customers_floor = |offset: u64| {
        median(runs, || {
            read(
                "SELECT id FROM customers ORDER BY reference, id LIMIT 100 OFFSET ?1",
                offset,
            );
        })
    };

    // Payments: a query, and the offset of its page (given, or half of what it matches).
    let plan_of_someone: (i64, i64) = vault
        .db()
        .read(|c| {
            Ok(c.query_row(
                "SELECT customer_id, id FROM plans ORDER BY id LIMIT 1 OFFSET ?1",
                [(payments / 100 / 2) as i64],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?)
        })
        .expect("a plan");
    let order_id: String = vault
        .db()
        .read(|c| {
            Ok(c.query_row(
                "SELECT order_id FROM attempts WHERE state = 'approved' ORDER BY id LIMIT 1 OFFSET ?1",
                [(payments / 4) as i64],
                |r| r.get(0),
            )?)
        })
        .expect("an order");
    let today = tahsildar_core::plan::today(&SystemClock);
    let year_ago = today
        .checked_sub(jiff::Span::new().days(365))
        .expect("date");
    let by = |sort, descending| PaymentQuery {
        sort,
        descending,
        ..PaymentQuery::default()
    };
    let searching = |text: &str, accent_free| PaymentQuery {
        search: Some(text.into()),
        accent_free,
        ..PaymentQuery::default()
    };
    enum At {
        First,
        Middle,
        Last,
    }
    let cases: Vec<(&str, PaymentQuery, At)> = vec![
        (
            "payments by due date, first page",
            PaymentQuery::default(),
            At::First,
        ),
        (
            "payments by due date, middle page",
            PaymentQuery::default(),
            At::Middle,
        ),
        (
            "payments by due date desc, last page",
            by(PaymentSort::DueDate, true),
            At::Last,
        ),
        (
            "payments by amount desc, middle page",
            by(PaymentSort::Amount, true),
            At::Middle,
        ),
        (
            "payments by status, middle page",
            by(PaymentSort::Status, false),
            At::Middle,
        ),
        (
            "payments by customer name, middle page",
            by(PaymentSort::Customer, false),
            At::Middle,
        ),
        (
            "payments by customer name desc, last page",
            by(PaymentSort::Customer, true),
            At::Last,
        ),
        (
            "store + paid/attention + last year, by customer, middle",
            PaymentQuery {
                store_id: Some(store_id),
                statuses: vec![PaymentStatus::Paid, PaymentStatus::Attention],
                due_from: Some(year_ago),
                due_to: Some(today),
                sort: PaymentSort::Customer,
                ..PaymentQuery::default()
            },
            At::Middle,
        ),
        (
            "attention, by amount, middle page",
            PaymentQuery {
                statuses: vec![PaymentStatus::Attention],
                sort: PaymentSort::Amount,
                ..PaymentQuery::default()
            },
            At::Middle,
        ),
        (
            "one customer, by amount desc",
            PaymentQuery {
                customer_id: Some(plan_of_someone.0),
                sort: PaymentSort::Amount,
                descending: true,
                ..PaymentQuery::default()
            },
            At::First,
        ),
        (
            "one plan, paid",
            PaymentQuery {
                plan_id: Some(plan_of_someone.1),
                statuses: vec![PaymentStatus::Paid],
                ..PaymentQuery::default()
            },
            At::First,
        ),
        (
            "search 'YILMAZ 12' (Turkish case)",
            searching("YILMAZ 12", false),
            At::First,
        ),
        (
            "search 'Yilmaz 12' (accent-free)",
            searching("Yilmaz 12", true),
            At::First,
        ),
        (
            "search 'yılmaz' (an eighth of all), first page",
            searching("yılmaz", false),
            At::First,
        ),
        (
            "search 'yılmaz' (an eighth of all), middle",
            searching("yılmaz", false),
            At::Middle,
        ),
        ("search an order id", searching(&order_id, false), At::First),
    ];
    for (name, query, at) in cases {
        let total = page(&admin, &query).expect("page").total;
        let offset = match at {
            At::First => 0,
            At::Middle => total / 2,
            At::Last => total.saturating_sub(100),
        };
        let query = PaymentQuery {
            offset: offset as u32,
            ..query
        };
        let took = median(runs, || {
            page(&admin, &query).expect("page");
        });
        figures.push(Figure {
            name: format!("{name} [{total}]"),
            payments,
            took,
            floor: payments_floor(offset.min(total - offset)),
            target_ms: PAYMENTS_MS,
        });
    }

    // Customers.
    let listing = |sort, text: Option<&str>, accent_free| CustomerQuery {
        sort,
        search: text.map(str::to_string),
        accent_free,
        ..CustomerQuery::default()
    };
    let cases: Vec<(&str, CustomerQuery, bool)> = vec![
        (
            "customers by reference, middle page",
            listing(CustomerSort::Reference, None, false),
            true,
        ),
        (
            "customers by name, middle page",
            listing(CustomerSort::Name, None, false),
            true,
        ),
        (
            "customers search 'YILMAZ 12'",
            listing(CustomerSort::Name, Some("YILMAZ 12"), false),
            false,
        ),
        (
            "customers search 'Yilmaz 12' (accent-free)",
            listing(CustomerSort::Name, Some("Yilmaz 12"), true),
            false,
        ),
        (
            "customers search 'P-0123'",
            listing(CustomerSort::Reference, Some("P-0123"), false),
            false,
        ),
    ];
    for (name, query, middle) in cases {
        let total = search(&admin, &query).expect("customers").total;
        let offset = if middle { total / 2 } else { 0 };
        let query = CustomerQuery {
            offset: offset as u32,
            ..query
        };
        let took = median(runs, || {
            search(&admin, &query).expect("customers");
        });
        figures.push(Figure {
            name: format!("{name} [{total} of {customers}]"),
            payments,
            took,
            floor: customers_floor(offset),
            target_ms: CUSTOMERS_MS,
        });
    }

    // The vault's opening with the keyring, to the first query.
    let dir = vault.dir().clone();
    drop(admin);
    drop(vault);
    let mut reopened = Vault::open(
        &dir,
        &UnlockWith::Passphrase(SecretString::from("a vault passphrase".to_string())),
        Arc::new(SystemClock),
    )
    .expect("open with the passphrase");
    if let Err(e) = reopened.rebind(&Protection::Keyring(Keyring::platform()), Origin::App) {
        println!("no keyring here ({e}): run under scripts/keyring-session.sh to time the opening");
        return;
    }
    let vault_id = reopened.vault_id().to_string();
    drop(reopened);
    let floor = median(runs, || {
        Keyring::platform().load_key(&vault_id).expect("the key");
    });
    let open = || {
        Vault::open(
            &dir,
            &UnlockWith::Keyring(Keyring::platform()),
            Arc::new(SystemClock),
        )
        .expect("open with the keyring")
    };
    let first_query = |vault: &Vault, sql: &str| {
        vault
            .db()
            .read(|c| Ok(c.query_row(sql, [], |r| r.get::<_, i64>(0))?))
            .expect("first query");
    };
    // The first query the app makes: who may sign in.
    let took = median(runs, || {
        first_query(&open(), "SELECT count(*) FROM users");
    });
    figures.push(Figure {
        name: "vault open with the keyring, to the first query".into(),
        payments,
        took,
        floor,
        target_ms: OPEN_MS,
    });
    // A count of every payment reads every page of an index: right after the opening, none of
    // them is decrypted yet.
    let took = median(runs, || {
        first_query(&open(), "SELECT count(*) FROM payments");
    });
    figures.push(Figure {
        name: "vault open, then count every payment (cold cache)".into(),
        payments,
        took,
        floor,
        target_ms: OPEN_MS,
    });
}

/// Prints the figures, each at every size, in one table; says whether all met their targets.
fn print(figures: &mut [Figure], sizes: &[u64]) -> bool {
    // Each figure at every size together: by the order of first appearance.
    let order: Vec<String> = figures.iter().fold(Vec::new(), |mut names, f| {
        let base = base_name(&f.name);
        if !names.contains(&base) {
            names.push(base);
        }
        names
    });
    figures.sort_by_key(|f| {
        (
            order.iter().position(|n| *n == base_name(&f.name)),
            sizes.iter().position(|s| *s == f.payments),
        )
    });
    let width = figures
        .iter()
        .map(|f| f.name.chars().count())
        .max()
        .unwrap_or(10);
    println!(
        "\n{:<width$}  {:>9}  {:>9}  {:>9}  {:>6}  {:>6}  result",
        "figure [rows matched]", "payments", "ms", "floor ms", "ratio", "target"
    );
    let mut all_met = true;
    for f in figures.iter() {
        let met = ms(f.took) < f.target_ms;
        all_met &= met;
        summary::record(
            &f.name,
            &format!("{} payments", f.payments),
            ms(f.took),
            "ms",
            Some(ms(f.floor)),
            summary::Target::Below(f.target_ms),
        );
        println!(
            "{:<width$}  {:>9}  {:>9.2}  {:>9.2}  {:>5.1}x  {:>6.0}  {}",
            f.name,
            f.payments,
            ms(f.took),
            ms(f.floor),
            f.took.as_secs_f64() / f.floor.as_secs_f64().max(1e-9),
            f.target_ms,
            if met { "pass" } else { "FAIL" }
        );
    }
    all_met
}

/// A figure's name without what it matched (which grows with the vault).
fn base_name(name: &str) -> String {
    name.split(" [").next().unwrap_or(name).to_string()
}

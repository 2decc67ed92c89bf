//! What the benchmarks share (each uses part of it): a SQLCipher vault with an administrator,
//! empty or filled as an office's vault looks after years of collections: one customer per
//! hundred payments (at least 1,000) in the sandbox store, each with a card and a monthly plan,
//! and the payments due on random days of a span from a first day. Those due before today are
//! mostly paid, each with its approved charge; some were refunded or cancelled, and of the
//! last year's a few are still owed (declined, waiting for a retry or an operator); those due
//! later are scheduled. One payment in ten was declined once on the way. And the median of
//! repeated timings.
#![allow(dead_code)]

use std::sync::Arc;
use std::time::{Duration, Instant};

use rusqlite::params;
use secrecy::SecretString;
use tahsildar_core::auth::users;
use tahsildar_core::customer::{self, NewCard, NewCustomer};
use tahsildar_core::store;
use tahsildar_core::{Auth, DataDir, KdfParams, Origin, Protection, Session, SystemClock, Vault};

/// A vault with an administrator signed in, and its sandbox store.
pub struct Bench {
    pub _tmp: tempfile::TempDir,
    pub vault: Arc<Vault>,
    pub admin: Session,
    pub store_id: i64,
}

impl Bench {
    /// A new, empty vault.
    pub fn empty() -> Bench {
        let secret = |s: &str| SecretString::from(s.to_string());
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
        let admin = Auth::new(vault.clone())
            .sign_in("admin", &secret("admin password 1"), Origin::App)
            .expect("sign in");
        let store_id = vault
            .db()
            .read(|c| store::find_by_name(c, "Sandbox"))
            .expect("store");
        Bench {
            _tmp: tmp,
            vault,
            admin,
            store_id,
        }
    }

    /// A new vault with `payments` payments due in the `days` days from `first_due` on; says
    /// how long the fill took.
    pub fn filled(payments: u64, first_due: jiff::civil::Date, days: u32) -> Bench {
        let bench = Bench::empty();
        let started = Instant::now();
        fill(
            &bench.vault,
            &bench.admin,
            bench.store_id,
            payments,
            (first_due, days),
        );
        println!(
            "filled {payments} payments in {:.1} s",
            started.elapsed().as_secs_f64()
        );
        bench
    }
}

/// The median of `runs` timings of `f`.
pub fn median(runs: u32, mut f: impl FnMut()) -> Duration {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let started = Instant::now();
            f();
            started.elapsed()
        })
        .collect();
    times.sort();
    times[times.len() / 2]
}

pub fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// The customers' names, with a number after each: Turkish letters in both cases.
pub const NAMES: [&str; 8] = [
    "Ayşe Yılmaz",
    "Mehmet Öztürk",
    "Çağla Şahin",
    "İsmail Kaya",
    "Gülşen Demir",
    "Ömer Çelik",
    "ŞULE AYDIN",
    "Ilgaz Yıldız",
];

/// Adds customers without cards or plans (as a list of customers imported ahead of their
/// plans) to the sandbox store until it holds `total`, in one transaction; each gets the
/// search keys `customer::insert` writes.
pub fn add_customers(vault: &Vault, store_id: i64, total: u64) {
    use tahsildar_words::turkish;
    vault
        .db()
        .write(|tx| {
            let had: i64 = tx.query_row("SELECT count(*) FROM customers", [], |r| r.get(0))?;
            let mut insert = tx.prepare(
                "INSERT INTO customers (store_id, reference, name, created_at, updated_at,
                     search_text, search_plain, sort_key)
                 VALUES (?1, ?2, ?3, ?4, ?4, ?5, ?6, ?7)",
            )?;
            for i in had as u64..total {
                let reference = format!("P-{i:06}");
                let name = format!(
                    "{} {}",
                    NAMES[(i % NAMES.len() as u64) as usize],
                    i * 7 % 100_000
                );
                let all = format!("{reference}\u{1f}{name}");
                insert.execute(params![
                    store_id,
                    reference,
                    name,
                    "2026-11-27T07:00:00Z",
                    turkish::lower(&all),
                    turkish::plain(&all),
                    turkish::sort_key(&name)
                ])?;
            }
            Ok(())
        })
        .expect("customers");
}

fn fill(
    vault: &Vault,
    admin: &Session,
    store_id: i64,
    payments: u64,
    (first_due, days): (jiff::civil::Date, u32),
) {
    let customers = (payments / 100).max(1_000);
    let per = payments.div_ceil(customers);
    let mut seed = 42u64;
    let mut next = |n: u64| {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (seed >> 33) % n
    };
    let today = tahsildar_core::plan::today(&tahsildar_core::SystemClock).to_string();
    let year_ago = tahsildar_core::plan::today(&tahsildar_core::SystemClock)
        .checked_sub(jiff::Span::new().days(365))
        .expect("date")
        .to_string();
    // Of a hundred payments due in the last year, and before it: what became of them.
    let last_year = |roll: u64| match roll {
        0..=89 => "paid",
        90..=91 => "refunded",
        92..=93 => "cancelled",
        94..=96 => "retry_wait",
        _ => "attention",
    };
    let earlier = |roll: u64| match roll {
        0..=94 => "paid",
        95..=96 => "refunded",
        _ => "cancelled",
    };
    // Customers and their cards through the API, so the cards are sealed as the reports read them.
    let expiry = format!(
        "12/{:02}",
        (tahsildar_core::plan::today(&tahsildar_core::SystemClock).year() + 4) % 100
    );
    let people: Vec<(i64, i64)> = (0..customers)
        .map(|i| {
            let new = NewCustomer {
                reference: format!("R-{i:05}"),
                name: format!(
                    "{} {}",
                    NAMES[(i % NAMES.len() as u64) as usize],
                    next(100_000)
                ),
                ..NewCustomer::default()
            };
            let id = customer::add(admin, store_id, &new).expect("customer").id;
            let card = NewCard {
                pan: SecretString::from("4355093000315232".to_string()),
                expiry: expiry.clone(),
                holder: None,
                alternate: false,
                instruction_date: None,
                instruction_ref: None,
            };
            (id, customer::card::add(admin, id, &card).expect("card").id)
        })
        .collect();
    vault
        .db()
        .write(|tx| {
            let now = "2026-11-27T07:00:00Z";
            let mut made = 0u64;
            for &(customer, card) in &people {
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
                    let due = first_due
                        .checked_add(jiff::Span::new().days(next(u64::from(days)) as i64))
                        .expect("date")
                        .to_string();
                    let status = if due >= today {
                        "scheduled"
                    } else if due >= year_ago {
                        last_year(next(100))
                    } else {
                        earlier(next(100))
                    };
                    tx.prepare_cached(
                        "INSERT INTO payments (plan_id, store_id, occurrence, due_date, amount_minor, currency, status,
                             next_try_on, card_id, updated_at)
                         VALUES (?1, ?2, ?3, ?4, ?5, 949, ?6, ?4, ?7, ?8)",
                    )?
                    .execute(params![plan, store_id, occurrence as i64, due, 100 + next(500_000) as i64, status, card, now])?;
                    let id = tx.last_insert_rowid();
                    if made.is_multiple_of(10) && status != "scheduled" {
                        tx.prepare_cached(
                            "INSERT INTO attempts (payment_id, order_id, card_id, amount_minor, currency, state, vps_code, host_code, created_at)
                             VALUES (?1, ?2, ?3, 100, 949, 'declined', 'VPS-1005', '51', ?4)",
                        )?
                        .execute(params![id, format!("DEC-{id:08}"), card, now],
                        )?;
                    }
                    if matches!(status, "paid" | "refunded") {
                        tx.prepare_cached(
                            "INSERT INTO attempts (payment_id, order_id, card_id, amount_minor, currency, state, vps_code,
                                 host_code, auth_code, created_at, finished_at, refunded_minor)
                             SELECT id, ?2, card_id, amount_minor, 949, 'approved', '00', '00', 'A1', ?3, ?3,
                                 CASE WHEN status = 'refunded' THEN amount_minor ELSE 0 END
                             FROM payments WHERE id = ?1",
                        )?
                        .execute(params![id, format!("ORD-{id:08}"), now],
                        )?;
                    }
                }
            }
            Ok(())
        })
        .expect("fill");
}

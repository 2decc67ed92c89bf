//! The payments list on 100,000 payments: every filter and sort gives exactly the rows a plain
//! in-memory model gives, pages never overlap, and only masked card numbers come back.

use rusqlite::params;
use tahsildar_core::Role;
use tahsildar_core::payments::PaymentStatus;
use tahsildar_core::payments::page::{PaymentQuery, PaymentSort, page};
use tahsildar_words::turkish;

use crate::setup::Office;

const CUSTOMERS: i64 = 1_000;
const PER_CUSTOMER: i64 = 100;
const STATUSES: [&str; 6] = [
    "scheduled",
    "paid",
    "attention",
    "retry_wait",
    "refunded",
    "cancelled",
];

/// One payment as the model knows it.
#[derive(Clone, Debug)]
struct Model {
    id: i64,
    store_id: i64,
    customer_id: i64,
    name: String,
    reference: String,
    due: String,
    amount: i64,
    status: &'static str,
    batch: Option<i64>,
    order_id: Option<String>,
}

/// A small deterministic generator (64-bit LCG).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % n
    }
}

/// Fills the vault with 1,000 customers in two stores and 100 payments each, in one
/// transaction, and returns the model.
fn fill(office: &Office, branch: i64) -> Vec<Model> {
    let mut rng = Lcg(42);
    let mut model = Vec::with_capacity((CUSTOMERS * PER_CUSTOMER) as usize);
    let names = [
        "Yılmaz", "kaya", "Demir", "şahin", "Çelik", "yıldız", "Aydın", "öztürk",
    ];
    office
        .vault
        .db()
        .write(|tx| {
            let now = "2026-11-27T07:00:00Z";
            for i in 0..CUSTOMERS {
                let store = if i % 2 == 0 { office.store_id } else { branch };
                let reference = format!("R-{i:05}");
                let name = format!("{} {}", names[(i % 8) as usize], rng.next(1_000));
                // The search keys as the program writes them (customer::insert).
                let all = format!("{reference}\u{1f}{name}");
                tx.execute(
                    "INSERT INTO customers (store_id, reference, name, created_at, updated_at, search_text,
                         search_plain, sort_key)
                     VALUES (?1, ?2, ?3, ?4, ?4, ?5, ?6, ?7)",
                    params![store, reference, name, now, turkish::lower(&all), turkish::plain(&all),
                        turkish::sort_key(&name)],
                )?;
                let customer = tx.last_insert_rowid();
                // Every 97th customer has no card; the others one (sealed fields are not read by the list).
                let card: Option<i64> = if i % 97 == 0 {
                    None
                } else {
                    tx.execute(
                        "INSERT INTO cards (customer_id, pan_sealed, expiry_sealed, pan_fingerprint, masked_pan, brand, position, created_at)
                         VALUES (?1, x'00', x'00', randomblob(32), ?2, 'Visa', 0, ?3)",
                        params![customer, format!("435509******{:04}", i % 10_000), now],
                    )?;
                    Some(tx.last_insert_rowid())
                };
                let batch = (i % 5 == 0).then_some(7);
                tx.execute(
                    "INSERT INTO plans (store_id, customer_id, kind, amount_minor, currency, installments, start_date,
                         cadence, end_count, status, batch_id, created_at, updated_at)
                     VALUES (?1, ?2, 'recurring', 100, 949, 1, '2026-01-01', '1m', ?3, 'active', ?4, ?5, ?5)",
                    params![store, customer, PER_CUSTOMER, batch, now],
                )?;
                let plan = tx.last_insert_rowid();
                for occurrence in 0..PER_CUSTOMER {
                    let due = jiff::civil::date(2026, 1, 1)
                        .checked_add(jiff::Span::new().days(rng.next(730) as i64))
                        .unwrap()
                        .to_string();
                    let amount = 100 + rng.next(500_000) as i64;
                    let status = STATUSES[rng.next(STATUSES.len() as u64) as usize];
                    tx.execute(
                        "INSERT INTO payments (plan_id, store_id, occurrence, due_date, amount_minor, currency, status,
                             next_try_on, card_id, updated_at)
                         VALUES (?1, ?2, ?3, ?4, ?5, 949, ?6, ?4, ?7, ?8)",
                        params![plan, store, occurrence, due, amount, status, card, now],
                    )?;
                    let id = tx.last_insert_rowid();
                    let order_id = match (card, id % 100 == 3) {
                        (Some(card), true) => {
                            let order = format!("ORD-{id:08}");
                            tx.execute(
                                "INSERT INTO attempts (payment_id, order_id, card_id, amount_minor, currency, state,
                                     vps_code, host_code, created_at)
                                 VALUES (?1, ?2, ?3, ?4, 949, 'declined', 'VPS-1005', '51', ?5)",
                                params![id, order, card, amount, now],
                            )?;
                            Some(order)
                        }
                        _ => None,
                    };
                    model.push(Model {
                        id,
                        store_id: store,
                        customer_id: customer,
                        name: name.clone(),
                        reference: reference.clone(),
                        due,
                        amount,
                        status,
                        batch,
                        order_id,
                    });
                }
            }
            Ok(())
        })
        .unwrap();
    model
}

fn ids_of(office: &Office, query: &PaymentQuery) -> (u64, Vec<i64>) {
    let got = page(&office.admin, query).unwrap();
    (got.total, got.rows.iter().map(|r| r.id).collect())
}

/// The model's rows that pass `keep`, sorted by `key` then id, and the page at offset/limit.
fn expect<K: Ord>(
    model: &[Model],
    keep: impl Fn(&Model) -> bool,
    key: impl Fn(&Model) -> K,
    descending: bool,
    offset: usize,
    limit: usize,
) -> (u64, Vec<i64>) {
    let mut rows: Vec<&Model> = model.iter().filter(|m| keep(m)).collect();
    rows.sort_by_key(|m| (key(m), m.id));
    if descending {
        rows.reverse();
    }
    let total = rows.len() as u64;
    (
        total,
        rows.iter().skip(offset).take(limit).map(|m| m.id).collect(),
    )
}

#[test]
fn one_hundred_thousand_payments_page_filter_and_sort_like_the_model() {
    let office = Office::new();
    let branch = office.second_store();
    let model = fill(&office, branch);
    assert_eq!(model.len(), 100_000);

    // Default: by due date, first and last pages.
    for offset in [0usize, 50_000, 99_950] {
        let q = PaymentQuery {
            offset: offset as u32,
            ..PaymentQuery::default()
        };
        assert_eq!(
            ids_of(&office, &q),
            expect(&model, |_| true, |m| m.due.clone(), false, offset, 100),
            "due date, offset {offset}"
        );
    }

    // Every sort, both directions, at an offset deep in the list.
    type Key = fn(&Model) -> String;
    let sorts: [(PaymentSort, Key); 4] = [
        (PaymentSort::DueDate, |m| m.due.clone()),
        (PaymentSort::Amount, |m| format!("{:012}", m.amount)),
        (PaymentSort::Status, |m| {
            format!("{}\u{0}{}", m.status, m.due)
        }),
        // The Turkish order, from the same key the program writes.
        (PaymentSort::Customer, |m| turkish::sort_key(&m.name)),
    ];
    for (sort, key) in sorts {
        // A page in the second half is read from the end of the list: the same rows.
        for (descending, offset) in [
            (false, 31_337),
            (true, 31_337),
            (false, 68_420),
            (true, 99_900),
        ] {
            let q = PaymentQuery {
                sort,
                descending,
                offset,
                limit: Some(250),
                ..PaymentQuery::default()
            };
            assert_eq!(
                ids_of(&office, &q),
                expect(&model, |_| true, key, descending, offset as usize, 250),
                "{sort:?} descending={descending} offset {offset}"
            );
        }
    }

    // Consecutive pages neither overlap nor skip.
    let mut walked = Vec::new();
    for n in 0..4u32 {
        let q = PaymentQuery {
            sort: PaymentSort::Amount,
            offset: n * 500,
            limit: Some(500),
            ..PaymentQuery::default()
        };
        walked.extend(ids_of(&office, &q).1);
    }
    let key = |m: &Model| m.amount;
    assert_eq!(walked, expect(&model, |_| true, key, false, 0, 2_000).1);

    // Filters together: store, two statuses, a due range.
    let from = jiff::civil::date(2026, 6, 1);
    let to = jiff::civil::date(2026, 9, 30);
    let q = PaymentQuery {
        store_id: Some(branch),
        statuses: vec![PaymentStatus::Attention, PaymentStatus::Paid],
        due_from: Some(from),
        due_to: Some(to),
        offset: 100,
        limit: Some(300),
        ..PaymentQuery::default()
    };
    let keep = |m: &Model| {
        m.store_id == branch
            && matches!(m.status, "attention" | "paid")
            && m.due.as_str() >= "2026-06-01"
            && m.due.as_str() <= "2026-09-30"
    };
    let (total, ids) = ids_of(&office, &q);
    assert_eq!(
        (total, ids),
        expect(&model, keep, |m| m.due.clone(), false, 100, 300)
    );
    assert!(
        total > 1_000,
        "the filter should still match many rows, got {total}"
    );
    // Its last, short page, by customer, is read from the end of the filtered list.
    let last = PaymentQuery {
        sort: PaymentSort::Customer,
        offset: total as u32 - 120,
        ..q.clone()
    };
    let name_key = |m: &Model| turkish::sort_key(&m.name);
    assert_eq!(
        ids_of(&office, &last),
        expect(&model, keep, name_key, false, total as usize - 120, 300)
    );

    // Customer, batch.
    let someone = model[12_345].customer_id;
    let q = PaymentQuery {
        customer_id: Some(someone),
        sort: PaymentSort::Amount,
        descending: true,
        limit: Some(500),
        ..PaymentQuery::default()
    };
    assert_eq!(
        ids_of(&office, &q),
        expect(
            &model,
            |m| m.customer_id == someone,
            |m| m.amount,
            true,
            0,
            500
        )
    );
    let q = PaymentQuery {
        batch_id: Some(7),
        statuses: vec![PaymentStatus::Scheduled],
        ..PaymentQuery::default()
    };
    assert_eq!(
        ids_of(&office, &q),
        expect(
            &model,
            |m| m.batch == Some(7) && m.status == "scheduled",
            |m| m.due.clone(),
            false,
            0,
            100
        )
    );

    // Search: by reference, by part of a name (in Turkish: "DEMİR" is "demir"), by order id.
    let q = PaymentQuery {
        search: Some("R-00042".into()),
        limit: Some(500),
        ..PaymentQuery::default()
    };
    assert_eq!(
        ids_of(&office, &q),
        expect(
            &model,
            |m| m.reference == "R-00042",
            |m| m.due.clone(),
            false,
            0,
            500
        )
    );
    let q = PaymentQuery {
        search: Some("DEMİR 1".into()),
        limit: Some(500),
        ..PaymentQuery::default()
    };
    let (total, ids) = ids_of(&office, &q);
    let by_name = expect(
        &model,
        |m| turkish::lower(&m.name).contains("demir 1"),
        |m| m.due.clone(),
        false,
        0,
        500,
    );
    assert!(total > 0);
    assert_eq!((total, ids), by_name);
    // A search matching an eighth of the payments (walked in order, not sorted), deep in.
    for offset in [2_000u32, 11_000] {
        let q = PaymentQuery {
            search: Some("DEMİR".into()),
            sort: PaymentSort::Amount,
            offset,
            limit: Some(250),
            ..PaymentQuery::default()
        };
        let (total, ids) = ids_of(&office, &q);
        assert!(total > 100_000 / 16, "matched {total}");
        assert_eq!(
            (total, ids),
            expect(
                &model,
                |m| turkish::lower(&m.name).contains("demir"),
                |m| m.amount,
                false,
                offset as usize,
                250
            )
        );
    }
    let with_order = model.iter().find(|m| m.order_id.is_some()).unwrap();
    let q = PaymentQuery {
        search: with_order.order_id.clone(),
        ..PaymentQuery::default()
    };
    assert_eq!(ids_of(&office, &q), (1, vec![with_order.id]));
    // A wildcard typed by the user is a plain character.
    let q = PaymentQuery {
        search: Some("%".into()),
        ..PaymentQuery::default()
    };
    assert_eq!(ids_of(&office, &q).0, 0);

    // Rows carry the latest attempt and only a masked card number.
    let q = PaymentQuery {
        search: with_order.order_id.clone(),
        ..PaymentQuery::default()
    };
    let row = &page(&office.admin, &q).unwrap().rows[0];
    assert_eq!(row.order_id, with_order.order_id);
    assert_eq!(row.host_code.as_deref(), Some("51"));
    assert_eq!(row.attempts, 1);
    let all = page(
        &office.admin,
        &PaymentQuery {
            limit: Some(500),
            ..PaymentQuery::default()
        },
    )
    .unwrap();
    for row in &all.rows {
        if let Some(pan) = &row.masked_pan {
            assert!(
                pan.len() == 16 && pan[6..12].chars().all(|c| c == '*'),
                "not masked: {pan}"
            );
        }
    }

    // A user of one store sees that store only, even without a store filter.
    let viewer = office.user("viewer", Role::Viewer, branch);
    let seen = page(&viewer, &PaymentQuery::default()).unwrap();
    assert_eq!(
        seen.total,
        model.iter().filter(|m| m.store_id == branch).count() as u64
    );
    assert!(seen.rows.iter().all(|r| r.store_id == branch));
    let denied = page(
        &viewer,
        &PaymentQuery {
            store_id: Some(office.store_id),
            ..PaymentQuery::default()
        },
    );
    assert!(matches!(
        denied,
        Err(tahsildar_core::Error::PermissionDenied { .. })
    ));
}

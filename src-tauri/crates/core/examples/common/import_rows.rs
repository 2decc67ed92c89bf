//! The rows the import benchmarks write, and the vault-tables floor: the same rows written
//! straight into the vault's own tables, which is the database work a commit cannot avoid.
#![allow(dead_code)]

use std::time::{Duration, Instant};

use tahsildar_core::Vault;

/// One row of the benchmark's file.
pub struct Row {
    pub reference: String,
    pub name: String,
    pub pan: &'static str,
    pub expiry: &'static str,
    pub amount_minor: i64,
    pub installments: u8,
    pub due_day: u8,
}

/// `n` rows: a customer each, two card numbers, one row in ten in three instalments.
pub fn rows(n: usize) -> impl Iterator<Item = Row> {
    (0..n).map(|i| Row {
        reference: format!("A-{i:06}"),
        name: format!("Site Sakini {i}"),
        pan: if i % 2 == 0 {
            "4355093000315232"
        } else {
            "5218076007402834"
        },
        expiry: if i % 2 == 0 { "11/28" } else { "05/29" },
        amount_minor: 125_000 + (i as i64 % 97) * 150,
        installments: if i % 10 == 0 { 3 } else { 1 },
        due_day: 1 + (i % 28) as u8,
    })
}

/// The vault-tables floor: `n` rows written straight into the vault's own tables (a customer
/// with its search and sort keys, a card with sealed-size blobs, a plan and a payment carrying
/// its customer's sort key per row, both tagged with their batch) with prepared statements in
/// one transaction, with the page cache a commit of this size gets.
pub fn vault_tables(vault: &Vault, store_id: i64, n: usize) -> Duration {
    let started = Instant::now();
    vault
        .db()
        .write(|tx| {
            tx.pragma_update(None, "cache_size", -(n as i64).clamp(2_000, 131_072))?;
            let now = jiff::Timestamp::now().to_string();
            tx.execute(
                "INSERT INTO import_batches (store_id, file_name, content_hash, rows_total, rows_imported,
                     rows_rejected, rows_warned, created_by, created_at)
                 VALUES (?1, 'floor.xlsx', ?2, ?3, ?3, 0, 0, 1, ?4)",
                rusqlite::params![store_id, "0".repeat(64), n as i64, now],
            )?;
            let batch = tx.last_insert_rowid();
            let mut customer = tx.prepare(
                "INSERT INTO customers (store_id, reference, name, created_at, updated_at, search_text, search_plain, sort_key)
                 VALUES (?1, ?2, ?3, ?4, ?4, ?5, ?5, ?6)",
            )?;
            let mut card = tx.prepare(
                "INSERT INTO cards (customer_id, pan_sealed, expiry_sealed, pan_fingerprint, masked_pan, brand, position, created_at)
                 VALUES (?1, ?2, ?3, ?4, '435509******5232', 'Visa', 0, ?5)",
            )?;
            let mut plan = tx.prepare(
                "INSERT INTO plans (store_id, customer_id, kind, amount_minor, currency, installments, start_date, status, batch_id, created_by, created_at, updated_at)
                 VALUES (?1, ?2, 'one_off', ?3, 949, 1, ?4, 'active', ?6, 1, ?5, ?5)",
            )?;
            let mut payment = tx.prepare(
                "INSERT INTO payments (plan_id, store_id, occurrence, due_date, amount_minor, currency, status, next_try_on, card_id, batch_id, updated_at, customer_key)
                 VALUES (?1, ?2, 0, ?3, ?4, 949, 'scheduled', ?3, ?5, ?7, ?6, ?8)",
            )?;
            for r in rows(n) {
                let due = format!("2026-12-{:02}", r.due_day);
                let folded = r.name.to_lowercase();
                let search = format!("{} {folded}", r.reference.to_lowercase());
                customer.execute(rusqlite::params![store_id, r.reference, r.name, now, search, folded])?;
                let c = tx.last_insert_rowid();
                let fp = [(c % 251) as u8; 32];
                card.execute(rusqlite::params![c, [7u8; 57].as_slice(), [7u8; 46].as_slice(), fp.as_slice(), now])?;
                let k = tx.last_insert_rowid();
                plan.execute(rusqlite::params![store_id, c, r.amount_minor, due, now, batch])?;
                let p = tx.last_insert_rowid();
                payment.execute(rusqlite::params![p, store_id, due, r.amount_minor, k, now, batch, folded])?;
            }
            Ok(())
        })
        .unwrap();
    started.elapsed()
}

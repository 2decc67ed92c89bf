//! Writing one day's matching: what the report lists is marked as seen, differences are kept
//! (those no longer found are resolved), bookings of a restored vault are written back, and
//! the day's row is brought up to date, with its audit entry, in one transaction.

use std::collections::HashSet;

use jiff::civil::Date;
use rusqlite::{Transaction, params};
use tahsildar_akbank::HistoryRow;

use super::DayState;
use super::load::{open_here, settle_from};
use super::matching::{Finding, Matched};
use super::restore::write_back;
use crate::audit::{AuditAction, AuditResult};
use crate::engine::record::Scribe;
use crate::error::Result;

/// What the engine read of the day.
pub(crate) struct Read<'a> {
    pub store_id: i64,
    pub day: Date,
    pub rows: &'a [HistoryRow],
    /// The report was read after the day had ended.
    pub complete: bool,
}

/// Writes the matching of a day (its follow-ups already settled) and returns how many
/// differences stay unresolved.
pub(crate) fn apply(
    tx: &Transaction,
    scribe: &Scribe,
    read: &Read,
    matched: &Matched,
) -> Result<u32> {
    let day = read.day.to_string();
    let now = scribe.now();
    let mut found: HashSet<(String, String, String)> = HashSet::new();
    let mut written_back = 0u32;
    for finding in &matched.findings {
        match finding {
            Finding::Seen { attempt_id } => {
                tx.execute(
                    "UPDATE attempts SET bank_day = ?1 WHERE id = ?2 AND bank_day IS NULL",
                    params![day, attempt_id],
                )?;
            }
            Finding::SeenFollowUp {
                reversal_id,
                bank_order_id,
            } => {
                tx.execute(
                    "UPDATE reversals SET bank_day = COALESCE(bank_day, ?1), order_id = COALESCE(?2, order_id)
                     WHERE id = ?3",
                    params![day, bank_order_id, reversal_id],
                )?;
            }
            Finding::Settle { .. } => {}
            Finding::Restore { row } => {
                if write_back(tx, scribe, read.store_id, &day, row, read.rows)? {
                    written_back += 1;
                } else {
                    let d = super::matching::NewDifference {
                        kind: super::DifferenceKind::UnknownBooking,
                        txn_code: row.txn_code.clone().unwrap_or_default(),
                        order_id: row.order_id.clone().unwrap_or_default(),
                        attempt_id: None,
                        reversal_id: None,
                        local_state: None,
                        bank_status: row.txn_status.clone(),
                        local_amount_minor: None,
                        bank_amount_minor: row.amount_minor,
                        currency: row.currency_code.and_then(|c| u16::try_from(c).ok()),
                        masked_pan: row.masked_card_number.clone(),
                    };
                    insert_difference(tx, read.store_id, &day, &d, &now, &mut found)?;
                }
            }
            Finding::Difference(d) => {
                insert_difference(tx, read.store_id, &day, d, &now, &mut found)?;
            }
        }
    }
    // What an earlier reading found and this one does not: the records agree now.
    let open: Vec<(i64, String, String, String)> = {
        let mut stmt = tx.prepare(
            "SELECT id, kind, txn_code, order_id FROM settlement_differences
             WHERE store_id = ?1 AND day = ?2 AND resolved_at IS NULL",
        )?;
        let rows = stmt.query_map(params![read.store_id, day], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?;
        rows.collect::<std::result::Result<_, _>>()?
    };
    for (id, kind, txn, order) in open {
        if !found.contains(&(kind, txn, order)) {
            tx.execute(
                "UPDATE settlement_differences SET resolved_at = ?1,
                     resolution = 'the bank''s report and this vault agree now'
                 WHERE id = ?2",
                params![now, id],
            )?;
        }
    }
    let open_here = open_here(tx, read.store_id, read.day)?;
    tx.execute(
        "INSERT INTO settlement_days (store_id, day, state, complete, bank_rows, matched, others, open_here, checked_at)
         VALUES (?1, ?2, ?9, ?3, ?4, ?5, ?6, ?7, ?8)
         ON CONFLICT (store_id, day) DO UPDATE SET complete = excluded.complete,
             bank_rows = excluded.bank_rows, matched = excluded.matched, others = excluded.others,
             open_here = excluded.open_here, checked_at = excluded.checked_at",
        params![
            read.store_id,
            day,
            read.complete,
            read.rows.len() as u32,
            matched.matched,
            matched.others,
            open_here,
            now,
            DayState::Pending
        ],
    )?;
    let (state, differences) = recount_day(tx, read.store_id, &day)?;
    let record = scribe
        .actor
        .record(
            AuditAction::SettlementDay,
            format!("store:{}", read.store_id),
            if differences == 0 {
                AuditResult::Ok
            } else {
                AuditResult::Failed
            },
        )
        .with_detail(
            serde_json::json!({ "day": day, "state": state, "bank_rows": read.rows.len(),
            "matched": matched.matched, "differences": differences, "open_here": open_here,
            "written_back": written_back, "complete": read.complete }),
        );
    scribe.append(tx, &record)?;
    tracing::info!(
        store_id = read.store_id,
        day,
        state = state.as_str(),
        bank_rows = read.rows.len(),
        matched = matched.matched,
        differences,
        open_here,
        "day matched"
    );
    lift_restore_hold(tx, scribe)?;
    Ok(differences)
}

fn insert_difference(
    tx: &Transaction,
    store_id: i64,
    day: &str,
    d: &super::matching::NewDifference,
    now: &str,
    found: &mut HashSet<(String, String, String)>,
) -> Result<()> {
    tx.execute(
        "INSERT INTO settlement_differences (store_id, day, kind, txn_code, order_id, attempt_id, reversal_id,
             local_state, bank_status, local_amount_minor, bank_amount_minor, currency, masked_pan, found_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)
         ON CONFLICT (store_id, day, kind, txn_code, order_id) DO UPDATE SET
             local_state = excluded.local_state, bank_status = excluded.bank_status,
             local_amount_minor = excluded.local_amount_minor, bank_amount_minor = excluded.bank_amount_minor",
        params![
            store_id,
            day,
            d.kind.as_str(),
            d.txn_code,
            d.order_id,
            d.attempt_id,
            d.reversal_id,
            d.local_state,
            d.bank_status,
            d.local_amount_minor,
            d.bank_amount_minor,
            d.currency,
            d.masked_pan,
            now
        ],
    )?;
    found.insert((
        d.kind.as_str().to_string(),
        d.txn_code.clone(),
        d.order_id.clone(),
    ));
    Ok(())
}

/// Counts a day's unresolved differences and sets its state from them and what is open here.
pub(crate) fn recount_day(tx: &Transaction, store_id: i64, day: &str) -> Result<(DayState, u32)> {
    let differences: u32 = tx.query_row(
        "SELECT count(*) FROM settlement_differences WHERE store_id = ?1 AND day = ?2 AND resolved_at IS NULL",
        params![store_id, day],
        |r| r.get(0),
    )?;
    let state: DayState = tx.query_row(
        "UPDATE settlement_days SET differences = ?3,
             state = CASE WHEN ?3 > 0 THEN ?4 WHEN open_here > 0 THEN ?5 ELSE ?6 END
         WHERE store_id = ?1 AND day = ?2 RETURNING state",
        params![
            store_id,
            day,
            differences,
            DayState::Differences,
            DayState::Pending,
            DayState::Settled
        ],
        |r| r.get(0),
    )?;
    Ok((state, differences))
}

/// A day matched earlier is to be read again (a void or refund of it was done since).
pub(crate) fn reopen_day(tx: &Transaction, store_id: i64, day: &str) -> Result<()> {
    tx.execute(
        "UPDATE settlement_days SET complete = 0 WHERE store_id = ?1 AND day = ?2",
        params![store_id, day],
    )?;
    Ok(())
}

/// After a restore: once every day since the backup is settled in every store with anything
/// to settle, the vault may send and take new payments again.
fn lift_restore_hold(tx: &Transaction, scribe: &Scribe) -> Result<()> {
    let Some(from) = settle_from(tx)? else {
        return Ok(());
    };
    let today = scribe.at.to_zoned_datetime(crate::plan::time_zone()).date();
    let unsettled: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM stores s WHERE s.enabled = 1 AND EXISTS (
             SELECT 1 FROM settlement_days d WHERE d.store_id = s.id AND d.day >= ?1 AND d.day <= ?2
               AND (d.state <> ?3 OR (d.day < ?2 AND d.complete = 0))))
         OR EXISTS (SELECT 1 FROM stores s WHERE s.enabled = 1 AND (
             SELECT count(*) FROM settlement_days d WHERE d.store_id = s.id AND d.day >= ?1 AND d.day <= ?2)
             < julianday(?2) - julianday(?1) + 1)",
        params![from.to_string(), today.to_string(), DayState::Settled],
        |r| r.get(0),
    )?;
    if unsettled {
        return Ok(());
    }
    tx.execute("DELETE FROM vault_settings WHERE key = 'settle_from'", [])?;
    let record = scribe
        .actor
        .record(AuditAction::Restore, "vault", AuditResult::Ok)
        .with_detail(serde_json::json!({ "settled_from": from.to_string(), "hold_lifted": true }));
    scribe.append(tx, &record)?;
    Ok(())
}

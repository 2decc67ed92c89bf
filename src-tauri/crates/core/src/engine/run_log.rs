//! Each collection run is written down when it ends (when it started and ended, for which
//! store, and its counts), so the reports can list the runs of a period after a restart.

use jiff::Timestamp;
use rusqlite::params;

use super::runner::RunSummary;
use crate::error::Result;
use crate::vault::Vault;

pub(crate) fn record(
    vault: &Vault,
    store: Option<i64>,
    started: Timestamp,
    summary: &RunSummary,
) -> Result<()> {
    let finished = vault.clock().now();
    let count = |n: u64| i64::try_from(n).unwrap_or(i64::MAX);
    vault.db().write(|tx| {
        tx.execute(
            "INSERT INTO runs (store_id, started_at, finished_at, payments, approved, declined,
                 attention, unresolved, follow_ups, held)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            params![
                store,
                started.to_string(),
                finished.to_string(),
                count(summary.payments),
                count(summary.approved),
                count(summary.declined),
                count(summary.attention),
                count(summary.unresolved),
                count(summary.follow_ups),
                summary.held_for_settlement,
            ],
        )?;
        Ok(())
    })
}

//! The collection runs of a period (Istanbul days): when each started and ended, for which
//! store, and what became of the payments it took. A run over every store is shown only to a
//! user who may see every store, since its counts cover them all.

use jiff::civil::Date;
use rusqlite::params;
use serde::Serialize;

use crate::error::{Error, Result};
use crate::plan::time_zone;

/// One run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct RunRecord {
    /// When it started and ended (UTC, RFC 3339).
    pub started_at: String,
    pub finished_at: String,
    /// The store it ran for; none: every store.
    pub store: Option<String>,
    pub payments: i64,
    pub approved: i64,
    pub declined: i64,
    /// Declined for good or held for review: waiting for an operator.
    pub attention: i64,
    /// Left for a later run: nothing reached the bank, or the answer is not known yet.
    pub unresolved: i64,
    /// Voids, refunds and captures settled.
    pub follow_ups: i64,
    /// A restored vault waited for its settlement: nothing new was sent.
    pub held: bool,
}

/// The runs that started from `from` to `to` (both included, Istanbul days), oldest first;
/// `stores` is the summary's store condition on `r.store_id` ("1" when every store is seen).
pub(crate) fn runs(
    c: &rusqlite::Connection,
    stores: &str,
    from: Date,
    to: Date,
) -> Result<Vec<RunRecord>> {
    // The first instant of a day in Istanbul; the period's dates are checked, so none overflows.
    let start = |day: Date| -> Result<String> {
        day.to_zoned_datetime(time_zone())
            .map(|z| z.timestamp().to_string())
            .map_err(|e| Error::Internal(format!("the start of {day}: {e}")))
    };
    let next = to
        .tomorrow()
        .map_err(|e| Error::Internal(format!("the day after {to}: {e}")))?;
    let (start_at, end_at) = (start(from)?, start(next)?);
    let mut stmt = c.prepare(&format!(
        "SELECT r.started_at, r.finished_at, s.name, r.payments, r.approved, r.declined,
             r.attention, r.unresolved, r.follow_ups, r.held
         FROM runs r LEFT JOIN stores s ON s.id = r.store_id
         WHERE {stores} AND r.started_at >= ?1 AND r.started_at < ?2
         ORDER BY r.started_at, r.id"
    ))?;
    let rows = stmt.query_map(params![start_at, end_at], |r| {
        Ok(RunRecord {
            started_at: r.get(0)?,
            finished_at: r.get(1)?,
            store: r.get(2)?,
            payments: r.get(3)?,
            approved: r.get(4)?,
            declined: r.get(5)?,
            attention: r.get(6)?,
            unresolved: r.get(7)?,
            follow_ups: r.get(8)?,
            held: r.get(9)?,
        })
    })?;
    Ok(rows.collect::<std::result::Result<_, _>>()?)
}

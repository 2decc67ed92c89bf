//! The runner's part in daily settlement: reading a store's day from the bank's history report
//! and matching it against this vault (see [`crate::settlement`]).

use jiff::civil::Date;
use jiff::{SignedDuration, Timestamp};
use serde::Serialize;

use super::Engine;
use crate::engine::follow_up;
use crate::engine::record::Scribe;
use crate::error::{Error, Result};
use crate::settlement::{
    self, Day, SettlementDay, apply, day_bounds, days_to_settle, fetch_rows, load_day, match_day,
    settle_from,
};

/// After the end of a day, how long bookings of its last moments may take to show.
const LATE_BOOKINGS: SignedDuration = SignedDuration::from_mins(10);
/// How much of the next day is read for what was sent just before midnight.
const SPILL: SignedDuration = SignedDuration::from_mins(15);

/// What a settlement pass did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct SettlementReport {
    /// The days matched, oldest first.
    pub days: Vec<SettlementDay>,
    /// Days that could not be read, with the reason.
    pub errors: Vec<String>,
    /// Refunds and captures whose answer was lost, settled by the report.
    pub follow_ups: u64,
}

impl Engine {
    /// Reads a store's day from the bank's history report and matches it; returns the day as
    /// it now stands.
    pub async fn settle_day(&self, store_id: i64, day: Date) -> Result<SettlementDay> {
        Ok(self.settle_day_counting(store_id, day).await?.0)
    }

    /// [`Engine::settle_day`], with how many follow-ups the report settled.
    async fn settle_day_counting(&self, store_id: i64, day: Date) -> Result<(SettlementDay, u64)> {
        let vault = &self.inner.vault;
        let lane = self.lane(store_id)?;
        let now = vault.clock().now();
        let tz = crate::plan::time_zone();
        let (_, end_at, start, end) = day_bounds(day);
        let civil = |t: Timestamp| t.to_zoned_datetime(tz.clone()).datetime();
        let unavailable = |e: settlement::FetchError| Error::BankUnavailable {
            store: store_id,
            detail: e.0,
        };
        let until = if now < end_at { civil(now) } else { end };
        let rows = fetch_rows(&lane.client, start, until)
            .await
            .map_err(unavailable)?;
        let tag = vault.db().read(settlement::order_tag)?;
        let restoring = vault.db().read(settle_from)?.is_some();
        let (attempts, follow_ups) = vault.db().read(|c| load_day(c, store_id, day, &rows))?;
        let late = attempts.values().any(|a| a.due_today && a.near_midnight)
            || follow_ups.iter().any(|f| f.of_today && f.near_midnight);
        let spill = if late && end_at < now {
            let spill_end = end_at.checked_add(SPILL).unwrap_or(end_at).min(now);
            fetch_rows(&lane.client, civil(end_at), civil(spill_end))
                .await
                .map_err(unavailable)?
        } else {
            Vec::new()
        };
        let grace = SignedDuration::try_from(self.inner.config.not_found_grace)
            .unwrap_or(SignedDuration::MAX);
        let matched = match_day(&Day {
            tag: &tag,
            rows: &rows,
            spill: &spill,
            attempts: &attempts,
            follow_ups: &follow_ups,
            restoring,
            conclusive_before: now.checked_sub(grace).unwrap_or(Timestamp::MIN),
        });
        let mut follow_ups = 0;
        for finding in &matched.findings {
            if let settlement::Finding::Settle {
                reversal_id,
                done,
                bank_order_id,
            } = finding
            {
                follow_up::settle_from_report(
                    vault,
                    &self.inner.actor,
                    *reversal_id,
                    *done,
                    bank_order_id.clone(),
                )?;
                follow_ups += 1;
            }
        }
        let complete = end_at.checked_add(LATE_BOOKINGS).is_ok_and(|t| now >= t);
        let read = settlement::Read {
            store_id,
            day,
            rows: &rows,
            complete,
        };
        vault.db().write(|tx| {
            let scribe = Scribe::of(vault, &self.inner.actor);
            apply(tx, &scribe, &read, &matched)?;
            Ok(())
        })?;
        let settled = vault
            .db()
            .read(|c| settlement::load_settled_day(c, store_id, day))?
            .ok_or_else(|| {
                Error::Internal(format!("store {store_id}: day {day} was not recorded"))
            })?;
        Ok((settled, follow_ups))
    }

    /// Matches every day that is not settled for good (of one store, or of every enabled one),
    /// oldest first, up to today.
    pub async fn settle_pending(&self, store: Option<i64>) -> Result<SettlementReport> {
        let vault = &self.inner.vault;
        let now = vault.clock().now();
        let today = crate::plan::today(vault.clock().as_ref());
        let stores: Vec<i64> = vault.db().read(|c| {
            let mut stmt = c.prepare(
                "SELECT id FROM stores WHERE enabled = 1 AND (?1 IS NULL OR id = ?1) ORDER BY id",
            )?;
            let rows = stmt.query_map([store], |r| r.get(0))?;
            Ok(rows.collect::<std::result::Result<Vec<i64>, _>>()?)
        })?;
        let mut report = SettlementReport::default();
        for store_id in stores {
            let days = vault
                .db()
                .read(|c| days_to_settle(c, store_id, today, now))?;
            for day in days {
                match self.settle_day_counting(store_id, day).await {
                    Ok((d, follow_ups)) => {
                        report.days.push(d);
                        report.follow_ups += follow_ups;
                    }
                    Err(e) => {
                        report.errors.push(format!("store {store_id}, {day}: {e}"));
                        // The bank cannot be reached: the store's later days wait too.
                        break;
                    }
                }
            }
        }
        Ok(report)
    }
}

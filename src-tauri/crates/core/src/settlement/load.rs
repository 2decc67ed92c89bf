//! What the matching needs of this vault for one store's day, and which days need matching.

use std::collections::HashMap;

use jiff::civil::{Date, DateTime};
use jiff::{Timestamp, ToSpan};
use rusqlite::{OptionalExtension, params};
use tahsildar_akbank::HistoryRow;

use super::DayState;
use super::matching::{LocalAttempt, LocalFollowUp};
use crate::engine::attempt_state::AttemptState;
use crate::engine::follow_up::{FollowUpKind, FollowUpState};
use crate::error::Result;
use crate::plan::ProvisionKind;
use crate::stored::sql_list;

/// How far back days are matched without a restore asking for more.
pub(crate) const LOOKBACK_DAYS: i64 = 60;
/// What was sent this close to midnight may be booked on the next day.
const NEAR_MIDNIGHT_MINUTES: i64 = 10;

/// A day's bounds: the instants it starts and ends (UTC), and the report's range (Istanbul,
/// both ends included).
pub(crate) fn day_bounds(day: Date) -> (Timestamp, Timestamp, DateTime, DateTime) {
    let tz = crate::plan::time_zone();
    let start = day.to_datetime(jiff::civil::Time::midnight());
    let next = day
        .tomorrow()
        .unwrap_or(day)
        .to_datetime(jiff::civil::Time::midnight());
    let end = next.checked_sub(1.millisecond()).unwrap_or(next);
    let at = |d: DateTime| {
        tz.to_ambiguous_timestamp(d)
            .compatible()
            .unwrap_or(Timestamp::UNIX_EPOCH)
    };
    (at(start), at(next), start, end)
}

/// The day a restore asked to settle from, if it is not done yet.
pub(crate) fn settle_from(conn: &rusqlite::Connection) -> Result<Option<Date>> {
    let text: Option<String> = conn
        .query_row(
            "SELECT value FROM vault_settings WHERE key = 'settle_from'",
            [],
            |r| r.get(0),
        )
        .optional()?;
    Ok(text.and_then(|t| t.parse().ok()))
}

/// The vault's order tag.
pub(crate) fn order_tag(conn: &rusqlite::Connection) -> Result<String> {
    Ok(conn.query_row(
        "SELECT value FROM vault_settings WHERE key = 'order_tag'",
        [],
        |r| r.get(0),
    )?)
}

/// The days of a store to match now, oldest first: those since a restore, and those with
/// something sent, that are not settled for good (complete and settled), up to today; a day
/// left with differences or waiting is looked at again once a day.
pub(crate) fn days_to_settle(
    conn: &rusqlite::Connection,
    store_id: i64,
    today: Date,
    now: Timestamp,
) -> Result<Vec<Date>> {
    let floor = today.checked_sub(LOOKBACK_DAYS.days()).unwrap_or(today);
    let from = settle_from(conn)?.map_or(floor, |d| d.min(today));
    let (from_start, ..) = day_bounds(from);
    let mut days: Vec<Date> = {
        // Istanbul has kept UTC+3 all year since 2016.
        let mut stmt = conn.prepare(
            "SELECT DISTINCT substr(datetime(t.sent_at, '+3 hours'), 1, 10) FROM (
                 SELECT a.sent_at FROM attempts a JOIN payments p ON p.id = a.payment_id
                  WHERE p.store_id = ?1 AND a.sent_at >= ?2
                 UNION ALL
                 SELECT r.sent_at FROM reversals r JOIN attempts a ON a.id = r.attempt_id
                  JOIN payments p ON p.id = a.payment_id WHERE p.store_id = ?1 AND r.sent_at >= ?2
             ) t",
        )?;
        let rows = stmt.query_map(params![store_id, from_start.to_string()], |r| {
            r.get::<_, String>(0)
        })?;
        rows.filter_map(|d| d.ok()?.parse().ok()).collect()
    };
    if settle_from(conn)?.is_some() {
        let mut d = from;
        while d <= today {
            days.push(d);
            d = match d.tomorrow() {
                Ok(next) => next,
                Err(_) => break,
            };
        }
    }
    days.retain(|d| *d >= from && *d <= today);
    days.sort();
    days.dedup();
    let (today_start, ..) = day_bounds(today);
    let mut out = Vec::new();
    for day in days {
        let row: Option<(DayState, bool, String)> = conn
            .query_row(
                "SELECT state, complete, checked_at FROM settlement_days WHERE store_id = ?1 AND day = ?2",
                params![store_id, day.to_string()],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        let due = match row {
            None => true,
            Some((state, complete, checked_at)) => {
                let checked: Timestamp = checked_at.parse().unwrap_or(Timestamp::UNIX_EPOCH);
                !complete || (state != DayState::Settled && checked < today_start)
            }
        };
        if due && day_bounds(day).0 <= now {
            out.push(day);
        }
    }
    Ok(out)
}

fn timestamp(text: Option<String>) -> Option<Timestamp> {
    text.and_then(|t| t.parse().ok())
}

/// The vault's side of one store's day: the attempts the rows name and those sent that day,
/// by order id; and their refunds and captures, with those sent that day.
pub(crate) fn load_day(
    conn: &rusqlite::Connection,
    store_id: i64,
    day: Date,
    rows: &[HistoryRow],
) -> Result<(HashMap<String, LocalAttempt>, Vec<LocalFollowUp>)> {
    let (start, end, ..) = day_bounds(day);
    let near = end
        .checked_sub(jiff::SignedDuration::from_mins(NEAR_MIDNIGHT_MINUTES))
        .unwrap_or(end);
    let in_day = |t: Option<Timestamp>| t.is_some_and(|t| t >= start && t < end);
    // Listed by no report yet, or by this day's (it must still be there).
    let day_text = day.to_string();
    let unlisted_elsewhere =
        |bank_day: &Option<String>| bank_day.as_ref().is_none_or(|d| *d == day_text);
    let near_midnight = |t: Option<Timestamp>| t.is_some_and(|t| t >= near && t < end);
    let mut attempts: HashMap<String, LocalAttempt> = HashMap::new();
    let read_attempt = |r: &rusqlite::Row<'_>| -> rusqlite::Result<(LocalAttempt, Option<String>)> {
        let state: AttemptState = r.get(3)?;
        let sent = timestamp(r.get(8)?);
        let bank_day: Option<String> = r.get(9)?;
        Ok((
            LocalAttempt {
                id: r.get(0)?,
                order_id: r.get(2)?,
                state,
                amount_minor: r.get(4)?,
                pre_auth: r.get(5)?,
                voided: r.get(6)?,
                captured_minor: r.get(7)?,
                due_today: state == AttemptState::Approved
                    && in_day(sent)
                    && unlisted_elsewhere(&bank_day),
                near_midnight: near_midnight(sent),
            },
            bank_day,
        ))
    };
    let select_attempt = format!(
        "SELECT a.id, a.payment_id, a.order_id, a.state, a.amount_minor,
            a.kind = {}, a.voided, a.captured_minor, a.sent_at, a.bank_day
         FROM attempts a JOIN payments p ON p.id = a.payment_id WHERE p.store_id = ?1",
        sql_list(&[ProvisionKind::PreAuth])
    );
    {
        let mut stmt = conn.prepare_cached(&format!("{select_attempt} AND a.order_id = ?2"))?;
        for row in rows {
            let named = match row.txn_code.as_deref() {
                Some("1002" | "1005") => row.org_order_id.as_deref(),
                _ => row.order_id.as_deref(),
            };
            let Some(order) = named else { continue };
            if attempts.contains_key(order) {
                continue;
            }
            if let Some((a, _)) = stmt
                .query_row(params![store_id, order], read_attempt)
                .optional()?
            {
                attempts.insert(a.order_id.clone(), a);
            }
        }
        let mut stmt = conn.prepare(&format!(
            "{select_attempt} AND a.sent_at >= ?2 AND a.sent_at < ?3"
        ))?;
        let sent = stmt.query_map(
            params![store_id, start.to_string(), end.to_string()],
            read_attempt,
        )?;
        for entry in sent {
            let (a, _) = entry?;
            attempts.entry(a.order_id.clone()).or_insert(a);
        }
    }
    let ids: Vec<i64> = attempts.values().map(|a| a.id).collect();
    let mut follow_ups = Vec::new();
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT r.id, r.attempt_id, r.kind, r.state, r.amount_minor, r.order_id, r.sent_at, r.bank_day
         FROM reversals r WHERE r.kind IN ({})
           AND (r.attempt_id = ?1 OR (?1 IS NULL AND r.sent_at >= ?2 AND r.sent_at < ?3
                AND r.attempt_id IN (SELECT a.id FROM attempts a JOIN payments p ON p.id = a.payment_id
                                     WHERE p.store_id = ?4)))",
        sql_list(&[FollowUpKind::Refund, FollowUpKind::Capture])
    ))?;
    let mut read = |attempt: Option<i64>| -> Result<()> {
        let found = stmt.query_map(
            params![attempt, start.to_string(), end.to_string(), store_id],
            |r| {
                let sent = timestamp(r.get(6)?);
                let bank_day: Option<String> = r.get(7)?;
                Ok(LocalFollowUp {
                    id: r.get(0)?,
                    attempt_id: r.get(1)?,
                    kind: r.get(2)?,
                    state: r.get(3)?,
                    amount_minor: r.get(4)?,
                    bank_order_id: r.get(5)?,
                    sent_at: sent,
                    of_today: in_day(sent) && unlisted_elsewhere(&bank_day),
                    near_midnight: near_midnight(sent),
                })
            },
        )?;
        for f in found {
            let f = f?;
            if !follow_ups.iter().any(|g: &LocalFollowUp| g.id == f.id) {
                follow_ups.push(f);
            }
        }
        Ok(())
    };
    for id in ids {
        read(Some(id))?;
    }
    read(None)?;
    // A follow-up of an attempt not loaded yet (sent today on an older sale).
    let missing: Vec<i64> = follow_ups
        .iter()
        .map(|f| f.attempt_id)
        .filter(|id| !attempts.values().any(|a| a.id == *id))
        .collect();
    let mut stmt = conn.prepare_cached(&format!("{select_attempt} AND a.id = ?2"))?;
    for id in missing {
        if let Some((a, _)) = stmt
            .query_row(params![store_id, id], read_attempt)
            .optional()?
        {
            attempts.entry(a.order_id.clone()).or_insert(LocalAttempt {
                due_today: false,
                ..a
            });
        }
    }
    Ok((attempts, follow_ups))
}

/// Attempts and follow-ups of that day still waiting for an answer here.
pub(crate) fn open_here(conn: &rusqlite::Connection, store_id: i64, day: Date) -> Result<u32> {
    let (start, end, ..) = day_bounds(day);
    let attempts = sql_list(&[
        AttemptState::InFlight,
        AttemptState::Unknown,
        AttemptState::ManualReview,
    ]);
    let follow_ups = sql_list(&[FollowUpState::InFlight, FollowUpState::Unknown]);
    Ok(conn.query_row(
        &format!(
            "SELECT (SELECT count(*) FROM attempts a JOIN payments p ON p.id = a.payment_id
                 WHERE p.store_id = ?1 AND a.sent_at >= ?2 AND a.sent_at < ?3
                   AND a.state IN ({attempts}))
              + (SELECT count(*) FROM reversals r JOIN attempts a ON a.id = r.attempt_id
                 JOIN payments p ON p.id = a.payment_id
                 WHERE p.store_id = ?1 AND r.sent_at >= ?2 AND r.sent_at < ?3
                   AND r.state IN ({follow_ups}))"
        ),
        params![store_id, start.to_string(), end.to_string()],
        |r| r.get(0),
    )?)
}

//! Follow-ups on an approved attempt: voids (1003), refunds (1002) and captures (1005, the
//! post-authorisation of a pre-authorisation).
//!
//! Each is written ahead (`in_flight`) before it is sent and is sent at most once: there is no
//! order id of ours on a follow-up that the host could use to refuse a second copy, so a copy
//! could refund twice. An answer that does not arrive, or one with a code the catalogue does not
//! know, leaves it `unknown`, and an inquiry of the original order settles it, as for sales: a
//! void shows as `txnStatus` V, a capture as a closed pre-authorisation with its amount, a refund
//! in the refunded amount of the order. That the bank did *not* do it is only concluded once the
//! request's time limit has passed (it could still be on its way); for a refund only from the
//! day's history report (settlement), since whether an inquiry lists refunds is not known.
//!
//! A void asked for while the attempt's own outcome is unknown is kept as `requested`: it is
//! sent as soon as reconciliation finds the attempt approved, and closed with the reason when
//! the bank declined it or has no record of it.

use jiff::Timestamp;
use rusqlite::{OptionalExtension, params};
use serde::Serialize;
use tahsildar_akbank::reply::TxnStatus;
use tahsildar_akbank::{Currency, InquiryRow, OrderState};

pub(crate) mod request;
mod send;
mod state;

pub(crate) use send::{send, settle, settle_from_report, start_requested};
pub use state::FollowUpState;
pub(crate) use state::transition;

use super::attempt_state::AttemptState;
use super::config::EngineConfig;
use crate::error::{Error, Result};
use crate::plan::ProvisionKind;
use crate::stored::stored_enum;

stored_enum! {
    /// What a follow-up does to its attempt.
    pub enum FollowUpKind {
        Void = "void",
        Refund = "refund",
        Capture = "capture",
    }
}

/// What the bank said to a void, refund or capture.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ReversalOutcome {
    pub reversal_id: i64,
    /// `unknown`: the answer did not arrive (`reconcile` asks the bank); `requested`: a void
    /// waiting for the outcome of its attempt; `closed`: a requested void with nothing to void.
    pub state: FollowUpState,
    pub amount_minor: i64,
    pub vps_code: Option<String>,
    pub host_code: Option<String>,
    pub message: Option<String>,
}

/// A follow-up with what it needs of its attempt.
#[derive(Debug, Clone)]
pub(crate) struct FollowUp {
    pub id: i64,
    pub kind: FollowUpKind,
    pub state: FollowUpState,
    pub amount_minor: i64,
    /// The attempt's refunded amount when this was written ahead (for a refund).
    pub base_minor: i64,
    pub sent_at: Option<String>,
    pub attempt_id: i64,
    pub payment_id: i64,
    /// The original order id (the attempt's).
    pub order_id: String,
    pub currency: Currency,
    /// Its attempt is a pre-authorisation that was captured: a void then voids the
    /// post-authorisation, and shows on that row of an inquiry.
    pub of_captured_pre_auth: bool,
}

pub(crate) fn load(conn: &rusqlite::Connection, id: i64) -> Result<FollowUp> {
    conn.query_row(
        "SELECT r.id, r.kind, r.state, r.amount_minor, r.base_minor, r.sent_at, a.id,
                a.payment_id, a.order_id, a.currency,
                a.kind = ?2 AND a.captured_minor IS NOT NULL
         FROM reversals r JOIN attempts a ON a.id = r.attempt_id
         WHERE r.id = ?1",
        params![id, ProvisionKind::PreAuth],
        |r| {
            let currency: u16 = r.get(9)?;
            Ok(FollowUp {
                id: r.get(0)?,
                kind: r.get(1)?,
                state: r.get(2)?,
                amount_minor: r.get(3)?,
                base_minor: r.get(4)?,
                sent_at: r.get(5)?,
                attempt_id: r.get(6)?,
                payment_id: r.get(7)?,
                order_id: r.get(8)?,
                currency: Currency::from_code(currency).unwrap_or(Currency::Try),
                of_captured_pre_auth: r.get(10)?,
            })
        },
    )
    .optional()?
    .ok_or_else(|| Error::not_found("reversal", id))
}

/// The outcome as stored.
pub(crate) fn outcome(conn: &rusqlite::Connection, id: i64) -> Result<ReversalOutcome> {
    Ok(conn.query_row(
        "SELECT id, state, amount_minor, vps_code, host_code, message FROM reversals WHERE id = ?1",
        [id],
        |r| {
            Ok(ReversalOutcome {
                reversal_id: r.get(0)?,
                state: r.get(1)?,
                amount_minor: r.get(2)?,
                vps_code: r.get(3)?,
                host_code: r.get(4)?,
                message: r.get(5)?,
            })
        },
    )?)
}

/// Follow-ups that reconciliation works on: `unknown` ones, and requested voids whose attempt
/// is settled. Returns (reversal id, store id).
pub(crate) fn open_list(
    conn: &rusqlite::Connection,
    store: Option<i64>,
) -> Result<Vec<(i64, i64)>> {
    let mut stmt = conn.prepare(
        "SELECT r.id, p.store_id FROM reversals r JOIN attempts a ON a.id = r.attempt_id
             JOIN payments p ON p.id = a.payment_id
         WHERE (?1 IS NULL OR p.store_id = ?1)
           AND (r.state = ?2 OR (r.state = ?3 AND a.state = ?4))
         ORDER BY r.id",
    )?;
    let rows = stmt.query_map(
        params![
            store,
            FollowUpState::Unknown,
            FollowUpState::Requested,
            AttemptState::Approved
        ],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    Ok(rows.collect::<std::result::Result<Vec<_>, _>>()?)
}

/// How a follow-up ended, as far as this side knows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Settled {
    /// Done by the bank, for this amount (a capture may close for what the bank reports).
    Approved { amount_minor: i64 },
    /// Refused, or shown by the bank never to have happened.
    Declined(String),
}

/// Whether the request could still be on its way to the bank: a "not done" read from an
/// inquiry only counts once the request's time limit is over.
pub(crate) fn may_still_land(f: &FollowUp, now: Timestamp, config: &EngineConfig) -> bool {
    let Some(sent) = f
        .sent_at
        .as_deref()
        .and_then(|t| t.parse::<Timestamp>().ok())
    else {
        return false;
    };
    let limit = config.request_timeout + config.connect_timeout;
    let elapsed = now.duration_since(sent);
    elapsed < jiff::SignedDuration::try_from(limit).unwrap_or(jiff::SignedDuration::MAX)
}

/// What an inquiry says about the void of a captured pre-authorisation: the bank voids the
/// post-authorisation row (`orgOrderId` = the pre-authorisation), and the pre-authorisation row
/// stays as it was, its hold lapsing at the card's bank.
pub(crate) fn decide_captured_void(f: &FollowUp, rows: &[InquiryRow]) -> Option<Settled> {
    let post = rows.iter().find(|r| {
        r.txn_code.as_deref() == Some(tahsildar_akbank::request::txn_code::POST_AUTH)
            && r.org_order_id.as_deref() == Some(f.order_id.as_str())
    })?;
    match post.status() {
        Some(TxnStatus::Voided) => Some(Settled::Approved {
            amount_minor: f.amount_minor,
        }),
        Some(TxnStatus::Normal) => Some(Settled::Declined(
            "void: the capture is not voided; the request did not reach the bank".into(),
        )),
        _ => None,
    }
}

/// What an inquiry of the original order says about a follow-up; `None` when it cannot tell.
pub(crate) fn decide(f: &FollowUp, state: &OrderState) -> Option<Settled> {
    use FollowUpKind::*;
    let not_done = |what: &str| {
        Some(Settled::Declined(format!(
            "{what}: the request did not reach the bank"
        )))
    };
    match (f.kind, state) {
        (Void, OrderState::Voided(_)) => Some(Settled::Approved {
            amount_minor: f.amount_minor,
        }),
        (Void, OrderState::Approved { .. } | OrderState::Refunded(_)) => {
            not_done("the order is not voided")
        }
        (Refund, OrderState::Refunded(_)) => Some(Settled::Approved {
            amount_minor: f.amount_minor,
        }),
        (Refund, OrderState::Approved { refunded_minor, .. })
            if *refunded_minor >= f.base_minor + f.amount_minor =>
        {
            Some(Settled::Approved {
                amount_minor: f.amount_minor,
            })
        }
        // Whether an inquiry lists refunds at all is not known for the real host: an unchanged
        // refunded amount proves nothing. Only the day's history report can show that a
        // refund did not happen (settlement); until then it stays open.
        (Capture, OrderState::Approved { row, .. }) => match row.pre_auth_status.as_deref() {
            Some("C") => Some(Settled::Approved {
                amount_minor: row
                    .pre_auth_close_amount_minor
                    .filter(|a| *a > 0)
                    .unwrap_or(f.amount_minor),
            }),
            Some("O") => not_done("the pre-authorisation is still open"),
            _ => None,
        },
        (Refund | Capture, OrderState::Voided(_)) => {
            Some(Settled::Declined("the order is voided at the bank".into()))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests;

//! Voids (1003) and refunds (1002) of approved attempts, written ahead like sales. A refund
//! never exceeds what remains captured; an attempt whose outcome is not known cannot be
//! reversed until its inquiry has settled it.

use rusqlite::{OptionalExtension, params};
use serde::Serialize;
use tahsildar_akbank::{Currency, Money, OrderRef, OrderState, OrderTarget, Outcome, order_state};

use super::bank::BankDirectory;
use super::config::EngineConfig;
use crate::audit::{AuditAction, AuditResult};
use crate::auth::{Permission, Session};
use crate::error::{Error, Result};

/// What the bank said to a void or refund.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReversalOutcome {
    pub reversal_id: i64,
    /// approved, declined or unknown (the bank's answer did not arrive; ask again later).
    pub state: String,
    pub amount_minor: i64,
    pub vps_code: Option<String>,
    pub host_code: Option<String>,
    pub message: Option<String>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Void,
    Refund,
}

struct Original {
    payment_id: i64,
    store_id: i64,
    order_id: String,
    state: String,
    amount_minor: i64,
    refunded_minor: i64,
    voided: bool,
    currency: Currency,
}

fn original(session: &Session, attempt_id: i64) -> Result<Original> {
    session.vault().db().read(|c| {
        c.query_row(
            "SELECT a.payment_id, p.store_id, a.order_id, a.state, a.amount_minor, a.refunded_minor, a.voided, a.currency
             FROM attempts a JOIN payments p ON p.id = a.payment_id WHERE a.id = ?1",
            [attempt_id],
            |r| {
                let currency: u16 = r.get(7)?;
                Ok(Original {
                    payment_id: r.get(0)?,
                    store_id: r.get(1)?,
                    order_id: r.get(2)?,
                    state: r.get(3)?,
                    amount_minor: r.get(4)?,
                    refunded_minor: r.get(5)?,
                    voided: r.get(6)?,
                    currency: Currency::from_code(currency).unwrap_or(Currency::Try),
                })
            },
        )
        .optional()?
        .ok_or_else(|| Error::not_found("attempt", attempt_id))
    })
}

/// Voids an approved attempt (same day, before settlement). Needs `void` on its store.
pub async fn void(
    session: &Session,
    bank: &BankDirectory,
    config: &EngineConfig,
    attempt_id: i64,
) -> Result<ReversalOutcome> {
    reverse(session, bank, config, attempt_id, Kind::Void, None).await
}

/// Refunds an approved attempt in full (`None`) or in part. Needs `refund` on its store.
pub async fn refund(
    session: &Session,
    bank: &BankDirectory,
    config: &EngineConfig,
    attempt_id: i64,
    amount_minor: Option<i64>,
) -> Result<ReversalOutcome> {
    reverse(
        session,
        bank,
        config,
        attempt_id,
        Kind::Refund,
        amount_minor,
    )
    .await
}

async fn reverse(
    session: &Session,
    bank: &BankDirectory,
    config: &EngineConfig,
    attempt_id: i64,
    kind: Kind,
    amount: Option<i64>,
) -> Result<ReversalOutcome> {
    let o = original(session, attempt_id)?;
    let permission = if kind == Kind::Void {
        Permission::Void
    } else {
        Permission::Refund
    };
    session.require(permission, Some(o.store_id))?;
    if o.state != "approved" {
        let detail = if matches!(o.state.as_str(), "unknown" | "in_flight" | "manual_review") {
            format!("its outcome is {}: reconcile it first", o.state)
        } else {
            format!("it is {}, only approved attempts can be reversed", o.state)
        };
        return Err(Error::wrong_state("attempt", attempt_id, detail));
    }
    if o.voided {
        return Err(Error::wrong_state(
            "attempt",
            attempt_id,
            "it is already voided",
        ));
    }
    let remaining = o.amount_minor - o.refunded_minor;
    let amount_minor = match (kind, amount) {
        (Kind::Void, _) if o.refunded_minor > 0 => {
            return Err(Error::wrong_state(
                "attempt",
                attempt_id,
                "it was partly refunded; refund the rest instead",
            ));
        }
        (Kind::Void, _) => o.amount_minor,
        (Kind::Refund, Some(a)) if a <= 0 || a > remaining => {
            return Err(Error::invalid(
                "amount",
                format!(
                    "more than zero and at most {} still captured",
                    tahsildar_akbank::money::minor_to_wire(remaining)
                ),
            ));
        }
        (Kind::Refund, Some(a)) => a,
        (Kind::Refund, None) if remaining <= 0 => {
            return Err(Error::wrong_state(
                "attempt",
                attempt_id,
                "nothing left to refund",
            ));
        }
        (Kind::Refund, None) => remaining,
    };
    let kind_code = if kind == Kind::Void { "void" } else { "refund" };
    let vault = session.vault();
    let now = vault.clock().now().to_string();
    // Written ahead, like a sale.
    let reversal_id = vault.write_audited(|tx, _| {
        let open: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM reversals WHERE attempt_id = ?1 AND state IN ('in_flight', 'unknown'))",
            [attempt_id],
            |r| r.get(0),
        )?;
        if open {
            return Err(Error::wrong_state("attempt", attempt_id, "an earlier reversal has no answer yet"));
        }
        tx.execute(
            "INSERT INTO reversals (attempt_id, kind, amount_minor, state, requested_by, created_at)
             VALUES (?1, ?2, ?3, 'in_flight', ?4, ?5)",
            params![attempt_id, kind_code, amount_minor, session.user_id(), now],
        )?;
        let id = tx.last_insert_rowid();
        let action = if kind == Kind::Void { AuditAction::Void } else { AuditAction::Refund };
        let record = session
            .record(action, format!("payment:{}", o.payment_id), AuditResult::Ok)
            .with_detail(serde_json::json!({ "attempt": attempt_id, "order_id": o.order_id,
                "reversal": id, "amount_minor": amount_minor, "state": "in_flight" }));
        Ok((id, record))
    })?;
    let client = bank.client_for(
        vault,
        o.store_id,
        config.request_timeout,
        config.connect_timeout,
    )?;
    let target = OrderTarget::OrderId(o.order_id.clone());
    let outcome = match kind {
        Kind::Void => client.void(target).await,
        Kind::Refund => {
            // A full refund of an untouched sale omits the amount; after a partial refund the
            // rest is sent as an amount, so the bank never refunds more than remains.
            let partial = (amount.is_some() || o.refunded_minor > 0)
                .then(|| Money::new(amount_minor, o.currency));
            client.refund(target, partial).await
        }
    };
    let (mut state, mut answer) = match &outcome {
        Outcome::Approved(r) => ("approved", Some(r.clone())),
        Outcome::Declined(r) => ("declined", Some(r.clone())),
        Outcome::Rejected(_) | Outcome::NotSent(_) | Outcome::Throttled { .. } => {
            ("declined", None)
        }
        Outcome::Unknown(_) => ("unknown", None),
    };
    if state == "unknown" {
        // Ask what became of the original: voided, or refunded by this amount.
        tokio::time::sleep(config.inquiry_wait(0)).await;
        let inquiry = client.inquiry(&OrderRef::OrderId(o.order_id.clone())).await;
        state = match (kind, order_state::interpret(&inquiry, &o.order_id)) {
            (Kind::Void, OrderState::Voided(_)) => "approved",
            (Kind::Refund, OrderState::Refunded(_)) => "approved",
            (Kind::Refund, OrderState::Approved { refunded_minor, .. })
                if refunded_minor >= o.refunded_minor + amount_minor =>
            {
                "approved"
            }
            (_, OrderState::Approved { .. }) => "declined",
            _ => "unknown",
        };
        answer = None;
    }
    let message = match &outcome {
        Outcome::Rejected(e) => Some(e.to_string()),
        Outcome::NotSent(r) | Outcome::Unknown(r) => Some(r.clone()),
        Outcome::Throttled { .. } => Some("the bank asked to slow down; try again".into()),
        _ => answer
            .as_ref()
            .and_then(|r| r.host_message.clone().or(Some(r.response_message.clone()))),
    };
    let vps_code = answer.as_ref().map(|r| r.response_code.clone());
    let host_code = answer.as_ref().and_then(|r| r.host_response_code.clone());
    let now = vault.clock().now().to_string();
    vault.write_audited(|tx, _| {
        tx.execute(
            "UPDATE reversals SET state = ?1, vps_code = ?2, host_code = ?3, message = ?4, order_id = ?5,
                 finished_at = CASE WHEN ?1 = 'unknown' THEN NULL ELSE ?6 END WHERE id = ?7",
            params![state, vps_code, host_code, message, answer.as_ref().and_then(|r| r.order_id.clone()), now, reversal_id],
        )?;
        if state == "approved" {
            let payment_status = match kind {
                Kind::Void => {
                    tx.execute("UPDATE attempts SET voided = 1 WHERE id = ?1", [attempt_id])?;
                    "voided"
                }
                Kind::Refund => {
                    tx.execute(
                        "UPDATE attempts SET refunded_minor = refunded_minor + ?1 WHERE id = ?2",
                        params![amount_minor, attempt_id],
                    )?;
                    if o.refunded_minor + amount_minor >= o.amount_minor { "refunded" } else { "partially_refunded" }
                }
            };
            tx.execute(
                "UPDATE payments SET status = ?1, updated_at = ?2 WHERE id = ?3",
                params![payment_status, now, o.payment_id],
            )?;
        }
        let action = if kind == Kind::Void { AuditAction::Void } else { AuditAction::Refund };
        let result = if state == "approved" { AuditResult::Ok } else { AuditResult::Failed };
        let record = session
            .record(action, format!("payment:{}", o.payment_id), result)
            .with_detail(serde_json::json!({ "attempt": attempt_id, "reversal": reversal_id,
                "amount_minor": amount_minor, "state": state, "vps_code": vps_code, "host_code": host_code }));
        Ok(((), record))
    })?;
    Ok(ReversalOutcome {
        reversal_id,
        state: state.to_string(),
        amount_minor,
        vps_code,
        host_code,
        message,
    })
}

//! Writing back the bookings of a vault restored from an older backup: a charge the bank lists
//! under an order id of this vault names its payment and attempt, so the attempt is recorded
//! again (with its refunds and capture from the same report) and the payment is never charged a
//! second time. A booking whose payment is not in the restored vault, or that would make a
//! second live attempt, stays a difference for an operator.

use rusqlite::{OptionalExtension, Transaction, named_params, params};
use tahsildar_akbank::{HistoryRow, HistoryStatus};

use crate::audit::{AuditAction, AuditResult};
use crate::engine::attempt_state::AttemptState;
use crate::engine::follow_up::{FollowUpKind, FollowUpState};
use crate::engine::order_id;
use crate::engine::record::Scribe;
use crate::error::Result;
use crate::payments::PaymentStatus;
use crate::payments::status as payment_status;
use crate::plan::ProvisionKind;
use crate::stored::sql_list;

/// Writes the booking `row` (a sale or pre-auth of this vault) back; false when it cannot be.
pub(crate) fn write_back(
    tx: &Transaction,
    scribe: &Scribe,
    store_id: i64,
    day: &str,
    row: &HistoryRow,
    rows: &[HistoryRow],
) -> Result<bool> {
    let (Some(order), Some(name)) = (
        row.order_id.as_deref(),
        row.order_id.as_deref().and_then(order_id::parse),
    ) else {
        return Ok(false);
    };
    let payment: Option<(i64, Option<i64>, i64, u16)> = tx
        .query_row(
            "SELECT p.id, p.card_id, pl.customer_id, p.currency FROM payments p JOIN plans pl ON pl.id = p.plan_id
             WHERE p.id = ?1 AND p.store_id = ?2",
            params![name.payment_id, store_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .optional()?;
    let Some((payment_id, card_id, customer_id, currency)) = payment else {
        return Ok(false);
    };
    let live: bool = tx.query_row(
        &format!(
            "SELECT EXISTS (SELECT 1 FROM attempts WHERE payment_id = ?1 AND state NOT IN ({}))",
            sql_list(&[AttemptState::Declined, AttemptState::Withdrawn])
        ),
        [payment_id],
        |r| r.get(0),
    )?;
    // The card the bank charged, by its masked number; else the payment's or the customer's.
    let card: Option<i64> = tx
        .query_row(
            "SELECT id FROM cards WHERE customer_id = ?1 ORDER BY masked_pan = ?2 DESC, id = ?3 DESC, position LIMIT 1",
            params![customer_id, row.masked_card_number, card_id],
            |r| r.get(0),
        )
        .optional()?;
    let (Some(card), Some(amount)) = (card, row.amount_minor) else {
        return Ok(false);
    };
    if live || amount <= 0 {
        return Ok(false);
    }
    let pre_auth = row.txn_code.as_deref() == Some("1004");
    let voided = row.status() == HistoryStatus::Voided;
    let now = scribe.now();
    let time = row.txn_date_time.clone().unwrap_or_else(|| now.clone());
    tx.execute(
        "INSERT INTO attempts (payment_id, order_id, card_id, amount_minor, currency, installments, state, sends,
             vps_code, host_code, message, auth_code, rrn, created_at, sent_at, finished_at, kind, voided,
             bank_day, review_reason)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?16, 1, ?7, ?8, ?9, ?10, ?11, ?12, ?12, ?12, ?13, ?14, ?15,
             'written back from the bank''s report after a restore')",
        params![
            payment_id,
            order,
            card,
            amount,
            row.currency_code.and_then(|c| u16::try_from(c).ok()).unwrap_or(currency),
            row.installment_count.unwrap_or(1).max(1),
            row.response_code,
            row.host_response_code,
            row.host_response_message,
            row.auth_code,
            row.rrn,
            now,
            if pre_auth { ProvisionKind::PreAuth } else { ProvisionKind::Sale },
            voided,
            day,
            AttemptState::Approved,
        ],
    )?;
    let attempt_id = tx.last_insert_rowid();
    let (captured, refunded) = write_follow_ups(tx, attempt_id, order, amount, rows, &now, day)?;
    let status = if voided {
        PaymentStatus::Voided
    } else if refunded > 0 && refunded >= captured.unwrap_or(amount) {
        PaymentStatus::Refunded
    } else if refunded > 0 {
        PaymentStatus::PartiallyRefunded
    } else if pre_auth && captured.is_none() {
        PaymentStatus::Authorized
    } else {
        PaymentStatus::Paid
    };
    // With no live attempt the payment was not collected here, whatever else it was.
    let not_collected = [
        PaymentStatus::Scheduled,
        PaymentStatus::RetryWait,
        PaymentStatus::Processing,
        PaymentStatus::Attention,
        PaymentStatus::Cancelled,
    ];
    payment_status::transition(
        tx,
        "id = :id",
        &not_collected,
        status,
        "card_id = :card, attention = NULL, next_try_on = NULL, updated_at = :now",
        named_params! {":id": payment_id, ":card": card, ":now": now},
    )?;
    let record = scribe
        .actor
        .record(
            AuditAction::ProvisionOutcome,
            format!("payment:{payment_id}"),
            AuditResult::Ok,
        )
        .with_detail(
            serde_json::json!({ "attempt": attempt_id, "order_id": order,
            "state": AttemptState::Approved, "payment": status, "written_back": true, "bank_time": time }),
        );
    scribe.append(tx, &record)?;
    Ok(true)
}

/// The refunds and capture the report lists for a written-back attempt; returns what was
/// captured (a pre-auth's post-auth) and refunded.
fn write_follow_ups(
    tx: &Transaction,
    attempt_id: i64,
    order: &str,
    amount: i64,
    rows: &[HistoryRow],
    now: &str,
    day: &str,
) -> Result<(Option<i64>, i64)> {
    let mut captured = None;
    let mut refunded = 0;
    for r in rows
        .iter()
        .filter(|r| r.org_order_id.as_deref() == Some(order) && r.status() == HistoryStatus::Done)
    {
        let (kind, Some(minor)) = (r.txn_code.as_deref(), r.amount_minor) else {
            continue;
        };
        let kind = match kind {
            Some("1002") => FollowUpKind::Refund,
            Some("1005") => FollowUpKind::Capture,
            _ => continue,
        };
        tx.execute(
            "INSERT INTO reversals (attempt_id, kind, order_id, amount_minor, state, vps_code, host_code,
                 message, created_at, finished_at, sent_at, sends, bank_day)
             VALUES (?1, ?2, ?3, ?4, ?9, ?5, ?6, 'written back from the bank''s report after a restore',
                 ?7, ?7, ?7, 1, ?8)",
            params![attempt_id, kind, r.order_id, minor, r.response_code, r.host_response_code, now, day,
                FollowUpState::Approved],
        )?;
        if kind == FollowUpKind::Capture {
            captured = Some(minor.min(amount));
        } else {
            refunded += minor;
        }
    }
    let captured_minor = captured;
    let ceiling = captured.unwrap_or(amount);
    tx.execute(
        "UPDATE attempts SET captured_minor = ?1, refunded_minor = ?2 WHERE id = ?3",
        params![captured_minor, refunded.min(ceiling), attempt_id],
    )?;
    Ok((captured, refunded))
}

//! The engine's writes: claiming a payment with its attempt written ahead, and recording every
//! change of an attempt together with its payment and audit entry, each in one transaction.

use jiff::civil::Date;
use rusqlite::{OptionalExtension, Transaction, params};
use tahsildar_akbank::Currency;

mod finish;

pub(crate) use finish::{Final, finish};

use super::actor::EngineActor;
use super::attempt_state::AttemptState;
use super::order_id::new_order_id;
use crate::audit::{AuditAction, AuditResult};
use crate::customer::card;
use crate::error::{Error, Result};
use crate::plan::ProvisionKind;
use crate::vault::Vault;

/// An attempt as the runner needs it.
#[derive(Debug, Clone)]
pub(crate) struct AttemptRow {
    pub id: i64,
    pub payment_id: i64,
    pub order_id: String,
    pub card_id: i64,
    pub amount_minor: i64,
    pub currency: Currency,
    pub installments: u8,
    pub state: AttemptState,
    pub inquiries: u32,
    /// A sale, or a pre-authorisation that waits for its capture once approved.
    pub kind: ProvisionKind,
}

pub(crate) fn load_attempt(conn: &rusqlite::Connection, id: i64) -> Result<AttemptRow> {
    conn.query_row(
        "SELECT a.id, a.payment_id, a.order_id, a.card_id, a.amount_minor, a.currency, a.installments,
                a.state, a.inquiries, a.kind
         FROM attempts a WHERE a.id = ?1",
        [id],
        |r| {
            let currency: u16 = r.get(5)?;
            let state: String = r.get(7)?;
            let kind: String = r.get(9)?;
            Ok(AttemptRow {
                id: r.get(0)?,
                payment_id: r.get(1)?,
                order_id: r.get(2)?,
                card_id: r.get(3)?,
                amount_minor: r.get(4)?,
                currency: Currency::from_code(currency).unwrap_or(Currency::Try),
                installments: r.get(6)?,
                state: AttemptState::parse(&state).unwrap_or(AttemptState::Unknown),
                inquiries: r.get(8)?,
                kind: ProvisionKind::parse(&kind).unwrap_or_default(),
            })
        },
    )
    .optional()?
    .ok_or_else(|| Error::not_found("attempt", id))
}

/// The attempt of a payment that is not yet settled (at most one exists), if any.
pub(crate) fn open_attempt_of(conn: &rusqlite::Connection, payment_id: i64) -> Result<Option<i64>> {
    Ok(conn
        .query_row(
            "SELECT id FROM attempts WHERE payment_id = ?1 AND state NOT IN ('approved', 'declined')",
            [payment_id],
            |r| r.get(0),
        )
        .optional()?)
}

/// Whether an operator asked to void this attempt while its outcome was unknown.
pub(crate) fn void_requested(conn: &rusqlite::Connection, attempt_id: i64) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM reversals WHERE attempt_id = ?1 AND kind = 'void' AND state = 'requested')",
        [attempt_id],
        |r| r.get(0),
    )?)
}

/// Payments a run takes: due ones, and those with an attempt still open (not manual review).
pub(crate) fn work_list(
    conn: &rusqlite::Connection,
    store: Option<i64>,
    today: Date,
) -> Result<Vec<(i64, i64)>> {
    let mut stmt = conn.prepare(
        "SELECT p.id, p.store_id FROM payments p JOIN plans pl ON pl.id = p.plan_id JOIN stores s ON s.id = p.store_id
         WHERE (?1 IS NULL OR p.store_id = ?1) AND s.enabled = 1 AND (
             (p.status IN ('scheduled', 'retry_wait') AND p.next_try_on <= ?2 AND pl.status = 'active')
             OR EXISTS (SELECT 1 FROM attempts a WHERE a.payment_id = p.id
                        AND a.state IN ('planned', 'in_flight', 'not_sent', 'unknown', 'not_found')))
         ORDER BY p.due_date, p.id",
    )?;
    let rows = stmt.query_map(params![store, today.to_string()], |r| {
        Ok((r.get(0)?, r.get(1)?))
    })?;
    Ok(rows.collect::<std::result::Result<Vec<_>, _>>()?)
}

/// Payments with an attempt whose outcome is not settled, manual reviews included.
pub(crate) fn open_work_list(
    conn: &rusqlite::Connection,
    store: Option<i64>,
) -> Result<Vec<(i64, i64)>> {
    let mut stmt = conn.prepare(
        "SELECT DISTINCT p.id, p.store_id FROM payments p JOIN attempts a ON a.payment_id = p.id
         WHERE (?1 IS NULL OR p.store_id = ?1) AND a.state NOT IN ('approved', 'declined')
         ORDER BY p.id",
    )?;
    let rows = stmt.query_map(params![store], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<std::result::Result<Vec<_>, _>>()?)
}

/// On start, with the engine lock held: every attempt left `in_flight` by a process that ended
/// mid-send becomes `unknown`, to be resolved by inquiry. Returns how many.
pub(crate) fn in_flight_to_unknown(vault: &Vault) -> Result<usize> {
    let now = vault.clock().now().to_string();
    vault.db().write(|tx| {
        let attempts = tx.execute(
            "UPDATE attempts SET state = 'unknown', review_reason = 'the engine stopped while it was being sent', next_check_at = ?1
             WHERE state = 'in_flight'",
            [&now],
        )?;
        // Voids, refunds and captures left on the wire the same way: an inquiry settles them.
        let follow_ups = tx.execute(
            "UPDATE reversals SET state = 'unknown', message = 'stopped while it was being sent'
             WHERE state = 'in_flight'",
            [],
        )?;
        Ok(attempts + follow_ups)
    })
}

fn set_attention(tx: &Transaction, payment_id: i64, reason: &str, now: &str) -> Result<()> {
    tx.execute(
        "UPDATE payments SET status = 'attention', attention = ?1, updated_at = ?2 WHERE id = ?3",
        params![reason, now, payment_id],
    )?;
    Ok(())
}

/// Claims a due payment and writes its attempt ahead as `in_flight` with a new order id, in one
/// transaction that is committed before any request is built. `None` when the payment is not
/// (or no longer) due, or has no card (then it goes to the attention queue).
pub(crate) fn claim(
    vault: &Vault,
    actor: &EngineActor,
    payment_id: i64,
    today: Date,
) -> Result<Option<i64>> {
    let now = vault.clock().now().to_string();
    vault.db().write(|tx| {
        let claimed = tx.execute(
            "UPDATE payments SET status = 'processing', updated_at = ?1
             WHERE id = ?2 AND status IN ('scheduled', 'retry_wait') AND next_try_on <= ?3
               AND EXISTS (SELECT 1 FROM plans pl WHERE pl.id = payments.plan_id AND pl.status = 'active')",
            params![now, payment_id, today.to_string()],
        )?;
        if claimed != 1 {
            return Ok(None);
        }
        let (customer_id, card_id, amount, currency, installments, pre_auth): (i64, Option<i64>, i64, u16, i64, bool) = tx.query_row(
            "SELECT pl.customer_id, p.card_id, p.amount_minor, p.currency, pl.installments, pl.pre_auth
             FROM payments p JOIN plans pl ON pl.id = p.plan_id WHERE p.id = ?1",
            [payment_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)),
        )?;
        let kind = if pre_auth { ProvisionKind::PreAuth } else { ProvisionKind::Sale };
        let card_id = match card_id {
            Some(id) => Some(id),
            None => card::list_of(tx, customer_id)?.first().map(|c| c.id),
        };
        let Some(card_id) = card_id else {
            set_attention(tx, payment_id, "no card on file", &now)?;
            return Ok(None);
        };
        let order_id = new_order_id(today);
        tx.execute(
            "INSERT INTO attempts (payment_id, order_id, card_id, amount_minor, currency, installments, state, sends,
                 created_at, sent_at, kind)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'in_flight', 1, ?7, ?7, ?8)",
            params![payment_id, order_id, card_id, amount, currency, installments, now, kind.as_str()],
        )?;
        let attempt_id = tx.last_insert_rowid();
        tx.execute("UPDATE payments SET card_id = ?1 WHERE id = ?2", params![card_id, payment_id])?;
        let masked: String = tx.query_row("SELECT masked_pan FROM cards WHERE id = ?1", [card_id], |r| r.get(0))?;
        let record = actor
            .record(AuditAction::ProvisionSubmit, format!("payment:{payment_id}"), AuditResult::Ok)
            .with_detail(serde_json::json!({
                "attempt": attempt_id, "order_id": order_id, "amount_minor": amount,
                "currency": currency, "installments": installments, "masked_pan": masked,
                "kind": kind.as_str(),
            }));
        crate::audit::append(tx, vault.keys(), vault.clock().now(), &record)?;
        Ok(Some(attempt_id))
    })
}

/// Marks an attempt `in_flight` again before its order id is resent (`not_sent`, `not_found`).
pub(crate) fn mark_resending(vault: &Vault, attempt_id: i64) -> Result<bool> {
    let now = vault.clock().now().to_string();
    vault.db().write(|tx| {
        Ok(tx.execute(
            "UPDATE attempts SET state = 'in_flight', sends = sends + 1, sent_at = ?1
             WHERE id = ?2 AND state IN ('planned', 'not_sent', 'not_found')",
            params![now, attempt_id],
        )? == 1)
    })
}

/// Records a transport-level state without a bank answer: `not_sent`, `unknown`, `not_found`.
pub(crate) fn mark(
    vault: &Vault,
    attempt_id: i64,
    state: AttemptState,
    reason: &str,
) -> Result<()> {
    let now = vault.clock().now().to_string();
    vault.db().write(|tx| {
        tx.execute(
            "UPDATE attempts SET state = ?1, review_reason = ?2, next_check_at = ?3 WHERE id = ?4",
            params![state.as_str(), reason, now, attempt_id],
        )?;
        Ok(())
    })
}

/// Counts an inquiry without a definite answer; after `max` of them the attempt goes to manual
/// review and its payment to the attention queue. Returns true when that happened.
pub(crate) fn inquiry_undetermined(
    vault: &Vault,
    actor: &EngineActor,
    attempt: &AttemptRow,
    reason: &str,
    max: u32,
) -> Result<bool> {
    let now = vault.clock().now().to_string();
    vault.db().write(|tx| {
        let inquiries: u32 = tx.query_row(
            "UPDATE attempts SET inquiries = inquiries + 1, review_reason = ?1, next_check_at = ?2
             WHERE id = ?3 RETURNING inquiries",
            params![reason, now, attempt.id],
            |r| r.get(0),
        )?;
        if inquiries < max {
            return Ok(false);
        }
        let why = format!("no definite answer after {inquiries} inquiries: {reason}");
        review(tx, vault, actor, attempt, &why, &now)?;
        Ok(true)
    })
}

/// Sends an attempt to manual review (a suspicious booking, or inquiries without an answer).
pub(crate) fn manual_review(
    vault: &Vault,
    actor: &EngineActor,
    attempt: &AttemptRow,
    why: &str,
) -> Result<()> {
    let now = vault.clock().now().to_string();
    vault
        .db()
        .write(|tx| review(tx, vault, actor, attempt, why, &now))
}

fn review(
    tx: &Transaction,
    vault: &Vault,
    actor: &EngineActor,
    attempt: &AttemptRow,
    why: &str,
    now: &str,
) -> Result<()> {
    tx.execute(
        "UPDATE attempts SET state = 'manual_review', review_reason = ?1 WHERE id = ?2",
        params![why, attempt.id],
    )?;
    set_attention(
        tx,
        attempt.payment_id,
        &format!(
            "order {} needs checking with the bank: {why}",
            attempt.order_id
        ),
        now,
    )?;
    let record = actor
        .record(
            AuditAction::ProvisionOutcome,
            format!("payment:{}", attempt.payment_id),
            AuditResult::Failed,
        )
        .with_detail(
            serde_json::json!({ "attempt": attempt.id, "order_id": attempt.order_id,
            "state": "manual_review", "reason": why }),
        );
    crate::audit::append(tx, vault.keys(), vault.clock().now(), &record)?;
    Ok(())
}

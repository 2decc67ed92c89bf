//! Changes to a running plan: pause, resume, a new amount for future payments, cancel. History
//! (paid, declined, in-progress payments) is never touched. Pausing or cancelling withdraws the
//! attempts that never reached the bank; what the bank may hold is settled by inquiry first.

use rusqlite::{OptionalExtension, Transaction, named_params, params};

use crate::audit::{AuditAction, AuditResult};
use crate::auth::{Permission, Session};
use crate::engine::EngineActor;
use crate::engine::attempt_state::AttemptState;
use crate::engine::record::{Hold, Scribe, WithdrawScope, withdraw_unsent};
use crate::error::{Error, Result};
use crate::i18n::Text;
use crate::payments::PaymentStatus;
use crate::payments::status as payment_status;

use super::status::{self as plan_status, PlanStatus};
use super::terms::{MAX_AMOUNT_MINOR, PlanInfo, load};

fn plan_row(tx: &Transaction, id: i64) -> Result<(i64, PlanStatus)> {
    tx.query_row(
        "SELECT store_id, status FROM plans WHERE id = ?1",
        [id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
    .optional()?
    .ok_or_else(|| Error::not_found("plan", id))
}

fn store_of(session: &Session, id: i64) -> Result<i64> {
    session.vault().db().read(|c| {
        c.query_row("SELECT store_id FROM plans WHERE id = ?1", [id], |r| {
            r.get(0)
        })
        .optional()?
        .ok_or_else(|| Error::not_found("plan", id))
    })
}

/// Runs one change under `create_collections`, with its audit entry, and returns the plan.
fn change(
    session: &Session,
    id: i64,
    what: &'static str,
    f: impl FnOnce(&Transaction, &Scribe, &str) -> Result<serde_json::Value>,
) -> Result<PlanInfo> {
    let store_id = store_of(session, id)?;
    session.require(Permission::CreateCollections, Some(store_id))?;
    let vault = session.vault();
    let actor = EngineActor::of_session(session);
    let now = vault.clock().now().to_string();
    let today = super::today(vault.clock().as_ref()).to_string();
    vault.write_audited(|tx, keys| {
        let scribe = Scribe {
            keys,
            at: vault.clock().now(),
            actor: &actor,
        };
        let mut detail = f(tx, &scribe, &today)?;
        detail["change"] = what.into();
        tx.execute(
            "UPDATE plans SET updated_at = ?1 WHERE id = ?2",
            params![now, id],
        )?;
        let record = session
            .record(
                AuditAction::PlanChange,
                format!("plan:{id}"),
                AuditResult::Ok,
            )
            .with_detail(detail);
        Ok(((), record))
    })?;
    vault.db().read(|c| load(c, id))
}

/// The plan is in `status` where the step needs it in `needed`.
fn status_is(status: PlanStatus, needed: PlanStatus) -> Text {
    let (state, needed) = (status.text(), needed.text());
    Text::new(
        format!("{}, {} değil", state.tr(), needed.tr()),
        format!("it is {}, not {}", state.en(), needed.en()),
    )
}

/// Moves plan `id` from `from` to `to`; its status was checked in the same transaction.
fn move_plan(tx: &Transaction, id: i64, from: &[PlanStatus], to: PlanStatus) -> Result<()> {
    plan_status::transition(tx, "id = :id", from, to, "", named_params! {":id": id})?;
    Ok(())
}

/// Stops taking the plan's payments until it is resumed.
pub fn pause(session: &Session, id: i64) -> Result<PlanInfo> {
    change(session, id, "pause", |tx, scribe, _| {
        let (_, status) = plan_row(tx, id)?;
        if status != PlanStatus::Active {
            return Err(Error::wrong_state(
                "plan",
                id,
                status_is(status, PlanStatus::Active),
            ));
        }
        move_plan(tx, id, &[PlanStatus::Active], PlanStatus::Paused)?;
        let withdrawn = withdraw_unsent(tx, scribe, WithdrawScope::Plan(id), Hold::PlanPaused)?;
        Ok(serde_json::json!({ "withdrawn": withdrawn }))
    })
}

/// Takes the plan's payments again. Payments that fell due during the pause and were never
/// charged (no attempt reached the bank) are skipped (cancelled), not charged late.
pub fn resume(session: &Session, id: i64) -> Result<PlanInfo> {
    change(session, id, "resume", |tx, scribe, today| {
        let now = &scribe.now();
        let (_, status) = plan_row(tx, id)?;
        if status != PlanStatus::Paused {
            return Err(Error::wrong_state(
                "plan",
                id,
                status_is(status, PlanStatus::Paused),
            ));
        }
        move_plan(tx, id, &[PlanStatus::Paused], PlanStatus::Active)?;
        let skipped = payment_status::transition(
            tx,
            "plan_id = :plan AND due_date < :today
               AND NOT EXISTS (SELECT 1 FROM attempts a WHERE a.payment_id = payments.id
                               AND a.state <> :withdrawn)",
            &[PaymentStatus::Scheduled],
            PaymentStatus::Cancelled,
            "attention = 'skipped while the plan was paused', updated_at = :now",
            named_params! {
                ":plan": id, ":today": today, ":withdrawn": AttemptState::Withdrawn, ":now": now,
            },
        )?;
        Ok(serde_json::json!({ "skipped": skipped }))
    })
}

/// Sets a new amount for the plan's payments due from today on that have not started.
pub fn change_amount(session: &Session, id: i64, amount_minor: i64) -> Result<PlanInfo> {
    if amount_minor <= 0 || amount_minor > MAX_AMOUNT_MINOR {
        return Err(Error::invalid(
            "amount",
            Text::new(
                "Tutar sıfırdan büyük ve en çok 1.000.000,00 olmalı.",
                "The amount must be more than zero and at most 1,000,000.00.",
            ),
        ));
    }
    change(session, id, "amount", |tx, scribe, today| {
        let now = &scribe.now();
        let (_, status) = plan_row(tx, id)?;
        if matches!(status, PlanStatus::Cancelled | PlanStatus::Completed) {
            let state = status.text();
            return Err(Error::wrong_state(
                "plan",
                id,
                Text::new(
                    format!("{}; tutarı değişmez", state.tr()),
                    format!("it is {}", state.en()),
                ),
            ));
        }
        tx.execute(
            "UPDATE plans SET amount_minor = ?1 WHERE id = ?2",
            params![amount_minor, id],
        )?;
        let changed = tx.execute(
            "UPDATE payments SET amount_minor = ?1, updated_at = ?2
             WHERE plan_id = ?3 AND status = ?5 AND due_date >= ?4
               AND NOT EXISTS (SELECT 1 FROM attempts a WHERE a.payment_id = payments.id)",
            params![amount_minor, now, id, today, PaymentStatus::Scheduled],
        )?;
        Ok(serde_json::json!({ "amount_minor": amount_minor, "payments": changed }))
    })
}

/// Cancels the plan: payments not yet taken are cancelled, attempts that never reached the bank
/// are withdrawn, history is kept. An attempt the bank may hold is settled by inquiry; if the
/// bank then confirms it has nothing, it is withdrawn too.
pub fn cancel(session: &Session, id: i64) -> Result<PlanInfo> {
    change(session, id, "cancel", |tx, scribe, _| {
        let now = &scribe.now();
        let (_, status) = plan_row(tx, id)?;
        if status == PlanStatus::Cancelled {
            return Err(Error::wrong_state(
                "plan",
                id,
                Text::new("zaten iptal edilmiş", "it is already cancelled"),
            ));
        }
        move_plan(tx, id, &[status], PlanStatus::Cancelled)?;
        let cancelled = payment_status::transition(
            tx,
            "plan_id = :plan",
            &[PaymentStatus::Scheduled, PaymentStatus::RetryWait],
            PaymentStatus::Cancelled,
            "updated_at = :now",
            named_params! {":plan": id, ":now": now},
        )?;
        let withdrawn = withdraw_unsent(tx, scribe, WithdrawScope::Plan(id), Hold::PlanCancelled)?;
        Ok(serde_json::json!({ "cancelled": cancelled + withdrawn, "withdrawn": withdrawn }))
    })
}

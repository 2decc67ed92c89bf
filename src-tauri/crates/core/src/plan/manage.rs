//! Saving a change to a running plan: pause, resume, cancel, a new amount from a date, a new
//! end, one payment skipped. The change set is computed in the same transaction by the function
//! the preview uses (`change.rs`) and applied as it stands; a step that changes fewer rows than
//! the set says rolls the whole change back. History (paid, declined, in-progress payments) is
//! never touched. Pausing or cancelling withdraws the attempts that never reached the bank; what
//! the bank may hold is settled by inquiry first.

use rusqlite::{Transaction, named_params, params};

use super::change::{
    PaymentChange, PaymentEffect, PlanChange, PlanChangeSet, PlanRow, compute, load_plan,
};
use super::schedule::PlanEnd;
use super::status::{self as plan_status, PlanStatus};
use super::terms::{PlanInfo, load};
use crate::audit::{AuditAction, AuditResult};
use crate::auth::{Permission, Session};
use crate::engine::EngineActor;
use crate::engine::attempt_state::AttemptState;
use crate::engine::record::{Hold, Scribe, WithdrawScope, withdraw_unsent};
use crate::error::{Error, Result};
use crate::payments::PaymentStatus;
use crate::payments::status as payment_status;

/// The change set and what was saved disagree: nothing is kept.
fn disagrees(id: i64, what: &str, expected: usize, done: usize) -> Error {
    Error::Internal(format!(
        "plan {id}: {what} changed {done} payments where {expected} were expected"
    ))
}

fn expect(id: i64, what: &str, expected: usize, done: usize) -> Result<()> {
    if expected == done {
        Ok(())
    } else {
        Err(disagrees(id, what, expected, done))
    }
}

/// Saves `change` on plan `id` under `create_collections`, audited, and returns the change set
/// it applied (the one [`super::change::preview_change`] shows).
pub fn apply_change(session: &Session, id: i64, change: PlanChange) -> Result<PlanChangeSet> {
    let vault = session.vault();
    let store_id = vault.db().read(|c| Ok(load_plan(c, id)?.store_id))?;
    session.require(Permission::CreateCollections, Some(store_id))?;
    let actor = EngineActor::of_session(session);
    let today = super::today(vault.clock().as_ref());
    vault.write_audited(|tx, keys| {
        let scribe = Scribe {
            keys,
            at: vault.clock().now(),
            actor: &actor,
        };
        let set = change_in(tx, &scribe, id, change, today)?;
        let record = session
            .record(
                AuditAction::PlanChange,
                format!("plan:{id}"),
                AuditResult::Ok,
            )
            .with_detail(audit_detail(&set, change));
        Ok((set, record))
    })
}

/// Computes `change` on plan `id` and writes it inside `tx` (the caller audits it); returns
/// the change set applied.
pub(crate) fn change_in(
    tx: &Transaction,
    scribe: &Scribe,
    id: i64,
    change: PlanChange,
    today: jiff::civil::Date,
) -> Result<PlanChangeSet> {
    let (plan, set) = compute(tx, id, change, today)?;
    apply(tx, scribe, id, &plan, &set, change)?;
    Ok(set)
}

fn audit_detail(set: &PlanChangeSet, change: PlanChange) -> serde_json::Value {
    let count = |e: PaymentEffect| set.payments.iter().filter(|p| p.effect == e).count();
    let mut detail = serde_json::json!({
        "change": set.change,
        "status": set.status_after,
        "amount_minor": set.amount_after,
        "payments": set.payments.iter().filter(|p| p.effect == PaymentEffect::Amount).count(),
        "cancelled": count(PaymentEffect::Cancelled),
        "added": count(PaymentEffect::Added),
        "withdrawn": count(PaymentEffect::Withdrawn),
    });
    match change {
        PlanChange::Amount {
            from: Some(from), ..
        } => detail["from"] = from.to_string().into(),
        PlanChange::End(PlanEnd::Count(n)) => detail["end_count"] = n.into(),
        PlanChange::End(PlanEnd::Until(d)) => detail["end_date"] = d.to_string().into(),
        PlanChange::Skip { payment_id } => detail["payment"] = payment_id.into(),
        _ => {}
    }
    detail
}

fn of(set: &PlanChangeSet, effect: PaymentEffect) -> impl Iterator<Item = &PaymentChange> {
    set.payments.iter().filter(move |p| p.effect == effect)
}

/// Writes the change set inside `tx`.
fn apply(
    tx: &Transaction,
    scribe: &Scribe,
    id: i64,
    plan: &PlanRow,
    set: &PlanChangeSet,
    change: PlanChange,
) -> Result<()> {
    let now = scribe.now();
    if set.status_after != set.status_before {
        plan_status::transition(
            tx,
            "id = :id",
            &[set.status_before],
            set.status_after,
            "",
            named_params! {":id": id},
        )?;
    }
    tx.execute(
        "UPDATE plans SET amount_minor = ?1, updated_at = ?2 WHERE id = ?3",
        params![set.amount_after, now, id],
    )?;
    if let PlanChange::End(end) = change {
        let (count, until) = match end {
            PlanEnd::Count(n) => (Some(n), None),
            PlanEnd::Until(d) => (None, Some(d.to_string())),
        };
        tx.execute(
            "UPDATE plans SET end_count = ?1, end_date = ?2 WHERE id = ?3",
            params![count, until, id],
        )?;
    }
    // Payments whose attempt never reached the bank: the withdrawal moves them on.
    let hold = match set.status_after {
        PlanStatus::Paused if set.status_before != PlanStatus::Paused => Some(Hold::PlanPaused),
        PlanStatus::Cancelled => Some(Hold::PlanCancelled),
        _ => None,
    };
    let mut through_withdrawal = 0;
    if let Some(hold) = hold {
        through_withdrawal = withdraw_unsent(tx, scribe, WithdrawScope::Plan(id), hold)?;
    }
    let expected_withdrawn = match hold {
        Some(Hold::PlanPaused) => of(set, PaymentEffect::Withdrawn).count(),
        Some(_) => of(set, PaymentEffect::Cancelled)
            .filter(|p| !waiting_now(tx, p))
            .count(),
        None => 0,
    };
    expect(id, "withdrawal", expected_withdrawn, through_withdrawal)?;
    let attention = match change {
        PlanChange::Resume => "'skipped while the plan was paused'",
        PlanChange::Skip { .. } => "'skipped by an operator'",
        _ => "NULL",
    };
    let mut cancelled = 0;
    let mut to_cancel = 0;
    for p in of(set, PaymentEffect::Cancelled) {
        if !waiting_now(tx, p) {
            continue;
        }
        to_cancel += 1;
        cancelled += payment_status::transition(
            tx,
            "id = :id",
            &[PaymentStatus::Scheduled, PaymentStatus::RetryWait],
            PaymentStatus::Cancelled,
            &format!("attention = {attention}, updated_at = :now"),
            named_params! {":id": p.payment_id, ":now": now},
        )?;
    }
    expect(id, "cancellation", to_cancel, cancelled)?;
    let mut amounts = 0;
    for p in of(set, PaymentEffect::Amount) {
        amounts += tx.execute(
            "UPDATE payments SET amount_minor = ?1, updated_at = ?2
             WHERE id = ?3 AND status = ?4 AND amount_minor = ?5
               AND NOT EXISTS (SELECT 1 FROM attempts a WHERE a.payment_id = payments.id
                               AND a.state <> ?6)",
            params![
                p.amount_after,
                now,
                p.payment_id,
                PaymentStatus::Scheduled,
                p.amount_before,
                AttemptState::Withdrawn
            ],
        )?;
    }
    expect(
        id,
        "amount",
        of(set, PaymentEffect::Amount).count(),
        amounts,
    )?;
    let added: Vec<&PaymentChange> = of(set, PaymentEffect::Added).collect();
    if !added.is_empty() {
        crate::settlement::require_no_restore_hold(tx)?;
        let card_id: Option<i64> = tx.query_row(
            "SELECT card_id FROM payments WHERE plan_id = ?1 ORDER BY occurrence DESC LIMIT 1",
            [id],
            |r| r.get(0),
        )?;
        let mut stmt = tx.prepare_cached(
            "INSERT INTO payments (plan_id, store_id, occurrence, due_date, amount_minor, currency,
                 status, next_try_on, card_id, batch_id, updated_at, customer_key)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?4, ?8, ?9, ?10, (SELECT c.sort_key FROM plans pl
                 JOIN customers c ON c.id = pl.customer_id WHERE pl.id = ?1))",
        )?;
        for p in added {
            stmt.execute(params![
                id,
                plan.store_id,
                p.occurrence,
                p.due_date,
                p.amount_after,
                plan.currency,
                PaymentStatus::Scheduled,
                card_id,
                plan.batch_id,
                now
            ])?;
        }
    }
    Ok(())
}

/// Whether a payment the set cancels is still merely waiting (cancelled directly), rather than
/// held by an attempt that never reached the bank (cancelled by its withdrawal).
fn waiting_now(tx: &Transaction, p: &PaymentChange) -> bool {
    tx.query_row(
        "SELECT status FROM payments WHERE id = ?1",
        [p.payment_id],
        |r| r.get::<_, PaymentStatus>(0),
    )
    .map(|s| matches!(s, PaymentStatus::Scheduled | PaymentStatus::RetryWait))
    .unwrap_or(false)
}

fn saved(session: &Session, id: i64, change: PlanChange) -> Result<PlanInfo> {
    apply_change(session, id, change)?;
    session.vault().db().read(|c| load(c, id))
}

/// Stops taking the plan's payments until it is resumed.
pub fn pause(session: &Session, id: i64) -> Result<PlanInfo> {
    saved(session, id, PlanChange::Pause)
}

/// Takes the plan's payments again. Payments that fell due during the pause and were never
/// charged (no attempt reached the bank) are skipped (cancelled), not charged late.
pub fn resume(session: &Session, id: i64) -> Result<PlanInfo> {
    saved(session, id, PlanChange::Resume)
}

/// Sets a new amount for the plan's payments due from today on that have not started.
pub fn change_amount(session: &Session, id: i64, amount_minor: i64) -> Result<PlanInfo> {
    saved(
        session,
        id,
        PlanChange::Amount {
            amount_minor,
            from: None,
        },
    )
}

/// Cancels the plan: payments not yet taken are cancelled, attempts that never reached the bank
/// are withdrawn, history is kept. An attempt the bank may hold is settled by inquiry; if the
/// bank then confirms it has nothing, it is withdrawn too.
pub fn cancel(session: &Session, id: i64) -> Result<PlanInfo> {
    saved(session, id, PlanChange::Cancel)
}

//! Recording the bank's final word on an attempt and moving its payment on.

use jiff::civil::Date;
use rusqlite::{Transaction, named_params, params};

use super::{AttemptRow, Scribe, set_attention, transition};
use crate::audit::{AuditAction, AuditResult};
use crate::customer::card;
use crate::engine::actor::EngineActor;
use crate::engine::attempt_state::AttemptState;
use crate::engine::follow_up::{self, FollowUpKind, FollowUpState};
use crate::engine::retry_policy::{
    AttentionReason, CardHistory, DeclineKind, NextStep, RetryPolicy,
};
use crate::engine::verdict::HostAnswer;
use crate::error::Result;
use crate::payments::PaymentStatus;
use crate::payments::status as payment_status;
use crate::plan::ProvisionKind;
use crate::plan::terms::PlanStatus;
use crate::vault::Vault;

/// Where the payment of an attempt that gets its final answer stands: claimed by a run, or in
/// the attention queue while the attempt was in manual review.
const WORKED_ON: &[PaymentStatus] = &[PaymentStatus::Processing, PaymentStatus::Attention];

/// The bank's final word on an attempt.
#[derive(Debug, Clone)]
pub(crate) enum Final {
    Approved(HostAnswer),
    Declined {
        kind: DeclineKind,
        answer: HostAnswer,
    },
}

fn attention_text(reason: AttentionReason, answer: &HostAnswer) -> String {
    let code = answer
        .host_code
        .clone()
        .or(answer.vps_code.clone())
        .unwrap_or_default();
    let message = answer.message.clone().unwrap_or_default();
    match reason {
        AttentionReason::CardsExhausted => {
            format!("every card on file was declined (last: {code} {message})")
        }
        AttentionReason::Configuration => {
            format!("the bank refused the request ({code} {message}): check the store's settings")
        }
    }
}

/// Records the final answer on an attempt that was `from` (in flight, unknown or in manual
/// review) and moves the payment on (paid, retry later, next card now, attention), with the
/// audit entry, in one transaction. Nothing changes when the attempt had already moved on.
pub(crate) fn finish(
    vault: &Vault,
    actor: &EngineActor,
    attempt: &AttemptRow,
    from: AttemptState,
    result: &Final,
    today: Date,
) -> Result<()> {
    let scribe = Scribe::of(vault, actor);
    let now = scribe.now();
    vault.db().write(|tx| {
        let (state, answer, kind) = match result {
            Final::Approved(a) => (AttemptState::Approved, a, None),
            Final::Declined { kind, answer } => (AttemptState::Declined, answer, Some(*kind)),
        };
        if !transition(tx, attempt.id, from, state)? {
            return Ok(());
        }
        tx.prepare_cached("UPDATE attempts SET vps_code = ?1, host_code = ?2, message = ?3, auth_code = ?4, rrn = ?5,
                 decline_kind = ?6, finished_at = ?7, batch_number = ?9
             WHERE id = ?8")?.execute(
            params![
                answer.vps_code,
                answer.host_code,
                answer.message,
                answer.auth_code,
                answer.rrn,
                kind.map(|k| match k {
                    DeclineKind::Soft => "soft",
                    DeclineKind::Hard => "hard",
                    DeclineKind::OurError => "our_error",
                }),
                now,
                attempt.id,
                answer.batch_number
            ],
        )?;
        let moved_to = match kind {
            None => {
                // A pre-authorisation holds the amount until an operator captures or voids it.
                let status = match attempt.kind {
                    ProvisionKind::Sale => PaymentStatus::Paid,
                    ProvisionKind::PreAuth => PaymentStatus::Authorized,
                };
                payment_status::transition(
                    tx,
                    "id = :id",
                    WORKED_ON,
                    status,
                    "attention = NULL, next_try_on = NULL, updated_at = :now",
                    named_params! {":id": attempt.payment_id, ":now": now},
                )?;
                status.as_str()
            }
            Some(_) if close_requested_void(tx, attempt, answer, &now)? => {
                PaymentStatus::Cancelled.as_str()
            }
            Some(kind) => after_decline(tx, attempt, kind, answer, today, &now)?,
        };
        let record = actor
            .record(AuditAction::ProvisionOutcome, format!("payment:{}", attempt.payment_id), AuditResult::Ok)
            .with_detail(serde_json::json!({
                "attempt": attempt.id, "order_id": attempt.order_id, "state": state.as_str(),
                "vps_code": answer.vps_code, "host_code": answer.host_code, "payment": moved_to,
            }));
        scribe.append(tx, &record)?;
        tracing::info!(
            attempt_id = attempt.id,
            payment_id = attempt.payment_id,
            state = state.as_str(),
            payment = moved_to,
            "attempt settled"
        );
        Ok(())
    })
}

/// A void was asked for while the attempt's outcome was unknown, and the bank says nothing was
/// charged: the request is closed with that reason, and the payment is cancelled rather than
/// retried, since the operator asked for the charge to be undone. True when that happened.
fn close_requested_void(
    tx: &Transaction,
    attempt: &AttemptRow,
    answer: &HostAnswer,
    now: &str,
) -> Result<bool> {
    let code = answer
        .host_code
        .clone()
        .or(answer.vps_code.clone())
        .unwrap_or_default();
    let why = format!(
        "nothing to void: the bank did not charge it ({code} {})",
        answer.message.clone().unwrap_or_default()
    );
    let closed = follow_up::transition(
        tx,
        "attempt_id = :attempt AND kind = :void",
        &[FollowUpState::Requested],
        FollowUpState::Closed,
        "message = :why, finished_at = :now",
        named_params! {
            ":attempt": attempt.id, ":void": FollowUpKind::Void, ":why": why.trim_end(), ":now": now,
        },
    )?;
    if closed == 0 {
        return Ok(false);
    }
    payment_status::transition(
        tx,
        "id = :id",
        WORKED_ON,
        PaymentStatus::Cancelled,
        "attention = NULL, next_try_on = NULL, updated_at = :now",
        named_params! {":id": attempt.payment_id, ":now": now},
    )?;
    Ok(true)
}

fn after_decline(
    tx: &Transaction,
    attempt: &AttemptRow,
    kind: DeclineKind,
    answer: &HostAnswer,
    today: Date,
    now: &str,
) -> Result<&'static str> {
    let (soft, first, plan, days): (u32, Option<String>, PlanStatus, String) = tx.prepare_cached("SELECT p.soft_declines, p.first_soft_decline, pl.status, s.soft_retry_days FROM payments p
         JOIN plans pl ON pl.id = p.plan_id JOIN stores s ON s.id = p.store_id WHERE p.id = ?1")?.query_row(
        [attempt.payment_id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
    )?;
    // The store's schedule (checked when it was saved).
    let policy = RetryPolicy::parse(&days).unwrap_or_default();
    if plan == PlanStatus::Cancelled {
        // Cancelled while this attempt was on its way: nothing more is tried.
        payment_status::transition(
            tx,
            "id = :id",
            WORKED_ON,
            PaymentStatus::Cancelled,
            "next_try_on = NULL, updated_at = :now",
            named_params! {":id": attempt.payment_id, ":now": now},
        )?;
        return Ok(PaymentStatus::Cancelled.as_str());
    }
    let first = first.and_then(|d| d.parse::<Date>().ok()).unwrap_or(today);
    let soft = if kind == DeclineKind::Soft {
        soft + 1
    } else {
        soft
    };
    let next_card = card::next_after(tx, attempt.card_id)?;
    let step = policy.after_decline(
        kind,
        CardHistory {
            first_soft_decline: first,
            soft_declines: soft,
            has_next_card: next_card.is_some(),
        },
        today,
    );
    let pid = attempt.payment_id;
    Ok(match step {
        NextStep::RetrySameCard { on } => {
            payment_status::transition(
                tx,
                "id = :id",
                WORKED_ON,
                PaymentStatus::RetryWait,
                "next_try_on = :on, soft_declines = :soft, first_soft_decline = :first, updated_at = :now",
                named_params! {
                    ":id": pid, ":on": on.to_string(), ":soft": soft, ":first": first.to_string(), ":now": now,
                },
            )?;
            PaymentStatus::RetryWait.as_str()
        }
        NextStep::NextCard => {
            payment_status::transition(
                tx,
                "id = :id",
                WORKED_ON,
                PaymentStatus::Scheduled,
                "card_id = :card, next_try_on = :today, soft_declines = 0, first_soft_decline = NULL,
                     updated_at = :now",
                named_params! {":id": pid, ":card": next_card, ":today": today.to_string(), ":now": now},
            )?;
            // Scheduled again, with the next card: the audit entry says which.
            "next_card"
        }
        NextStep::Attention(reason) => {
            set_attention(tx, pid, &attention_text(reason, answer), now)?;
            PaymentStatus::Attention.as_str()
        }
    })
}

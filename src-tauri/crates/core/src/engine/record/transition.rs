//! Changes of an attempt's state that carry no final answer from the bank: a resend, nothing
//! sent, a lost reply, a not-found answer, an inquiry without an answer, manual review.

use std::time::Duration;

use jiff::SignedDuration;
use rusqlite::{Transaction, params};

use super::withdraw::{hold_of, withdraw_in};
use super::{AttemptRow, Scribe, load_attempt, set_attention};
use crate::audit::{AuditAction, AuditResult};
use crate::engine::actor::EngineActor;
use crate::engine::attempt_state::AttemptState;
use crate::engine::config::EngineConfig;
use crate::error::{Error, Result};
use crate::vault::Vault;

/// Moves an attempt from `from` to `to`, only if it is still in `from`. False when it was not
/// (another writer moved it first); an error when the state machine does not allow the step.
pub(crate) fn transition(
    tx: &Transaction,
    attempt_id: i64,
    from: AttemptState,
    to: AttemptState,
) -> Result<bool> {
    if !from.can_become(to) {
        return Err(Error::Internal(format!(
            "attempt {attempt_id} may not go from {} to {}",
            from.as_str(),
            to.as_str()
        )));
    }
    Ok(tx
        .prepare_cached("UPDATE attempts SET state = ?1 WHERE id = ?2 AND state = ?3")?
        .execute(params![to, attempt_id, from])?
        == 1)
}

/// What became of a request to send an attempt (again).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Resend {
    /// It is `in_flight` now: send it.
    Go,
    /// Its payment may no longer be collected: withdrawn instead.
    Withdrawn,
    /// Too many replies were lost: it went to manual review instead.
    Review,
    /// Someone else moved it first.
    Moved,
}

/// Before an order id goes out again (`not_sent`, `not_found`): the payment must still be
/// collected (plan active, payment taken by this run, store enabled, no void asked for), else
/// the attempt is withdrawn; and fewer than `max_lost_replies` answers may have been lost,
/// else it goes to manual review (unless an operator decided to send it `by_operator`).
/// Otherwise it becomes `in_flight` with one more send.
pub(crate) fn begin_resend(
    vault: &Vault,
    actor: &EngineActor,
    attempt_id: i64,
    config: &EngineConfig,
    by_operator: bool,
) -> Result<Resend> {
    let scribe = Scribe::of(vault, actor);
    vault.db().write(|tx| {
        let a = load_attempt(tx, attempt_id)?;
        if !a.state.may_send() {
            return Ok(Resend::Moved);
        }
        if let Some(hold) = hold_of(tx, &a)? {
            withdraw_in(tx, &scribe, &a, hold)?;
            return Ok(Resend::Withdrawn);
        }
        if a.lost_replies >= config.max_lost_replies && !by_operator {
            let why = format!(
                "{} sends without a definite answer from the bank; not sent again",
                a.lost_replies
            );
            review_in(tx, &scribe, &a, &why)?;
            return Ok(Resend::Review);
        }
        if !transition(tx, a.id, a.state, AttemptState::InFlight)? {
            return Ok(Resend::Moved);
        }
        tx.prepare_cached(
            "UPDATE attempts SET sends = sends + 1, sent_at = ?1, not_found_at = NULL,
                 not_found_confirmed_at = NULL, review_reason = NULL
             WHERE id = ?2",
        )?
        .execute(params![scribe.now(), a.id])?;
        Ok(Resend::Go)
    })
}

/// After a send: provably nothing reached the bank (`in_flight` -> `not_sent`).
pub(crate) fn not_sent(vault: &Vault, attempt_id: i64, reason: &str) -> Result<()> {
    let now = vault.clock().now().to_string();
    vault.db().write(|tx| {
        if transition(
            tx,
            attempt_id,
            AttemptState::InFlight,
            AttemptState::NotSent,
        )? {
            tx.prepare_cached(
                "UPDATE attempts SET review_reason = ?1, next_check_at = ?2 WHERE id = ?3",
            )?
            .execute(params![reason, now, attempt_id])?;
            tracing::warn!(attempt_id, reason, "not sent");
        }
        Ok(())
    })
}

/// After a send: the answer never came, or could not be read (`in_flight` -> `unknown`), one
/// more lost reply.
pub(crate) fn lost_reply(vault: &Vault, attempt_id: i64, reason: &str) -> Result<()> {
    let now = vault.clock().now().to_string();
    vault.db().write(|tx| {
        if transition(
            tx,
            attempt_id,
            AttemptState::InFlight,
            AttemptState::Unknown,
        )? {
            tx.prepare_cached(
                "UPDATE attempts SET review_reason = ?1, next_check_at = ?2,
                     lost_replies = lost_replies + 1
                 WHERE id = ?3",
            )?
            .execute(params![reason, now, attempt_id])?;
            tracing::warn!(attempt_id, reason, "reply lost");
        }
        Ok(())
    })
}

/// What a "no such order" answer leads to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NotFoundStep {
    /// Not believed yet: ask again once this much time has passed.
    AskAgainIn(Duration),
    /// Confirmed: a second answer, after the grace period. An `unknown` attempt is `not_found`
    /// now; one in manual review stays there for an operator, with the confirmation recorded.
    Confirmed,
}

/// Records an inquiry's "no such order" for an `unknown` attempt or one in manual review. The
/// first such answer after a send is only noted; a second one, at least `not_found_gap` after
/// the first and `not_found_grace` after the send, confirms it.
pub(crate) fn not_found(
    vault: &Vault,
    attempt_id: i64,
    config: &EngineConfig,
) -> Result<NotFoundStep> {
    let now = vault.clock().now();
    vault.db().write(|tx| {
        let a = load_attempt(tx, attempt_id)?;
        let from = a.state;
        if !matches!(from, AttemptState::Unknown | AttemptState::ManualReview) {
            return Ok(NotFoundStep::AskAgainIn(Duration::ZERO));
        }
        let since = |d: Duration| SignedDuration::try_from(d).unwrap_or(SignedDuration::MAX);
        let grace_end = a
            .sent_at
            .and_then(|s| s.checked_add(since(config.not_found_grace)).ok())
            .unwrap_or(now);
        let first = a.not_found_at.unwrap_or(now);
        let gap_end = first
            .checked_add(since(config.not_found_gap))
            .unwrap_or(now);
        let ask_at = grace_end.max(gap_end);
        if a.not_found_at.is_some() && now >= ask_at {
            // Nothing more to ask: an unknown attempt is sent again or withdrawn now, one in
            // manual review waits for an operator.
            tx.prepare_cached("UPDATE attempts SET not_found_confirmed_at = ?1, inquiries = inquiries + 1,
                     next_check_at = NULL
                 WHERE id = ?2 AND state = ?3")?.execute(
                params![now.to_string(), a.id, from],
            )?;
            if from == AttemptState::Unknown {
                transition(tx, a.id, from, AttemptState::NotFound)?;
                tx.prepare_cached("UPDATE attempts SET review_reason = 'the bank has no record of it' WHERE id = ?1")?.execute(
                    [a.id],
                )?;
            }
            return Ok(NotFoundStep::Confirmed);
        }
        tx.prepare_cached("UPDATE attempts SET not_found_at = COALESCE(not_found_at, ?1), next_check_at = ?2,
                 inquiries = inquiries + 1,
                 review_reason = CASE WHEN state = ?5
                     THEN 'the bank has no record of it yet; asked again before it is sent again'
                     ELSE review_reason END
             WHERE id = ?3 AND state = ?4")?.execute(
            params![now.to_string(), ask_at.to_string(), a.id, from, AttemptState::Unknown],
        )?;
        let wait = ask_at.duration_since(now).max(SignedDuration::ZERO);
        Ok(NotFoundStep::AskAgainIn(
            Duration::try_from(wait).unwrap_or(Duration::MAX),
        ))
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
    let scribe = Scribe::of(vault, actor);
    vault.db().write(|tx| {
        let inquiries: Option<u32> = rusqlite::OptionalExtension::optional(tx.prepare_cached("UPDATE attempts SET inquiries = inquiries + 1, review_reason = ?1, next_check_at = ?2
             WHERE id = ?3 AND state = ?4 RETURNING inquiries")?.query_row(
            params![reason, scribe.now(), attempt.id, AttemptState::Unknown],
            |r| r.get(0),
        ))?;
        let Some(inquiries) = inquiries else {
            return Ok(false);
        };
        if inquiries < max {
            return Ok(false);
        }
        let a = load_attempt(tx, attempt.id)?;
        let why = format!("no definite answer after {inquiries} inquiries: {reason}");
        review_in(tx, &scribe, &a, &why)
    })
}

/// Sends an attempt whose outcome is unknown to manual review (e.g. a suspicious booking).
/// `suspicious` records that the bank showed the booking as suspicious, which an operator may
/// void.
pub(crate) fn manual_review(
    vault: &Vault,
    actor: &EngineActor,
    attempt_id: i64,
    why: &str,
    suspicious: bool,
) -> Result<()> {
    let scribe = Scribe::of(vault, actor);
    vault.db().write(|tx| {
        let a = load_attempt(tx, attempt_id)?;
        if review_in(tx, &scribe, &a, why)? || a.state == AttemptState::ManualReview {
            tx.prepare_cached(
                "UPDATE attempts SET suspicious = ?1, review_reason = ?2 WHERE id = ?3",
            )?
            .execute(params![suspicious, why, a.id])?;
        }
        Ok(())
    })
}

/// Inside `tx`: the attempt goes to manual review (from `unknown` or a `not_found` that may not
/// be sent again) and its payment to the attention queue, audited. True when it moved.
pub(crate) fn review_in(
    tx: &Transaction,
    scribe: &Scribe,
    a: &AttemptRow,
    why: &str,
) -> Result<bool> {
    if a.state == AttemptState::ManualReview
        || !transition(tx, a.id, a.state, AttemptState::ManualReview)?
    {
        return Ok(false);
    }
    tracing::warn!(attempt_id = a.id, reason = why, "manual review");
    // Asked about again at the next run, or when an operator asks; not between runs.
    let now = scribe.now();
    tx.prepare_cached(
        "UPDATE attempts SET review_reason = ?1, next_check_at = NULL WHERE id = ?2",
    )?
    .execute(params![why, a.id])?;
    set_attention(
        tx,
        a.payment_id,
        &format!("order {} needs checking with the bank: {why}", a.order_id),
        &now,
    )?;
    let record = scribe
        .actor
        .record(
            AuditAction::ProvisionOutcome,
            format!("payment:{}", a.payment_id),
            AuditResult::Failed,
        )
        .with_detail(serde_json::json!({ "attempt": a.id, "order_id": a.order_id,
            "state": AttemptState::ManualReview, "reason": why }));
    scribe.append(tx, &record)?;
    Ok(true)
}

//! Withdrawing attempts that never reached the bank: when their payment may no longer be
//! collected (plan cancelled or paused, store disabled, a void asked for) or an operator closes
//! one as not charged after the bank confirmed it has no such order. What the bank may hold
//! (`in_flight`, `unknown`, `manual_review`) is never withdrawn: it is settled by inquiry first,
//! and withdrawn only if the bank then confirms it has nothing.

use rusqlite::{Transaction, named_params, params};

use super::{AttemptRow, Scribe, load_attempt, transition};
use crate::audit::{AuditAction, AuditResult};
use crate::engine::actor::EngineActor;
use crate::engine::attempt_state::AttemptState;
use crate::engine::follow_up::{self, FollowUpKind, FollowUpState};
use crate::error::Result;
use crate::i18n::Text;
use crate::payments::PaymentStatus;
use crate::payments::status as payment_status;
use crate::plan::PlanStatus;
use crate::stored::sql_list;
use crate::vault::Vault;

/// Why an attempt that never reached the bank is not sent (again).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Hold {
    /// An operator asked to void it.
    VoidRequested,
    PlanCancelled,
    PlanPaused,
    StoreDisabled,
    /// The payment is no longer being collected (cancelled or closed otherwise).
    PaymentClosed,
    /// An operator closed it as not charged; the payment goes on with a new attempt.
    ClosedByOperator,
}

impl Hold {
    const ALL: [Hold; 6] = [
        Hold::VoidRequested,
        Hold::PlanCancelled,
        Hold::PlanPaused,
        Hold::StoreDisabled,
        Hold::PaymentClosed,
        Hold::ClosedByOperator,
    ];

    /// The reason read back from its stable name.
    pub(crate) fn from_code(code: &str) -> Option<Hold> {
        Hold::ALL.into_iter().find(|h| h.code() == code)
    }

    /// Stable name, kept on the attempt and in the audit log.
    pub(crate) fn code(self) -> &'static str {
        match self {
            Hold::VoidRequested => "void_requested",
            Hold::PlanCancelled => "plan_cancelled",
            Hold::PlanPaused => "plan_paused",
            Hold::StoreDisabled => "store_disabled",
            Hold::PaymentClosed => "payment_closed",
            Hold::ClosedByOperator => "closed_by_operator",
        }
    }

    /// The reason as an operator reads it in the timeline.
    pub(crate) fn text(self) -> Text {
        let (tr, en) = match self {
            Hold::VoidRequested => (
                "iptal istendi; bankaya ulaşmadığı için gönderilmedi",
                "a void was asked for; not sent, since it never reached the bank",
            ),
            Hold::PlanCancelled => (
                "plan iptal edildi; bankaya ulaşmadığı için gönderilmedi",
                "the plan was cancelled; not sent, since it never reached the bank",
            ),
            Hold::PlanPaused => (
                "plan duraklatıldı; devam edince yeni bir denemeyle alınır",
                "the plan was paused; taken with a new attempt once it is resumed",
            ),
            Hold::StoreDisabled => (
                "mağaza kapatıldı; açılınca yeni bir denemeyle alınır",
                "the store was disabled; taken with a new attempt once it is enabled",
            ),
            Hold::PaymentClosed => (
                "ödeme artık tahsil edilmiyor",
                "the payment is no longer being collected",
            ),
            Hold::ClosedByOperator => (
                "banka kaydı olmadığını doğruladı; kullanıcı çekilmedi olarak kapattı",
                "the bank confirmed it has no record; closed as not charged by an operator",
            ),
        };
        Text::new(tr, en)
    }

    /// The payment's status once its attempt is withdrawn (`None`: left as it is).
    fn payment_status(self) -> Option<PaymentStatus> {
        match self {
            Hold::VoidRequested | Hold::PlanCancelled => Some(PaymentStatus::Cancelled),
            Hold::PlanPaused | Hold::StoreDisabled | Hold::ClosedByOperator => {
                Some(PaymentStatus::Scheduled)
            }
            Hold::PaymentClosed => None,
        }
    }
}

/// Why the payment of `a` may no longer be collected, if it may not.
pub(crate) fn hold_of(tx: &Transaction, a: &AttemptRow) -> Result<Option<Hold>> {
    let (payment, plan, store_enabled, void): (PaymentStatus, PlanStatus, bool, bool) = tx.prepare_cached("SELECT p.status, pl.status, s.enabled,
             EXISTS (SELECT 1 FROM reversals r WHERE r.attempt_id = ?2 AND r.kind = ?3 AND r.state = ?4)
         FROM payments p JOIN plans pl ON pl.id = p.plan_id JOIN stores s ON s.id = p.store_id
         WHERE p.id = ?1")?.query_row(
        params![a.payment_id, a.id, FollowUpKind::Void, FollowUpState::Requested],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
    )?;
    Ok(if void {
        Some(Hold::VoidRequested)
    } else if plan == PlanStatus::Cancelled {
        Some(Hold::PlanCancelled)
    } else if plan == PlanStatus::Paused {
        Some(Hold::PlanPaused)
    } else if !store_enabled {
        Some(Hold::StoreDisabled)
    } else if !matches!(
        payment,
        PaymentStatus::Processing | PaymentStatus::Attention
    ) {
        Some(Hold::PaymentClosed)
    } else {
        None
    })
}

/// Inside `tx`: withdraws `a` (which must not have reached the bank) and moves its payment on,
/// audited. False when the attempt had moved on meanwhile.
pub(crate) fn withdraw_in(
    tx: &Transaction,
    scribe: &Scribe,
    a: &AttemptRow,
    hold: Hold,
) -> Result<bool> {
    if !transition(tx, a.id, a.state, AttemptState::Withdrawn)? {
        return Ok(false);
    }
    tracing::info!(attempt_id = a.id, reason = hold.code(), "withdrawn");
    let now = scribe.now();
    tx.prepare_cached("UPDATE attempts SET review_reason = ?1, finished_at = ?2 WHERE id = ?3")?
        .execute(params![hold.code(), now, a.id])?;
    if let Some(status) = hold.payment_status() {
        // Scheduled again: taken on its date, or at once when that has passed.
        let next_try_on = if status == PaymentStatus::Scheduled {
            "COALESCE(next_try_on, due_date)"
        } else {
            "NULL"
        };
        payment_status::transition(
            tx,
            "id = :id",
            &[PaymentStatus::Processing, PaymentStatus::Attention],
            status,
            &format!("attention = NULL, updated_at = :now, next_try_on = {next_try_on}"),
            named_params! {":id": a.payment_id, ":now": now},
        )?;
    }
    if hold == Hold::VoidRequested {
        follow_up::transition(
            tx,
            "attempt_id = :attempt AND kind = :void",
            &[FollowUpState::Requested],
            FollowUpState::Closed,
            "message = 'nothing to void: it never reached the bank', finished_at = :now",
            named_params! {":attempt": a.id, ":void": FollowUpKind::Void, ":now": now},
        )?;
    }
    let record = scribe
        .actor
        .record(
            AuditAction::ProvisionWithdraw,
            format!("payment:{}", a.payment_id),
            AuditResult::Ok,
        )
        .with_detail(serde_json::json!({ "attempt": a.id, "order_id": a.order_id,
            "from": a.state.as_str(), "reason": hold.code() }));
    scribe.append(tx, &record)?;
    Ok(true)
}

/// Which attempts an operator's change concerns.
#[derive(Debug, Clone, Copy)]
pub(crate) enum WithdrawScope {
    Plan(i64),
    Store(i64),
    Attempt(i64),
}

/// Inside an operator's change (cancel, pause, disable, void): withdraws every attempt in
/// `scope` that never reached the bank (`planned`, `not_sent`, `not_found`). Returns how many.
pub(crate) fn withdraw_unsent(
    tx: &Transaction,
    scribe: &Scribe,
    scope: WithdrawScope,
    hold: Hold,
) -> Result<usize> {
    let (filter, id) = match scope {
        WithdrawScope::Plan(id) => ("p.plan_id = ?1", id),
        WithdrawScope::Store(id) => ("p.store_id = ?1", id),
        WithdrawScope::Attempt(id) => ("a.id = ?1", id),
    };
    let unsent: Vec<AttemptState> = AttemptState::ALL
        .into_iter()
        .filter(|s| s.may_send())
        .collect();
    let ids: Vec<i64> = {
        let mut stmt = tx.prepare(&format!(
            "SELECT a.id FROM attempts a JOIN payments p ON p.id = a.payment_id
             WHERE {filter} AND a.state IN ({})",
            sql_list(&unsent)
        ))?;
        let rows = stmt.query_map([id], |r| r.get(0))?;
        rows.collect::<std::result::Result<_, _>>()?
    };
    let mut withdrawn = 0;
    for attempt_id in ids {
        let a = load_attempt(tx, attempt_id)?;
        if withdraw_in(tx, scribe, &a, hold)? {
            withdrawn += 1;
        }
    }
    Ok(withdrawn)
}

/// An attempt in manual review that the bank has confirmed it never received is withdrawn when
/// its payment may no longer be collected (a void asked for, the plan cancelled, ...);
/// otherwise it waits for an operator. True when it was withdrawn.
pub(crate) fn withdraw_confirmed_review(
    vault: &Vault,
    actor: &EngineActor,
    attempt_id: i64,
) -> Result<bool> {
    let scribe = Scribe::of(vault, actor);
    vault.db().write(|tx| {
        let a = load_attempt(tx, attempt_id)?;
        if a.state != AttemptState::ManualReview {
            return Ok(false);
        }
        let Some(hold) = hold_of(tx, &a)? else {
            return Ok(false);
        };
        if !transition(tx, a.id, a.state, AttemptState::NotFound)? {
            return Ok(false);
        }
        let a = load_attempt(tx, attempt_id)?;
        withdraw_in(tx, &scribe, &a, hold)
    })
}

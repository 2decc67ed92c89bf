//! Sending a follow-up written ahead, recording the answer with its effect on the attempt and
//! the payment, and settling an unknown one by inquiry.

use rusqlite::{named_params, params};
use tahsildar_akbank::{
    Client, InquiryOutcome, Money, OrderRef, OrderTarget, Outcome, PostAuthRequest, TxnReply,
    order_state,
};

use super::{
    FollowUp, FollowUpKind, FollowUpState, ReversalOutcome, Settled, decide, decide_captured_void,
    load, may_still_land, outcome, transition as follow_up_transition,
};
use crate::audit::{AuditAction, AuditResult};
use crate::engine::actor::EngineActor;
use crate::engine::attempt_state::AttemptState;
use crate::engine::config::EngineConfig;
use crate::engine::failpoint;
use crate::engine::record::transition as attempt_transition;
use crate::engine::verdict::decline_kind;
use crate::error::Result;
use crate::payments::PaymentStatus;
use crate::payments::status as payment_status;
use crate::plan::ProvisionKind;
use crate::vault::Vault;

/// Sent, or possibly sent: what an answer, an inquiry or the day's report settles.
const OPEN: &[FollowUpState] = &[FollowUpState::InFlight, FollowUpState::Unknown];

fn audit_action(kind: FollowUpKind) -> AuditAction {
    match kind {
        FollowUpKind::Void => AuditAction::Void,
        FollowUpKind::Refund => AuditAction::Refund,
        FollowUpKind::Capture => AuditAction::ProvisionOutcome,
    }
}

/// The codes of a direct answer.
#[derive(Default)]
struct Codes {
    vps_code: Option<String>,
    host_code: Option<String>,
    message: Option<String>,
    bank_order_id: Option<String>,
}

fn codes_of(reply: &TxnReply) -> Codes {
    Codes {
        vps_code: Some(reply.response_code.clone()),
        host_code: reply.host_response_code.clone(),
        message: reply
            .host_message
            .clone()
            .or_else(|| Some(reply.response_message.clone()).filter(|m| !m.is_empty())),
        bank_order_id: reply.order_id.clone(),
    }
}

/// Turns a requested void whose attempt is now approved into a void written ahead. True when
/// it may be sent now.
pub(crate) fn start_requested(vault: &Vault, id: i64) -> Result<bool> {
    let now = vault.clock().now().to_string();
    vault.db().write(|tx| {
        Ok(follow_up_transition(
            tx,
            "id = :id
             AND EXISTS (SELECT 1 FROM attempts a WHERE a.id = reversals.attempt_id AND a.state = :approved)",
            &[FollowUpState::Requested],
            FollowUpState::InFlight,
            "sent_at = :now",
            named_params! {":id": id, ":approved": AttemptState::Approved, ":now": now},
        )? == 1)
    })
}

/// Sends a follow-up written ahead as `in_flight`, once, and records the answer. When the
/// answer is lost it asks the bank once after the first inquiry wait; what it cannot settle
/// stays `unknown` for reconciliation.
pub(crate) async fn send(
    vault: &Vault,
    client: &Client,
    actor: &EngineActor,
    config: &EngineConfig,
    id: i64,
) -> Result<ReversalOutcome> {
    let claimed = vault.db().write(|tx| {
        Ok(tx.execute(
            "UPDATE reversals SET sends = 1 WHERE id = ?1 AND state = ?2 AND sends = 0",
            params![id, FollowUpState::InFlight],
        )? == 1)
    })?;
    if !claimed {
        return vault.db().read(|c| outcome(c, id));
    }
    let f = vault.db().read(|c| load(c, id))?;
    let target = OrderTarget::OrderId(f.order_id.clone());
    let answer = match f.kind {
        FollowUpKind::Void => client.void(target).await,
        // The amount is always sent, so the bank never refunds more than was asked for.
        FollowUpKind::Refund => {
            let amount = Money::new(f.amount_minor, f.currency);
            client.refund(target, Some(amount)).await
        }
        FollowUpKind::Capture => {
            let request = PostAuthRequest {
                order_id: f.order_id.clone(),
                amount: Money::new(f.amount_minor, f.currency),
                customer_ip: "127.0.0.1".into(),
            };
            client.post_auth(&request).await
        }
    };
    failpoint::hit(failpoint::AFTER_FOLLOW_UP_SEND);
    match &answer {
        Outcome::Approved(r) => {
            let settled = Settled::Approved {
                amount_minor: f.amount_minor,
            };
            record(vault, actor, &f, &settled, codes_of(r))?;
        }
        // An answer the catalogue does not know says nothing: the inquiry decides.
        Outcome::Declined(r) if decline_kind(r.info().class).is_none() => {
            return lost(
                vault,
                client,
                actor,
                config,
                id,
                &format!("unknown code {}", r.response_code),
            )
            .await;
        }
        Outcome::Rejected(e) if decline_kind(e.info().class).is_none() => {
            return lost(
                vault,
                client,
                actor,
                config,
                id,
                &format!("unknown refusal {e}"),
            )
            .await;
        }
        Outcome::Declined(r) => {
            let codes = codes_of(r);
            let why = codes.message.clone().unwrap_or_default();
            record(vault, actor, &f, &Settled::Declined(why), codes)?;
        }
        // Refused before anything was done: the operator may ask again.
        Outcome::Rejected(e) => {
            let codes = Codes {
                vps_code: Some(e.code.clone()).filter(|c| !c.is_empty()),
                ..Codes::default()
            };
            record(vault, actor, &f, &Settled::Declined(e.to_string()), codes)?;
        }
        Outcome::NotSent(reason) => {
            let why = format!("not sent: {reason}");
            record(vault, actor, &f, &Settled::Declined(why), Codes::default())?;
        }
        Outcome::Throttled { .. } => {
            let why = "the bank asked to slow down; try again".to_string();
            record(vault, actor, &f, &Settled::Declined(why), Codes::default())?;
        }
        Outcome::Unknown(reason) => {
            return lost(vault, client, actor, config, id, reason).await;
        }
    }
    vault.db().read(|c| outcome(c, id))
}

/// The answer was lost or could not be read: `unknown`, then one inquiry after the first wait.
async fn lost(
    vault: &Vault,
    client: &Client,
    actor: &EngineActor,
    config: &EngineConfig,
    id: i64,
    reason: &str,
) -> Result<ReversalOutcome> {
    mark_unknown(vault, id, reason)?;
    tokio::time::sleep(config.inquiry_wait(0)).await;
    settle(vault, client, actor, config, id).await
}

fn mark_unknown(vault: &Vault, id: i64, reason: &str) -> Result<()> {
    vault.db().write(|tx| {
        follow_up_transition(
            tx,
            "id = :id",
            OPEN,
            FollowUpState::Unknown,
            "message = :reason",
            named_params! {":id": id, ":reason": reason},
        )?;
        Ok(())
    })
}

/// Settles an `unknown` follow-up by an inquiry of the original order. Never sends it again.
pub(crate) async fn settle(
    vault: &Vault,
    client: &Client,
    actor: &EngineActor,
    config: &EngineConfig,
    id: i64,
) -> Result<ReversalOutcome> {
    let f = vault.db().read(|c| load(c, id))?;
    if f.state != FollowUpState::Unknown {
        return vault.db().read(|c| outcome(c, id));
    }
    let inquiry = client.inquiry(&OrderRef::OrderId(f.order_id.clone())).await;
    let state = order_state::interpret(&inquiry, &f.order_id);
    let decided = match &inquiry {
        InquiryOutcome::Found(inq) if f.kind == FollowUpKind::Void && f.of_captured_pre_auth => {
            decide_captured_void(&f, &inq.rows)
        }
        _ => decide(&f, &state),
    };
    match decided {
        Some(Settled::Declined(_)) if may_still_land(&f, vault.clock().now(), config) => {
            mark_unknown(vault, id, "not seen at the bank yet; it may still arrive")?;
        }
        Some(settled) => record(vault, actor, &f, &settled, Codes::default())?,
        None => mark_unknown(
            vault,
            id,
            &format!("the inquiry did not settle it: {state:?}"),
        )?,
    }
    vault.db().read(|c| outcome(c, id))
}

/// Settles a follow-up whose answer was lost from the day's history report: done when the report
/// lists it, not done when it had time to appear there and does not.
pub(crate) fn settle_from_report(
    vault: &Vault,
    actor: &EngineActor,
    id: i64,
    done: bool,
    bank_order_id: Option<String>,
) -> Result<()> {
    let f = vault.db().read(|c| load(c, id))?;
    if !OPEN.contains(&f.state) {
        return Ok(());
    }
    let settled = if done {
        Settled::Approved {
            amount_minor: f.amount_minor,
        }
    } else {
        Settled::Declined(format!(
            "{}: the bank's report of the day does not list it",
            f.kind.as_str()
        ))
    };
    let codes = Codes {
        bank_order_id,
        ..Codes::default()
    };
    record(vault, actor, &f, &settled, codes)
}

/// Records how a follow-up ended and, when approved, its effect on the attempt and payment,
/// with the audit entry, in one transaction. Only an open follow-up is changed.
fn record(
    vault: &Vault,
    actor: &EngineActor,
    f: &FollowUp,
    settled: &Settled,
    codes: Codes,
) -> Result<()> {
    let now = vault.clock().now().to_string();
    let (state, amount, message) = match settled {
        Settled::Approved { amount_minor } => (
            FollowUpState::Approved,
            *amount_minor,
            codes.message.clone(),
        ),
        Settled::Declined(why) => (FollowUpState::Declined, f.amount_minor, Some(why.clone())),
    };
    vault.db().write(|tx| {
        let changed = follow_up_transition(
            tx,
            "id = :id",
            OPEN,
            state,
            "amount_minor = :amount, vps_code = :vps_code, host_code = :host_code, message = :message,
                 order_id = COALESCE(:order_id, order_id), finished_at = :now",
            named_params! {
                ":id": f.id, ":amount": amount, ":vps_code": codes.vps_code, ":host_code": codes.host_code,
                ":message": message, ":order_id": codes.bank_order_id, ":now": now,
            },
        )?;
        if changed == 0 {
            return Ok(());
        }
        let mut moved_to = None;
        if state == FollowUpState::Approved {
            let (from, status): (&[PaymentStatus], PaymentStatus) = match f.kind {
                FollowUpKind::Void => {
                    // A suspicious booking voided from manual review: the bank had booked it.
                    attempt_transition(tx, f.attempt_id, AttemptState::ManualReview, AttemptState::Approved)?;
                    tx.execute(
                        "UPDATE attempts SET voided = 1, finished_at = COALESCE(finished_at, ?2) WHERE id = ?1 AND state = ?3",
                        params![f.attempt_id, now, AttemptState::Approved],
                    )?;
                    // Collected, pre-authorised, or a suspicious booking in manual review.
                    const VOIDABLE: &[PaymentStatus] =
                        &[PaymentStatus::Paid, PaymentStatus::Authorized, PaymentStatus::Attention];
                    (VOIDABLE, PaymentStatus::Voided)
                }
                FollowUpKind::Capture => {
                    tx.execute(
                        "UPDATE attempts SET captured_minor = ?1 WHERE id = ?2",
                        params![amount, f.attempt_id],
                    )?;
                    (&[PaymentStatus::Authorized], PaymentStatus::Paid)
                }
                FollowUpKind::Refund => {
                    let (refunded, captured): (i64, i64) = tx.query_row(
                        "UPDATE attempts SET refunded_minor = refunded_minor + ?1 WHERE id = ?2
                         RETURNING refunded_minor,
                             CASE kind WHEN ?3 THEN COALESCE(captured_minor, 0) ELSE amount_minor END",
                        params![amount, f.attempt_id, ProvisionKind::PreAuth],
                        |r| Ok((r.get(0)?, r.get(1)?)),
                    )?;
                    let status = if refunded >= captured {
                        PaymentStatus::Refunded
                    } else {
                        PaymentStatus::PartiallyRefunded
                    };
                    (&[PaymentStatus::Paid, PaymentStatus::PartiallyRefunded], status)
                }
            };
            payment_status::transition(
                tx,
                "id = :id",
                from,
                status,
                "updated_at = :now",
                named_params! {":id": f.payment_id, ":now": now},
            )?;
            moved_to = Some(status);
            // The day whose report listed the attempt is read again: it shows this now.
            let listed: Option<(i64, String)> = rusqlite::OptionalExtension::optional(tx.query_row(
                "SELECT p.store_id, a.bank_day FROM attempts a JOIN payments p ON p.id = a.payment_id
                 WHERE a.id = ?1 AND a.bank_day IS NOT NULL",
                [f.attempt_id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            ))?;
            if let Some((store_id, day)) = listed {
                crate::settlement::reopen_day(tx, store_id, &day)?;
            }
        }
        let result = if state == FollowUpState::Approved { AuditResult::Ok } else { AuditResult::Failed };
        let record = actor
            .record(audit_action(f.kind), format!("payment:{}", f.payment_id), result)
            .with_detail(serde_json::json!({ "attempt": f.attempt_id, "reversal": f.id,
                "kind": f.kind.as_str(), "amount_minor": amount, "state": state,
                "vps_code": codes.vps_code, "host_code": codes.host_code, "payment": moved_to }));
        crate::audit::append(tx, vault.keys(), vault.clock().now(), &record)?;
        tracing::info!(reversal_id = f.id, attempt_id = f.attempt_id, kind = f.kind.as_str(), state = state.as_str(), "follow-up settled");
        Ok(())
    })
}

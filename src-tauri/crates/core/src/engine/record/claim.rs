//! Claiming a due payment: its attempt is written ahead with a new order id, in one
//! transaction committed before any request is built.

use jiff::civil::Date;
use rusqlite::{named_params, params};

use super::{Scribe, set_attention};
use crate::audit::{AuditAction, AuditResult};
use crate::customer::card;
use crate::engine::actor::EngineActor;
use crate::engine::attempt_state::AttemptState;
use crate::engine::order_id::new_order_id;
use crate::error::Result;
use crate::payments::PaymentStatus;
use crate::payments::status as payment_status;
use crate::plan::ProvisionKind;
use crate::plan::terms::PlanStatus;
use crate::vault::Vault;

/// Claims a due payment and writes its attempt ahead as `in_flight` with a new order id.
/// `None` when the payment is not (or no longer) due, its plan is not active, its store is
/// disabled, or it has no card (then it goes to the attention queue).
pub(crate) fn claim(
    vault: &Vault,
    actor: &EngineActor,
    payment_id: i64,
    today: Date,
) -> Result<Option<i64>> {
    let scribe = Scribe::of(vault, actor);
    let now = scribe.now();
    vault.db().write(|tx| {
        let claimed = payment_status::transition(
            tx,
            "id = :id AND next_try_on <= :today
               AND EXISTS (SELECT 1 FROM plans pl WHERE pl.id = payments.plan_id AND pl.status = :active)
               AND EXISTS (SELECT 1 FROM stores s WHERE s.id = payments.store_id AND s.enabled = 1)",
            &[PaymentStatus::Scheduled, PaymentStatus::RetryWait],
            PaymentStatus::Processing,
            "updated_at = :now",
            named_params! {
                ":id": payment_id, ":today": today.to_string(), ":active": PlanStatus::Active, ":now": now,
            },
        )?;
        if claimed != 1 {
            return Ok(None);
        }
        let (customer_id, card_id, amount, currency, installments, pre_auth): (i64, Option<i64>, i64, u16, i64, bool) = tx.prepare_cached("SELECT pl.customer_id, p.card_id, p.amount_minor, p.currency, pl.installments, pl.pre_auth
             FROM payments p JOIN plans pl ON pl.id = p.plan_id WHERE p.id = ?1")?.query_row(
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
        let tag = crate::settlement::order_tag(tx)?;
        let attempt_no: u32 = tx.prepare_cached("SELECT count(*) + 1 FROM attempts WHERE payment_id = ?1")?.query_row(
            [payment_id],
            |r| r.get(0),
        )?;
        let order_id = new_order_id(&tag, today, payment_id, attempt_no);
        tx.prepare_cached("INSERT INTO attempts (payment_id, order_id, card_id, amount_minor, currency, installments, state, sends,
                 created_at, sent_at, kind)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?9, 1, ?7, ?7, ?8)")?.execute(
            params![payment_id, order_id, card_id, amount, currency, installments, now, kind, AttemptState::InFlight],
        )?;
        let attempt_id = tx.last_insert_rowid();
        tx.prepare_cached("UPDATE payments SET card_id = ?1 WHERE id = ?2")?.execute( params![card_id, payment_id])?;
        let masked: String = tx.prepare_cached("SELECT masked_pan FROM cards WHERE id = ?1")?.query_row( [card_id], |r| r.get(0))?;
        let record = actor
            .record(AuditAction::ProvisionSubmit, format!("payment:{payment_id}"), AuditResult::Ok)
            .with_detail(serde_json::json!({
                "attempt": attempt_id, "order_id": order_id, "amount_minor": amount,
                "currency": currency, "installments": installments, "masked_pan": masked,
                "kind": kind.as_str(),
            }));
        scribe.append(tx, &record)?;
        tracing::info!(payment_id, attempt_id, order_id, kind = kind.as_str(), "attempt written ahead");
        Ok(Some(attempt_id))
    })
}

//! Archiving a customer: it stays with its whole history (cards, plans, payments, receipts),
//! and is never charged again. In one transaction its running plans are cancelled (their
//! waiting payments cancelled, attempts that never reached the bank withdrawn) and the
//! payments that wait for an operator are closed. A customer with something the bank may still
//! hold (a payment being sent, an open pre-authorisation, an attempt without the bank's final
//! word) is refused until that is settled. While archived, no plan or card can be added
//! ([`require_active`]). Taking it out of the archive changes nothing else: its cancelled plans
//! stay cancelled.
//!
//! ```text
//! active <-> archived
//! ```

use rusqlite::{Connection, OptionalExtension, Transaction, named_params};
use serde::Serialize;

use crate::audit::{AuditAction, AuditResult};
use crate::auth::{Permission, Session};
use crate::engine::EngineActor;
use crate::engine::attempt_state::AttemptState;
use crate::engine::record::Scribe;
use crate::error::{Error, Result};
use crate::i18n::Text;
use crate::payments::PaymentStatus;
use crate::payments::status as payment_status;
use crate::plan::PlanStatus;
use crate::plan::change::PlanChange;
use crate::plan::manage::change_in;
use crate::stored::{StateMachine, sql_list, stored_enum, transition};

stored_enum! {
    /// Whether a customer is still collected from.
    pub enum CustomerStatus {
        /// Plans and cards may be added; its plans are collected.
        Active = "active",
        /// Kept for its history; never charged again.
        Archived = "archived",
    }
}

impl CustomerStatus {
    /// The status as an operator reads it.
    pub fn text(self) -> Text {
        match self {
            CustomerStatus::Active => Text::new("etkin", "active"),
            CustomerStatus::Archived => Text::new("arşivde", "archived"),
        }
    }
}

impl StateMachine for CustomerStatus {
    const TABLE: &'static str = "customers";
    const COLUMN: &'static str = "status";
    const NOUN: &'static str = "customer";
    fn allows(self, next: Self) -> bool {
        self != next
    }
}

/// What archiving a customer did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ArchiveOutcome {
    /// Running (active or paused) plans cancelled.
    pub plans_cancelled: u32,
    /// Payments that will not be collected: waiting ones of those plans, and the ones that
    /// waited for an operator.
    pub payments_cancelled: u32,
}

/// The customer's store and status.
fn status_of(conn: &Connection, id: i64) -> Result<(i64, CustomerStatus)> {
    conn.prepare_cached("SELECT store_id, status FROM customers WHERE id = ?1")?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?
        .ok_or_else(|| Error::not_found("customer", id))
}

/// Refuses to add a plan or a card to an archived customer. Returns the customer's key in
/// Turkish order, which each of its payments carries.
pub(crate) fn require_active(conn: &Connection, customer_id: i64) -> Result<String> {
    let (status, sort_key) = conn
        .prepare_cached("SELECT status, sort_key FROM customers WHERE id = ?1")?
        .query_row([customer_id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?
        .ok_or_else(|| Error::not_found("customer", customer_id))?;
    match status {
        CustomerStatus::Active => Ok(sort_key),
        CustomerStatus::Archived => Err(archived(customer_id)),
    }
}

fn archived(id: i64) -> Error {
    Error::wrong_state(
        "customer",
        id,
        Text::new(
            "müşteri arşivde; önce arşivden çıkarın",
            "the customer is archived: take it out of the archive first",
        ),
    )
}

/// Whether the bank may still hold something of the customer's: a payment being sent or
/// pre-authorised, or an attempt without a final answer that may have reached the bank.
fn bank_may_hold(tx: &Transaction, id: i64) -> Result<bool> {
    let unsettled: Vec<AttemptState> = AttemptState::ALL
        .into_iter()
        .filter(|s| !s.is_final() && (s.needs_inquiry() || *s == AttemptState::NotFound))
        .collect();
    Ok(tx.query_row(
        &format!(
            "SELECT EXISTS (SELECT 1 FROM plans pl JOIN payments p ON p.plan_id = pl.id
                 WHERE pl.customer_id = ?1 AND (p.status IN ({busy})
                     OR EXISTS (SELECT 1 FROM attempts a WHERE a.payment_id = p.id
                                AND a.state IN ({unsettled}))))",
            busy = sql_list(&[PaymentStatus::Processing, PaymentStatus::Authorized]),
            unsettled = sql_list(&unsettled),
        ),
        [id],
        |r| r.get(0),
    )?)
}

/// Archives the customer under `create_collections` on its store, audited with what it
/// cancelled.
pub fn archive(session: &Session, id: i64) -> Result<ArchiveOutcome> {
    let vault = session.vault();
    let (store_id, _) = vault.db().read(|c| status_of(c, id))?;
    session.require(Permission::CreateCollections, Some(store_id))?;
    let actor = EngineActor::of_session(session);
    let today = crate::plan::today(vault.clock().as_ref());
    vault.write_audited(|tx, keys| {
        if status_of(tx, id)?.1 == CustomerStatus::Archived {
            return Err(Error::wrong_state(
                "customer",
                id,
                Text::new("zaten arşivde", "it is already archived"),
            ));
        }
        if bank_may_hold(tx, id)? {
            return Err(Error::wrong_state(
                "customer",
                id,
                Text::new(
                    "bankadan yanıt beklenen ya da provizyonu açık bir ödemesi var; önce sonuçlanmasını bekleyin",
                    "a payment of it awaits the bank's answer or holds a pre-authorisation: let it finish first",
                ),
            ));
        }
        let scribe = Scribe {
            keys,
            at: vault.clock().now(),
            actor: &actor,
        };
        let running: Vec<i64> = tx
            .prepare(&format!(
                "SELECT id FROM plans WHERE customer_id = ?1 AND status IN ({}) ORDER BY id",
                sql_list(&[PlanStatus::Active, PlanStatus::Paused])
            ))?
            .query_map([id], |r| r.get(0))?
            .collect::<std::result::Result<_, _>>()?;
        let mut outcome = ArchiveOutcome {
            plans_cancelled: running.len() as u32,
            payments_cancelled: 0,
        };
        for plan in &running {
            let set = change_in(tx, &scribe, *plan, PlanChange::Cancel, today)?;
            outcome.payments_cancelled += set.payments.len() as u32;
        }
        let now = scribe.now();
        outcome.payments_cancelled += payment_status::transition(
            tx,
            "plan_id IN (SELECT id FROM plans WHERE customer_id = :customer)",
            &[PaymentStatus::Attention],
            PaymentStatus::Cancelled,
            "attention = 'the customer was archived', updated_at = :now",
            named_params! {":customer": id, ":now": now},
        )? as u32;
        transition(
            tx,
            "id = :id",
            &[CustomerStatus::Active],
            CustomerStatus::Archived,
            "archived_at = :now, updated_at = :now",
            named_params! {":id": id, ":now": now},
        )?;
        let record = session
            .record(
                AuditAction::CustomerArchive,
                format!("customer:{id}"),
                AuditResult::Ok,
            )
            .with_detail(serde_json::json!({
                "store": store_id,
                "plans_cancelled": outcome.plans_cancelled,
                "payments_cancelled": outcome.payments_cancelled,
            }));
        Ok((outcome, record))
    })
}

/// Takes the customer out of the archive under `create_collections` on its store: plans and
/// cards may be added again; nothing else changes.
pub fn unarchive(session: &Session, id: i64) -> Result<()> {
    let vault = session.vault();
    let (store_id, _) = vault.db().read(|c| status_of(c, id))?;
    session.require(Permission::CreateCollections, Some(store_id))?;
    let now = vault.clock().now().to_string();
    vault.write_audited(|tx, _| {
        let changed = transition(
            tx,
            "id = :id",
            &[CustomerStatus::Archived],
            CustomerStatus::Active,
            "archived_at = NULL, updated_at = :now",
            named_params! {":id": id, ":now": now},
        )?;
        if changed == 0 {
            return Err(Error::wrong_state(
                "customer",
                id,
                Text::new("arşivde değil", "it is not archived"),
            ));
        }
        let record = session
            .record(
                AuditAction::CustomerUnarchive,
                format!("customer:{id}"),
                AuditResult::Ok,
            )
            .with_detail(serde_json::json!({ "store": store_id }));
        Ok(((), record))
    })
}

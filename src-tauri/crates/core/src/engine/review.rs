//! Manual review: an operator's way out for an attempt whose fate the engine could not settle
//! (inquiries without an answer, too many lost replies, a suspicious booking). The operator can
//! ask the bank now; take its answer when it has one; once the bank has said twice, after the
//! grace period, that it has no such order, either send the order id again or close the
//! attempt as not charged and let the payment go on with a new attempt; and void a booking the
//! bank shows as suspicious (`engine::reversal::void`). Every decision is audited.

use rusqlite::{OptionalExtension, params};
use serde::Serialize;

use super::EngineActor;
use super::attempt_state::AttemptState;
use super::follow_up::request::store_of;
use super::record::{self, Hold, Resend, Scribe, transition, withdraw_in};
use super::runner::{Asking, Engine};
use crate::audit::{AuditAction, AuditResult};
use crate::auth::{Permission, Session};
use crate::error::{Error, Result};
use crate::i18n::Text;

/// Where an attempt in review stands, and what the operator may do with it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ReviewState {
    pub attempt_id: i64,
    pub order_id: String,
    pub state: AttemptState,
    /// Why it is in review (or the engine's last note on it).
    pub reason: Option<String>,
    /// The bank has said twice, after the grace period, that it has no such order.
    pub not_found_confirmed: bool,
    /// When the bank's first "no such order" came (a second one is needed).
    pub not_found_at: Option<String>,
    /// When the engine asks the bank again by itself.
    pub next_check_at: Option<String>,
    /// The bank shows the booking as suspicious: it may be voided.
    pub suspicious: bool,
    pub lost_replies: u32,
    /// Send the same order id again (needs the confirmation).
    pub can_send_again: bool,
    /// Close it as not charged (needs the confirmation).
    pub can_close: bool,
}

fn state_of(conn: &rusqlite::Connection, attempt_id: i64) -> Result<ReviewState> {
    conn.query_row(
        "SELECT id, order_id, state, review_reason, not_found_confirmed_at IS NOT NULL, not_found_at,
                next_check_at, suspicious, lost_replies
         FROM attempts WHERE id = ?1",
        [attempt_id],
        |r| {
            let state: AttemptState = r.get(2)?;
            let confirmed: bool = r.get(4)?;
            let open = matches!(state, AttemptState::ManualReview | AttemptState::NotFound);
            Ok(ReviewState {
                attempt_id: r.get(0)?,
                order_id: r.get(1)?,
                state,
                reason: r.get(3)?,
                not_found_confirmed: confirmed,
                not_found_at: r.get(5)?,
                next_check_at: r.get(6)?,
                suspicious: r.get(7)?,
                lost_replies: r.get(8)?,
                can_send_again: open && confirmed,
                can_close: open && confirmed,
            })
        },
    )
    .optional()?
    .ok_or_else(|| Error::not_found("attempt", attempt_id))
}

/// Where an attempt stands for review. Needs `view_reports` on its store.
pub fn review_state(session: &Session, attempt_id: i64) -> Result<ReviewState> {
    let store = store_of(session, attempt_id)?;
    session.require(Permission::ViewReports, Some(store))?;
    session.vault().db().read(|c| state_of(c, attempt_id))
}

fn unconfirmed(attempt_id: i64) -> Error {
    Error::wrong_state(
        "attempt",
        attempt_id,
        Text::new(
            "banka bu siparişin kaydı olmadığını bekleme süresinden sonra iki kez doğrulamadı; önce bankaya sorun",
            "the bank has not confirmed twice, after the waiting time, that it has no such order: ask the bank first",
        ),
    )
}

impl Engine {
    /// Asks the bank now what became of an attempt in manual review (or still unknown), and
    /// takes its answer when it has one. Needs `submit_provisions` on the store.
    pub async fn ask_bank(&self, session: &Session, attempt_id: i64) -> Result<ReviewState> {
        let store = store_of(session, attempt_id)?;
        session.require(Permission::SubmitProvisions, Some(store))?;
        let vault = self.vault().clone();
        let attempt = vault.db().read(|c| record::load_attempt(c, attempt_id))?;
        if !attempt.state.needs_inquiry() {
            return vault.db().read(|c| state_of(c, attempt_id));
        }
        let lane = self.lane(store)?;
        let mut retries = 0;
        self.inquire(&lane, &attempt, &mut retries, Asking::Once)
            .await?;
        self.audit_decision(session, attempt_id, "ask_bank")?;
        vault.db().read(|c| state_of(c, attempt_id))
    }

    /// Sends the same order id again, once the bank has confirmed it has no such order. Needs
    /// `submit_provisions` on the store.
    pub async fn send_again(&self, session: &Session, attempt_id: i64) -> Result<ReviewState> {
        let store = store_of(session, attempt_id)?;
        session.require(Permission::SubmitProvisions, Some(store))?;
        let vault = self.vault().clone();
        self.reopen_confirmed(session, attempt_id, "send_again")?;
        let lane = self.lane(store)?;
        match record::begin_resend(&vault, self.actor(), attempt_id, self.config(), true)? {
            Resend::Go => {
                let attempt = vault.db().read(|c| record::load_attempt(c, attempt_id))?;
                let mut retries = 0;
                if self.send(&lane, &attempt, &mut retries).await?.is_none() {
                    self.drive(&lane, attempt_id).await?;
                }
            }
            Resend::Withdrawn | Resend::Review | Resend::Moved => {}
        }
        vault.db().read(|c| state_of(c, attempt_id))
    }

    /// Closes an attempt as not charged, once the bank has confirmed it has no such order; the
    /// payment goes on with a new attempt at the next run. Needs `submit_provisions`.
    pub fn close_not_charged(&self, session: &Session, attempt_id: i64) -> Result<ReviewState> {
        let store = store_of(session, attempt_id)?;
        session.require(Permission::SubmitProvisions, Some(store))?;
        let vault = self.vault().clone();
        self.reopen_confirmed(session, attempt_id, "close_not_charged")?;
        let actor = EngineActor::of_session(session);
        vault.db().write(|tx| {
            let a = record::load_attempt(tx, attempt_id)?;
            let scribe = Scribe::of(&vault, &actor);
            withdraw_in(tx, &scribe, &a, Hold::ClosedByOperator)?;
            Ok(())
        })?;
        vault.db().read(|c| state_of(c, attempt_id))
    }

    /// A manual review whose not-found the bank confirmed becomes `not_found` again, so that it
    /// may be sent or withdrawn; audited as the operator's decision.
    fn reopen_confirmed(&self, session: &Session, attempt_id: i64, decision: &str) -> Result<()> {
        let vault = self.vault();
        let current = vault.db().read(|c| state_of(c, attempt_id))?;
        if !current.not_found_confirmed {
            return Err(unconfirmed(attempt_id));
        }
        vault.db().write(|tx| {
            let a = record::load_attempt(tx, attempt_id)?;
            match a.state {
                AttemptState::NotFound => {}
                AttemptState::ManualReview => {
                    if !transition(tx, a.id, a.state, AttemptState::NotFound)? {
                        return Err(unconfirmed(attempt_id));
                    }
                }
                AttemptState::Planned
                | AttemptState::InFlight
                | AttemptState::Approved
                | AttemptState::Declined
                | AttemptState::NotSent
                | AttemptState::Unknown
                | AttemptState::Withdrawn => return Err(unconfirmed(attempt_id)),
            }
            tx.execute(
                "UPDATE attempts SET review_reason = ?1 WHERE id = ?2",
                params![format!("operator's decision: {decision}"), a.id],
            )?;
            Ok(())
        })?;
        self.audit_decision(session, attempt_id, decision)
    }

    fn audit_decision(&self, session: &Session, attempt_id: i64, decision: &str) -> Result<()> {
        let vault = self.vault();
        let (payment, order): (i64, String) = vault.db().read(|c| {
            Ok(c.query_row(
                "SELECT payment_id, order_id FROM attempts WHERE id = ?1",
                [attempt_id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?)
        })?;
        vault.write_audited(|_, _| {
            let record = session
                .record(
                    AuditAction::ProvisionReview,
                    format!("payment:{payment}"),
                    AuditResult::Ok,
                )
                .with_detail(
                    serde_json::json!({ "attempt": attempt_id, "order_id": order,
                    "decision": decision }),
                );
            Ok(((), record))
        })
    }
}

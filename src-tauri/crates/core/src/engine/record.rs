//! The engine's writes: claiming a payment with its attempt written ahead, and recording every
//! change of an attempt together with its payment and audit entry, each in one transaction.
//! Every change of an attempt's state is a guarded `UPDATE ... WHERE state = <from>`
//! ([`transition`]), so a change computed from a stale read changes nothing.

use jiff::Timestamp;
use rusqlite::{OptionalExtension, Transaction, named_params, params};
use tahsildar_akbank::Currency;

mod claim;
mod finish;
mod transition;
mod withdraw;

pub(crate) use claim::claim;
pub(crate) use finish::{Final, finish};
pub(crate) use transition::{
    NotFoundStep, Resend, begin_resend, inquiry_undetermined, lost_reply, manual_review, not_found,
    not_sent, transition,
};
pub(crate) use withdraw::{
    Hold, WithdrawScope, withdraw_confirmed_review, withdraw_in, withdraw_unsent,
};

use super::actor::EngineActor;
use super::attempt_state::AttemptState;
use super::follow_up::{self, FollowUpState};
use crate::audit::AuditRecord;
use crate::error::{Error, Result};
use crate::payments::PaymentStatus;
use crate::payments::status as payment_status;
use crate::plan::{PlanStatus, ProvisionKind};
use crate::stored::sql_list;
use crate::vault::Vault;
use crate::vault::keys::Keys;

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
    /// Sends whose answer never came.
    pub lost_replies: u32,
    /// When it was last sent.
    pub sent_at: Option<Timestamp>,
    /// When an inquiry first said the bank has no such order, since the last send.
    pub not_found_at: Option<Timestamp>,
}

fn timestamp(text: Option<String>) -> Option<Timestamp> {
    text.and_then(|t| t.parse().ok())
}

pub(crate) fn load_attempt(conn: &rusqlite::Connection, id: i64) -> Result<AttemptRow> {
    conn.prepare_cached("SELECT a.id, a.payment_id, a.order_id, a.card_id, a.amount_minor, a.currency, a.installments,
                a.state, a.inquiries, a.kind, a.lost_replies, a.sent_at, a.not_found_at
         FROM attempts a WHERE a.id = ?1")?.query_row(
        [id],
        |r| {
            let currency: u16 = r.get(5)?;
            Ok(AttemptRow {
                id: r.get(0)?,
                payment_id: r.get(1)?,
                order_id: r.get(2)?,
                card_id: r.get(3)?,
                amount_minor: r.get(4)?,
                currency: Currency::from_code(currency).unwrap_or(Currency::Try),
                installments: r.get(6)?,
                state: r.get(7)?,
                inquiries: r.get(8)?,
                kind: r.get(9)?,
                lost_replies: r.get(10)?,
                sent_at: timestamp(r.get(11)?),
                not_found_at: timestamp(r.get(12)?),
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
            &format!(
                "SELECT id FROM attempts WHERE payment_id = ?1 AND state NOT IN ({})",
                sql_list(&AttemptState::FINAL)
            ),
            [payment_id],
            |r| r.get(0),
        )
        .optional()?)
}

/// Payments a run takes: due ones, and those with an attempt still open (not manual review).
pub(crate) fn work_list(
    conn: &rusqlite::Connection,
    store: Option<i64>,
    today: jiff::civil::Date,
) -> Result<Vec<(i64, i64)>> {
    // Manual reviews wait for an operator, or for the scheduler's inquiries between runs.
    let open = AttemptState::ALL
        .into_iter()
        .filter(|s| !s.is_final() && *s != AttemptState::ManualReview)
        .collect::<Vec<_>>();
    let mut stmt = conn.prepare(&format!(
        "SELECT p.id, p.store_id FROM payments p JOIN plans pl ON pl.id = p.plan_id JOIN stores s ON s.id = p.store_id
         WHERE (?1 IS NULL OR p.store_id = ?1) AND s.enabled = 1 AND (
             (p.status IN ({due}) AND p.next_try_on <= ?2 AND pl.status = {active})
             OR EXISTS (SELECT 1 FROM attempts a WHERE a.payment_id = p.id AND a.state IN ({open})))
         ORDER BY p.due_date, p.id",
        due = sql_list(&[PaymentStatus::Scheduled, PaymentStatus::RetryWait]),
        active = sql_list(&[PlanStatus::Active]),
        open = sql_list(&open),
    ))?;
    let rows = stmt.query_map(params![store, today.to_string()], |r| {
        Ok((r.get(0)?, r.get(1)?))
    })?;
    Ok(rows.collect::<std::result::Result<Vec<_>, _>>()?)
}

/// Payments with an attempt whose outcome is not settled, manual reviews included; with
/// `due_by`, only those with a check planned by then (what the scheduler looks at between
/// runs: lost replies, and not-found answers waiting for their second inquiry).
pub(crate) fn open_work_list(
    conn: &rusqlite::Connection,
    store: Option<i64>,
    due_by: Option<Timestamp>,
) -> Result<Vec<(i64, i64)>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT DISTINCT p.id, p.store_id FROM payments p JOIN attempts a ON a.payment_id = p.id
         WHERE (?1 IS NULL OR p.store_id = ?1)
           AND a.state NOT IN ({})
           AND (?2 IS NULL OR a.next_check_at <= ?2)
         ORDER BY p.id",
        sql_list(&AttemptState::FINAL)
    ))?;
    let rows = stmt.query_map(params![store, due_by.map(|t| t.to_string())], |r| {
        Ok((r.get(0)?, r.get(1)?))
    })?;
    Ok(rows.collect::<std::result::Result<Vec<_>, _>>()?)
}

/// On start, with the engine lock held: every attempt left `in_flight` by a process that ended
/// mid-send becomes `unknown`, to be resolved by inquiry. Returns how many.
pub(crate) fn in_flight_to_unknown(vault: &Vault) -> Result<usize> {
    let now = vault.clock().now().to_string();
    vault.db().write(|tx| {
        let in_flight: Vec<i64> = {
            let mut stmt = tx.prepare("SELECT id FROM attempts WHERE state = ?1")?;
            let ids = stmt.query_map([AttemptState::InFlight], |r| r.get(0))?;
            ids.collect::<std::result::Result<_, _>>()?
        };
        let mut attempts = 0;
        for id in in_flight {
            if transition(tx, id, AttemptState::InFlight, AttemptState::Unknown)? {
                tx.prepare_cached("UPDATE attempts SET review_reason = 'the engine stopped while it was being sent',
                         lost_replies = lost_replies + 1, next_check_at = ?1
                     WHERE id = ?2")?.execute(
                    params![now, id],
                )?;
                attempts += 1;
            }
        }
        // Voids, refunds and captures left on the wire the same way: an inquiry settles them.
        let follow_ups = follow_up::transition(
            tx,
            "TRUE",
            &[FollowUpState::InFlight],
            FollowUpState::Unknown,
            "message = 'stopped while it was being sent'",
            &[],
        )?;
        Ok(attempts + follow_ups)
    })
}

/// What a write inside a transaction needs to append its audit entries: the vault's keys, the
/// time, and who acts.
pub(crate) struct Scribe<'a> {
    pub keys: &'a Keys,
    pub at: Timestamp,
    pub actor: &'a EngineActor,
}

impl Scribe<'_> {
    pub(crate) fn of<'a>(vault: &'a Vault, actor: &'a EngineActor) -> Scribe<'a> {
        Scribe {
            keys: vault.keys(),
            at: vault.clock().now(),
            actor,
        }
    }

    pub(crate) fn now(&self) -> String {
        self.at.to_string()
    }

    pub(crate) fn append(&self, tx: &Transaction, record: &AuditRecord) -> Result<()> {
        crate::audit::append(tx, self.keys, self.at, record)?;
        Ok(())
    }
}

/// The payment of an attempt being worked on (claimed by a run, or already waiting for an
/// operator) goes to the attention queue with `reason`.
pub(crate) fn set_attention(
    tx: &Transaction,
    payment_id: i64,
    reason: &str,
    now: &str,
) -> Result<()> {
    payment_status::transition(
        tx,
        "id = :id",
        &[PaymentStatus::Processing, PaymentStatus::Attention],
        PaymentStatus::Attention,
        "attention = :reason, updated_at = :now",
        named_params! {":id": payment_id, ":reason": reason, ":now": now},
    )?;
    Ok(())
}

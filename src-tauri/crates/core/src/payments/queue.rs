//! The attention queue as an operator sees it: payments the engine could not collect, each with
//! the kind of problem (so the screen can say what to do), and cards that expire soon.

use serde::Serialize;

use super::PaymentRow;
use super::page::{MAX_PAGE, PaymentQuery, PaymentSort, page};
use crate::auth::Session;
use crate::customer::search::{ExpiringCard, expiring_cards};
use crate::engine::attempt_state::AttemptState;
use crate::engine::retry_policy::DeclineKind;
use crate::error::Result;

/// Days ahead in which an expiring card is worth a call to the customer.
pub const EXPIRY_WINDOW_DAYS: u16 = 30;

/// Why a payment waits for an operator, and so what they should do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum AttentionProblem {
    /// Every card was declined after its retries: enter another card.
    Declined,
    /// The bank's answer could not be established: check the order with the bank, then reconcile.
    ManualReview,
    /// The bank refused our request (terminal settings, credentials): fix the store, then retry.
    Configuration,
    /// The customer has no card in use: add one.
    NoCard,
}

/// One payment in the queue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct AttentionItem {
    pub problem: AttentionProblem,
    pub payment: PaymentRow,
}

/// Everything that needs an operator.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct AttentionQueue {
    /// Payments in `attention`, oldest due date first (at most [`MAX_PAGE`]).
    pub payments: Vec<AttentionItem>,
    /// All payments in `attention`, also beyond the first page.
    pub payments_total: u64,
    pub expiring_cards: Vec<ExpiringCard>,
    /// Where the bank's history report and this vault disagree, unresolved.
    pub settlement: Vec<crate::settlement::Difference>,
}

/// The problem of a payment in `attention` from its latest attempt's state and decline kind,
/// and whether it has a card.
fn problem_of(
    attempt_state: Option<AttemptState>,
    decline_kind: Option<DeclineKind>,
    has_card: bool,
) -> AttentionProblem {
    use AttemptState::*;
    match (attempt_state, decline_kind) {
        (Some(ManualReview | Unknown | NotFound | InFlight), _) => AttentionProblem::ManualReview,
        (_, Some(DeclineKind::OurError)) => AttentionProblem::Configuration,
        _ if !has_card => AttentionProblem::NoCard,
        (None, _) => AttentionProblem::Configuration,
        _ => AttentionProblem::Declined,
    }
}

/// How much waits for an operator, counted without a session for a desktop notice (counts only:
/// no customer, no card).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Waiting {
    /// Payments whose every card was declined after its retries.
    pub declined: u64,
    /// Payments whose bank answer must be checked by hand.
    pub review: u64,
    /// Payments held by the store's settings or a missing card.
    pub blocked: u64,
    /// Unresolved differences between the bank's history report and this vault.
    pub differences: u64,
}

impl Waiting {
    pub fn is_empty(&self) -> bool {
        *self == Waiting::default()
    }
}

/// What waits for an operator in every store now.
pub fn waiting(vault: &crate::vault::Vault) -> Result<Waiting> {
    vault.db().read(|c| {
        let mut stmt = c.prepare(&format!(
            "SELECT a.state, a.decline_kind,
                    COALESCE(a.card_id, p.card_id, (SELECT id FROM cards WHERE customer_id = pl.customer_id
                        AND removed_at IS NULL LIMIT 1)) IS NOT NULL
             FROM payments p JOIN plans pl ON pl.id = p.plan_id
             LEFT JOIN attempts a ON a.id = (SELECT max(id) FROM attempts y WHERE y.payment_id = p.id)
             WHERE p.status IN ({})",
            crate::stored::sql_list(&[super::PaymentStatus::Attention])
        ))?;
        let problems = stmt.query_map([], |r| Ok(problem_of(r.get(0)?, r.get(1)?, r.get(2)?)))?;
        let mut waiting = Waiting::default();
        for problem in problems {
            match problem? {
                AttentionProblem::Declined => waiting.declined += 1,
                AttentionProblem::ManualReview => waiting.review += 1,
                AttentionProblem::Configuration | AttentionProblem::NoCard => waiting.blocked += 1,
            }
        }
        let differences: i64 = c.query_row(
            "SELECT count(*) FROM settlement_differences WHERE resolved_at IS NULL",
            [],
            |r| r.get(0),
        )?;
        waiting.differences = differences.unsigned_abs();
        Ok(waiting)
    })
}

/// The queue for one store or every store the user may see (`view_reports`).
pub fn queue(session: &Session, store_id: Option<i64>) -> Result<AttentionQueue> {
    let found = page(
        session,
        &PaymentQuery {
            store_id,
            statuses: vec![super::PaymentStatus::Attention],
            sort: PaymentSort::DueDate,
            limit: Some(MAX_PAGE),
            ..PaymentQuery::default()
        },
    )?;
    let kinds: Vec<Option<DeclineKind>> = session.vault().db().read(|c| {
        let mut stmt = c.prepare_cached("SELECT decline_kind FROM attempts WHERE id = ?1")?;
        found
            .rows
            .iter()
            .map(|row| match row.attempt_id {
                Some(id) => Ok(stmt.query_row([id], |r| r.get(0))?),
                None => Ok(None),
            })
            .collect()
    })?;
    let payments = found
        .rows
        .into_iter()
        .zip(kinds)
        .map(|(payment, kind)| AttentionItem {
            problem: problem_of(payment.attempt_state, kind, payment.masked_pan.is_some()),
            payment,
        })
        .collect();
    Ok(AttentionQueue {
        payments,
        payments_total: found.total,
        expiring_cards: expiring_cards(session, store_id, EXPIRY_WINDOW_DAYS)?,
        settlement: crate::settlement::differences(session, store_id, None)?,
    })
}

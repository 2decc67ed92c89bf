//! The attention queue: payments an operator must act on (each with the kind of problem, so
//! the screen can say what to do), cards that expire within 30 days, and the differences the
//! bank's history report showed that nobody has resolved yet.

use serde::Serialize;
use specta::Type;
use tahsildar_core::Session;
use tahsildar_core::customer::search::ExpiringCard;
use tahsildar_core::payments::queue::{self, Problem};
use tauri::State;

use super::payments::PaymentRowView;
use super::settlement_views::DifferenceView;
use crate::error::{CommandError, ShellError};
use crate::state::AppState;

/// Why a payment waits, and so what to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum AttentionProblem {
    /// Every card was declined: enter another card.
    Declined,
    /// The bank's answer is not known: check the order with the bank, then reconcile.
    ManualReview,
    /// The bank refused the request: fix the store's settings.
    Configuration,
    /// No card on file: add one.
    NoCard,
}

impl From<Problem> for AttentionProblem {
    fn from(p: Problem) -> Self {
        match p {
            Problem::Declined => AttentionProblem::Declined,
            Problem::ManualReview => AttentionProblem::ManualReview,
            Problem::Configuration => AttentionProblem::Configuration,
            Problem::NoCard => AttentionProblem::NoCard,
        }
    }
}

/// One payment in the queue.
#[derive(Debug, Clone, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct AttentionItemView {
    pub problem: AttentionProblem,
    pub payment: PaymentRowView,
}

/// A card that can no longer be charged within 30 days (or already).
#[derive(Debug, Clone, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct ExpiringCardView {
    pub card_id: i64,
    pub customer_id: i64,
    pub customer_ref: String,
    pub customer_name: String,
    pub store_id: i64,
    pub masked_pan: String,
    pub brand: String,
    pub expiry: String,
    pub valid_through: String,
    pub expired: bool,
    pub primary: bool,
    pub next_due_date: Option<String>,
}

impl From<ExpiringCard> for ExpiringCardView {
    fn from(c: ExpiringCard) -> Self {
        ExpiringCardView {
            card_id: c.card_id,
            customer_id: c.customer_id,
            customer_ref: c.customer_ref,
            customer_name: c.customer_name,
            store_id: c.store_id,
            masked_pan: c.masked_pan,
            brand: c.brand,
            expiry: c.expiry,
            valid_through: c.valid_through,
            expired: c.expired,
            primary: c.position == 0,
            next_due_date: c.next_due_date,
        }
    }
}

/// Everything that needs an operator.
#[derive(Debug, Clone, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct AttentionQueueView {
    pub payments: Vec<AttentionItemView>,
    pub payments_total: u32,
    pub expiring_cards: Vec<ExpiringCardView>,
    /// Unresolved settlement differences, newest day first.
    pub settlement: Vec<DifferenceView>,
}

/// The queue as the window shows it.
pub(crate) fn queue_view(
    session: &Session,
    store_id: Option<i64>,
) -> Result<AttentionQueueView, ShellError> {
    let q = queue::queue(session, store_id)?;
    Ok(AttentionQueueView {
        payments: q
            .payments
            .into_iter()
            .map(|i| AttentionItemView {
                problem: i.problem.into(),
                payment: i.payment.into(),
            })
            .collect(),
        payments_total: u32::try_from(q.payments_total).unwrap_or(u32::MAX),
        expiring_cards: q.expiring_cards.into_iter().map(Into::into).collect(),
        settlement: q.settlement.into_iter().map(Into::into).collect(),
    })
}

/// The queue for one store or every store the user may see.
#[tauri::command]
#[specta::specta]
pub async fn attention_queue(
    state: State<'_, AppState>,
    store_id: Option<i64>,
) -> Result<AttentionQueueView, CommandError> {
    state
        .blocking(move |s| queue_view(&s.session()?, store_id))
        .await
}

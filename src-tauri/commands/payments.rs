//! The payments list (paged, filtered and sorted in the database), one payment with its
//! timeline, and the actions on it: void, refund (full or part), retry with another card,
//! cancel the plan. Each action is checked again in core against the user's permission.

use super::count;
use serde::{Deserialize, Serialize};
use specta::Type;
use tahsildar_core::engine::reversal::{self, ReversalOutcome};
use tahsildar_core::payments::page::{self, PaymentPage, PaymentQuery, PaymentSort};
use tahsildar_core::payments::timeline::{self, PaymentActions, PaymentDetail, TimelineEntry};
use tahsildar_core::payments::{PaymentRow, PaymentStatus, retry};
use tahsildar_core::{EngineConfig, plan};
use tauri::State;

use super::customers::{NewCardInput, date};
use crate::error::{CommandError, ShellError};
use crate::state::AppState;

/// Which payments to show, in which order.
#[derive(Debug, Clone, Default, Deserialize, Type)]
#[serde(rename_all = "camelCase", default)]
pub struct PaymentQueryInput {
    pub store_id: Option<i64>,
    pub statuses: Vec<PaymentStatus>,
    /// `YYYY-MM-DD`.
    pub due_from: Option<String>,
    pub due_to: Option<String>,
    pub customer_id: Option<i64>,
    pub plan_id: Option<i64>,
    pub batch_id: Option<i64>,
    pub search: Option<String>,
    /// due_date (default), amount, status, customer.
    pub sort: Option<String>,
    pub descending: bool,
    pub offset: u32,
    pub limit: Option<u32>,
}

/// A payment as listed (masked card only).
#[derive(Debug, Clone, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct PaymentRowView {
    pub id: i64,
    pub plan_id: i64,
    pub store: String,
    pub store_id: i64,
    pub customer_ref: String,
    pub customer_name: String,
    pub amount_minor: i64,
    pub currency: String,
    pub due_date: String,
    pub status: PaymentStatus,
    pub next_try_on: Option<String>,
    pub masked_pan: Option<String>,
    pub order_id: Option<String>,
    pub attempt_state: Option<String>,
    pub vps_code: Option<String>,
    pub host_code: Option<String>,
    pub message: Option<String>,
    pub attempts: u32,
    pub attention: Option<String>,
}

impl From<PaymentRow> for PaymentRowView {
    fn from(r: PaymentRow) -> Self {
        PaymentRowView {
            id: r.id,
            plan_id: r.plan_id,
            store: r.store,
            store_id: r.store_id,
            customer_ref: r.customer_ref,
            customer_name: r.customer_name,
            amount_minor: r.amount_minor,
            currency: r.currency,
            due_date: r.due_date,
            status: r.status,
            next_try_on: r.next_try_on,
            masked_pan: r.masked_pan,
            order_id: r.order_id,
            attempt_state: r.attempt_state,
            vps_code: r.vps_code,
            host_code: r.host_code,
            message: r.message,
            attempts: count(r.attempts),
            attention: r.attention,
        }
    }
}

/// One page of payments and how many match.
#[derive(Debug, Clone, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct PaymentPageView {
    pub total: u32,
    pub offset: u32,
    pub rows: Vec<PaymentRowView>,
}

impl From<PaymentPage> for PaymentPageView {
    fn from(p: PaymentPage) -> Self {
        PaymentPageView {
            total: count(p.total),
            offset: p.offset,
            rows: p.rows.into_iter().map(Into::into).collect(),
        }
    }
}

/// One step of a payment's history.
#[derive(Debug, Clone, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct TimelineEntryView {
    /// sale, void, refund.
    pub kind: String,
    pub attempt_id: i64,
    pub reversal_id: Option<i64>,
    pub order_id: Option<String>,
    pub at: String,
    pub finished_at: Option<String>,
    pub state: String,
    pub amount_minor: i64,
    pub currency: String,
    pub installments: u32,
    pub masked_pan: Option<String>,
    pub vps_code: Option<String>,
    pub host_code: Option<String>,
    pub auth_code: Option<String>,
    pub message: Option<String>,
    /// approved, soft_decline, hard_decline, our_error, unknown.
    pub class: Option<String>,
    pub explanation_tr: Option<String>,
    pub explanation_en: Option<String>,
}

impl From<TimelineEntry> for TimelineEntryView {
    fn from(e: TimelineEntry) -> Self {
        TimelineEntryView {
            kind: e.kind,
            attempt_id: e.attempt_id,
            reversal_id: e.reversal_id,
            order_id: e.order_id,
            at: e.at,
            finished_at: e.finished_at,
            state: e.state,
            amount_minor: e.amount_minor,
            currency: e.currency,
            installments: count(e.installments),
            masked_pan: e.masked_pan,
            vps_code: e.vps_code,
            host_code: e.host_code,
            auth_code: e.auth_code,
            message: e.message,
            class: e.class,
            explanation_tr: e.explanation_tr,
            explanation_en: e.explanation_en,
        }
    }
}

/// What the user may do to the payment now.
#[derive(Debug, Clone, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct PaymentActionsView {
    pub approved_attempt: Option<i64>,
    pub can_void: bool,
    pub can_refund: bool,
    pub refundable_minor: i64,
    pub can_retry_with_card: bool,
    pub can_cancel_plan: bool,
}

impl From<PaymentActions> for PaymentActionsView {
    fn from(a: PaymentActions) -> Self {
        PaymentActionsView {
            approved_attempt: a.approved_attempt,
            can_void: a.can_void,
            can_refund: a.can_refund,
            refundable_minor: a.refundable_minor,
            can_retry_with_card: a.can_retry_with_card,
            can_cancel_plan: a.can_cancel_plan,
        }
    }
}

/// A payment in full.
#[derive(Debug, Clone, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct PaymentDetailView {
    pub payment: PaymentRowView,
    pub customer_id: i64,
    pub plan_kind: String,
    pub plan_status: String,
    pub plan_description: Option<String>,
    pub installments: u32,
    pub timeline: Vec<TimelineEntryView>,
    pub actions: PaymentActionsView,
}

impl From<PaymentDetail> for PaymentDetailView {
    fn from(d: PaymentDetail) -> Self {
        PaymentDetailView {
            payment: d.payment.into(),
            customer_id: d.customer_id,
            plan_kind: d.plan_kind,
            plan_status: d.plan_status,
            plan_description: d.plan_description,
            installments: count(d.installments),
            timeline: d.timeline.into_iter().map(Into::into).collect(),
            actions: d.actions.into(),
        }
    }
}

/// What the bank said to a void or refund.
#[derive(Debug, Clone, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct ReversalView {
    pub reversal_id: i64,
    /// approved, declined, unknown.
    pub state: String,
    pub amount_minor: i64,
    pub vps_code: Option<String>,
    pub host_code: Option<String>,
    pub message: Option<String>,
}

impl From<ReversalOutcome> for ReversalView {
    fn from(o: ReversalOutcome) -> Self {
        ReversalView {
            reversal_id: o.reversal_id,
            state: o.state,
            amount_minor: o.amount_minor,
            vps_code: o.vps_code,
            host_code: o.host_code,
            message: o.message,
        }
    }
}

fn to_query(q: PaymentQueryInput) -> Result<PaymentQuery, ShellError> {
    Ok(PaymentQuery {
        store_id: q.store_id,
        statuses: q.statuses,
        due_from: q
            .due_from
            .as_deref()
            .filter(|d| !d.is_empty())
            .map(|d| date("due from", d))
            .transpose()?,
        due_to: q
            .due_to
            .as_deref()
            .filter(|d| !d.is_empty())
            .map(|d| date("due to", d))
            .transpose()?,
        customer_id: q.customer_id,
        plan_id: q.plan_id,
        batch_id: q.batch_id,
        search: q.search,
        sort: q
            .sort
            .as_deref()
            .map(PaymentSort::parse)
            .transpose()?
            .unwrap_or_default(),
        descending: q.descending,
        offset: q.offset,
        limit: q.limit,
    })
}

/// One page of the payments the user may see.
#[tauri::command]
#[specta::specta]
pub async fn list_payments(
    state: State<'_, AppState>,
    query: PaymentQueryInput,
) -> Result<PaymentPageView, CommandError> {
    state
        .blocking(move |s| {
            let session = s.session()?;
            Ok(page::page(&session, &to_query(query)?)?.into())
        })
        .await
}

/// One payment with its attempt timeline and the actions open to the user.
#[tauri::command]
#[specta::specta]
pub async fn payment_detail(
    state: State<'_, AppState>,
    id: i64,
) -> Result<PaymentDetailView, CommandError> {
    state
        .blocking(move |s| Ok(timeline::detail(&s.session()?, id)?.into()))
        .await
}

/// The engine's timeouts for a reversal sent from the window.
fn reversal_config() -> EngineConfig {
    if std::env::var("TAHSILDAR_FAST_RETRIES").as_deref() == Ok("1") {
        EngineConfig::fast()
    } else {
        EngineConfig::default()
    }
}

/// Voids an approved attempt (same day); needs `void` on its store.
#[tauri::command]
#[specta::specta]
pub async fn void_payment(
    state: State<'_, AppState>,
    attempt_id: i64,
) -> Result<ReversalView, CommandError> {
    let (session, bank) = state.blocking(|s| Ok((s.session()?, s.bank()?))).await?;
    reversal::void(&session, &bank, &reversal_config(), attempt_id)
        .await
        .map(Into::into)
        .map_err(|e| state.error(e))
}

/// Refunds an approved attempt in full (no amount) or in part (`1.234,56`); needs `refund`.
#[tauri::command]
#[specta::specta]
pub async fn refund_payment(
    state: State<'_, AppState>,
    attempt_id: i64,
    amount: Option<String>,
) -> Result<ReversalView, CommandError> {
    let amount_minor = amount
        .as_deref()
        .filter(|a| !a.trim().is_empty())
        .map(plan::parse_amount)
        .transpose()
        .map_err(|e| state.error(e))?;
    let (session, bank) = state.blocking(|s| Ok((s.session()?, s.bank()?))).await?;
    reversal::refund(
        &session,
        &bank,
        &reversal_config(),
        attempt_id,
        amount_minor,
    )
    .await
    .map(Into::into)
    .map_err(|e| state.error(e))
}

/// Puts another card on a payment for the next run; with `keepOnFile` it becomes the customer's
/// primary card. Needs `replace_card`. Returns the payment as it is now.
#[tauri::command]
#[specta::specta]
pub async fn retry_with_card(
    state: State<'_, AppState>,
    payment_id: i64,
    card: NewCardInput,
    keep_on_file: bool,
) -> Result<PaymentDetailView, CommandError> {
    state
        .blocking(move |s| {
            let session = s.session()?;
            let new = card.into_card()?;
            retry::retry_with_card(&session, payment_id, &new, keep_on_file)?;
            drop(new);
            Ok(timeline::detail(&session, payment_id)?.into())
        })
        .await
}

/// Cancels a plan: payments not yet taken are cancelled, history stays. Needs `create_collections`.
#[tauri::command]
#[specta::specta]
pub async fn cancel_plan(state: State<'_, AppState>, plan_id: i64) -> Result<(), CommandError> {
    state
        .blocking(move |s| {
            plan::cancel(&s.session()?, plan_id)?;
            Ok(())
        })
        .await
}

//! The payments list (paged, filtered and sorted in the database), one payment with its
//! timeline, and the actions on it: void, refund (full or part), capture of a
//! pre-authorisation (full or part), retry with another card, cancel the plan. Each action is
//! checked again in core against the user's permission.

use tahsildar_core::engine::capture;
use tahsildar_core::engine::follow_up::FollowUpKind;
use tahsildar_core::engine::reversal::{self, ReversalOutcome};
use tahsildar_core::payments::page::{self, PaymentPage, PaymentQuery};
use tahsildar_core::payments::retry;
use tahsildar_core::payments::timeline::{self, PaymentDetail};
use tahsildar_core::{EngineConfig, plan};
use tauri::State;

use super::card_input::NewCardInput;
use crate::error::CommandError;
use crate::state::AppState;

/// One page of the payments the user may see.
#[tauri::command]
#[specta::specta]
pub async fn list_payments(
    state: State<'_, AppState>,
    query: PaymentQuery,
) -> Result<PaymentPage, CommandError> {
    state
        .blocking(move |s| Ok(page::page(&s.session()?, &query)?))
        .await
}

/// One payment with its attempt timeline and the actions open to the user.
#[tauri::command]
#[specta::specta]
pub async fn payment_detail(
    state: State<'_, AppState>,
    id: i64,
) -> Result<PaymentDetail, CommandError> {
    state
        .blocking(move |s| Ok(timeline::detail(&s.session()?, id)?))
        .await
}

/// Sends a follow-up on an approved attempt: a void, or a refund or capture of `amount` as typed
/// (`1.234,56`; all of it when nothing was typed). Core checks the permission (`void`, `refund`,
/// `submit_provisions`) and the amount.
pub(crate) async fn follow_up(
    state: &AppState,
    attempt_id: i64,
    kind: FollowUpKind,
    amount: Option<&str>,
) -> Result<ReversalOutcome, CommandError> {
    let amount_minor = amount
        .filter(|a| !a.trim().is_empty())
        .map(plan::parse_amount)
        .transpose()
        .map_err(|e| state.error(e))?;
    let (session, bank) = state.blocking(|s| Ok((s.session()?, s.bank()?))).await?;
    let config = EngineConfig::from_env();
    match kind {
        FollowUpKind::Void => reversal::void(&session, &bank, &config, attempt_id).await,
        FollowUpKind::Refund => {
            reversal::refund(&session, &bank, &config, attempt_id, amount_minor).await
        }
        FollowUpKind::Capture => {
            capture::capture(&session, &bank, &config, attempt_id, amount_minor).await
        }
    }
    .map_err(|e| state.error(e))
}

/// Voids an approved attempt (same day), or releases an open pre-authorisation; needs `void`
/// on its store.
#[tauri::command]
#[specta::specta]
pub async fn void_payment(
    state: State<'_, AppState>,
    attempt_id: i64,
) -> Result<ReversalOutcome, CommandError> {
    follow_up(&state, attempt_id, FollowUpKind::Void, None).await
}

/// Refunds an approved attempt in full (no amount) or in part (`1.234,56`); needs `refund`.
#[tauri::command]
#[specta::specta]
pub async fn refund_payment(
    state: State<'_, AppState>,
    attempt_id: i64,
    amount: Option<String>,
) -> Result<ReversalOutcome, CommandError> {
    follow_up(&state, attempt_id, FollowUpKind::Refund, amount.as_deref()).await
}

/// Captures a pre-authorisation (post-authorisation), all of it or a part (`1.234,56`), never
/// above the authorised amount; needs `submit_provisions`. A void (`void_payment`) releases the
/// hold instead.
#[tauri::command]
#[specta::specta]
pub async fn capture_payment(
    state: State<'_, AppState>,
    attempt_id: i64,
    amount: Option<String>,
) -> Result<ReversalOutcome, CommandError> {
    follow_up(&state, attempt_id, FollowUpKind::Capture, amount.as_deref()).await
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
) -> Result<PaymentDetail, CommandError> {
    state
        .blocking(move |s| {
            let session = s.session()?;
            let new = card.into_card()?;
            retry::retry_with_card(&session, payment_id, &new, keep_on_file)?;
            drop(new);
            Ok(timeline::detail(&session, payment_id)?)
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

#[cfg(test)]
#[path = "payments_tests.rs"]
mod tests;

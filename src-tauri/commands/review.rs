//! Manual review with the bank: where an attempt stands (`view_reports`), and the operator's
//! ways out (`submit_provisions`): ask the bank now; once the bank has confirmed twice that it
//! has no such order, send the same order id again or close it as not charged. A suspicious
//! booking is voided with `void_payment`.

use tahsildar_core::engine::review::{self, ReviewState};
use tauri::State;

use crate::error::CommandError;
use crate::state::AppState;

/// Where an attempt in review stands. Needs `view_reports` on its store.
pub(crate) async fn state_of(
    state: &AppState,
    attempt_id: i64,
) -> Result<ReviewState, CommandError> {
    state
        .blocking(move |s| Ok(review::review_state(&s.session()?, attempt_id)?))
        .await
}

/// Asks the bank now and takes its answer when it has one.
pub(crate) async fn ask_bank(
    state: &AppState,
    attempt_id: i64,
) -> Result<ReviewState, CommandError> {
    let (session, engine) = state.blocking(|s| Ok((s.session()?, s.engine()?))).await?;
    engine
        .ask_bank(&session, attempt_id)
        .await
        .map_err(|e| state.error(e))
}

/// Sends the same order id again, once the bank confirmed it has none.
pub(crate) async fn send_again(
    state: &AppState,
    attempt_id: i64,
) -> Result<ReviewState, CommandError> {
    let (session, engine) = state.blocking(|s| Ok((s.session()?, s.engine()?))).await?;
    engine
        .send_again(&session, attempt_id)
        .await
        .map_err(|e| state.error(e))
}

/// Closes the attempt as not charged, once the bank confirmed it has none.
pub(crate) async fn close_not_charged(
    state: &AppState,
    attempt_id: i64,
) -> Result<ReviewState, CommandError> {
    state
        .blocking(move |s| {
            let (session, engine) = (s.session()?, s.engine()?);
            Ok(engine.close_not_charged(&session, attempt_id)?)
        })
        .await
}

/// Where an attempt in review stands and what may be done with it; needs `view_reports`.
#[tauri::command]
#[specta::specta]
pub async fn review_state(
    state: State<'_, AppState>,
    attempt_id: i64,
) -> Result<ReviewState, CommandError> {
    state_of(&state, attempt_id).await
}

/// Asks the bank now what became of the attempt; needs `submit_provisions`. Returns where it
/// stands afterwards.
#[tauri::command]
#[specta::specta]
pub async fn review_ask_bank(
    state: State<'_, AppState>,
    attempt_id: i64,
) -> Result<ReviewState, CommandError> {
    ask_bank(&state, attempt_id).await
}

/// Sends the same order id again (never a second charge: the bank has confirmed it has no
/// such order); needs `submit_provisions`.
#[tauri::command]
#[specta::specta]
pub async fn review_send_again(
    state: State<'_, AppState>,
    attempt_id: i64,
) -> Result<ReviewState, CommandError> {
    send_again(&state, attempt_id).await
}

/// Closes the attempt as not charged; the payment goes on with a new attempt at the next run.
/// Needs `submit_provisions`.
#[tauri::command]
#[specta::specta]
pub async fn review_close_not_charged(
    state: State<'_, AppState>,
    attempt_id: i64,
) -> Result<ReviewState, CommandError> {
    close_not_charged(&state, attempt_id).await
}

#[cfg(test)]
#[path = "review_tests.rs"]
mod tests;

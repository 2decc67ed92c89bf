//! The attention queue: payments an operator must act on (each with the kind of problem, so
//! the screen can say what to do), cards that expire within 30 days, and the differences the
//! bank's history report showed that nobody has resolved yet.

use tahsildar_core::payments::queue::{self, AttentionQueue};
use tauri::State;

use crate::error::CommandError;
use crate::state::AppState;

/// The queue for one store or every store the user may see.
#[tauri::command]
#[specta::specta]
pub async fn attention_queue(
    state: State<'_, AppState>,
    store_id: Option<i64>,
) -> Result<AttentionQueue, CommandError> {
    state
        .blocking(move |s| Ok(queue::queue(&s.session()?, store_id)?))
        .await
}

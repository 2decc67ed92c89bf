//! "Test connection" for a store (core's `store::check`) and the sandbox bank's test cards.

use tahsildar_app::{TestCard, test_cards};
use tahsildar_core::store::check::{ConnectionCheck, check_connection};
use tauri::State;

use crate::error::CommandError;
use crate::state::AppState;

/// Sends an inquiry for a made-up order id with the store's credentials; it books nothing.
/// Needs `manage_stores` on the store.
#[tauri::command]
#[specta::specta]
pub async fn test_store_connection(
    state: State<'_, AppState>,
    id: i64,
) -> Result<ConnectionCheck, CommandError> {
    let (session, bank) = state.blocking(|s| Ok((s.session()?, s.bank()?))).await?;
    check_connection(&session, &bank, id)
        .await
        .map_err(|e| state.error(e))
}

/// The sandbox's test cards; for any signed-in user.
#[tauri::command]
#[specta::specta]
pub async fn sandbox_test_cards(state: State<'_, AppState>) -> Result<Vec<TestCard>, CommandError> {
    state
        .blocking(|s| {
            s.session()?;
            Ok(test_cards())
        })
        .await
}

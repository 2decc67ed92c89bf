//! A new collection: one-off sale, bank installment sale or recurring plan. The same input is
//! first previewed (the payments it would make, checked exactly as saving checks them) and
//! then saved.

use tahsildar_core::plan::{self, CollectionInput, PlanInfo, PlanPreview};
use tauri::State;

use crate::error::CommandError;
use crate::state::AppState;

/// The payments a collection would make, without saving; needs `create_collections`.
#[tauri::command]
#[specta::specta]
pub async fn preview_collection(
    state: State<'_, AppState>,
    input: CollectionInput,
) -> Result<PlanPreview, CommandError> {
    state
        .blocking(move |s| {
            let session = s.session()?;
            let today = plan::today(session.vault().clock().as_ref());
            Ok(plan::preview(&session, &input.to_plan(today)?)?)
        })
        .await
}

/// Saves a collection and its payments; needs `create_collections` on the customer's store.
#[tauri::command]
#[specta::specta]
pub async fn create_collection(
    state: State<'_, AppState>,
    input: CollectionInput,
) -> Result<PlanInfo, CommandError> {
    state
        .blocking(move |s| {
            let session = s.session()?;
            let today = plan::today(session.vault().clock().as_ref());
            Ok(plan::create(&session, &input.to_plan(today)?)?)
        })
        .await
}

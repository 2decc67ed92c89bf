//! A new collection: one-off sale, bank installment sale or recurring plan, each one-off or
//! installment collection taken as a sale or as a pre-authorisation captured later. The same
//! input is first previewed (the payments it would make, checked exactly as saving checks them)
//! and then saved.

use tahsildar_core::plan::{self, CollectionInput, PlanInfo, PlanPreview};
use tauri::State;

use crate::error::CommandError;
use crate::state::AppState;

/// The payments a collection would make, without saving; needs `create_collections`.
pub(crate) async fn preview(
    state: &AppState,
    input: CollectionInput,
) -> Result<PlanPreview, CommandError> {
    state
        .blocking(move |s| {
            let session = s.session()?;
            let today = plan::today(session.vault().clock().as_ref());
            let new = input.to_plan(today)?;
            plan::check_provision(&new.kind, input.provision())?;
            Ok(plan::preview(&session, &new)?)
        })
        .await
}

/// Saves a collection and its payments; needs `create_collections` on the customer's store.
pub(crate) async fn create(
    state: &AppState,
    input: CollectionInput,
) -> Result<PlanInfo, CommandError> {
    state
        .blocking(move |s| {
            let session = s.session()?;
            let today = plan::today(session.vault().clock().as_ref());
            Ok(plan::create_as(
                &session,
                &input.to_plan(today)?,
                input.provision(),
            )?)
        })
        .await
}

/// The payments a collection would make, without saving; needs `create_collections`.
#[tauri::command]
#[specta::specta]
pub async fn preview_collection(
    state: State<'_, AppState>,
    input: CollectionInput,
) -> Result<PlanPreview, CommandError> {
    preview(&state, input).await
}

/// Saves a collection and its payments; needs `create_collections` on the customer's store.
#[tauri::command]
#[specta::specta]
pub async fn create_collection(
    state: State<'_, AppState>,
    input: CollectionInput,
) -> Result<PlanInfo, CommandError> {
    create(&state, input).await
}

//! The audit log in the window (`view_audit`): a page of entries with filters, what the filters
//! offer, and the chain's verification. The filtered entries export through `export_report`.

use tahsildar_core::audit::{self, AuditCheck, AuditChoices, AuditPage, AuditQuery};
use tauri::State;

use crate::error::CommandError;
use crate::state::AppState;

pub(crate) async fn entries(
    state: &AppState,
    query: AuditQuery,
) -> Result<AuditPage, CommandError> {
    state
        .blocking(move |s| Ok(audit::list::page(&s.session()?, &query)?))
        .await
}

pub(crate) async fn choices(state: &AppState) -> Result<AuditChoices, CommandError> {
    state
        .blocking(|s| Ok(audit::list::choices(&s.session()?)?))
        .await
}

pub(crate) async fn verify(state: &AppState) -> Result<AuditCheck, CommandError> {
    state.blocking(|s| Ok(audit::check(&s.session()?)?)).await
}

/// One page of the entries the user may see, newest first, with the total that match.
#[tauri::command]
#[specta::specta]
pub async fn audit_entries(
    state: State<'_, AppState>,
    query: AuditQuery,
) -> Result<AuditPage, CommandError> {
    entries(&state, query).await
}

/// The actions and users the filters offer.
#[tauri::command]
#[specta::specta]
pub async fn audit_choices(state: State<'_, AppState>) -> Result<AuditChoices, CommandError> {
    choices(&state).await
}

/// Verifies the whole chain: how far it holds, or where it breaks first.
#[tauri::command]
#[specta::specta]
pub async fn audit_verify(state: State<'_, AppState>) -> Result<AuditCheck, CommandError> {
    verify(&state).await
}

#[cfg(test)]
#[path = "audit_tests.rs"]
mod tests;

//! Changes to a running plan from the window: pause, resume, cancel, a new amount from a date, a
//! new end, one payment skipped. Each is first previewed (the payments it changes, computed by
//! the function saving applies) and then saved; core checks the permission and the plan's state.

use tahsildar_core::plan::{self, PlanChangeInput, PlanChangeSet};
use tauri::State;

use crate::error::CommandError;
use crate::state::AppState;

/// What a change would do to the plan's payments, without saving; needs `create_collections`.
#[tauri::command]
#[specta::specta]
pub async fn preview_plan_change(
    state: State<'_, AppState>,
    plan_id: i64,
    change: PlanChangeInput,
) -> Result<PlanChangeSet, CommandError> {
    state
        .blocking(move |s| {
            Ok(plan::preview_change(
                &s.session()?,
                plan_id,
                change.read()?,
            )?)
        })
        .await
}

/// Saves a change to the plan and returns what it did; needs `create_collections`.
#[tauri::command]
#[specta::specta]
pub async fn change_plan(
    state: State<'_, AppState>,
    plan_id: i64,
    change: PlanChangeInput,
) -> Result<PlanChangeSet, CommandError> {
    state
        .blocking(move |s| Ok(plan::apply_change(&s.session()?, plan_id, change.read()?)?))
        .await
}

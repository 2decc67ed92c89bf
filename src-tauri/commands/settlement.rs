//! Daily settlement against the bank's history report: each store's days (`view_reports`),
//! a day's differences or every unresolved one, resolving one with a note and reading a day
//! again from the bank (`submit_provisions`), and whether a restored vault is held until its
//! days since the backup are settled (anyone signed in).

use tahsildar_core::engine::runner::require_run;
use tahsildar_core::{Text, plan, settlement};
use tauri::State;

use crate::error::{CommandError, ShellError};
use crate::state::AppState;
use tahsildar_core::settlement::{Difference, SettlementDay};

fn optional_date(
    field: &'static str,
    text: Option<&str>,
) -> Result<Option<jiff::civil::Date>, ShellError> {
    text.filter(|d| !d.trim().is_empty())
        .map(|d| plan::parse_date(field, d))
        .transpose()
        .map_err(Into::into)
}

/// The days of one store or of every store the user may see, newest first.
pub(crate) async fn days(
    state: &AppState,
    store_id: Option<i64>,
    from: Option<String>,
) -> Result<Vec<SettlementDay>, CommandError> {
    state
        .blocking(move |s| {
            let session = s.session()?;
            let from = optional_date("from", from.as_deref())?;
            Ok(settlement::days(&session, store_id, from)?)
        })
        .await
}

/// A store's day's differences, or without a day every unresolved one.
pub(crate) async fn differences(
    state: &AppState,
    store_id: Option<i64>,
    day: Option<String>,
) -> Result<Vec<Difference>, CommandError> {
    state
        .blocking(move |s| {
            let session = s.session()?;
            let day = optional_date("day", day.as_deref())?;
            Ok(settlement::differences(&session, store_id, day)?)
        })
        .await
}

/// Resolves a difference with the operator's note.
pub(crate) async fn resolve(
    state: &AppState,
    difference_id: i64,
    note: String,
) -> Result<Difference, CommandError> {
    state
        .blocking(move |s| Ok(settlement::resolve(&s.session()?, difference_id, &note)?))
        .await
}

/// Reads a store's day again from the bank and matches it. Needs `submit_provisions` on the
/// store (the same as a run); a day after today is refused.
pub(crate) async fn reread_day(
    state: &AppState,
    store_id: i64,
    day: String,
) -> Result<SettlementDay, CommandError> {
    let (engine, day) = state
        .blocking(move |s| {
            let session = s.session()?;
            require_run(&session, Some(store_id))?;
            let day = plan::parse_date("day", &day)?;
            if day > plan::today(session.vault().clock().as_ref()) {
                return Err(tahsildar_core::Error::invalid(
                    "day",
                    Text::new(
                        "Henüz gelmemiş bir gün bankayla karşılaştırılamaz.",
                        "A day that has not come yet cannot be compared with the bank.",
                    ),
                )
                .into());
            }
            Ok((s.engine()?, day))
        })
        .await?;
    engine
        .settle_day(store_id, day)
        .await
        .map_err(|e| state.error(e))
}

/// The day since which a restored vault must be settled before it sends anything new.
pub(crate) async fn hold(state: &AppState) -> Result<Option<String>, CommandError> {
    state
        .blocking(|s| Ok(settlement::restore_hold(&s.session()?)?.map(|d| d.to_string())))
        .await
}

/// The matched days of one store or every store the user may see (`view_reports`), newest
/// first; `from` (`YYYY-MM-DD`) leaves out older days.
#[tauri::command]
#[specta::specta]
pub async fn settlement_days(
    state: State<'_, AppState>,
    store_id: Option<i64>,
    from: Option<String>,
) -> Result<Vec<SettlementDay>, CommandError> {
    days(&state, store_id, from).await
}

/// The differences of a store's day (`YYYY-MM-DD`), or without a day every unresolved one of
/// the stores the user may see; needs `view_reports`.
#[tauri::command]
#[specta::specta]
pub async fn settlement_differences(
    state: State<'_, AppState>,
    store_id: Option<i64>,
    day: Option<String>,
) -> Result<Vec<Difference>, CommandError> {
    differences(&state, store_id, day).await
}

/// Marks a difference resolved after checking it with the bank; the note (1 to 500
/// characters) says what was found or done. Needs `submit_provisions`; audited.
#[tauri::command]
#[specta::specta]
pub async fn resolve_difference(
    state: State<'_, AppState>,
    difference_id: i64,
    note: String,
) -> Result<Difference, CommandError> {
    resolve(&state, difference_id, note).await
}

/// Reads a store's day (`YYYY-MM-DD`) again from the bank's history report and matches it;
/// needs `submit_provisions` on the store. Returns the day as it now stands.
#[tauri::command]
#[specta::specta]
pub async fn reread_settlement_day(
    state: State<'_, AppState>,
    store_id: i64,
    day: String,
) -> Result<SettlementDay, CommandError> {
    reread_day(&state, store_id, day).await
}

/// The day (`YYYY-MM-DD`) since which a restored vault must be settled before it sends or
/// takes anything new; `null` when it may. Anyone signed in may know it.
#[tauri::command]
#[specta::specta]
pub async fn restore_hold(state: State<'_, AppState>) -> Result<Option<String>, CommandError> {
    hold(&state).await
}

#[cfg(test)]
#[path = "settlement_tests.rs"]
mod tests;

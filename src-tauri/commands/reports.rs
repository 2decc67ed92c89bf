//! The accounts (core's `reports`): a period's summary, a customer's ledger, the arrears list
//! and the coming dues. Each needs `view_reports` and covers the stores the user holds it on.

use tahsildar_core::reports::arrears::{self, ArrearsPage, ArrearsQuery};
use tahsildar_core::reports::ledger::{self, Ledger, LedgerQuery};
use tahsildar_core::reports::summary::{self, PeriodSummary, SummaryQuery};
use tahsildar_core::reports::upcoming::{self, Upcoming, UpcomingQuery};
use tauri::State;

use crate::error::CommandError;
use crate::state::AppState;

/// What was due, collected, declined, pending, refunded and voided of the payments due in the
/// period, per currency, by day, month, kind of plan and import batch, with the declines' reasons.
#[tauri::command]
#[specta::specta]
pub async fn report_summary(
    state: State<'_, AppState>,
    query: SummaryQuery,
) -> Result<PeriodSummary, CommandError> {
    state
        .blocking(move |s| Ok(summary::summary(&s.session()?, &query)?))
        .await
}

/// A customer's ledger with its running balance and totals as of a day.
#[tauri::command]
#[specta::specta]
pub async fn customer_ledger(
    state: State<'_, AppState>,
    query: LedgerQuery,
) -> Result<Ledger, CommandError> {
    state
        .blocking(move |s| Ok(ledger::ledger(&s.session()?, &query)?))
        .await
}

/// One page of the customers who owe, with the totals over all pages.
#[tauri::command]
#[specta::specta]
pub async fn arrears_list(
    state: State<'_, AppState>,
    query: ArrearsQuery,
) -> Result<ArrearsPage, CommandError> {
    state
        .blocking(move |s| Ok(arrears::arrears(&s.session()?, &query)?))
        .await
}

/// What falls due in the coming days, and the payments whose card will have expired by then.
#[tauri::command]
#[specta::specta]
pub async fn upcoming_dues(
    state: State<'_, AppState>,
    query: UpcomingQuery,
) -> Result<Upcoming, CommandError> {
    state
        .blocking(move |s| Ok(upcoming::upcoming(&s.session()?, &query)?))
        .await
}

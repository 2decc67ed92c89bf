//! The accounts (core's `reports`): a period's summary, a customer's ledger, the arrears list
//! and the coming dues. Each needs `view_reports` and covers the stores the user holds it on.

use serde::Serialize;
use specta::Type;
use tahsildar_core::export::{ExportFormat, ExportProgress, ExportRequest, export_with_progress};
use tahsildar_core::reports::arrears::{self, ArrearsPage, ArrearsQuery};
use tahsildar_core::reports::ledger::{self, Ledger, LedgerQuery};
use tahsildar_core::reports::summary::{self, PeriodSummary, SummaryQuery};
use tahsildar_core::reports::upcoming::{self, Upcoming, UpcomingQuery};
use tauri::State;
use tauri_specta::Event;

use super::save_dialog::save_path;
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

/// What an export saved.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, specta::Type)]
pub struct SavedExport {
    /// The file's name, without its folder.
    pub file_name: String,
    pub rows: i64,
}

/// How far the export being saved has come, pushed while it is read and written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type, tauri_specta::Event)]
pub struct ExportProgressEvent {
    pub progress: ExportProgress,
}

/// Saves a report as XLSX or CSV where the user chooses in the native save dialog (`null` when
/// the dialog was closed); needs `export`, audited.
#[tauri::command]
#[specta::specta]
pub async fn export_report(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
    request: ExportRequest,
    format: ExportFormat,
) -> Result<Option<SavedExport>, CommandError> {
    state.blocking(|s| s.session().map(|_| ())).await?;
    let lang = state.lang();
    let stem = match &request {
        ExportRequest::Payments { .. } => lang.pick("odemeler", "payments"),
        ExportRequest::Ledger { .. } => lang.pick("hesap-ekstresi", "ledger"),
        ExportRequest::Arrears { .. } => lang.pick("borclular", "arrears"),
        ExportRequest::Summary { .. } => lang.pick("donem-ozeti", "summary"),
        ExportRequest::Audit { .. } => lang.pick("denetim-kaydi", "audit-log"),
    };
    let suggested = format!("{stem}.{}", format.extension());
    let (filter, extensions): (&str, &[&str]) = match format {
        ExportFormat::Xlsx => ("Excel", &["xlsx"]),
        ExportFormat::Csv | ExportFormat::CsvWindows1254 => ("CSV", &["csv"]),
    };
    let path = save_path(app.clone(), suggested, filter, extensions)
        .await
        .map_err(|e| state.error(e))?;
    let Some(path) = path else { return Ok(None) };
    let file_name = super::import_files::file_name(&path);
    let written = state
        .blocking(move |s| {
            let mut progress = |progress| {
                let _ = ExportProgressEvent { progress }.emit(&app);
            };
            Ok(export_with_progress(
                &s.session()?,
                &request,
                format,
                s.lang(),
                &path,
                &mut progress,
            )?)
        })
        .await?;
    Ok(Some(SavedExport {
        file_name,
        rows: written.rows,
    }))
}

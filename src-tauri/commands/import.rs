//! The import wizard: a file chosen in a native dialog (its path stays in Rust, the webview
//! gets a token), a dry run with the detected or edited column mapping, the report page by
//! page, the commit, and the batches with their payments and cancellation. Reading,
//! validating and committing push `ImportProgressEvent`s. Importing needs `import_batches` on
//! the store; core checks it on every call.

use serde::Serialize;
use specta::Type;
use tahsildar_core::import::{
    self, BatchInfo, CancelSummary, ColumnChoice, ImportOptions, ImportProgress, ImportSummary,
    ReportPage, RowFilter,
};
use tahsildar_core::payments::{self, PaymentRow, page::PaymentQuery};
use tahsildar_core::{Lang, Permission};
use tauri::{AppHandle, State};
use tauri_specta::Event;

use super::import_files::{E2E_IMPORT_FILE_VAR, ImportFiles, file_name};
use super::open_dialog::open_path;
use super::save_dialog::save_path;
use crate::error::{CommandError, ShellError};
use crate::state::AppState;

/// Where an import stands, pushed while a file is read, checked and committed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type, tauri_specta::Event)]
pub struct ImportProgressEvent {
    /// The file's token.
    pub token: String,
    pub progress: ImportProgress,
}

/// A file chosen in the native dialog, known to the window only by its token.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct ChosenFile {
    /// Opaque; names the file in later calls.
    pub token: String,
    /// The file's name without its folder.
    pub file_name: String,
}

/// A dry run: the file's token and what it found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct DryRunResult {
    pub token: String,
    pub summary: ImportSummary,
}

/// The error for a token the wizard no longer holds.
fn file_gone(lang: Lang) -> CommandError {
    CommandError {
        code: "import_file_unknown".to_string(),
        message: lang.pick(
            "Seçilen dosya artık içe aktarma sihirbazında açık değil; dosyayı yeniden seçin.",
            "The chosen file is no longer open in the import wizard; choose the file again.",
        ),
        field: Some("file".to_string()),
    }
}

/// Opens the native file dialog (Excel or CSV) for an import into `store_id`; `null` when the
/// user closes it.
#[tauri::command]
#[specta::specta]
pub async fn choose_import_file(
    app: AppHandle,
    state: State<'_, AppState>,
    files: State<'_, ImportFiles>,
    store_id: i64,
) -> Result<Option<ChosenFile>, CommandError> {
    state
        .blocking(move |s| {
            s.session()?
                .require(Permission::ImportBatches, Some(store_id))
                .map_err(ShellError::from)
        })
        .await?;
    let title = state.lang().pick("İçe aktarılacak dosya", "File to import");
    let path = open_path(
        app,
        title,
        "Excel / CSV",
        &["xlsx", "xlsm", "xls", "ods", "csv", "txt"],
        E2E_IMPORT_FILE_VAR,
    )
    .await
    .map_err(|e| state.error(e))?;
    Ok(path.map(|path| {
        let file_name = file_name(&path);
        ChosenFile {
            token: files.add(path),
            file_name,
        }
    }))
}

/// Reads and checks the file into `store_id`, with the detected mapping or the edited one;
/// stores nothing. The rows come through `import_report_page`.
#[tauri::command]
#[specta::specta]
pub async fn import_dry_run(
    app: AppHandle,
    state: State<'_, AppState>,
    files: State<'_, ImportFiles>,
    token: String,
    store_id: i64,
    mapping: Option<Vec<ColumnChoice>>,
) -> Result<DryRunResult, CommandError> {
    let lang = state.lang();
    let path = files.path(&token).ok_or_else(|| file_gone(lang))?;
    let options = ImportOptions {
        mapping: mapping.as_deref().map(ColumnChoice::mapping),
        ..ImportOptions::default()
    };
    let events = app.clone();
    let event_token = token.clone();
    let prepared = state
        .blocking(move |s| {
            let session = s.session()?;
            let mut progress = |progress: ImportProgress| {
                let token = event_token.clone();
                let _ = ImportProgressEvent { token, progress }.emit(&events);
            };
            Ok(import::dry_run_with_progress(
                &session,
                store_id,
                &path,
                &options,
                &mut progress,
            )?)
        })
        .await?;
    let prepared = files
        .set_dry_run(&token, prepared)
        .ok_or_else(|| file_gone(lang))?;
    Ok(DryRunResult {
        summary: ImportSummary::of(&prepared.report),
        token,
    })
}

/// One page of the dry run's rows (at most 500), filtered by status.
#[tauri::command]
#[specta::specta]
pub async fn import_report_page(
    state: State<'_, AppState>,
    files: State<'_, ImportFiles>,
    token: String,
    filter: RowFilter,
    offset: u32,
    limit: u32,
) -> Result<ReportPage, CommandError> {
    let lang = state.lang();
    let prepared = files.dry_run(&token).ok_or_else(|| file_gone(lang))?;
    let store_id = prepared.report.store_id;
    state
        .blocking(move |s| {
            s.session()?
                .require(Permission::ImportBatches, Some(store_id))?;
            Ok(prepared.report.page(filter, offset, limit))
        })
        .await
}

/// Stores every row of the last dry run that is not an error, all or nothing; the file is then
/// closed in the wizard.
#[tauri::command]
#[specta::specta]
pub async fn commit_import(
    app: AppHandle,
    state: State<'_, AppState>,
    files: State<'_, ImportFiles>,
    token: String,
) -> Result<BatchInfo, CommandError> {
    let lang = state.lang();
    let prepared = files.dry_run(&token).ok_or_else(|| file_gone(lang))?;
    let event_token = token.clone();
    let batch = state
        .blocking(move |s| {
            let session = s.session()?;
            let mut progress = |progress: ImportProgress| {
                let token = event_token.clone();
                let _ = ImportProgressEvent { token, progress }.emit(&app);
            };
            Ok(import::commit_with_progress(
                &session,
                &prepared,
                &mut progress,
            )?)
        })
        .await?;
    files.remove(&token);
    Ok(batch)
}

/// Closes a file in the wizard without importing it.
#[tauri::command]
#[specta::specta]
pub async fn discard_import(
    files: State<'_, ImportFiles>,
    token: String,
) -> Result<(), CommandError> {
    files.remove(&token);
    Ok(())
}

/// Committed batches of one store or of every store the user may see, newest first.
#[tauri::command]
#[specta::specta]
pub async fn list_import_batches(
    state: State<'_, AppState>,
    store_id: Option<i64>,
) -> Result<Vec<BatchInfo>, CommandError> {
    state
        .blocking(move |s| Ok(import::batches::list(&s.session()?, store_id)?))
        .await
}

/// One batch.
#[tauri::command]
#[specta::specta]
pub async fn import_batch(
    state: State<'_, AppState>,
    batch_id: i64,
) -> Result<BatchInfo, CommandError> {
    state
        .blocking(move |s| Ok(import::batches::get(&s.session()?, batch_id)?))
        .await
}

/// Cancels the batch's payments that have not run; needs `import_batches` on its store.
#[tauri::command]
#[specta::specta]
pub async fn cancel_import_batch(
    state: State<'_, AppState>,
    batch_id: i64,
) -> Result<CancelSummary, CommandError> {
    state
        .blocking(move |s| Ok(import::batches::cancel(&s.session()?, batch_id)?))
        .await
}

/// The payments a batch brought (first 1000), with their latest bank answer.
#[tauri::command]
#[specta::specta]
pub async fn list_batch_payments(
    state: State<'_, AppState>,
    batch_id: i64,
) -> Result<Vec<PaymentRow>, CommandError> {
    state
        .blocking(move |s| {
            let filter = PaymentQuery {
                batch_id: Some(batch_id),
                ..PaymentQuery::default()
            };
            Ok(payments::page::all(&s.session()?, &filter)?)
        })
        .await
}

/// Saves the import template where the user chooses in the native save dialog; the file's
/// name, or `null` when the dialog was closed.
#[tauri::command]
#[specta::specta]
pub async fn save_import_template(
    app: AppHandle,
    state: State<'_, AppState>,
) -> Result<Option<String>, CommandError> {
    state.blocking(|s| s.session().map(|_| ())).await?;
    let lang = state.lang();
    let suggested = lang.pick("tahsilat-sablonu.xlsx", "collection-template.xlsx");
    let path = save_path(app, suggested, "Excel", &["xlsx"])
        .await
        .map_err(|e| state.error(e))?;
    let Some(path) = path else { return Ok(None) };
    let name = file_name(&path);
    state
        .blocking(move |_| {
            import::write_template(&path)?;
            Ok(())
        })
        .await?;
    Ok(Some(name))
}

#[cfg(test)]
#[path = "import_tests.rs"]
mod tests;

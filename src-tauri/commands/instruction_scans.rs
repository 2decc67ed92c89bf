//! The scan of a card's signed instruction (core's `customer::instruction_scan`): attached from
//! a file chosen in the native open dialog (read here, its path never sent to the webview),
//! opened in the window (the bytes go over IPC and are never written to disk), a copy saved
//! where the user chooses in the native save dialog, and removed. Core checks the permissions
//! and audits every attach, opening, copy and removal.

use std::path::PathBuf;

use tahsildar_core::customer::instruction_scan::{
    self, InstructionScan, InstructionScanFile, ScanType,
};
use tauri::{AppHandle, State};

use super::open_dialog::open_path;
use super::save_dialog::save_path;
use crate::error::CommandError;
use crate::state::AppState;

/// Test-only: the file the open dialog would return for a scan (debug builds only).
pub const E2E_SCAN_FILE_VAR: &str = "TAHSILDAR_E2E_SCAN_FILE";

pub(crate) async fn attach_path(
    state: &AppState,
    card_id: i64,
    path: PathBuf,
) -> Result<InstructionScan, CommandError> {
    state
        .blocking(move |s| {
            Ok(instruction_scan::attach_file(
                &s.session()?,
                card_id,
                &path,
            )?)
        })
        .await
}

pub(crate) async fn open(
    state: &AppState,
    card_id: i64,
) -> Result<InstructionScanFile, CommandError> {
    state
        .blocking(move |s| Ok(instruction_scan::open(&s.session()?, card_id)?))
        .await
}

pub(crate) async fn remove(state: &AppState, card_id: i64) -> Result<(), CommandError> {
    state
        .blocking(move |s| Ok(instruction_scan::remove(&s.session()?, card_id)?))
        .await
}

/// Saves a copy of the card's scan at `path`; the name it was saved under.
pub(crate) async fn save_to(
    state: &AppState,
    card_id: i64,
    path: PathBuf,
) -> Result<String, CommandError> {
    let file_name = super::import_files::file_name(&path);
    state
        .blocking(move |s| {
            instruction_scan::save_copy(&s.session()?, card_id, &path)?;
            Ok(())
        })
        .await?;
    Ok(file_name)
}

/// Attaches the scan of the card's signed instruction (PDF, PNG or JPEG, at most 10 MB) from
/// a file chosen in the native open dialog, replacing the one before; `null` when the dialog
/// was closed. Needs `create_collections` on the card's store, checked before the dialog opens.
#[tauri::command]
#[specta::specta]
pub async fn attach_instruction_scan(
    app: AppHandle,
    state: State<'_, AppState>,
    card_id: i64,
) -> Result<Option<InstructionScan>, CommandError> {
    state
        .blocking(move |s| Ok(instruction_scan::may_attach(&s.session()?, card_id)?))
        .await?;
    let title = state.lang().pick(
        "İmzalı talimat formunun taraması",
        "Scan of the signed instruction",
    );
    let path = open_path(
        app,
        title,
        "PDF / PNG / JPEG",
        &["pdf", "png", "jpg", "jpeg"],
        E2E_SCAN_FILE_VAR,
    )
    .await
    .map_err(|e| state.error(e))?;
    match path {
        Some(path) => attach_path(&state, card_id, path).await.map(Some),
        None => Ok(None),
    }
}

/// The card's scan with its bytes, to be shown in the window; needs `view_reports` on the
/// card's store. Every opening is audited.
#[tauri::command]
#[specta::specta]
pub async fn open_instruction_scan(
    state: State<'_, AppState>,
    card_id: i64,
) -> Result<InstructionScanFile, CommandError> {
    open(&state, card_id).await
}

/// Saves a copy of the card's scan where the user chooses in the native save dialog (its name
/// suggested); the name saved under, or `null` when the dialog was closed. Needs
/// `view_reports` on the card's store; audited.
#[tauri::command]
#[specta::specta]
pub async fn save_instruction_scan(
    app: AppHandle,
    state: State<'_, AppState>,
    card_id: i64,
) -> Result<Option<String>, CommandError> {
    let scan = state
        .blocking(move |s| Ok(instruction_scan::info(&s.session()?, card_id)?))
        .await?;
    let (filter, extensions): (&str, &[&str]) = match scan.media_type {
        ScanType::Pdf => ("PDF", &["pdf"]),
        ScanType::Png => ("PNG", &["png"]),
        ScanType::Jpeg => ("JPEG", &["jpg", "jpeg"]),
    };
    let path = save_path(app, scan.file_name, filter, extensions)
        .await
        .map_err(|e| state.error(e))?;
    match path {
        Some(path) => save_to(&state, card_id, path).await.map(Some),
        None => Ok(None),
    }
}

/// Removes the card's scan; needs `create_collections` on the card's store, audited.
#[tauri::command]
#[specta::specta]
pub async fn remove_instruction_scan(
    state: State<'_, AppState>,
    card_id: i64,
) -> Result<(), CommandError> {
    remove(&state, card_id).await
}

#[cfg(test)]
#[path = "instruction_scans_tests.rs"]
mod tests;

//! Where to save a file the app writes (an export, the support bundle, the import template):
//! chosen in the native save dialog, in Rust, never taken from the webview. The end-to-end
//! suite cannot drive a native dialog: in debug builds `TAHSILDAR_E2E_SAVE_DIR` names a folder
//! the file is saved in under its suggested name instead.

use std::path::PathBuf;

use tauri::AppHandle;
use tauri_plugin_dialog::DialogExt;

use crate::error::ShellError;

/// Test-only: the folder files are saved in without a dialog (debug builds only).
pub const E2E_SAVE_DIR_VAR: &str = "TAHSILDAR_E2E_SAVE_DIR";

/// The path the user chose for `suggested` (a file name with one of `extensions`), or `None`
/// when they closed the dialog.
pub async fn save_path(
    app: AppHandle,
    suggested: String,
    filter: &'static str,
    extensions: &'static [&'static str],
) -> Result<Option<PathBuf>, ShellError> {
    if cfg!(debug_assertions)
        && let Some(dir) = std::env::var_os(E2E_SAVE_DIR_VAR)
    {
        return Ok(Some(PathBuf::from(dir).join(suggested)));
    }
    tauri::async_runtime::spawn_blocking(move || {
        app.dialog()
            .file()
            .set_file_name(suggested)
            .add_filter(filter, extensions)
            .blocking_save_file()
            .and_then(|p| p.into_path().ok())
    })
    .await
    .map_err(|_| ShellError::Internal("the file dialog failed".to_string()))
}

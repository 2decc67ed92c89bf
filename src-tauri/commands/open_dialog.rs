//! Which file to open (a file to import, a backup to restore, the scan of a signed
//! instruction): chosen in the native open dialog, in Rust, never taken from the webview. The
//! end-to-end suite cannot drive a native dialog: in debug builds an environment variable names
//! the file (or folder) the dialog would return.

use std::path::PathBuf;

use tauri::AppHandle;
use tauri_plugin_dialog::DialogExt;

use crate::error::ShellError;

/// Test-only: the path the variable `var` names in debug builds, instead of a dialog.
pub fn e2e_path(var: &str) -> Option<PathBuf> {
    if cfg!(debug_assertions) {
        std::env::var_os(var).map(PathBuf::from)
    } else {
        None
    }
}

/// The file the user chose under `title` among `filter` (files ending in one of `extensions`),
/// or `None` when they closed the dialog; in debug builds the file `e2e_var` names, if set.
pub async fn open_path(
    app: AppHandle,
    title: String,
    filter: &'static str,
    extensions: &'static [&'static str],
    e2e_var: &str,
) -> Result<Option<PathBuf>, ShellError> {
    if let Some(path) = e2e_path(e2e_var) {
        return Ok(Some(path));
    }
    tauri::async_runtime::spawn_blocking(move || {
        app.dialog()
            .file()
            .set_title(title)
            .add_filter(filter, extensions)
            .blocking_pick_file()
            .and_then(|p| p.into_path().ok())
    })
    .await
    .map_err(|_| ShellError::Internal("the file dialog failed".to_string()))
}

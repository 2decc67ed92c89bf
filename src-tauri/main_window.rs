//! The main window, built at start-up from its configuration in `tauri.conf.json` (which does
//! not create it by itself) with one addition: its webview downloads nothing. Every file the
//! app writes is chosen in a native dialog and written in Rust, audited where it holds data; a
//! download started in the window (the PDF viewer's own save button on an opened instruction
//! scan, say) would put a copy on disk unrecorded, so it is refused.

use tauri::{App, WebviewWindowBuilder};

/// The window's label in the configuration.
pub const LABEL: &str = "main";

/// Builds the main window, shown unless `visible` is false (a start in the tray).
pub fn create(app: &App, visible: bool) -> tauri::Result<()> {
    let config = app
        .config()
        .app
        .windows
        .iter()
        .find(|w| w.label == LABEL)
        .cloned()
        .ok_or_else(|| tauri::Error::WindowNotFound)?;
    WebviewWindowBuilder::from_config(app.handle(), &config)?
        .visible(visible)
        .on_download(|_, _| false)
        .build()?;
    Ok(())
}

//! Desktop notifications: the report of a finished run, what waits for an operator, the notice
//! of the first close to the tray. A click on one brings the window forward; a click on the
//! one about the attention queue opens that screen too.

use std::sync::atomic::{AtomicBool, Ordering};

use tauri::{AppHandle, Manager};
use tauri_plugin_dialog::DialogExt;
use tauri_plugin_notification::NotificationExt;
use tauri_specta::Event;

/// The id of the notification that points at the attention queue.
pub const ATTENTION_ID: i32 = 2;

/// The window is asked to open a screen (e.g. "attention" after its notification was clicked).
#[derive(Debug, Clone, serde::Serialize, specta::Type, tauri_specta::Event)]
#[serde(transparent)]
pub struct OpenScreenEvent(pub String);

/// Set when the attention notification was shown while the window was in the tray (or when it
/// was clicked): the next time the window comes forward from
/// the tray it opens the attention queue (also where a click on a notification is not reported).
static ATTENTION_PENDING: AtomicBool = AtomicBool::new(false);

/// Listens to clicks on the app's notifications.
pub fn install(app: &AppHandle) {
    let handle = app.clone();
    let _ = app.notification().on_action(move |performed| {
        if performed.action_id() != "tap" {
            return;
        }
        let attention = performed
            .notification()
            .is_some_and(|n| n.id() == ATTENTION_ID);
        if attention {
            ATTENTION_PENDING.store(true, Ordering::Relaxed);
        }
        crate::tray::show_main_window(&handle);
    });
}

/// After the window came forward: opens the attention queue if its notification is pending.
pub fn open_pending_screen(app: &AppHandle) {
    if ATTENTION_PENDING.swap(false, Ordering::Relaxed) {
        let _ = OpenScreenEvent("attention".to_string()).emit(app);
    }
}

/// Shows a notification off the async runtime; the service may be slow or absent (then
/// nothing is shown), it never holds anything up. `id` tells a click on it apart.
pub fn show(app: &AppHandle, id: Option<i32>, title: String, body: String) {
    let hidden = app
        .get_webview_window("main")
        .is_some_and(|w| !w.is_visible().unwrap_or(true));
    if id == Some(ATTENTION_ID) && hidden {
        ATTENTION_PENDING.store(true, Ordering::Relaxed);
    }
    let app = app.clone();
    tauri::async_runtime::spawn_blocking(move || {
        let mut builder = app.notification().builder().title(title).body(body);
        if let Some(id) = id {
            builder = builder.id(id);
        }
        let _ = builder.show();
    });
}

/// A notice that must be read once: a notification where the desktop shows them, else a dialog.
pub fn show_once_read(app: &AppHandle, title: String, body: String) {
    if server_present() {
        show(app, None, title, body);
    } else {
        app.dialog().message(body).title(title).show(|_| {});
    }
}

/// Whether the desktop has a notification service.
#[cfg(all(unix, not(target_os = "macos")))]
fn server_present() -> bool {
    notify_rust::get_server_information().is_ok()
}

#[cfg(not(all(unix, not(target_os = "macos"))))]
fn server_present() -> bool {
    true
}

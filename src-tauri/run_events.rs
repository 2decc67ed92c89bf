//! The scheduler's progress, pushed to the window as `RunProgressEvent`, and a desktop
//! notification with the counts when a run ends.

use tahsildar_core::{Lang, RunProgress};
use tauri::{AppHandle, Manager};
use tauri_plugin_notification::NotificationExt;
use tauri_specta::Event;
use tokio::sync::watch;

use crate::commands::scheduler::RunProgressEvent;
use crate::state::{AppState, ProgressHook};

/// The title and body of the notification for a finished run.
pub fn run_finished_text(progress: &RunProgress, lang: Lang) -> (String, String) {
    let p = progress;
    (
        lang.pick("Tahsilat turu bitti", "Collection run finished"),
        lang.pick(
            format!(
                "{} ödeme: {} onay, {} red, {} müdahale bekliyor, {} sonuçsuz.",
                p.done, p.approved, p.declined, p.attention, p.unresolved
            ),
            format!(
                "{} payment(s): {} approved, {} declined, {} need an operator, {} unresolved.",
                p.done, p.approved, p.declined, p.attention, p.unresolved
            ),
        ),
    )
}

/// True when this change ends a run that did something.
pub fn run_just_ended(before: &RunProgress, now: &RunProgress) -> bool {
    before.active && !now.active && now.done > 0
}

/// Forwards every change of an engine's progress to the window.
pub fn forwarder(app: AppHandle) -> ProgressHook {
    Box::new(move |progress| {
        tauri::async_runtime::spawn(forward(app.clone(), progress));
    })
}

/// The desktop notification for a finished run. The notification service may be slow or
/// absent (then nothing is shown); it never holds up the progress.
fn notify(app: &AppHandle, title: String, body: String) {
    let app = app.clone();
    tauri::async_runtime::spawn_blocking(move || {
        let _ = app.notification().builder().title(title).body(body).show();
    });
}

async fn forward(app: AppHandle, mut progress: watch::Receiver<RunProgress>) {
    let mut before = progress.borrow_and_update().clone();
    let _ = RunProgressEvent(before.clone()).emit(&app);
    while progress.changed().await.is_ok() {
        let now = progress.borrow_and_update().clone();
        let _ = RunProgressEvent(now.clone()).emit(&app);
        if run_just_ended(&before, &now) {
            let lang = app.state::<AppState>().lang();
            let (title, body) = run_finished_text(&now, lang);
            notify(&app, title, body);
        }
        before = now;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn progress(active: bool, done: u64) -> RunProgress {
        RunProgress {
            queued: 3,
            done,
            approved: 2,
            declined: 1,
            active,
            ..RunProgress::default()
        }
    }

    #[test]
    fn a_run_ends_when_it_stops_being_active_after_doing_something() {
        assert!(run_just_ended(&progress(true, 2), &progress(false, 3)));
        assert!(!run_just_ended(&progress(true, 1), &progress(true, 2)));
        assert!(!run_just_ended(&progress(false, 0), &progress(false, 0)));
        assert!(!run_just_ended(&progress(true, 0), &progress(false, 0)));
    }

    #[test]
    fn the_notification_gives_the_counts_in_the_ui_language() {
        let (title, body) = run_finished_text(&progress(false, 3), Lang::Tr);
        assert_eq!(title, "Tahsilat turu bitti");
        assert_eq!(
            body,
            "3 ödeme: 2 onay, 1 red, 0 müdahale bekliyor, 0 sonuçsuz."
        );
        let (title, body) = run_finished_text(&progress(false, 3), Lang::En);
        assert_eq!(title, "Collection run finished");
        assert_eq!(
            body,
            "3 payment(s): 2 approved, 1 declined, 0 need an operator, 0 unresolved."
        );
    }
}

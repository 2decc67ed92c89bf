//! The scheduler's progress, pushed to the window as `RunProgressEvent` and shown in the tray,
//! and a desktop notification with the counts when a run ends, saying too what waits for an
//! operator (a click on it, or opening the window from the tray, shows the attention queue).

use tahsildar_core::payments::queue::{self, Waiting};
use tahsildar_core::{Lang, RunProgress};
use tauri::{AppHandle, Manager};
use tauri_specta::Event;
use tokio::sync::watch;

use crate::commands::scheduler::RunProgressEvent;
use crate::notify;
use crate::state::{AppState, ProgressHook};

/// The notification for a finished run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunNotice {
    pub title: String,
    pub body: String,
    /// Something waits for an operator: the notification leads to the attention queue.
    pub attention: bool,
}

/// What waits for an operator, e.g. "2 ödeme kalıcı olarak reddedildi (başka kart gerekiyor),
/// 1 mutabakat farkı"; `None` when nothing does.
pub fn waiting_text(waiting: &Waiting, lang: Lang) -> Option<String> {
    let parts: Vec<String> = [
        (
            waiting.declined,
            lang.pick(
                "ödeme kalıcı olarak reddedildi (başka kart gerekiyor)",
                "payment(s) declined for good (another card is needed)",
            ),
        ),
        (
            waiting.review,
            lang.pick(
                "ödeme elle inceleme bekliyor (bankanın cevabı belli değil)",
                "payment(s) wait for a manual review (the bank's answer is not known)",
            ),
        ),
        (
            waiting.blocked,
            lang.pick(
                "ödeme mağaza ayarı ya da kart bekliyor",
                "payment(s) wait for the store's settings or a card",
            ),
        ),
        (
            waiting.differences,
            lang.pick("mutabakat farkı", "settlement difference(s)"),
        ),
    ]
    .into_iter()
    .filter(|(count, _)| *count > 0)
    .map(|(count, what)| format!("{count} {what}"))
    .collect();
    (!parts.is_empty()).then(|| parts.join(", "))
}

/// The notification for a finished run: its counts, and what waits for an operator now.
pub fn run_finished(progress: &RunProgress, waiting: &Waiting, lang: Lang) -> RunNotice {
    let p = progress;
    let counts = lang.pick(
        format!(
            "{} ödeme: {} onay, {} red, {} müdahale bekliyor, {} sonuçsuz.",
            p.done, p.approved, p.declined, p.attention, p.unresolved
        ),
        format!(
            "{} payment(s): {} approved, {} declined, {} need an operator, {} unresolved.",
            p.done, p.approved, p.declined, p.attention, p.unresolved
        ),
    );
    match waiting_text(waiting, lang) {
        None => RunNotice {
            title: lang.pick("Tahsilat turu bitti", "Collection run finished"),
            body: counts,
            attention: false,
        },
        Some(what) => RunNotice {
            title: lang.pick(
                "Tahsilat turu bitti — müdahale gerekiyor",
                "Collection run finished — needs attention",
            ),
            body: lang.pick(
                format!("{counts}\nMüdahale bekleyenler: {what}. Tahsildar'ı açınca müdahale listesi gelir."),
                format!("{counts}\nWaiting for an operator: {what}. Opening Tahsildar shows the attention queue."),
            ),
            attention: true,
        },
    }
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

/// The desktop notification for a finished run, with what waits for an operator (read from
/// the vault off the async runtime; it never holds up the progress).
fn notify_run_finished(app: &AppHandle, progress: RunProgress) {
    let app = app.clone();
    tauri::async_runtime::spawn_blocking(move || {
        let state = app.state::<AppState>();
        let waiting = state
            .engine()
            .ok()
            .and_then(|engine| queue::waiting(engine.vault()).ok())
            .unwrap_or_default();
        let notice = run_finished(&progress, &waiting, state.lang());
        let id = notice.attention.then_some(notify::ATTENTION_ID);
        notify::show(&app, id, notice.title, notice.body);
    });
}

async fn forward(app: AppHandle, mut progress: watch::Receiver<RunProgress>) {
    let mut before = progress.borrow_and_update().clone();
    let _ = RunProgressEvent(before.clone()).emit(&app);
    crate::tray::refresh(&app);
    while progress.changed().await.is_ok() {
        let now = progress.borrow_and_update().clone();
        let _ = RunProgressEvent(now.clone()).emit(&app);
        crate::tray::refresh(&app);
        if run_just_ended(&before, &now) {
            notify_run_finished(&app, now.clone());
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
        let nothing = Waiting::default();
        let notice = run_finished(&progress(false, 3), &nothing, Lang::Tr);
        assert_eq!(notice.title, "Tahsilat turu bitti");
        assert_eq!(
            notice.body,
            "3 ödeme: 2 onay, 1 red, 0 müdahale bekliyor, 0 sonuçsuz."
        );
        assert!(!notice.attention);
        let notice = run_finished(&progress(false, 3), &nothing, Lang::En);
        assert_eq!(notice.title, "Collection run finished");
        assert_eq!(
            notice.body,
            "3 payment(s): 2 approved, 1 declined, 0 need an operator, 0 unresolved."
        );
    }

    #[test]
    fn what_waits_for_an_operator_is_said_with_how_many_of_each() {
        let waiting = Waiting {
            declined: 2,
            review: 1,
            blocked: 0,
            differences: 3,
        };
        let notice = run_finished(&progress(false, 3), &waiting, Lang::Tr);
        assert!(notice.attention);
        assert_eq!(notice.title, "Tahsilat turu bitti — müdahale gerekiyor");
        assert_eq!(
            notice.body,
            "3 ödeme: 2 onay, 1 red, 0 müdahale bekliyor, 0 sonuçsuz.\nMüdahale bekleyenler: \
             2 ödeme kalıcı olarak reddedildi (başka kart gerekiyor), 1 ödeme elle inceleme \
             bekliyor (bankanın cevabı belli değil), 3 mutabakat farkı. Tahsildar'ı açınca \
             müdahale listesi gelir."
        );
        let notice = run_finished(&progress(false, 3), &waiting, Lang::En);
        assert_eq!(notice.title, "Collection run finished — needs attention");
        assert!(
            notice.body.ends_with(
                "Waiting for an operator: 2 payment(s) declined for good (another card is \
                 needed), 1 payment(s) wait for a manual review (the bank's answer is not \
                 known), 3 settlement difference(s). Opening Tahsildar shows the attention \
                 queue."
            ),
            "{}",
            notice.body
        );
        let blocked = Waiting {
            blocked: 1,
            ..Waiting::default()
        };
        assert_eq!(
            waiting_text(&blocked, Lang::En).as_deref(),
            Some("1 payment(s) wait for the store's settings or a card")
        );
        assert_eq!(waiting_text(&Waiting::default(), Lang::Tr), None);
    }
}

//! The tray icon: closing the window keeps the app (and its scheduler) running in the tray, with
//! a notice the first time. The tray menu shows the scheduler's state and offers pause or
//! resume, run now (through the same checked and audited path as the window's buttons), open
//! and quit; it is rebuilt whenever what it shows changes.

pub mod labels;
pub mod notice;

use std::sync::Mutex;
use std::time::Duration;

use tahsildar_core::Lang;
use tahsildar_core::engine::scheduler::SchedulerCommand;
use tauri::menu::{Menu, MenuItem, PredefinedMenuItem};
use tauri::tray::TrayIconBuilder;
use tauri::{AppHandle, Manager, Runtime, WindowEvent};

use crate::state::AppState;
use labels::{Action, SchedulerState, TrayState};

const TRAY_ID: &str = "main";

/// How often the menu is looked at besides the scheduler's changes (a session that timed out,
/// a run time that passed).
const LOOK_AGAIN: Duration = Duration::from_secs(30);

/// What the menu shows now, so it is rebuilt only when that changes.
#[derive(Default)]
struct Shown(Mutex<Option<(TrayState, Lang)>>);

/// Brings the main window to the front (from the tray, a notification, or when a second start is
/// refused), on the attention queue when its notification asked for it.
pub fn show_main_window(app: &AppHandle) {
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
    }
    crate::notify::open_pending_screen(app);
}

/// The tray's view of the app now. Reads the next run time from the vault: call it off the
/// async runtime.
pub fn read_state(state: &AppState) -> TrayState {
    let scheduler = match (state.vault(), state.engine()) {
        (Err(_), _) => SchedulerState::Closed,
        (Ok(_), Err(_)) => SchedulerState::Stopped,
        (Ok(vault), Ok(engine)) => {
            let progress = engine.progress().borrow().clone();
            if progress.active {
                SchedulerState::Collecting {
                    done: progress.done,
                    queued: progress.queued,
                }
            } else if progress.paused {
                SchedulerState::Paused
            } else {
                SchedulerState::Waiting {
                    next_run: crate::commands::scheduler::next_run_text(&vault),
                }
            }
        }
    };
    TrayState {
        scheduler,
        signed_in: state.current_session().is_some_and(|s| s.is_alive()),
    }
}

fn menu(app: &AppHandle, state: &TrayState, lang: Lang) -> tauri::Result<Menu<tauri::Wry>> {
    let menu = Menu::new(app)?;
    for item in labels::items(state, lang) {
        if item.action == Action::Open {
            menu.append(&PredefinedMenuItem::separator(app)?)?;
        }
        let entry = MenuItem::with_id(
            app,
            item.action.id(),
            item.label,
            item.enabled,
            None::<&str>,
        )?;
        menu.append(&entry)?;
    }
    Ok(menu)
}

/// Rebuilds the menu if what it shows changed (the scheduler's state, who is signed in, the
/// UI language). Cheap to call often.
pub fn refresh(app: &AppHandle) {
    let app = app.clone();
    tauri::async_runtime::spawn_blocking(move || {
        let Some(state) = app.try_state::<AppState>() else {
            return;
        };
        let now = (read_state(&state), state.lang());
        let Some(shown) = app.try_state::<Shown>() else {
            return;
        };
        let mut shown = shown.0.lock().unwrap_or_else(|p| p.into_inner());
        if shown.as_ref() == Some(&now) {
            return;
        }
        if let (Some(tray), Ok(menu)) = (app.tray_by_id(TRAY_ID), menu(&app, &now.0, now.1)) {
            let _ = tray.set_menu(Some(menu));
            *shown = Some(now);
        }
    });
}

/// Gives the scheduler an order from the menu, then shows its new state; a refusal (nobody
/// signed in, no permission) is told in a notification.
fn order(app: &AppHandle, command: SchedulerCommand) {
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        let state = app.state::<AppState>().inner().clone();
        if let Err(e) = crate::commands::scheduler::tell(&state, command).await {
            crate::notify::show(&app, None, crate::PRODUCT_NAME.to_string(), e.message);
        }
        refresh(&app);
    });
}

/// What choosing a menu item does.
pub fn choose(app: &AppHandle, action: Action) {
    match action {
        Action::State => {}
        Action::Pause => order(app, SchedulerCommand::Pause),
        Action::Resume => order(app, SchedulerCommand::Resume),
        Action::RunNow => order(app, SchedulerCommand::RunNow(None)),
        Action::Open => show_main_window(app),
        Action::Quit => app.exit(0),
    }
}

/// Adds the tray icon with its menu, and looks at the menu again every half minute.
pub fn install(app: &AppHandle) -> tauri::Result<()> {
    app.manage(Shown::default());
    let state = TrayState {
        scheduler: SchedulerState::Closed,
        signed_in: false,
    };
    let menu = menu(app, &state, app.state::<AppState>().lang())?;
    let mut tray = TrayIconBuilder::with_id(TRAY_ID)
        .tooltip(crate::PRODUCT_NAME)
        .menu(&menu)
        .on_menu_event(|app, event| {
            if let Some(action) = Action::from_id(event.id().as_ref()) {
                choose(app, action);
            }
        });
    if let Some(icon) = app.default_window_icon() {
        tray = tray.icon(icon.clone());
    }
    tray.build(app)?;
    let handle = app.clone();
    tauri::async_runtime::spawn(async move {
        let mut tick = tokio::time::interval(LOOK_AGAIN);
        loop {
            tick.tick().await;
            refresh(&handle);
        }
    });
    Ok(())
}

/// Closing the main window hides it: the scheduler keeps running in the tray (unless there is
/// no tray to come back from). The first time, a notice says so and how to quit.
pub fn keep_running_on_close(window: &tauri::Window, event: &WindowEvent) {
    if let WindowEvent::CloseRequested { api, .. } = event
        && window.label() == "main"
        && !crate::TRAY_MISSING.load(std::sync::atomic::Ordering::Relaxed)
    {
        api.prevent_close();
        let _ = window.hide();
        if let Some((title, body)) = first_close_notice(window.app_handle()) {
            crate::notify::show_once_read(window.app_handle(), title, body);
        }
    }
}

/// The notice of the first close to the tray, in the UI language, if this is the first close
/// on this data folder (it is remembered at once).
pub fn first_close_notice<R: Runtime>(app: &AppHandle<R>) -> Option<(String, String)> {
    let paths = app.try_state::<crate::AppPaths>()?;
    let state = app.try_state::<AppState>()?;
    notice::first_close(&notice::path(&paths.data_dir)).then(|| notice::text(state.lang()))
}

#[cfg(test)]
mod tests;

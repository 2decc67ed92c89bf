//! The tray icon: closing the window keeps the app (and its scheduler) running in the tray, with
//! a notice the first time. The tray menu shows the scheduler's state and offers pause or
//! resume, run now (through the same checked and audited path as the window's buttons), open
//! and quit. A change of a label only (a run's count) rewrites that item's text; the menu is
//! rebuilt only when its items or what they allow change.

pub mod labels;
pub mod notice;

use std::sync::Mutex;
use std::time::Duration;

use tahsildar_core::engine::scheduler::SchedulerCommand;
use tauri::menu::{Menu, MenuItem, PredefinedMenuItem};
use tauri::tray::TrayIconBuilder;
use tauri::{AppHandle, Manager, Runtime, WindowEvent};

use crate::state::AppState;
use labels::{Action, Item, SchedulerState, TrayState};

const TRAY_ID: &str = "main";

/// How often the menu is looked at besides the scheduler's changes (a session that timed out,
/// a run time that passed).
const LOOK_AGAIN: Duration = Duration::from_secs(30);

/// The menu's items, each beside the entry that shows it.
type Entries = Vec<(Item, MenuItem<tauri::Wry>)>;

/// The menu's items as shown now.
struct Shown(Mutex<Entries>);

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

fn menu(app: &AppHandle, items: &[Item]) -> tauri::Result<(Menu<tauri::Wry>, Entries)> {
    let menu = Menu::new(app)?;
    let mut shown = Vec::with_capacity(items.len());
    for item in items {
        if item.action == Action::Open {
            menu.append(&PredefinedMenuItem::separator(app)?)?;
        }
        let entry = MenuItem::with_id(
            app,
            item.action.id(),
            &item.label,
            item.enabled,
            None::<&str>,
        )?;
        menu.append(&entry)?;
        shown.push((item.clone(), entry));
    }
    Ok((menu, shown))
}

/// Whether `now` differs from what is shown in its labels only.
fn same_items(shown: &Entries, now: &[Item]) -> bool {
    shown.len() == now.len()
        && shown
            .iter()
            .zip(now)
            .all(|((was, _), is)| was.action == is.action && was.enabled == is.enabled)
}

/// Brings the menu up to date with the scheduler's state, who is signed in and the UI language:
/// changed labels are rewritten in place, changed items rebuild the menu. Cheap to call often.
pub fn refresh(app: &AppHandle) {
    let app = app.clone();
    tauri::async_runtime::spawn_blocking(move || {
        let (Some(state), Some(shown)) = (app.try_state::<AppState>(), app.try_state::<Shown>())
        else {
            return;
        };
        let now = labels::items(&read_state(&state), state.lang());
        let mut shown = shown.0.lock().unwrap_or_else(|p| p.into_inner());
        if same_items(&shown, &now) {
            for ((was, entry), is) in shown.iter_mut().zip(now) {
                if was.label != is.label && entry.set_text(&is.label).is_ok() {
                    *was = is;
                }
            }
        } else if let (Some(tray), Ok((menu, entries))) =
            (app.tray_by_id(TRAY_ID), menu(&app, &now))
        {
            let _ = tray.set_menu(Some(menu));
            *shown = entries;
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
    let state = TrayState {
        scheduler: SchedulerState::Closed,
        signed_in: false,
    };
    let (menu, entries) = menu(app, &labels::items(&state, app.state::<AppState>().lang()))?;
    app.manage(Shown(Mutex::new(entries)));
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

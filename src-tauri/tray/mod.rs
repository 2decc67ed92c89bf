//! The tray icon: closing the window keeps the app (and its scheduler) running in the tray;
//! the tray menu opens the window again or quits.

use tahsildar_core::Lang;
use tauri::menu::{Menu, MenuItem};
use tauri::tray::TrayIconBuilder;
use tauri::{AppHandle, Manager, WindowEvent};

const SHOW: &str = "show";
const QUIT: &str = "quit";

/// The tray menu's labels in `lang`: (show the window, quit).
pub fn labels(lang: Lang) -> (String, String) {
    (
        lang.pick("Tahsildar'ı aç", "Open Tahsildar"),
        lang.pick("Çıkış (zamanlayıcı durur)", "Quit (the scheduler stops)"),
    )
}

/// Brings the main window to the front (from the tray, or when a second start is refused).
pub fn show_main_window(app: &AppHandle) {
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
    }
}

fn menu(app: &AppHandle, lang: Lang) -> tauri::Result<Menu<tauri::Wry>> {
    let (show, quit) = labels(lang);
    let show = MenuItem::with_id(app, SHOW, show, true, None::<&str>)?;
    let quit = MenuItem::with_id(app, QUIT, quit, true, None::<&str>)?;
    Menu::with_items(app, &[&show, &quit])
}

/// Puts the tray menu in the UI language.
pub fn relabel(app: &AppHandle, lang: Lang) {
    if let (Some(tray), Ok(menu)) = (app.tray_by_id("main"), menu(app, lang)) {
        let _ = tray.set_menu(Some(menu));
    }
}

/// Adds the tray icon with its menu: open the window, quit.
pub fn install(app: &AppHandle, lang: Lang) -> tauri::Result<()> {
    let menu = menu(app, lang)?;
    let mut tray = TrayIconBuilder::with_id("main")
        .tooltip(crate::PRODUCT_NAME)
        .menu(&menu)
        .on_menu_event(|app, event| match event.id().as_ref() {
            SHOW => show_main_window(app),
            QUIT => app.exit(0),
            _ => {}
        });
    if let Some(icon) = app.default_window_icon() {
        tray = tray.icon(icon.clone());
    }
    tray.build(app)?;
    Ok(())
}

/// Closing the main window hides it: the scheduler keeps running in the tray (unless there is
/// no tray to come back from).
pub fn keep_running_on_close(window: &tauri::Window, event: &WindowEvent) {
    if let WindowEvent::CloseRequested { api, .. } = event
        && window.label() == "main"
        && !crate::TRAY_MISSING.load(std::sync::atomic::Ordering::Relaxed)
    {
        api.prevent_close();
        let _ = window.hide();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_menu_says_that_quitting_stops_the_scheduler() {
        let (show, quit) = labels(Lang::Tr);
        assert_eq!(show, "Tahsildar'ı aç");
        assert!(quit.contains("zamanlayıcı"));
        let (_, quit) = labels(Lang::En);
        assert!(quit.contains("scheduler"));
    }
}

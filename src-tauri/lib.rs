//! The desktop shell of Tahsildar: app state, the Tauri commands, start-up, the scheduler's
//! progress pushed to the window with a notification when a run ends, the tray, starting with
//! the computer, one running app at a time, and a main window that downloads nothing.

pub mod commands;
pub mod data_dir;
pub mod error;
pub mod main_window;
pub mod notify;
pub mod run_events;
pub mod state;
pub mod tray;

use std::path::PathBuf;

use tahsildar_core::{DataDir, Lang};
use tauri::Manager;

use crate::state::AppState;

/// The product's name as users see it.
pub const PRODUCT_NAME: &str = "Tahsildar";

/// Folders the app works in, resolved once at start.
#[derive(Debug, Clone)]
pub struct AppPaths {
    pub data_dir: PathBuf,
}

/// Set when the tray icon could not be created: closing the window then quits the app.
pub static TRAY_MISSING: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Starts the app; returns when it quits.
pub fn run() {
    let builder = commands::specta_builder();
    let override_dir = data_dir::from_args(std::env::args_os())
        .or_else(|| std::env::var_os(tahsildar_core::paths::DATA_DIR_ENV).map(PathBuf::from))
        .filter(|dir| !dir.as_os_str().is_empty());
    let instance = data_dir::instance_id(override_dir.as_deref());
    let in_tray = std::env::args().any(|a| a == commands::autostart::IN_TRAY_ARG);
    // An automatic start opens the same data folder, in the tray.
    let mut autostart_args = vec![commands::autostart::IN_TRAY_ARG.to_string()];
    if let Some(dir) = &override_dir {
        autostart_args.extend([data_dir::ARG.to_string(), dir.display().to_string()]);
    }
    tauri::Builder::default()
        // First: a second start on the same data folder only brings its window to the front.
        .plugin(
            tauri_plugin_single_instance::Builder::new()
                .callback(|app, _args, _cwd| tray::show_main_window(app))
                .dbus_id(instance)
                .build(),
        )
        .plugin(tauri_plugin_notification::init())
        .plugin(tauri_plugin_dialog::init())
        .plugin(
            tauri_plugin_autostart::Builder::new()
                .app_name(PRODUCT_NAME)
                .args(autostart_args)
                .build(),
        )
        .invoke_handler(builder.invoke_handler())
        .on_window_event(tray::keep_running_on_close)
        .setup(move |app| {
            builder.mount_events(app);
            // The same folder as the command line's, created private.
            let data = DataDir::resolve(override_dir.as_deref())?;
            data.ensure_exists()?;
            let data_dir = data.root().to_path_buf();
            let state = AppState::new(data, Lang::Tr);
            state.on_progress(run_events::forwarder(app.handle().clone()));
            let handle = app.handle().clone();
            state.on_change(Box::new(move || tray::refresh(&handle)));
            app.manage(state);
            app.manage(AppPaths { data_dir });
            notify::install(app.handle());
            // Without a tray on the desktop the app still runs; the window then quits on close.
            let tray = tray::install(app.handle());
            if tray.is_err() {
                TRAY_MISSING.store(true, std::sync::atomic::Ordering::Relaxed);
            }
            app.manage(commands::import_files::ImportFiles::default());
            app.manage(commands::backup::RestoreFile::default());
            // Last: the window's first calls find everything in place.
            main_window::create(app, !(in_tray && tray.is_ok()))?;
            Ok(())
        })
        .build(tauri::generate_context!())
        .expect("Tahsildar could not start")
        .run(|app, event| {
            if let tauri::RunEvent::Exit = event {
                let state = app.state::<AppState>().inner().clone();
                tauri::async_runtime::block_on(state.shut_down());
            }
        });
}

#[cfg(test)]
mod status_words_tests;

#[cfg(test)]
mod tests {
    use specta_typescript::Typescript;

    /// Writes `ui/src/bindings.ts`; `make test` fails when the committed file differs.
    #[test]
    fn export_typescript_bindings() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/ui/src/bindings.ts");
        super::commands::specta_builder()
            .export(
                Typescript::default().header("// Generated from the Rust commands by `cargo test -p tahsildar`; do not edit.\n"),
                path,
            )
            .expect("the TypeScript bindings could not be written");
    }
}

//! The Tauri commands the webview may call, one file per group. Each command is thin: it checks
//! the session and permission, calls one core function and maps the error into `CommandError`.

pub mod app;

use tauri_specta::{Builder, collect_commands};

use crate::error::CommandError;

/// The command set with its TypeScript types; registered with Tauri and exported to
/// `ui/src/bindings.ts`. Every command here must also be listed in `build.rs`.
pub fn specta_builder() -> Builder<tauri::Wry> {
    Builder::<tauri::Wry>::new()
        .commands(collect_commands![app::app_info])
        .typ::<CommandError>()
}

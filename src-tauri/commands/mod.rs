//! The Tauri commands the webview may call, one file per area.
//!
//! A command is thin: session → one core function → map the error → core's own result type.
//! In code:
//!
//! ```ignore
//! #[tauri::command]
//! #[specta::specta]
//! pub async fn list_stores(state: State<'_, AppState>) -> Result<Vec<Store>, CommandError> {
//!     state
//!         // signed in, not idle 15 min (`session_expired`); core checks the permission
//!         .blocking(|s| Ok(tahsildar_core::store::list(&s.session()?)?))
//!         .await
//! }
//! ```
//!
//! - `state.blocking` runs the work off the async runtime (database, Argon2, keyring) and turns
//!   any `ShellError` / `tahsildar_core::Error` into a `CommandError { code, message, field }`
//!   with the message in the current UI language.
//! - `state.engine()?`, `state.scheduler()?`, `state.bank()?` give the running engine, its
//!   scheduler and the bank directory (sandbox → built-in simulator).
//! - Commands return core's types (core's `specta` feature exports them, snake_case as in the
//!   vault and the CLI). A type of the shell's own exists only to keep a secret out of `Debug`
//!   (a typed card number, a password, a secret key) or for the window's own state. Ids are
//!   `i64` and reach TypeScript as `number` (the builder casts them: SQLite row ids stay far
//!   below 2^53).
//! - Never put a PAN (only the masked form), CVV, secret key or database key in a result.
//! - Every command is listed once, in `list.rs`, and granted as `allow-<command-name>` by the
//!   capability in `tauri.conf.json` (a test checks the two agree).

pub mod app;
pub mod attention;
pub mod audit;
pub mod autostart;
pub mod backup;
pub mod card_input;
pub mod collections;
pub mod customers;
pub mod first_restore;
pub mod import;
pub mod import_files;
pub mod instruction_scans;
pub mod open_dialog;
pub mod payments;
pub mod plans;
pub mod receipts;
pub mod reports;
pub mod review;
pub mod save_dialog;
pub mod scheduler;
pub mod session;
pub mod settlement;
pub mod setup;
pub mod store_check;
pub mod stores;
pub mod users;

use tauri_specta::{Builder, ErrorHandlingMode, collect_commands, collect_events};

use crate::error::CommandError;

/// Expands the command list (`list.rs`) to the commands' names and to the command set with its
/// TypeScript types, registered with Tauri and exported to `ui/src/bindings.ts`.
macro_rules! app_commands {
    ($($module:ident :: $command:ident),* $(,)?) => {
        /// The name of every command, as the webview calls it.
        pub const COMMANDS: &[&str] = &[$(stringify!($command)),*];

        /// The command set with its TypeScript types.
        pub fn specta_builder() -> Builder<tauri::Wry> {
            Builder::<tauri::Wry>::new()
                .error_handling(ErrorHandlingMode::Throw)
                .dangerously_cast_bigints_to_number()
                .commands(collect_commands![$($module::$command),*])
                .events(collect_events![
                    scheduler::RunProgressEvent,
                    import::ImportProgressEvent,
                    reports::ExportProgressEvent,
                    crate::notify::OpenScreenEvent
                ])
                .typ::<CommandError>()
        }
    };
}

include!("list.rs");

#[cfg(test)]
pub(crate) mod test_world;

#[cfg(test)]
mod tests {
    /// The capability of the main window grants exactly the commands of `list.rs`: a command
    /// left out could never be called, one left over names a command that is gone. (Tauri's
    /// own permissions, such as `core:event:…`, have a prefix and are not the app's.)
    #[test]
    fn the_capability_grants_every_command_and_nothing_else() {
        let config: serde_json::Value =
            serde_json::from_str(include_str!("../../tauri.conf.json")).unwrap();
        let capability = &config["app"]["security"]["capabilities"][0];
        assert_eq!(capability["windows"], serde_json::json!(["main"]));
        let mut granted: Vec<String> = capability["permissions"]
            .as_array()
            .expect("the capability lists its permissions")
            .iter()
            .map(|p| p.as_str().expect("a permission by name").to_string())
            .filter(|p| !p.contains(':'))
            .collect();
        let mut commands: Vec<String> = super::COMMANDS
            .iter()
            .map(|c| format!("allow-{}", c.replace('_', "-")))
            .collect();
        granted.sort();
        commands.sort();
        assert_eq!(granted, commands);
    }
}

//! The Tauri commands the webview may call, one file per area.
//!
//! A command is thin: session → one core function → map the error → a DTO. In code:
//!
//! ```ignore
//! #[tauri::command]
//! #[specta::specta]
//! pub async fn list_stores(state: State<'_, AppState>) -> Result<Vec<StoreView>, CommandError> {
//!     state
//!         .blocking(|s| {
//!             let session = s.session()?; // signed in, not idle 15 min (`session_expired`)
//!             let stores = tahsildar_core::store::list(&session)?; // core checks the permission
//!             Ok(stores.iter().map(StoreView::from).collect())
//!         })
//!         .await
//! }
//! ```
//!
//! - `state.blocking` runs the work off the async runtime (database, Argon2, keyring) and turns
//!   any `ShellError` / `tahsildar_core::Error` into a `CommandError { code, message, field }`
//!   with the message in the current UI language.
//! - `state.engine()?`, `state.scheduler()?`, `state.bank()?` give the running engine, its
//!   scheduler and the bank directory (sandbox → built-in simulator).
//! - DTOs derive `Serialize` + `specta::Type` with `#[serde(rename_all = "camelCase")]`. Ids
//!   are `i64` and reach TypeScript as `number` (the builder casts them: SQLite row ids stay far
//!   below 2^53); counts are `u32`.
//! - Never put a PAN (only the masked form), CVV, secret key or database key in a DTO.
//! - Every command is listed in `specta_builder` below, in `build.rs`, and as
//!   `allow-<command-name>` in the capability in `tauri.conf.json`.

pub mod app;
pub mod attention;
pub mod collections;
pub mod customers;
pub mod import;
pub mod import_files;
pub mod import_views;
pub mod payments;
pub mod review;
pub mod review_views;
pub mod scheduler;
pub mod session;
pub mod settlement;
pub mod settlement_views;
pub mod setup;
pub mod store_check;
pub mod stores;
pub mod users;

use tauri_specta::{Builder, ErrorHandlingMode, collect_commands, collect_events};

use crate::error::CommandError;

/// A count as the UI's number type holds it (u32; larger counts show as the largest).
pub(crate) fn count(n: impl TryInto<u32>) -> u32 {
    n.try_into().unwrap_or(u32::MAX)
}

/// The command set with its TypeScript types; registered with Tauri and exported to
/// `ui/src/bindings.ts`. Every command here must also be listed in `build.rs`.
pub fn specta_builder() -> Builder<tauri::Wry> {
    Builder::<tauri::Wry>::new()
        .error_handling(ErrorHandlingMode::Throw)
        .dangerously_cast_bigints_to_number()
        .commands(collect_commands![
            app::app_info,
            setup::setup_status,
            setup::create_vault,
            setup::unlock,
            session::sign_in,
            session::sign_out,
            session::session_info,
            session::set_language,
            scheduler::scheduler_status,
            scheduler::pause_scheduler,
            scheduler::resume_scheduler,
            scheduler::run_now,
            stores::list_stores,
            stores::create_store,
            stores::update_store,
            store_check::test_store_connection,
            store_check::sandbox_test_cards,
            users::list_users,
            users::add_user,
            users::unlock_user,
            users::set_user_disabled,
            import::choose_import_file,
            import::import_dry_run,
            import::import_report_page,
            import::commit_import,
            import::discard_import,
            import::list_import_batches,
            import::import_batch,
            import::cancel_import_batch,
            import::list_batch_payments,
            import::save_import_template,
            customers::search_customers,
            customers::customer_detail,
            customers::add_customer,
            customers::add_card,
            collections::preview_collection,
            collections::create_collection,
            payments::list_payments,
            payments::payment_detail,
            payments::void_payment,
            payments::refund_payment,
            payments::retry_with_card,
            payments::cancel_plan,
            attention::attention_queue,
            review::review_state,
            review::review_ask_bank,
            review::review_send_again,
            review::review_close_not_charged,
            settlement::settlement_days,
            settlement::settlement_differences,
            settlement::resolve_difference,
            settlement::reread_settlement_day,
            settlement::restore_hold,
        ])
        .events(collect_events![
            scheduler::RunProgressEvent,
            import::ImportProgressEvent
        ])
        .typ::<CommandError>()
}

#[cfg(test)]
mod test_world;

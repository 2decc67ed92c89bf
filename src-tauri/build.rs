//! Build script of the desktop shell: reads the root `tauri.conf.json` and declares the app's own
//! commands, so each one must be granted by a capability before the webview may call it.

/// Every command the shell defines; keep in step with `commands::specta_builder`.
const COMMANDS: &[&str] = &[
    "app_info",
    "setup_status",
    "create_vault",
    "unlock",
    "sign_in",
    "sign_out",
    "session_info",
    "set_language",
    "scheduler_status",
    "pause_scheduler",
    "resume_scheduler",
    "run_now",
    "list_stores",
    "create_store",
    "update_store",
    "test_store_connection",
    "sandbox_test_cards",
    "list_users",
    "add_user",
    "unlock_user",
    "set_user_disabled",
    "choose_import_file",
    "import_dry_run",
    "import_report_page",
    "commit_import",
    "discard_import",
    "list_import_batches",
    "import_batch",
    "cancel_import_batch",
    "list_batch_payments",
    "save_import_template",
    "search_customers",
    "customer_detail",
    "add_customer",
    "add_card",
    "preview_collection",
    "create_collection",
    "list_payments",
    "payment_detail",
    "void_payment",
    "refund_payment",
    "retry_with_card",
    "cancel_plan",
    "attention_queue",
    "review_state",
    "review_ask_bank",
    "review_send_again",
    "review_close_not_charged",
    "settlement_days",
    "settlement_differences",
    "resolve_difference",
    "reread_settlement_day",
    "restore_hold",
];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("failed to run the Tauri build script");
}

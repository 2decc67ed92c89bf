//! Build script of the desktop shell: reads the root `tauri.conf.json` and declares the app's own
//! commands, so each one must be granted by a capability before the webview may call it.

/// Every command the shell defines; keep in step with `commands::specta_builder`.
const COMMANDS: &[&str] = &["app_info"];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("failed to run the Tauri build script");
}

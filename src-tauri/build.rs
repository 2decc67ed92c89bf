//! Build script of the desktop shell: reads the root `tauri.conf.json` and declares the app's own
//! commands, so each one must be granted by a capability before the webview may call it.

/// The names of the commands in the list the shell registers.
macro_rules! app_commands {
    ($($module:ident :: $command:ident),* $(,)?) => {
        const COMMANDS: &[&str] = &[$(stringify!($command)),*];
    };
}

include!("commands/list.rs");

fn main() {
    println!("cargo:rerun-if-changed=src-tauri/commands/list.rs");
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("failed to run the Tauri build script");
}

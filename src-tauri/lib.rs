//! The desktop shell of Tahsildar: app state, the Tauri commands, start-up.

pub mod commands;
pub mod data_dir;
pub mod environment;
pub mod error;

use std::path::PathBuf;

use tauri::Manager;

/// The product's name as users see it.
pub const PRODUCT_NAME: &str = "Tahsildar";

/// Folders the app works in, resolved once at start.
#[derive(Debug, Clone)]
pub struct AppPaths {
    pub data_dir: PathBuf,
}

/// Starts the app; returns when the last window has closed.
pub fn run() {
    let builder = commands::specta_builder();
    tauri::Builder::default()
        .invoke_handler(builder.invoke_handler())
        .setup(move |app| {
            builder.mount_events(app);
            let override_dir = std::env::var_os(data_dir::OVERRIDE_VAR).map(PathBuf::from);
            let data_dir = data_dir::choose(override_dir, app.path().data_dir().ok())?;
            data_dir::ensure(&data_dir)?;
            app.manage(AppPaths { data_dir });
            Ok(())
        })
        .run(tauri::generate_context!())
        .expect("Tahsildar could not start");
}

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

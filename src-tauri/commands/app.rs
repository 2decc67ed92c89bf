//! Facts about the running app (name, version, system, data and log folders) and the support
//! bundle an office sends when it calls about a problem.

use serde::Serialize;
use specta::Type;
use tahsildar_core::Environment;
use tahsildar_core::logging::{About, write_support_bundle};
use tauri::{AppHandle, State};

use super::save_dialog::save_path;
use crate::AppPaths;
use crate::error::CommandError;
use crate::state::AppState;

/// What the header and Settings → About show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct AppInfo {
    pub name: String,
    pub environment: Environment,
    pub about: About,
}

impl AppInfo {
    pub fn new(paths: &AppPaths) -> Self {
        AppInfo {
            name: crate::PRODUCT_NAME.to_string(),
            // A new vault's one store is the sandbox; the header follows the stores' own.
            environment: Environment::Sandbox,
            about: About::of(&paths.data_dir),
        }
    }
}

#[tauri::command]
#[specta::specta]
pub fn app_info(paths: State<'_, AppPaths>) -> AppInfo {
    AppInfo::new(&paths)
}

/// Saves the support bundle (the logs and a description of this installation, never the vault
/// or card data) where the user chooses in the native save dialog; the file's name, or `null`
/// when the dialog was closed. Audited.
#[tauri::command]
#[specta::specta]
pub async fn save_support_bundle(
    app: AppHandle,
    state: State<'_, AppState>,
) -> Result<Option<String>, CommandError> {
    state.blocking(|s| s.session().map(|_| ())).await?;
    let suggested = format!("tahsildar-{}.zip", state.lang().pick("destek", "support"));
    let path = save_path(app, suggested, "Zip", &["zip"])
        .await
        .map_err(|e| state.error(e))?;
    let Some(path) = path else { return Ok(None) };
    let name = super::import_files::file_name(&path);
    state
        .blocking(move |s| {
            write_support_bundle(&s.session()?, &path)?;
            Ok(())
        })
        .await?;
    Ok(Some(name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_the_package_version_sandbox_and_the_folders() {
        let paths = AppPaths {
            data_dir: "/tmp/tahsildar-test".into(),
        };
        let info = AppInfo::new(&paths);
        assert_eq!(info.name, "Tahsildar");
        assert_eq!(info.about.version, env!("CARGO_PKG_VERSION"));
        assert_eq!(info.environment, Environment::Sandbox);
        let json = serde_json::to_value(&info).unwrap();
        assert_eq!(json["environment"], "sandbox");
        assert_eq!(json["about"]["data_dir"], "/tmp/tahsildar-test");
        assert_eq!(json["about"]["log_dir"], "/tmp/tahsildar-test/logs");
    }
}

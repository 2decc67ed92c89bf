//! Facts about the running app: name, version, bank environment, data folder.

use serde::Serialize;
use specta::Type;
use tauri::State;

use tahsildar_core::Environment;

use crate::AppPaths;

/// What the window header shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct AppInfo {
    pub name: String,
    pub version: String,
    pub environment: Environment,
    pub data_dir: String,
}

impl AppInfo {
    pub fn new(paths: &AppPaths) -> Self {
        AppInfo {
            name: crate::PRODUCT_NAME.to_string(),
            version: env!("CARGO_PKG_VERSION").to_string(),
            // A new vault's one store is the sandbox; the header follows the stores' own.
            environment: Environment::Sandbox,
            data_dir: paths.data_dir.display().to_string(),
        }
    }
}

#[tauri::command]
#[specta::specta]
pub fn app_info(paths: State<'_, AppPaths>) -> AppInfo {
    AppInfo::new(&paths)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_the_package_version_sandbox_and_the_data_folder() {
        let paths = AppPaths {
            data_dir: "/tmp/tahsildar-test".into(),
        };
        let info = AppInfo::new(&paths);
        assert_eq!(info.name, "Tahsildar");
        assert_eq!(info.version, env!("CARGO_PKG_VERSION"));
        assert_eq!(info.environment, Environment::Sandbox);
        let json = serde_json::to_value(&info).unwrap();
        assert_eq!(json["environment"], "sandbox");
        assert_eq!(json["dataDir"], "/tmp/tahsildar-test");
    }
}

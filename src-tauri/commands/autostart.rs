//! Starting with the computer: the app starts (in the tray) when the user signs in to the
//! computer, so collections run without anyone opening it. Off until turned on in Settings; the
//! system itself keeps the setting (an autostart entry, a login item, a registry value).

use tauri::{AppHandle, Runtime, State};
use tauri_plugin_autostart::ManagerExt;

use crate::error::{CommandError, ShellError};
use crate::state::AppState;

/// The argument an automatic start is given: the window then stays in the tray.
pub const IN_TRAY_ARG: &str = "--in-tray";

/// Whether the app starts with the computer.
pub fn enabled<R: Runtime>(app: &AppHandle<R>) -> Result<bool, ShellError> {
    app.autolaunch()
        .is_enabled()
        .map_err(|e| ShellError::Autostart(e.to_string()))
}

/// Turns starting with the computer on or off; returns the setting as the system now has it.
pub fn set<R: Runtime>(app: &AppHandle<R>, on: bool) -> Result<bool, ShellError> {
    let manager = app.autolaunch();
    let done = if on {
        manager.enable()
    } else {
        manager.disable()
    };
    done.map_err(|e| ShellError::Autostart(e.to_string()))?;
    enabled(app)
}

/// Turns starting with the computer on or off for the signed-in user, who needs the right to
/// pause and resume the scheduler on every store; the change is audited. Returns the setting as
/// the system now has it.
pub fn change<R: Runtime>(
    app: &AppHandle<R>,
    state: &AppState,
    on: bool,
) -> Result<bool, ShellError> {
    let session = state.session()?;
    tahsildar_core::engine::runner::require_run(&session, None)?;
    let now = set(app, on)?;
    tahsildar_core::engine::scheduler::audit_autostart(&session, now)?;
    Ok(now)
}

/// Whether the app starts with the computer. Needs a signed-in user.
#[tauri::command]
#[specta::specta]
pub async fn autostart(app: AppHandle, state: State<'_, AppState>) -> Result<bool, CommandError> {
    state
        .blocking(move |s| {
            s.session()?;
            enabled(&app)
        })
        .await
}

/// Turns starting with the computer on or off; returns the setting as it now is. Needs the
/// right to pause and resume the scheduler on every store; audited.
#[tauri::command]
#[specta::specta]
pub async fn set_autostart(
    app: AppHandle,
    state: State<'_, AppState>,
    enabled: bool,
) -> Result<bool, CommandError> {
    state.blocking(move |s| change(&app, s, enabled)).await
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The real plugin on Tauri's mock runtime, under a name of its own so that the entry it
    /// writes (on Linux `~/.config/autostart/NAME.desktop`) is never the installed app's.
    #[test]
    fn starting_with_the_computer_is_off_and_turns_on_and_off() {
        let name = format!("tahsildar-test-{}", std::process::id());
        let app = tauri::test::mock_builder()
            .plugin(
                tauri_plugin_autostart::Builder::new()
                    .app_name(&name)
                    .args([IN_TRAY_ARG])
                    .build(),
            )
            .build(tauri::test::mock_context(tauri::test::noop_assets()))
            .unwrap();
        let app = app.handle();
        assert!(!enabled(app).unwrap(), "off until turned on");
        assert!(set(app, true).unwrap());
        assert!(enabled(app).unwrap());
        #[cfg(target_os = "linux")]
        {
            let home = std::env::var_os("HOME")
                .map(std::path::PathBuf::from)
                .unwrap();
            let entry = home
                .join(".config/autostart")
                .join(format!("{name}.desktop"));
            let text = std::fs::read_to_string(&entry).unwrap();
            assert!(text.contains(IN_TRAY_ARG), "{text}");
        }
        assert!(!set(app, false).unwrap());
        assert!(!enabled(app).unwrap());
        // Turning off what is off is no error.
        assert!(!set(app, false).unwrap());
    }

    /// Only a user who may pause and resume the scheduler everywhere decides it, and each
    /// change is in the audit log.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn the_setting_is_checked_and_audited() {
        use tahsildar_core::audit::AuditQuery;
        use tahsildar_core::{AuditAction, Permission};

        let w = crate::commands::test_world::World::new().await;
        let name = format!("tahsildar-test-audit-{}", std::process::id());
        let app = tauri::test::mock_builder()
            .plugin(
                tauri_plugin_autostart::Builder::new()
                    .app_name(&name)
                    .build(),
            )
            .build(tauri::test::mock_context(tauri::test::noop_assets()))
            .unwrap();
        let app = app.handle();
        let audited = || {
            tahsildar_core::audit::list::all(
                &w.admin(),
                &AuditQuery {
                    action: Some(AuditAction::SchedulerAutostart),
                    ..AuditQuery::default()
                },
            )
            .unwrap()
        };

        w.only("izleyici", Permission::ViewReports);
        let refused = change(app, &w.state, true).unwrap_err();
        assert!(
            matches!(
                refused,
                ShellError::Core(tahsildar_core::Error::PermissionDenied { .. })
            ),
            "{refused:?}"
        );
        assert!(!enabled(app).unwrap(), "a viewer changed nothing");
        assert!(audited().is_empty());

        w.admin();
        assert!(change(app, &w.state, true).unwrap());
        assert!(!change(app, &w.state, false).unwrap());
        let entries = audited();
        assert_eq!(entries.len(), 2);
        assert!(
            entries
                .iter()
                .any(|e| e.detail.contains("\"enabled\":true")),
            "{entries:?}"
        );
        assert!(!enabled(app).unwrap());
    }
}

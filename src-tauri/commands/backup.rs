//! Settings → Backup: a backup now (to a file chosen in the native save dialog), the automatic
//! daily backups (a folder chosen in the native folder dialog), and a restore of a backup file
//! (chosen in the native open dialog, previewed, confirmed by typing the words) after which the
//! window signs in again to the restored vault. Paths are chosen in Rust, never taken from the
//! webview; passphrases are wrapped as secrets at once and never returned.

use std::path::PathBuf;
use std::sync::Mutex;

use secrecy::SecretString;
use tahsildar_core::engine::EngineLock;
use tahsildar_core::vault::backup;
use tahsildar_core::vault::backup_preview::{BackupPreview, preview};
use tahsildar_core::vault::backup_schedule::{
    self, BackupSchedule, EXTENSION, ScheduleChange, file_name,
};
use tahsildar_core::vault::restore::check_confirmation;
use tahsildar_core::{
    BackupSummary, KdfParams, Keyring, Origin, Permission, Protection, RestoreBy, RestoreOptions,
    UnlockMethod,
};
use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;

use super::open_dialog::{e2e_path, open_path};
use super::save_dialog::save_path;
use crate::error::{CommandError, ShellError};
use crate::state::AppState;

/// Test-only: the folder the folder dialog would return (debug builds only).
pub const E2E_BACKUP_DIR_VAR: &str = "TAHSILDAR_E2E_BACKUP_DIR";
/// Test-only: the file the open dialog would return for a restore (debug builds only).
pub const E2E_RESTORE_FILE_VAR: &str = "TAHSILDAR_E2E_RESTORE_FILE";

/// The backup file chosen for a restore; managed by Tauri beside the app state.
#[derive(Default)]
pub struct RestoreFile(Mutex<Option<PathBuf>>);

impl RestoreFile {
    pub(crate) fn get(&self) -> Option<PathBuf> {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    pub(crate) fn set(&self, path: Option<PathBuf>) {
        *self.0.lock().unwrap_or_else(|e| e.into_inner()) = path;
    }
}

pub(crate) fn no_file_chosen(state: &AppState) -> CommandError {
    state.error(ShellError::Core(tahsildar_core::Error::invalid(
        "file",
        tahsildar_core::Text::new(
            "Önce bir yedek dosyası seçin.",
            "First choose a backup file.",
        ),
    )))
}

/// Writes a backup of the vault, under `passphrase`, where the user chooses in the native save
/// dialog; `null` when the dialog was closed. Needs `export` on every store. Audited.
#[tauri::command]
#[specta::specta]
pub async fn backup_now(
    app: AppHandle,
    state: State<'_, AppState>,
    passphrase: String,
) -> Result<Option<BackupSummary>, CommandError> {
    let passphrase = SecretString::from(passphrase);
    let today = state
        .blocking(|s| {
            let session = s.session()?;
            session.require(Permission::Export, None)?;
            Ok(tahsildar_core::plan::today(
                session.vault().clock().as_ref(),
            ))
        })
        .await?;
    let Some(path) = save_path(app, file_name(today), "Tahsildar", &[EXTENSION])
        .await
        .map_err(|e| state.error(e))?
    else {
        return Ok(None);
    };
    state
        .blocking(move |s| {
            Ok(backup::backup(
                &s.session()?,
                &path,
                &passphrase,
                KdfParams::DEFAULT,
            )?)
        })
        .await
        .map(Some)
}

/// The automatic backups' settings and their last result.
#[tauri::command]
#[specta::specta]
pub async fn backup_schedule(state: State<'_, AppState>) -> Result<BackupSchedule, CommandError> {
    state
        .blocking(|s| Ok(backup_schedule::schedule(&s.session()?)?))
        .await
}

/// Chooses, in the native folder dialog, where the automatic backups are written; `null` when
/// the dialog was closed. An administrator's. Audited.
#[tauri::command]
#[specta::specta]
pub async fn choose_backup_folder(
    app: AppHandle,
    state: State<'_, AppState>,
) -> Result<Option<BackupSchedule>, CommandError> {
    state
        .blocking(|s| {
            let session = s.session()?;
            session.require(Permission::ManageUsers, None)?;
            Ok(())
        })
        .await?;
    let title = state
        .lang()
        .pick("Yedeklerin klasörü", "Folder for the backups");
    let folder = match e2e_path(E2E_BACKUP_DIR_VAR) {
        Some(dir) => Some(dir),
        None => tauri::async_runtime::spawn_blocking(move || {
            app.dialog()
                .file()
                .set_title(title)
                .blocking_pick_folder()
                .and_then(|p| p.into_path().ok())
        })
        .await
        .map_err(|_| state.error(ShellError::Internal("the folder dialog failed".to_string())))?,
    };
    let Some(folder) = folder else {
        return Ok(None);
    };
    state
        .blocking(move |s| Ok(backup_schedule::set_folder(&s.session()?, &folder)?))
        .await
        .map(Some)
}

/// Turns the automatic backups on or off, sets how many are kept and, when given, the
/// passphrase they are written under (kept sealed in the vault). An administrator's. Audited.
#[tauri::command]
#[specta::specta]
pub async fn set_backup_schedule(
    state: State<'_, AppState>,
    change: ScheduleChange,
    passphrase: Option<String>,
) -> Result<BackupSchedule, CommandError> {
    let passphrase = passphrase.filter(|p| !p.is_empty()).map(SecretString::from);
    let schedule = state
        .blocking(move |s| {
            Ok(backup_schedule::set_schedule(
                &s.session()?,
                change,
                passphrase.as_ref(),
            )?)
        })
        .await?;
    state.check_backups_now();
    Ok(schedule)
}

/// Chooses, in the native open dialog, the backup file to restore; its name, or `null` when
/// the dialog was closed. An administrator's; on a new PC (no vault in the data folder yet)
/// anyone's at the first-run screen, since restoring there takes one of the backup's
/// administrators (`restore_first_backup`).
#[tauri::command]
#[specta::specta]
pub async fn choose_restore_file(
    app: AppHandle,
    state: State<'_, AppState>,
    chosen: State<'_, RestoreFile>,
) -> Result<Option<String>, CommandError> {
    state
        .blocking(|s| {
            if s.data_dir().has_vault() {
                let session = s.session()?;
                session.require(Permission::ManageUsers, None)?;
                session.require(Permission::ManageStores, None)?;
            }
            Ok(())
        })
        .await?;
    let title = state
        .lang()
        .pick("Geri yüklenecek yedek", "Backup to restore");
    let path = open_path(app, title, "Tahsildar", &[EXTENSION], E2E_RESTORE_FILE_VAR)
        .await
        .map_err(|e| state.error(e))?;
    let name = path.as_deref().map(super::import_files::file_name);
    chosen.set(path);
    Ok(name)
}

/// Opens the chosen backup with `passphrase` and tells what it holds. An administrator's.
#[tauri::command]
#[specta::specta]
pub async fn preview_backup(
    state: State<'_, AppState>,
    chosen: State<'_, RestoreFile>,
    passphrase: String,
) -> Result<BackupPreview, CommandError> {
    let passphrase = SecretString::from(passphrase);
    let file = chosen.get().ok_or_else(|| no_file_chosen(&state))?;
    state
        .blocking(move |s| Ok(preview(&s.session()?, &file, &passphrase)?))
        .await
}

/// Replaces the vault with the chosen backup, confirmed by typing the words ("GERİ YÜKLE" or
/// "RESTORE"): stops the engine, restores (audited; the restored vault sends nothing new until
/// every day since the backup is settled with the bank), and opens the restored vault, whose
/// users then sign in. A vault unlocked with a passphrase keeps one: `vault_passphrase` is then
/// needed (`passphrase_required` without it). When the restore fails the vault stays as it was
/// and opens again.
#[tauri::command]
#[specta::specta]
pub async fn restore_backup(
    state: State<'_, AppState>,
    chosen: State<'_, RestoreFile>,
    passphrase: String,
    confirmation: String,
    vault_passphrase: Option<String>,
) -> Result<(), CommandError> {
    let passphrase = SecretString::from(passphrase);
    let vault_passphrase = vault_passphrase
        .filter(|p| !p.is_empty())
        .map(SecretString::from);
    let file = chosen.get().ok_or_else(|| no_file_chosen(&state))?;
    let _gate = state.opening().await;
    let file_checked = file.clone();
    let (session, protection) = state
        .blocking(move |s| {
            check_confirmation(&confirmation)?;
            let session = s.session()?;
            // The backup must open before anything stops.
            preview(&session, &file_checked, &passphrase)?;
            let protection = match (session.vault().meta().unlock, vault_passphrase) {
                (UnlockMethod::Keyring, _) => Protection::Keyring(Keyring::platform()),
                (UnlockMethod::Passphrase, Some(p)) => Protection::passphrase(p),
                (UnlockMethod::Passphrase, None) => {
                    return Err(tahsildar_core::Error::PassphraseRequired.into());
                }
            };
            Ok((session, (protection, passphrase)))
        })
        .await?;
    let (protection, passphrase) = protection;
    let Some(previous) = state.close_for_restore().await else {
        return Err(state.error(ShellError::VaultLocked));
    };
    let restored = state
        .blocking(move |s| {
            // The scheduler lets go of the engine once its current run ends.
            drop(EngineLock::acquire_waiting(
                s.data_dir().root(),
                std::time::Duration::from_secs(60),
            )?);
            let (vault, _) = backup::restore(
                s.data_dir(),
                &file,
                &passphrase,
                &protection,
                RestoreOptions {
                    replace_existing: true,
                    origin: Origin::App,
                },
                RestoreBy::AdminOfCurrent(&session),
                session.vault().clock().clone(),
            )?;
            Ok(vault)
        })
        .await;
    chosen.set(None);
    match restored {
        Ok(vault) => {
            drop(previous);
            state.install(vault).await;
            Ok(())
        }
        Err(e) => {
            state.install_shared(previous).await;
            Err(e)
        }
    }
}

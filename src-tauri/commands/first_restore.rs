//! A new PC: the first-run screen restores a backup into the empty data folder instead of
//! creating a vault. One of the backup's administrators signs in with their name and password
//! as they were in the backup; the vault's key is then kept on this PC as chosen (the OS
//! keyring or a passphrase). The restored vault sends nothing new until every day since the
//! backup is settled with the bank.

use std::path::PathBuf;
use std::sync::Arc;

use secrecy::SecretString;
use serde::Deserialize;
use specta::Type;
use tahsildar_core::auth::{SessionInfo, session_info};
use tahsildar_core::vault::backup;
use tahsildar_core::vault::restore::{RestoreBy, RestoreOptions};
use tahsildar_core::{Origin, SystemClock};
use tauri::State;

use super::backup::RestoreFile;
use super::setup::{UnlockChoice, protection_of};
use crate::error::{CommandError, ShellError};
use crate::state::AppState;

/// The new-PC restore form (the file is chosen before with `choose_restore_file`).
#[derive(Deserialize, Type)]
pub struct FirstRestore {
    /// The backup's passphrase.
    pub passphrase: String,
    /// One of the backup's administrators.
    pub admin_name: String,
    pub admin_password: String,
    /// How the restored vault is unlocked on this PC.
    pub unlock: UnlockChoice,
}

/// Restores the chosen backup into this empty data folder, opens it and signs the backup's
/// administrator in. Refused when the folder already has a vault (Settings → Backup replaces
/// one); nothing is left behind when the backup does not open or the administrator is wrong.
#[tauri::command]
#[specta::specta]
pub async fn restore_first_backup(
    state: State<'_, AppState>,
    chosen: State<'_, RestoreFile>,
    request: FirstRestore,
) -> Result<SessionInfo, CommandError> {
    let file = chosen
        .get()
        .ok_or_else(|| super::backup::no_file_chosen(&state))?;
    let session = restore_first(&state, file, request).await?;
    chosen.set(None);
    Ok(session)
}

/// [`restore_first_backup`] of `file`.
pub(crate) async fn restore_first(
    state: &AppState,
    file: PathBuf,
    request: FirstRestore,
) -> Result<SessionInfo, CommandError> {
    let _gate = state.opening().await;
    if state.is_open() || state.data_dir().has_vault() {
        return Err(state.error(ShellError::AlreadySetUp));
    }
    let name = request.admin_name.trim().to_string();
    let password = SecretString::from(request.admin_password);
    let passphrase = SecretString::from(request.passphrase);
    let protection = protection_of(request.unlock);
    let (admin, admin_password) = (name.clone(), password.clone());
    let vault = state
        .blocking(move |s| {
            let (vault, _) = backup::restore(
                s.data_dir(),
                &file,
                &passphrase,
                &protection,
                RestoreOptions {
                    replace_existing: false,
                    origin: Origin::App,
                },
                RestoreBy::BackupAdmin {
                    name: &admin,
                    password: &admin_password,
                },
                Arc::new(SystemClock),
            )?;
            Ok(vault)
        })
        .await?;
    state.install(vault).await;
    state
        .blocking(move |s| Ok(session_info(&s.sign_in(&name, &password)?)?))
        .await
}

#[cfg(test)]
#[path = "first_restore_tests.rs"]
mod tests;

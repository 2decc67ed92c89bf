//! First run and unlocking: where the app stands (`setup_status`), creating the vault with its
//! administrator (`create_vault`, which returns the recovery key once) and unlocking a vault
//! whose key is not in the OS keyring (`unlock`).

use std::sync::Arc;

use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};
use specta::Type;
use tahsildar_core::auth::{SessionInfo, password, session_info, users};
use tahsildar_core::{
    Keyring, Origin, Protection, SystemClock, UnlockMethod, UnlockWith, Vault, VaultMeta,
};
use tauri::State;

use crate::error::{CommandError, ShellError};
use crate::state::AppState;

/// Where the app stands; the UI shows the matching screen.
#[derive(Debug, Clone, Serialize, Type)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum SetupStatus {
    /// No vault in the data folder: first run.
    NeedsSetup {
        keyring_available: bool,
    },
    /// A vault exists but is not open; `problem` says why the keyring could not open it.
    Locked {
        unlock: UnlockMethod,
        problem: Option<CommandError>,
    },
    /// The vault is open but has no user yet (setup stopped half-way): create the administrator.
    NeedsAdmin,
    /// Open; nobody signed in. `lastUser` is the user whose session ended (for re-sign-in).
    SignedOut {
        last_user: Option<String>,
    },
    SignedIn {
        session: SessionInfo,
    },
}

/// How the new vault is to be unlocked.
#[derive(Deserialize, Type)]
#[serde(tag = "method", rename_all = "snake_case")]
pub enum UnlockChoice {
    Keyring,
    Passphrase { passphrase: String },
}

/// The first-run form.
#[derive(Deserialize, Type)]
pub struct NewVault {
    pub admin_name: String,
    pub admin_password: String,
    pub unlock: UnlockChoice,
}

/// The vault is ready and the administrator signed in. The recovery key is shown this once.
#[derive(Serialize, Type)]
pub struct CreatedVault {
    pub recovery_key: String,
    pub session: SessionInfo,
}

/// What unlocks an existing vault.
#[derive(Deserialize, Type)]
#[serde(tag = "method", rename_all = "snake_case")]
pub enum UnlockRequest {
    Keyring,
    Passphrase {
        passphrase: String,
    },
    /// The recovery key; `rebind` keeps the vault's key on this PC again at the same time
    /// (in the OS keyring, or under a new passphrase), so the next start needs no recovery key.
    RecoveryKey {
        recovery_key: String,
        rebind: Option<UnlockChoice>,
    },
}

fn read_meta(state: &AppState) -> Result<VaultMeta, ShellError> {
    Ok(VaultMeta::read(&state.data_dir().meta_path())?)
}

fn open_blocking(state: &AppState, unlock: UnlockWith) -> Result<Vault, ShellError> {
    Ok(Vault::open(
        state.data_dir(),
        &unlock,
        Arc::new(SystemClock),
    )?)
}

pub(crate) fn protection_of(choice: UnlockChoice) -> Protection {
    match choice {
        UnlockChoice::Keyring => Protection::Keyring(Keyring::platform()),
        UnlockChoice::Passphrase { passphrase } => {
            Protection::passphrase(SecretString::from(passphrase))
        }
    }
}

/// Opens the vault with its recovery key and, when asked, keeps its key on this PC again
/// (audited by core). If that fails nothing is installed and `vault.json` is as it was, so the
/// user can choose again.
fn open_with_recovery(
    state: &AppState,
    recovery_key: SecretString,
    rebind: Option<Protection>,
) -> Result<Vault, ShellError> {
    let mut vault = open_blocking(state, UnlockWith::RecoveryKey(recovery_key))?;
    if let Some(protection) = rebind {
        vault.rebind(&protection, Origin::App)?;
    }
    Ok(vault)
}

/// Where the app stands. Opens a keyring-protected vault on the way (off the UI thread, with
/// the keyring's time limit), so a normal start goes straight to sign-in.
#[tauri::command]
#[specta::specta]
pub async fn setup_status(state: State<'_, AppState>) -> Result<SetupStatus, CommandError> {
    let state = state.inner().clone();
    let _gate = state.opening().await;
    if !state.is_open() {
        if !state.data_dir().has_vault() {
            let keyring_available = state
                .blocking(|_| Ok(Keyring::platform().is_available()))
                .await?;
            return Ok(SetupStatus::NeedsSetup { keyring_available });
        }
        let meta = state.blocking(read_meta).await?;
        if meta.unlock == UnlockMethod::Passphrase {
            return Ok(SetupStatus::Locked {
                unlock: UnlockMethod::Passphrase,
                problem: None,
            });
        }
        match state
            .blocking(|s| open_blocking(s, UnlockWith::Keyring(Keyring::platform())))
            .await
        {
            Ok(vault) => state.install(vault).await,
            Err(problem) => {
                return Ok(SetupStatus::Locked {
                    unlock: UnlockMethod::Keyring,
                    problem: Some(problem),
                });
            }
        }
    }
    state.blocking(status_of_open).await
}

fn status_of_open(state: &AppState) -> Result<SetupStatus, ShellError> {
    if state.auth()?.needs_first_admin()? {
        return Ok(SetupStatus::NeedsAdmin);
    }
    // A user who must choose a new password is signed in too: the window asks for it first.
    match state
        .current_session()
        .map(|session| session_info(&session))
    {
        Some(Ok(session)) => Ok(SetupStatus::SignedIn { session }),
        None | Some(Err(tahsildar_core::Error::SessionExpired)) => Ok(SetupStatus::SignedOut {
            last_user: state.last_user(),
        }),
        Some(Err(other)) => Err(other.into()),
    }
}

pub(crate) fn check_admin(name: &str, password: &SecretString) -> Result<(), ShellError> {
    users::check_name(name)?;
    password::check_policy(password)?;
    Ok(())
}

/// First run: creates the vault (with the Sandbox store) in the data folder, protects its key
/// as chosen, starts the engine, creates the administrator and signs them in. Everything is
/// checked before anything is written; the recovery key is returned this once.
#[tauri::command]
#[specta::specta]
pub async fn create_vault(
    state: State<'_, AppState>,
    request: NewVault,
) -> Result<CreatedVault, CommandError> {
    let state = state.inner().clone();
    let _gate = state.opening().await;
    let name = request.admin_name.trim().to_string();
    let password = SecretString::from(request.admin_password);
    let protection = protection_of(request.unlock);
    let (admin_name, admin_password) = (name.clone(), password.clone());
    state
        .blocking(move |_| check_admin(&admin_name, &admin_password))
        .await?;
    let recovery = if state.is_open() {
        // The vault exists but its administrator was not created: finish that step.
        if !state
            .auth()
            .map_err(|e| state.error(e))?
            .needs_first_admin()
            .map_err(|e| state.error(e))?
        {
            return Err(state.error(ShellError::AlreadySetUp));
        }
        state
            .take_recovery_key()
            .ok_or_else(|| state.error(ShellError::AlreadySetUp))?
    } else {
        if state.data_dir().has_vault() {
            return Err(state.error(ShellError::AlreadySetUp));
        }
        let (vault, recovery) = state
            .blocking(move |s| {
                Ok(Vault::create(
                    s.data_dir(),
                    &protection,
                    Arc::new(SystemClock),
                )?)
            })
            .await?;
        state.install(vault).await;
        recovery
    };
    let kept = recovery.clone();
    let created = state
        .blocking(move |s| {
            let vault = s.vault()?;
            users::create_first_admin(&vault, &name, &password, Origin::App)?;
            let session = s.sign_in(&name, &password)?;
            Ok(session_info(&session)?)
        })
        .await;
    match created {
        Ok(session) => Ok(CreatedVault {
            recovery_key: recovery.expose_secret().to_string(),
            session,
        }),
        Err(err) => {
            state.keep_recovery_key(kept);
            Err(err)
        }
    }
}

/// Opens a locked vault with the OS keyring (again), its passphrase or the recovery key (then
/// optionally re-binding it to this PC).
#[tauri::command]
#[specta::specta]
pub async fn unlock(
    state: State<'_, AppState>,
    request: UnlockRequest,
) -> Result<SetupStatus, CommandError> {
    let state = state.inner().clone();
    let _gate = state.opening().await;
    if !state.is_open() {
        let vault = state
            .blocking(move |s| match request {
                UnlockRequest::Keyring => {
                    open_blocking(s, UnlockWith::Keyring(Keyring::platform()))
                }
                UnlockRequest::Passphrase { passphrase } => {
                    open_blocking(s, UnlockWith::Passphrase(SecretString::from(passphrase)))
                }
                UnlockRequest::RecoveryKey {
                    recovery_key,
                    rebind,
                } => open_with_recovery(
                    s,
                    SecretString::from(recovery_key),
                    rebind.map(protection_of),
                ),
            })
            .await?;
        state.install(vault).await;
    }
    state.blocking(status_of_open).await
}

#[cfg(test)]
#[path = "setup_tests.rs"]
mod tests;

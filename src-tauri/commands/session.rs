//! Signing in and out, the signed-in user with what they may do, and the UI language.

use secrecy::SecretString;
use tahsildar_core::Lang;
use tahsildar_core::auth::{SessionInfo, session_info as info_of, users};
use tauri::State;

use crate::error::{CommandError, ShellError};
use crate::state::AppState;

/// Signs a user in. Wrong name or password: `auth_failed`; 10 failures: `auth_locked` with the
/// time the lock ends; a disabled user: `user_disabled`. A user whose password was reset gets
/// `must_change_password` and no permissions until they choose a new one.
#[tauri::command]
#[specta::specta]
pub async fn sign_in(
    state: State<'_, AppState>,
    name: String,
    password: String,
) -> Result<SessionInfo, CommandError> {
    let password = SecretString::from(password);
    state
        .blocking(move |s| {
            let session = s.sign_in(name.trim(), &password)?;
            Ok(info_of(&session)?)
        })
        .await
}

/// Ends the session (audited). Signing out when nobody is signed in is not an error.
#[tauri::command]
#[specta::specta]
pub async fn sign_out(state: State<'_, AppState>) -> Result<(), CommandError> {
    state.blocking(|s| s.sign_out()).await
}

/// The signed-in user with their permissions.
#[tauri::command]
#[specta::specta]
pub async fn session_info(state: State<'_, AppState>) -> Result<SessionInfo, CommandError> {
    state
        .blocking(|s| {
            let session = s.current_session().ok_or(ShellError::SignedOut)?;
            Ok(info_of(&session)?)
        })
        .await
}

pub(crate) async fn change_password(
    state: &AppState,
    current: SecretString,
    new: SecretString,
) -> Result<(), CommandError> {
    state
        .blocking(move |s| {
            let session = s.current_session().ok_or(ShellError::SignedOut)?;
            Ok(users::change_own_password(&session, &current, &new)?)
        })
        .await
}

pub(crate) async fn choose_password(
    state: &AppState,
    new: SecretString,
) -> Result<SessionInfo, CommandError> {
    state
        .blocking(move |s| {
            let session = s.current_session().ok_or(ShellError::SignedOut)?;
            users::choose_new_password(&session, &new)?;
            Ok(info_of(&session)?)
        })
        .await
}

/// Changes the signed-in user's password: the current one, then the new one.
#[tauri::command]
#[specta::specta]
pub async fn change_my_password(
    state: State<'_, AppState>,
    current: String,
    new_password: String,
) -> Result<(), CommandError> {
    change_password(
        &state,
        SecretString::from(current),
        SecretString::from(new_password),
    )
    .await
}

/// Sets the new password of a user who signed in with one an administrator reset
/// (`must_change_password`); returns the session with its permissions.
#[tauri::command]
#[specta::specta]
pub async fn choose_new_password(
    state: State<'_, AppState>,
    new_password: String,
) -> Result<SessionInfo, CommandError> {
    choose_password(&state, SecretString::from(new_password)).await
}

/// Switches the language of the messages commands return and of the tray menu (the UI switches
/// its own texts).
#[tauri::command]
#[specta::specta]
pub fn set_language(state: State<'_, AppState>, language: Lang) {
    state.set_lang(language);
}

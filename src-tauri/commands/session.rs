//! Signing in and out, the signed-in user with what they may do, and the UI language.

use secrecy::SecretString;
use tahsildar_core::Lang;
use tahsildar_core::auth::{SessionInfo, session_info as info_of};
use tauri::State;

use crate::error::CommandError;
use crate::state::AppState;

/// Signs a user in. Wrong name or password: `auth_failed`; 10 failures: `auth_locked` with the
/// time the lock ends; a disabled user: `user_disabled`.
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
    state.blocking(|s| Ok(info_of(&s.session()?)?)).await
}

/// Switches the language of the messages commands return and of the tray menu (the UI switches
/// its own texts).
#[tauri::command]
#[specta::specta]
pub fn set_language(app: tauri::AppHandle, state: State<'_, AppState>, language: Lang) {
    state.set_lang(language);
    crate::tray::relabel(&app, language);
}

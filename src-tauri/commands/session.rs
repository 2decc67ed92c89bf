//! Signing in and out, the signed-in user with what they may do, and the UI language.

use secrecy::SecretString;
use serde::{Deserialize, Serialize};
use specta::Type;
use tahsildar_core::{Lang, Permission, Session};
use tauri::State;

use crate::error::{CommandError, ShellError};
use crate::state::AppState;

/// Where one permission applies: every store, or the listed ones.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct PermissionScope {
    /// e.g. `refund`, `manage_users` (core's stable permission codes).
    pub permission: String,
    pub all_stores: bool,
    pub store_ids: Vec<i64>,
}

/// The signed-in user and their permissions, so the UI can hide what they may not do (every
/// command checks again in Rust).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct SessionInfo {
    pub user_id: i64,
    pub user_name: String,
    /// `admin`, `operator`, `viewer` or `custom`.
    pub role: String,
    /// Only the permissions the user holds somewhere.
    pub permissions: Vec<PermissionScope>,
}

/// The language of the texts, in the UI and in every message a command returns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum Language {
    Tr,
    En,
}

impl From<Language> for Lang {
    fn from(language: Language) -> Lang {
        match language {
            Language::Tr => Lang::Tr,
            Language::En => Lang::En,
        }
    }
}

/// The user's role preset as stored with the user (read for the user themselves, so no
/// `manage_users` permission is needed).
fn role_of(session: &Session) -> tahsildar_core::Result<String> {
    let id = session.user_id();
    session.vault().db().read(|c| {
        Ok(
            c.query_row("SELECT role FROM users WHERE id = ?1", [id], |r| {
                r.get::<_, String>(0)
            })?,
        )
    })
}

/// The session's user and permissions. Counts as activity.
pub fn session_info_of(session: &Session) -> Result<SessionInfo, ShellError> {
    let mut permissions = Vec::new();
    for permission in Permission::ALL {
        let scope = match session.stores_with(permission)? {
            None => PermissionScope {
                permission: permission.as_str().to_string(),
                all_stores: true,
                store_ids: Vec::new(),
            },
            Some(ids) if ids.is_empty() => continue,
            Some(ids) => PermissionScope {
                permission: permission.as_str().to_string(),
                all_stores: false,
                store_ids: ids,
            },
        };
        permissions.push(scope);
    }
    Ok(SessionInfo {
        user_id: session.user_id(),
        user_name: session.user_name().to_string(),
        role: role_of(session)?,
        permissions,
    })
}

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
            session_info_of(&session)
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
    state.blocking(|s| session_info_of(&s.session()?)).await
}

/// Switches the language of the messages commands return and of the tray menu (the UI switches
/// its own texts).
#[tauri::command]
#[specta::specta]
pub fn set_language(app: tauri::AppHandle, state: State<'_, AppState>, language: Language) {
    state.set_lang(language.into());
    crate::tray::relabel(&app, language.into());
}

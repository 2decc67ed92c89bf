//! Users in settings: list, add with a role preset on all stores or one store, edit the
//! permissions of each store, reset a password, unlock a locked-out user, disable and enable.
//! Every command needs `manage_users`, and core refuses what goes beyond the acting user's own
//! permissions.

use secrecy::SecretString;
use serde::Deserialize;
use specta::Type;
use tahsildar_core::auth::{RolePreset, presets, users};
use tahsildar_core::{Grant, NewUser, Role, Scope, UserInfo};
use tauri::State;

use crate::error::CommandError;
use crate::state::AppState;

/// The add-user form.
#[derive(Deserialize, Type)]
pub struct NewUserInput {
    pub name: String,
    pub password: String,
    pub role: Role,
    /// The one store the preset applies to; `null` for every store.
    pub store_id: Option<i64>,
}

/// Every user.
#[tauri::command]
#[specta::specta]
pub async fn list_users(state: State<'_, AppState>) -> Result<Vec<UserInfo>, CommandError> {
    state
        .blocking(|s| Ok(users::list_users(&s.session()?)?))
        .await
}

/// Adds a user with a role preset on every store or on one.
#[tauri::command]
#[specta::specta]
pub async fn add_user(
    state: State<'_, AppState>,
    input: NewUserInput,
) -> Result<Vec<UserInfo>, CommandError> {
    state
        .blocking(move |s| {
            let session = s.session()?;
            let user = NewUser {
                name: input.name.trim().to_string(),
                password: SecretString::from(input.password),
                role: input.role,
                scope: input.store_id.map_or(Scope::AllStores, Scope::Store),
            };
            users::add_user(&session, &user)?;
            Ok(users::list_users(&session)?)
        })
        .await
}

/// Lifts a user's lockout after too many wrong passwords.
#[tauri::command]
#[specta::specta]
pub async fn unlock_user(state: State<'_, AppState>, name: String) -> Result<(), CommandError> {
    state
        .blocking(move |s| Ok(users::unlock_user(&s.session()?, &name)?))
        .await
}

/// Disables or re-enables a user; a user cannot disable themselves.
#[tauri::command]
#[specta::specta]
pub async fn set_user_disabled(
    state: State<'_, AppState>,
    name: String,
    disabled: bool,
) -> Result<(), CommandError> {
    state
        .blocking(move |s| Ok(users::set_disabled(&s.session()?, &name, disabled)?))
        .await
}

pub(crate) async fn save_grants(
    state: &AppState,
    name: String,
    grants: Vec<Grant>,
) -> Result<Vec<UserInfo>, CommandError> {
    state
        .blocking(move |s| {
            let session = s.session()?;
            users::set_grants(&session, &name, &grants)?;
            Ok(users::list_users(&session)?)
        })
        .await
}

pub(crate) async fn reset(
    state: &AppState,
    name: String,
    password: SecretString,
) -> Result<Vec<UserInfo>, CommandError> {
    state
        .blocking(move |s| {
            let session = s.session()?;
            users::reset_password(&session, &name, &password)?;
            Ok(users::list_users(&session)?)
        })
        .await
}

/// The role presets the permission grid can be filled from.
#[tauri::command]
#[specta::specta]
pub fn role_presets() -> Vec<RolePreset> {
    presets()
}

/// Replaces a user's permissions (per store or on every store); the role becomes the preset
/// they match, else custom. Refused as a whole (`grant_beyond_own`) when a permission added or
/// taken away is one the acting user does not hold there.
#[tauri::command]
#[specta::specta]
pub async fn set_user_grants(
    state: State<'_, AppState>,
    name: String,
    grants: Vec<Grant>,
) -> Result<Vec<UserInfo>, CommandError> {
    save_grants(&state, name, grants).await
}

/// Sets a new password for another user, who must choose their own at the next sign-in.
#[tauri::command]
#[specta::specta]
pub async fn reset_user_password(
    state: State<'_, AppState>,
    name: String,
    password: String,
) -> Result<Vec<UserInfo>, CommandError> {
    reset(&state, name, SecretString::from(password)).await
}

#[cfg(test)]
#[path = "users_tests.rs"]
mod tests;

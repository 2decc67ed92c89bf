//! Users in settings: list, add with a role preset on all stores or one store, unlock a
//! locked-out user, disable and enable. Every command needs `manage_users` (core checks it).

use secrecy::SecretString;
use serde::Deserialize;
use specta::Type;
use tahsildar_core::auth::users;
use tahsildar_core::{NewUser, Role, Scope, UserInfo};
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

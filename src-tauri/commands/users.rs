//! Users in settings: list, add with a role preset on all stores or one store, unlock a
//! locked-out user, disable and enable. Every command needs `manage_users` (core checks it).

use secrecy::SecretString;
use serde::{Deserialize, Serialize};
use specta::Type;
use tahsildar_core::auth::users;
use tahsildar_core::{Grant, NewUser, Role, Scope, UserInfo};
use tauri::State;

use super::session::PermissionScope;
use crate::error::{CommandError, ShellError};
use crate::state::AppState;

/// The role presets a new user can get.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum RolePreset {
    /// Everything on every store.
    Admin,
    /// Day-to-day collections work; no refunds, no settings.
    Operator,
    /// Everything on its stores, refunds included; no user or store settings.
    Manager,
    /// Reports only.
    Viewer,
}

impl From<RolePreset> for Role {
    fn from(preset: RolePreset) -> Role {
        match preset {
            RolePreset::Admin => Role::Admin,
            RolePreset::Operator => Role::Operator,
            RolePreset::Manager => Role::Manager,
            RolePreset::Viewer => Role::Viewer,
        }
    }
}

/// A user as settings lists them (never the password hash).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct UserView {
    pub id: i64,
    pub name: String,
    /// `admin`, `operator`, `viewer` or `custom`.
    pub role: String,
    pub disabled: bool,
    /// When a lockout ends ("27.11.2026 10:45"-style timestamp from core), if locked.
    pub locked_until: Option<String>,
    pub permissions: Vec<PermissionScope>,
}

fn permissions_of(grants: &[Grant]) -> Vec<PermissionScope> {
    let mut scopes: Vec<PermissionScope> = Vec::new();
    for grant in grants {
        let code = grant.permission.as_str();
        let index = match scopes.iter().position(|s| s.permission == code) {
            Some(i) => i,
            None => {
                scopes.push(PermissionScope {
                    permission: code.to_string(),
                    all_stores: false,
                    store_ids: Vec::new(),
                });
                scopes.len() - 1
            }
        };
        match grant.scope {
            Scope::AllStores => scopes[index].all_stores = true,
            Scope::Store(id) => scopes[index].store_ids.push(id),
        }
    }
    scopes
}

impl From<&UserInfo> for UserView {
    fn from(u: &UserInfo) -> Self {
        UserView {
            id: u.id,
            name: u.name.clone(),
            role: u.role.as_str().to_string(),
            disabled: u.disabled,
            locked_until: u.locked_until.clone(),
            permissions: permissions_of(&u.grants),
        }
    }
}

/// The add-user form.
#[derive(Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct NewUserInput {
    pub name: String,
    pub password: String,
    pub role: RolePreset,
    /// The one store the preset applies to; `null` for every store.
    pub store_id: Option<i64>,
}

/// Every user.
#[tauri::command]
#[specta::specta]
pub async fn list_users(state: State<'_, AppState>) -> Result<Vec<UserView>, CommandError> {
    state
        .blocking(|s| {
            let list = users::list_users(&s.session()?)?;
            Ok(list.iter().map(UserView::from).collect())
        })
        .await
}

/// Adds a user with a role preset on every store or on one.
#[tauri::command]
#[specta::specta]
pub async fn add_user(
    state: State<'_, AppState>,
    input: NewUserInput,
) -> Result<Vec<UserView>, CommandError> {
    state
        .blocking(move |s| {
            let session = s.session()?;
            let user = NewUser {
                name: input.name.trim().to_string(),
                password: SecretString::from(input.password),
                role: input.role.into(),
                scope: input.store_id.map_or(Scope::AllStores, Scope::Store),
            };
            users::add_user(&session, &user)?;
            let list = users::list_users(&session)?;
            Ok(list.iter().map(UserView::from).collect())
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
        .blocking(move |s| {
            let session = s.session()?;
            if disabled && session.user_name().eq_ignore_ascii_case(name.trim()) {
                return Err(ShellError::CannotDisableSelf);
            }
            Ok(users::set_disabled(&session, &name, disabled)?)
        })
        .await
}

#[cfg(test)]
mod tests {
    use super::*;
    use tahsildar_core::Permission;

    #[test]
    fn grants_fold_into_one_scope_per_permission() {
        let grants = [
            Grant {
                permission: Permission::Refund,
                scope: Scope::Store(2),
            },
            Grant {
                permission: Permission::Refund,
                scope: Scope::Store(5),
            },
            Grant {
                permission: Permission::ViewReports,
                scope: Scope::AllStores,
            },
        ];
        let scopes = permissions_of(&grants);
        assert_eq!(scopes.len(), 2);
        assert_eq!(scopes[0].permission, "refund");
        assert_eq!(scopes[0].store_ids, vec![2, 5]);
        assert!(!scopes[0].all_stores);
        assert!(scopes[1].all_stores);
    }
}

//! The signed-in user as the window sees them: name, role and where each permission applies,
//! so the screens can hide what the user may not do (every operation checks again).

use serde::Serialize;

use super::permission::{Permission, Role};
use super::session::Session;
use crate::error::Result;

/// Where one permission applies: every store, or the listed ones.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct PermissionScope {
    pub permission: Permission,
    pub all_stores: bool,
    pub store_ids: Vec<i64>,
}

/// The signed-in user and the permissions they hold somewhere.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SessionInfo {
    pub user_id: i64,
    pub user_name: String,
    pub role: Role,
    pub permissions: Vec<PermissionScope>,
    /// An administrator reset the password: the user must choose a new one before anything
    /// else (until then `permissions` is empty).
    pub must_change_password: bool,
}

/// The session's user and permissions (read for the user themselves: no `manage_users`
/// needed). Counts as activity.
pub fn session_info(session: &Session) -> Result<SessionInfo> {
    let must_change_password = session.touch_for_password()?;
    let mut permissions = Vec::new();
    for permission in Permission::ALL {
        if must_change_password {
            break;
        }
        let scope = match session.stores_with(permission)? {
            None => PermissionScope {
                permission,
                all_stores: true,
                store_ids: Vec::new(),
            },
            Some(ids) if ids.is_empty() => continue,
            Some(ids) => PermissionScope {
                permission,
                all_stores: false,
                store_ids: ids,
            },
        };
        permissions.push(scope);
    }
    let id = session.user_id();
    let role: Role = session
        .vault()
        .db()
        .read(|c| Ok(c.query_row("SELECT role FROM users WHERE id = ?1", [id], |r| r.get(0))?))?;
    Ok(SessionInfo {
        user_id: id,
        user_name: session.user_name().to_string(),
        role,
        permissions,
        must_change_password,
    })
}

//! User administration: the first administrator, adding users, grants, unlock, disable,
//! passwords. Every change is permission-checked and audited in the same transaction.

use rusqlite::{OptionalExtension, Transaction, params};
use secrecy::SecretString;
use serde::Serialize;

use crate::audit::{Actor, AuditAction, AuditRecord, AuditResult, Origin};
use crate::auth::password;
use crate::auth::permission::{Grant, Permission, Role, Scope};
use crate::auth::session::Session;
use crate::error::{Error, Result};
use crate::i18n::Text;
use crate::vault::Vault;

/// A user as shown in settings (never the password hash).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct UserInfo {
    pub id: i64,
    pub name: String,
    pub role: Role,
    pub disabled: bool,
    pub locked_until: Option<String>,
    pub grants: Vec<Grant>,
}

/// A user to add.
pub struct NewUser {
    pub name: String,
    pub password: SecretString,
    pub role: Role,
    /// The preset's scope: one store or every store (admins always get every store).
    pub scope: Scope,
}

/// A user name: 1 to 64 visible characters.
pub fn check_name(name: &str) -> Result<()> {
    let ok = !name.trim().is_empty()
        && name.chars().count() <= 64
        && !name.chars().any(char::is_control);
    if ok {
        Ok(())
    } else {
        Err(Error::invalid(
            "user name",
            Text::new(
                "Kullanıcı adı 1 ile 64 görünür karakter olmalı.",
                "The user name must be 1 to 64 visible characters.",
            ),
        ))
    }
}

fn user_id(tx: &rusqlite::Connection, name: &str) -> Result<i64> {
    tx.query_row("SELECT id FROM users WHERE name = ?1", [name], |r| r.get(0))
        .optional()?
        .ok_or_else(|| Error::UserNotFound(name.to_string()))
}

fn check_scope(tx: &Transaction, scope: Scope) -> Result<()> {
    if let Scope::Store(id) = scope {
        let exists: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM stores WHERE id = ?1)",
            [id],
            |r| r.get(0),
        )?;
        if !exists {
            return Err(Error::StoreNotFound(id.to_string()));
        }
    }
    Ok(())
}

fn insert_user(
    tx: &Transaction,
    name: &str,
    phc: &str,
    role: Role,
    grants: &[Grant],
    now: &str,
) -> Result<i64> {
    let taken: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM users WHERE name = ?1)",
        [name],
        |r| r.get(0),
    )?;
    if taken {
        return Err(Error::UserExists(name.to_string()));
    }
    tx.execute(
        "INSERT INTO users (name, password_hash, role, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?4)",
        params![name, phc, role.as_str(), now],
    )?;
    let id = tx.last_insert_rowid();
    write_grants(tx, id, grants)?;
    Ok(id)
}

fn write_grants(tx: &Transaction, user_id: i64, grants: &[Grant]) -> Result<()> {
    tx.execute("DELETE FROM user_grants WHERE user_id = ?1", [user_id])?;
    for grant in grants {
        check_scope(tx, grant.scope)?;
        tx.execute(
            "INSERT OR IGNORE INTO user_grants (user_id, store_id, permission) VALUES (?1, ?2, ?3)",
            params![user_id, grant.scope.store_id(), grant.permission.as_str()],
        )?;
    }
    Ok(())
}

fn grants_json(grants: &[Grant]) -> serde_json::Value {
    serde_json::to_value(grants).unwrap_or_default()
}

/// Creates the administrator on first run; refused once any user exists.
pub fn create_first_admin(
    vault: &Vault,
    name: &str,
    password: &SecretString,
    origin: Origin,
) -> Result<i64> {
    check_name(name)?;
    let phc = password::hash(password)?;
    let now = vault.clock().now().to_string();
    vault.write_audited(|tx, _| {
        let count: i64 = tx.query_row("SELECT count(*) FROM users", [], |r| r.get(0))?;
        if count > 0 {
            return Err(Error::FirstAdminExists);
        }
        let grants = Grant::preset(Role::Admin, Scope::AllStores);
        let id = insert_user(tx, name, &phc, Role::Admin, &grants, &now)?;
        let record = AuditRecord::new(
            Actor::user(id, name),
            AuditAction::UserCreate,
            format!("user:{id}"),
            AuditResult::Ok,
            origin,
        )
        .with_detail(serde_json::json!({ "role": Role::Admin, "first_run": true }));
        Ok((id, record))
    })
}

/// Adds a user with a role preset on a scope. Needs `manage_users`.
pub fn add_user(session: &Session, user: &NewUser) -> Result<i64> {
    session.require(Permission::ManageUsers, None)?;
    check_name(&user.name)?;
    let phc = password::hash(&user.password)?;
    let vault = session.vault();
    let now = vault.clock().now().to_string();
    vault.write_audited(|tx, _| {
        check_scope(tx, user.scope)?;
        let grants = Grant::preset(user.role, user.scope);
        let id = insert_user(tx, &user.name, &phc, user.role, &grants, &now)?;
        let record = session
            .record(AuditAction::UserCreate, format!("user:{id}"), AuditResult::Ok)
            .with_detail(serde_json::json!({ "name": user.name, "role": user.role.as_str(), "grants": grants_json(&grants) }));
        Ok((id, record))
    })
}

/// Replaces a user's grants. Needs `manage_users`. The role becomes `custom`.
pub fn set_grants(session: &Session, name: &str, grants: &[Grant]) -> Result<()> {
    session.require(Permission::ManageUsers, None)?;
    let vault = session.vault();
    let now = vault.clock().now().to_string();
    vault.write_audited(|tx, _| {
        let id = user_id(tx, name)?;
        write_grants(tx, id, grants)?;
        tx.execute(
            "UPDATE users SET role = ?2, updated_at = ?3 WHERE id = ?1",
            params![id, Role::Custom, now],
        )?;
        let record = session
            .record(
                AuditAction::UserGrantsChange,
                format!("user:{id}"),
                AuditResult::Ok,
            )
            .with_detail(serde_json::json!({ "grants": grants_json(grants) }));
        Ok(((), record))
    })
}

/// Applies a role preset on a scope (replacing the grants). Needs `manage_users`.
pub fn set_role(session: &Session, name: &str, role: Role, scope: Scope) -> Result<()> {
    session.require(Permission::ManageUsers, None)?;
    let vault = session.vault();
    let now = vault.clock().now().to_string();
    vault.write_audited(|tx, _| {
        let id = user_id(tx, name)?;
        let grants = Grant::preset(role, scope);
        write_grants(tx, id, &grants)?;
        tx.execute(
            "UPDATE users SET role = ?2, updated_at = ?3 WHERE id = ?1",
            params![id, role, now],
        )?;
        let record = session
            .record(
                AuditAction::UserGrantsChange,
                format!("user:{id}"),
                AuditResult::Ok,
            )
            .with_detail(
                serde_json::json!({ "role": role.as_str(), "grants": grants_json(&grants) }),
            );
        Ok(((), record))
    })
}

/// Lifts a lockout. Needs `manage_users`.
pub fn unlock_user(session: &Session, name: &str) -> Result<()> {
    session.require(Permission::ManageUsers, None)?;
    let vault = session.vault();
    let now = vault.clock().now().to_string();
    vault.write_audited(|tx, _| {
        let id = user_id(tx, name)?;
        tx.execute(
            "UPDATE users SET failed_attempts = 0, locked_until = NULL, updated_at = ?2 WHERE id = ?1",
            params![id, now],
        )?;
        Ok(((), session.record(AuditAction::UserUnlock, format!("user:{id}"), AuditResult::Ok)))
    })
}

/// Disables or re-enables a user. Needs `manage_users`; nobody disables themselves.
pub fn set_disabled(session: &Session, name: &str, disabled: bool) -> Result<()> {
    session.require(Permission::ManageUsers, None)?;
    let vault = session.vault();
    let now = vault.clock().now().to_string();
    vault.write_audited(|tx, _| {
        let id = user_id(tx, name)?;
        if id == session.user_id() && disabled {
            return Err(Error::invalid(
                "user",
                Text::new(
                    "Kendi hesabınızı devre dışı bırakamazsınız; bunu başka bir yönetici yapmalı.",
                    "You cannot disable your own account; another administrator must do it.",
                ),
            ));
        }
        tx.execute(
            "UPDATE users SET disabled = ?2, updated_at = ?3 WHERE id = ?1",
            params![id, disabled, now],
        )?;
        let action = if disabled {
            AuditAction::UserDisable
        } else {
            AuditAction::UserEnable
        };
        Ok((
            (),
            session.record(action, format!("user:{id}"), AuditResult::Ok),
        ))
    })
}

/// Changes the signed-in user's own password; the current one must be given.
pub fn change_own_password(
    session: &Session,
    current: &SecretString,
    new: &SecretString,
) -> Result<()> {
    session.touch()?;
    let vault = session.vault();
    let phc: String = vault.db().read(|c| {
        Ok(c.query_row(
            "SELECT password_hash FROM users WHERE id = ?1",
            [session.user_id()],
            |r| r.get(0),
        )?)
    })?;
    if !password::verify(current, &phc) {
        return Err(Error::AuthFailed);
    }
    store_password(session, session.user_id(), new)
}

/// Sets another user's password (an administrator's reset). Needs `manage_users`.
pub fn reset_password(session: &Session, name: &str, new: &SecretString) -> Result<()> {
    session.require(Permission::ManageUsers, None)?;
    let id = session.vault().db().read(|c| user_id(c, name))?;
    store_password(session, id, new)
}

fn store_password(session: &Session, id: i64, new: &SecretString) -> Result<()> {
    let phc = password::hash(new)?;
    let vault = session.vault();
    let now = vault.clock().now().to_string();
    vault.write_audited(|tx, _| {
        tx.execute(
            "UPDATE users SET password_hash = ?2, updated_at = ?3 WHERE id = ?1",
            params![id, phc, now],
        )?;
        Ok((
            (),
            session.record(
                AuditAction::UserPasswordChange,
                format!("user:{id}"),
                AuditResult::Ok,
            ),
        ))
    })
}

/// All users with their grants. Needs `manage_users`.
pub fn list_users(session: &Session) -> Result<Vec<UserInfo>> {
    session.require(Permission::ManageUsers, None)?;
    session.vault().db().read(|c| {
        let mut stmt = c.prepare("SELECT id, name, role, disabled, locked_until FROM users ORDER BY name")?;
        let mut users = stmt
            .query_map([], |r| {
                Ok(UserInfo {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    role: r.get(2)?,
                    disabled: r.get(3)?,
                    locked_until: r.get(4)?,
                    grants: Vec::new(),
                })
            })?
            .collect::<std::result::Result<Vec<_>, _>>()?;
        let mut grants = c.prepare("SELECT store_id, permission FROM user_grants WHERE user_id = ?1 ORDER BY permission, store_id")?;
        for user in &mut users {
            user.grants = grants
                .query_map([user.id], |r| Ok((r.get::<_, Option<i64>>(0)?, r.get::<_, String>(1)?)))?
                .filter_map(|row| row.ok())
                .filter_map(|(store, code)| {
                    Some(Grant {
                        permission: Permission::parse(&code)?,
                        scope: store.map(Scope::Store).unwrap_or(Scope::AllStores),
                    })
                })
                .collect();
        }
        Ok(users)
    })
}

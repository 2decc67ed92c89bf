//! User administration: the first administrator, adding users, grants, unlock, disable,
//! passwords. Every change is permission-checked and audited in the same transaction.

use rusqlite::{OptionalExtension, Transaction, params};
use secrecy::SecretString;
use serde::Serialize;

use crate::audit::{Actor, AuditAction, AuditRecord, AuditResult, Origin};
use crate::auth::password;
use crate::auth::permission::{Grant, Permission, Role, Scope};
use crate::auth::reach::{self, Holdings};
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
    /// An administrator reset the password: a new one is chosen at the next sign-in.
    pub must_change_password: bool,
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

/// Adds a user with a role preset on a scope. Needs `manage_users`, and the preset's
/// permissions on that scope (nobody grants what they do not hold).
pub fn add_user(session: &Session, user: &NewUser) -> Result<i64> {
    session.require_somewhere(Permission::ManageUsers)?;
    check_name(&user.name)?;
    let phc = password::hash(&user.password)?;
    let vault = session.vault();
    let now = vault.clock().now().to_string();
    vault.write_audited(|tx, _| {
        check_scope(tx, user.scope)?;
        let grants = Grant::preset(user.role, user.scope);
        Holdings::of(tx, session.user_id())?.check_change(tx, &[], &grants)?;
        let id = insert_user(tx, &user.name, &phc, user.role, &grants, &now)?;
        let record = session
            .record(AuditAction::UserCreate, format!("user:{id}"), AuditResult::Ok)
            .with_detail(serde_json::json!({ "name": user.name, "role": user.role.as_str(), "grants": grants_json(&grants) }));
        Ok((id, record))
    })
}

/// Replaces a user's grants; the role becomes the preset they match, else `custom`. Needs
/// `manage_users`; every grant added or taken away must be one the acting user holds on that
/// store, where they also manage users, and some enabled user must keep managing users on
/// every store. Refused as a whole: nothing is written.
pub fn set_grants(session: &Session, name: &str, grants: &[Grant]) -> Result<Role> {
    session.require_somewhere(Permission::ManageUsers)?;
    let after = Grant::normalised(grants);
    let role = Role::of_grants(&after);
    let vault = session.vault();
    let now = vault.clock().now().to_string();
    vault.write_audited(|tx, _| {
        let id = user_id(tx, name)?;
        for grant in &after {
            check_scope(tx, grant.scope)?;
        }
        let before = reach::grants_of(tx, id)?;
        Holdings::of(tx, session.user_id())?.check_change(tx, &before, &after)?;
        write_grants(tx, id, &after)?;
        tx.execute(
            "UPDATE users SET role = ?2, updated_at = ?3 WHERE id = ?1",
            params![id, role, now],
        )?;
        reach::check_someone_administers(tx)?;
        let record = session
            .record(
                AuditAction::UserGrantsChange,
                format!("user:{id}"),
                AuditResult::Ok,
            )
            .with_detail(serde_json::json!({
                "role": role.as_str(),
                "before": grants_json(&Grant::normalised(&before)),
                "grants": grants_json(&after),
            }));
        Ok((role, record))
    })
}

/// Applies a role preset on a scope (replacing the grants), as [`set_grants`] checks it.
pub fn set_role(session: &Session, name: &str, role: Role, scope: Scope) -> Result<()> {
    set_grants(session, name, &Grant::preset(role, scope)).map(|_| ())
}

/// Checks, in `tx`, that the session's user may act on user `name` (their password, lock or
/// status): they hold every grant that user holds. Returns the user's id.
fn reachable_user(tx: &Transaction, session: &Session, name: &str) -> Result<i64> {
    let id = user_id(tx, name)?;
    let theirs = reach::grants_of(tx, id)?;
    Holdings::of(tx, session.user_id())?.check_covers(tx, name, &theirs)?;
    Ok(id)
}

/// Lifts a lockout. Needs `manage_users` and every permission the user holds.
pub fn unlock_user(session: &Session, name: &str) -> Result<()> {
    session.require_somewhere(Permission::ManageUsers)?;
    let vault = session.vault();
    let now = vault.clock().now().to_string();
    vault.write_audited(|tx, _| {
        let id = reachable_user(tx, session, name)?;
        tx.execute(
            "UPDATE users SET failed_attempts = 0, locked_until = NULL, updated_at = ?2 WHERE id = ?1",
            params![id, now],
        )?;
        Ok(((), session.record(AuditAction::UserUnlock, format!("user:{id}"), AuditResult::Ok)))
    })
}

/// Disables or re-enables a user. Needs `manage_users` and every permission the user holds;
/// nobody disables themselves, nor the last enabled user who manages users on every store.
pub fn set_disabled(session: &Session, name: &str, disabled: bool) -> Result<()> {
    session.require_somewhere(Permission::ManageUsers)?;
    let vault = session.vault();
    let now = vault.clock().now().to_string();
    vault.write_audited(|tx, _| {
        let id = reachable_user(tx, session, name)?;
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
        reach::check_someone_administers(tx)?;
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

/// Changes the signed-in user's own password; the current one must be given, and the new one
/// must differ from it. Allowed to a user who must choose a new password.
pub fn change_own_password(
    session: &Session,
    current: &SecretString,
    new: &SecretString,
) -> Result<()> {
    session.touch_for_password()?;
    let phc = own_hash(session)?;
    if !password::verify(current, &phc) {
        return Err(Error::invalid(
            "current password",
            Text::new(
                "Şu anki parolanız yanlış.",
                "Your current password is wrong.",
            ),
        ));
    }
    choose(session, &phc, new)
}

/// Sets the new password of a user whose password an administrator reset, in the session that
/// signed in with the reset one (the current password is not asked again). Refused to anybody
/// else: they change it with [`change_own_password`].
pub fn choose_new_password(session: &Session, new: &SecretString) -> Result<()> {
    if !session.touch_for_password()? {
        return Err(Error::invalid(
            "current password",
            Text::new(
                "Parolanızı değiştirmek için şu anki parolanızı da girin.",
                "To change your password, also enter your current one.",
            ),
        ));
    }
    choose(session, &own_hash(session)?, new)
}

fn own_hash(session: &Session) -> Result<String> {
    session.vault().db().read(|c| {
        Ok(c.query_row(
            "SELECT password_hash FROM users WHERE id = ?1",
            [session.user_id()],
            |r| r.get(0),
        )?)
    })
}

fn choose(session: &Session, current_phc: &str, new: &SecretString) -> Result<()> {
    password::check_policy(new)?;
    if password::verify(new, current_phc) {
        return Err(Error::invalid(
            "new password",
            Text::new(
                "Yeni parola şu ankiyle aynı olamaz; başka bir parola seçin.",
                "The new password cannot be the current one; choose another.",
            ),
        ));
    }
    let id = session.user_id();
    store_password(session, id, new, false, AuditAction::UserPasswordChange)?;
    session.password_changed();
    Ok(())
}

/// Sets another user's password (an administrator's reset): the user must choose a new one at
/// their next sign-in, and a lockout is lifted. Needs `manage_users` and every permission the
/// user holds; one's own password is changed with [`change_own_password`].
pub fn reset_password(session: &Session, name: &str, new: &SecretString) -> Result<()> {
    session.require_somewhere(Permission::ManageUsers)?;
    let id = session.vault().db().read(|c| user_id(c, name))?;
    if id == session.user_id() {
        return Err(Error::invalid(
            "user",
            Text::new(
                "Kendi parolanızı sıfırlayamazsınız; oturum menüsündeki \"Parolamı değiştir\" ile değiştirin.",
                "You cannot reset your own password; change it with \"Change my password\" in the session menu.",
            ),
        ));
    }
    store_password(session, id, new, true, AuditAction::UserPasswordReset)
}

fn store_password(
    session: &Session,
    id: i64,
    new: &SecretString,
    reset: bool,
    action: AuditAction,
) -> Result<()> {
    let phc = password::hash(new)?;
    let vault = session.vault();
    let now = vault.clock().now().to_string();
    vault.write_audited(|tx, _| {
        if reset {
            let name: String =
                tx.query_row("SELECT name FROM users WHERE id = ?1", [id], |r| r.get(0))?;
            reachable_user(tx, session, &name)?;
            tx.execute(
                "UPDATE users SET password_hash = ?2, must_change_password = 1,
                     failed_attempts = 0, locked_until = NULL, updated_at = ?3 WHERE id = ?1",
                params![id, phc, now],
            )?;
        } else {
            tx.execute(
                "UPDATE users SET password_hash = ?2, must_change_password = 0, updated_at = ?3
                 WHERE id = ?1",
                params![id, phc, now],
            )?;
        }
        Ok((
            (),
            session.record(action, format!("user:{id}"), AuditResult::Ok),
        ))
    })
}

/// All users with their grants. Needs `manage_users` on some store.
pub fn list_users(session: &Session) -> Result<Vec<UserInfo>> {
    session.require_somewhere(Permission::ManageUsers)?;
    session.vault().db().read(|c| {
        let mut stmt = c.prepare("SELECT id, name, role, disabled, locked_until, must_change_password FROM users ORDER BY name")?;
        let mut users = stmt
            .query_map([], |r| {
                Ok(UserInfo {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    role: r.get(2)?,
                    disabled: r.get(3)?,
                    locked_until: r.get(4)?,
                    must_change_password: r.get(5)?,
                    grants: Vec::new(),
                })
            })?
            .collect::<std::result::Result<Vec<_>, _>>()?;
        for user in &mut users {
            user.grants = reach::grants_of(c, user.id)?;
        }
        Ok(users)
    })
}

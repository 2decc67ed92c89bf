//! Sign-in, lockout and sessions. Sessions live in memory; every permission check re-reads the
//! user's grants from the database, so a revoked permission or a disabled user takes effect at
//! the next operation.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use jiff::{SignedDuration, Timestamp};
use rusqlite::{OptionalExtension, params};
use secrecy::SecretString;

use crate::audit::{Actor, AuditAction, AuditRecord, AuditResult, Origin};
use crate::auth::lockout::Lockout;
use crate::auth::password;
use crate::auth::permission::Permission;
use crate::error::{Error, Result};
use crate::vault::Vault;
use crate::vault::keys::random_bytes;

/// Failed sign-ins in a row that lock an account.
pub const MAX_FAILED_ATTEMPTS: i64 = 10;
/// How long a lockout lasts.
pub const LOCKOUT: SignedDuration = SignedDuration::from_mins(30);
/// Idle time after which a session must sign in again.
pub const IDLE_TIMEOUT: SignedDuration = SignedDuration::from_mins(15);

struct SessionState {
    user_id: i64,
    last_activity: Timestamp,
    /// The password was reset by an administrator: only choosing a new one is allowed.
    must_change_password: bool,
}

pub(crate) struct AuthInner {
    vault: Arc<Vault>,
    sessions: Mutex<HashMap<String, SessionState>>,
}

/// The sign-in service of one open vault.
#[derive(Clone)]
pub struct Auth {
    inner: Arc<AuthInner>,
}

impl std::fmt::Debug for Auth {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Auth").finish_non_exhaustive()
    }
}

/// A signed-in user. Every core operation that changes or reveals something takes one and
/// checks its permission with [`Session::require`].
#[derive(Clone)]
pub struct Session {
    id: String,
    user_id: i64,
    user_name: String,
    origin: Origin,
    auth: Arc<AuthInner>,
}

impl std::fmt::Debug for Session {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Session")
            .field("user", &self.user_name)
            .field("origin", &self.origin)
            .finish_non_exhaustive()
    }
}

struct UserRow {
    id: i64,
    name: String,
    password_hash: String,
    disabled: bool,
    locked_until: Option<String>,
    must_change_password: bool,
}

fn parse_ts(text: &str) -> Option<Timestamp> {
    text.parse().ok()
}

impl Auth {
    pub fn new(vault: Arc<Vault>) -> Auth {
        Auth {
            inner: Arc::new(AuthInner {
                vault,
                sessions: Mutex::new(HashMap::new()),
            }),
        }
    }

    pub fn vault(&self) -> &Arc<Vault> {
        &self.inner.vault
    }

    /// True when no user exists yet (first run: create the administrator).
    pub fn needs_first_admin(&self) -> Result<bool> {
        self.inner.vault.db().read(|c| {
            Ok(c.query_row("SELECT count(*) FROM users", [], |r| r.get::<_, i64>(0))? == 0)
        })
    }

    /// Signs in. Unknown user and wrong password give the same error after the same work;
    /// 10 failures in a row lock the account for 30 minutes. Every outcome is audited.
    pub fn sign_in(&self, name: &str, password: &SecretString, origin: Origin) -> Result<Session> {
        let vault = &self.inner.vault;
        let now = vault.clock().now();
        let row = vault.db().read(|c| {
            Ok(c.query_row(
                "SELECT id, name, password_hash, disabled, locked_until, must_change_password
                 FROM users WHERE name = ?1",
                [name],
                |r| {
                    Ok(UserRow {
                        id: r.get(0)?,
                        name: r.get(1)?,
                        password_hash: r.get(2)?,
                        disabled: r.get(3)?,
                        locked_until: r.get(4)?,
                        must_change_password: r.get(5)?,
                    })
                },
            )
            .optional()?)
        })?;
        let Some(user) = row else {
            password::verify_dummy(password);
            // What was typed may be a password in the wrong field: only its start is kept.
            vault.audit(
                AuditRecord::new(
                    Actor::nobody(),
                    AuditAction::SignInFailed,
                    format!("user_name:{}", masked_name(name)),
                    AuditResult::Failed,
                    origin,
                )
                .with_detail(serde_json::json!({ "reason": "wrong_credentials",
                    "typed_length": name.chars().count() })),
            )?;
            tracing::warn!(typed = masked_name(name), "sign-in failed: no such user");
            return Err(Error::AuthFailed);
        };
        let actor = Actor::user(user.id, &user.name);
        let object = format!("user:{}", user.id);
        if let Some(until) = user.locked_until.as_deref().and_then(parse_ts)
            && until > now
        {
            vault.audit(
                AuditRecord::new(
                    actor,
                    AuditAction::SignInFailed,
                    object,
                    AuditResult::Denied,
                    origin,
                )
                .with_detail(serde_json::json!({ "reason": "locked" })),
            )?;
            return Err(Error::AuthLocked(Lockout::new(until, now)));
        }
        if !password::verify(password, &user.password_hash) {
            // Counted in the database, so parallel tries each count.
            let lock_until = vault.write_audited(|tx, keys| {
                let failed: i64 = tx.query_row(
                    "UPDATE users SET failed_attempts = failed_attempts + 1 WHERE id = ?1
                     RETURNING failed_attempts",
                    [user.id],
                    |r| r.get(0),
                )?;
                let lock_until = (failed >= MAX_FAILED_ATTEMPTS).then(|| now + LOCKOUT);
                if let Some(until) = lock_until {
                    tx.execute(
                        "UPDATE users SET failed_attempts = 0, locked_until = ?2 WHERE id = ?1",
                        params![user.id, until.to_string()],
                    )?;
                }
                if lock_until.is_some() {
                    crate::audit::append(
                        tx,
                        keys,
                        now,
                        &AuditRecord::new(actor.clone(), AuditAction::Lockout, object.clone(), AuditResult::Ok, origin)
                            .with_detail(serde_json::json!({ "failed_attempts": failed, "minutes": LOCKOUT.as_mins() })),
                    )?;
                }
                Ok((
                    lock_until,
                    AuditRecord::new(actor.clone(), AuditAction::SignInFailed, object.clone(), AuditResult::Failed, origin)
                        .with_detail(serde_json::json!({ "reason": "wrong_credentials", "failed_attempts": failed })),
                ))
            })?;
            tracing::warn!(
                user_id = user.id,
                locked = lock_until.is_some(),
                "sign-in failed"
            );
            return Err(match lock_until {
                Some(until) => Error::AuthLocked(Lockout::new(until, now)),
                None => Error::AuthFailed,
            });
        }
        if user.disabled {
            vault.audit(
                AuditRecord::new(
                    actor,
                    AuditAction::SignInFailed,
                    object,
                    AuditResult::Denied,
                    origin,
                )
                .with_detail(serde_json::json!({ "reason": "disabled" })),
            )?;
            return Err(Error::UserDisabled);
        }
        vault.write_audited(|tx, _| {
            tx.execute(
                "UPDATE users SET failed_attempts = 0, locked_until = NULL WHERE id = ?1",
                [user.id],
            )?;
            Ok((
                (),
                AuditRecord::new(
                    actor.clone(),
                    AuditAction::SignIn,
                    object.clone(),
                    AuditResult::Ok,
                    origin,
                ),
            ))
        })?;
        tracing::info!(
            user_id = user.id,
            origin = origin.code(),
            must_change_password = user.must_change_password,
            "signed in"
        );
        let mut id_bytes = [0u8; 16];
        random_bytes(&mut id_bytes);
        let id = hex::encode(id_bytes);
        self.inner.lock_sessions().insert(
            id.clone(),
            SessionState {
                user_id: user.id,
                last_activity: now,
                must_change_password: user.must_change_password,
            },
        );
        Ok(Session {
            id,
            user_id: user.id,
            user_name: user.name,
            origin,
            auth: self.inner.clone(),
        })
    }
}

/// A typed user name as the audit log keeps it when no such user exists: at most its first two
/// characters, then stars, 16 characters at most (it may be a password typed in the wrong
/// field).
fn masked_name(name: &str) -> String {
    let name = name.trim();
    let shown: String = name.chars().filter(|c| !c.is_control()).take(2).collect();
    let hidden = name.chars().count().saturating_sub(2).min(14);
    format!("{shown}{}", "*".repeat(hidden))
}

impl AuthInner {
    fn lock_sessions(&self) -> std::sync::MutexGuard<'_, HashMap<String, SessionState>> {
        self.sessions.lock().unwrap_or_else(|p| p.into_inner())
    }
}

impl Session {
    pub fn id(&self) -> &str {
        &self.id
    }

    pub fn user_id(&self) -> i64 {
        self.user_id
    }

    pub fn user_name(&self) -> &str {
        &self.user_name
    }

    pub fn origin(&self) -> Origin {
        self.origin
    }

    pub fn actor(&self) -> Actor {
        Actor::user(self.user_id, &self.user_name)
    }

    pub fn vault(&self) -> &Arc<Vault> {
        &self.auth.vault
    }

    /// An audit record by this session's user, from this session's origin.
    pub fn record(
        &self,
        action: AuditAction,
        object: impl Into<String>,
        result: AuditResult,
    ) -> AuditRecord {
        AuditRecord::new(self.actor(), action, object, result, self.origin)
    }

    /// Marks activity and fails with `SessionExpired` after 15 idle minutes (or after sign-out),
    /// and with `PasswordChangeRequired` while the user must choose a new password.
    pub fn touch(&self) -> Result<()> {
        if self.touch_for_password()? {
            return Err(Error::PasswordChangeRequired);
        }
        Ok(())
    }

    /// True when an administrator reset the password and the user must choose a new one before
    /// anything else (as it was at sign-in, or until they chose it).
    pub fn must_change_password(&self) -> bool {
        self.auth
            .lock_sessions()
            .get(&self.id)
            .is_some_and(|s| s.must_change_password)
    }

    /// Marks activity like [`Session::touch`] but lets a user who must change their password
    /// through; returns whether they must.
    pub(crate) fn touch_for_password(&self) -> Result<bool> {
        let now = self.auth.vault.clock().now();
        let mut sessions = self.auth.lock_sessions();
        let Some(state) = sessions.get_mut(&self.id) else {
            return Err(Error::SessionExpired);
        };
        if now.duration_since(state.last_activity) > IDLE_TIMEOUT {
            sessions.remove(&self.id);
            return Err(Error::SessionExpired);
        }
        state.last_activity = now;
        debug_assert_eq!(state.user_id, self.user_id);
        Ok(state.must_change_password)
    }

    /// True while the session is signed in and not idle past [`IDLE_TIMEOUT`]; unlike
    /// [`Session::touch`] it does not count as activity (for status displays).
    pub fn is_alive(&self) -> bool {
        let now = self.auth.vault.clock().now();
        self.auth
            .lock_sessions()
            .get(&self.id)
            .is_some_and(|s| now.duration_since(s.last_activity) <= IDLE_TIMEOUT)
    }

    /// Records that the user chose a new password: the session may do everything again.
    pub(crate) fn password_changed(&self) {
        if let Some(state) = self.auth.lock_sessions().get_mut(&self.id) {
            state.must_change_password = false;
        }
    }

    /// Checks that the session is alive and its user holds `permission` on `store`
    /// (`None`: on every store, for settings that are not tied to one store).
    pub fn require(&self, permission: Permission, store: Option<i64>) -> Result<()> {
        self.touch()?;
        let (disabled, granted) = self.auth.vault.db().read(|c| {
            let disabled: bool = c
                .query_row(
                    "SELECT disabled FROM users WHERE id = ?1",
                    [self.user_id],
                    |r| r.get(0),
                )
                .optional()?
                .unwrap_or(true);
            let granted: bool = c.query_row(
                "SELECT EXISTS (SELECT 1 FROM user_grants WHERE user_id = ?1 AND permission = ?2
                     AND (store_id IS NULL OR store_id = ?3))",
                params![self.user_id, permission.as_str(), store],
                |r| r.get(0),
            )?;
            Ok((disabled, granted))
        })?;
        if disabled {
            self.auth.lock_sessions().remove(&self.id);
            return Err(Error::UserDisabled);
        }
        if !granted {
            return Err(Error::PermissionDenied {
                permission: permission.as_str(),
                store,
            });
        }
        Ok(())
    }

    /// Checks that the session is alive and its user holds `permission` on at least one store
    /// (the caller then checks each store it touches).
    pub fn require_somewhere(&self, permission: Permission) -> Result<()> {
        let held = self.stores_with(permission)?;
        let disabled: bool = self.auth.vault.db().read(|c| {
            Ok(c.query_row(
                "SELECT disabled FROM users WHERE id = ?1",
                [self.user_id],
                |r| r.get(0),
            )
            .optional()?
            .unwrap_or(true))
        })?;
        if disabled {
            self.auth.lock_sessions().remove(&self.id);
            return Err(Error::UserDisabled);
        }
        if held.is_some_and(|ids| ids.is_empty()) {
            return Err(Error::PermissionDenied {
                permission: permission.as_str(),
                store: None,
            });
        }
        Ok(())
    }

    /// Store ids on which the user holds `permission`; `None` means every store.
    pub fn stores_with(&self, permission: Permission) -> Result<Option<Vec<i64>>> {
        self.touch()?;
        self.auth.vault.db().read(|c| {
            let mut stmt = c.prepare(
                "SELECT store_id FROM user_grants WHERE user_id = ?1 AND permission = ?2",
            )?;
            let ids = stmt
                .query_map(params![self.user_id, permission.as_str()], |r| {
                    r.get::<_, Option<i64>>(0)
                })?
                .collect::<std::result::Result<Vec<_>, _>>()?;
            if ids.iter().any(Option::is_none) {
                Ok(None)
            } else {
                Ok(Some(ids.into_iter().flatten().collect()))
            }
        })
    }

    /// Ends the session.
    pub fn sign_out(&self) -> Result<()> {
        let removed = self.auth.lock_sessions().remove(&self.id).is_some();
        if removed {
            self.auth.vault.audit(self.record(
                AuditAction::SignOut,
                format!("user:{}", self.user_id),
                AuditResult::Ok,
            ))?;
        }
        Ok(())
    }
}

//! Stores: Akbank virtual POS terminals and their settings. The secret key is sealed at field
//! level and write-only: it is never returned, only replaced (`has_secret_key` tells if set).

pub mod check;
mod validate;

use rusqlite::{OptionalExtension, Transaction, params};
use secrecy::{ExposeSecret, SecretString};
use serde::Serialize;
use zeroize::Zeroizing;

use crate::audit::{AuditAction, AuditResult};
use crate::auth::{Permission, Session};
use crate::engine::EngineActor;
use crate::engine::record::{Hold, Scribe, WithdrawScope, withdraw_unsent};
use crate::engine::retry_policy::RetryPolicy;
use crate::error::{Error, Result};
use crate::i18n::Text;
use crate::stored::stored_enum;
use crate::vault::keys::Keys;

pub use validate::{check_base_url, check_run_time, parse_retry_days};

/// Akbank's test host.
pub const TEST_BASE_URL: &str = "https://apipre.akbank.com/api/v1/payment/virtualpos";
/// Akbank's production host.
pub const LIVE_BASE_URL: &str = "https://api.akbank.com/api/v1/payment/virtualpos";
/// Name of the store created with every vault.
pub const SANDBOX_STORE_NAME: &str = "Sandbox";
/// Akbank's public test terminal A (PROTOCOL.md §6), the built-in simulator's terminal: every
/// sandbox store has it.
pub const SANDBOX_MERCHANT_SAFE_ID: &str = "2023090417500272654BD9A49CF07574";
pub const SANDBOX_TERMINAL_SAFE_ID: &str = "2023090417500284633D137A249DBBEB";
const SANDBOX_SECRET_KEY: &str = "3230323330393034313735303032363031353172675f357637355f3273387373745f7233725f73323333383737335f323272383774767276327672323531355f";

stored_enum! {
    /// Where a store sends its provisions.
    pub enum Environment {
        /// The in-process simulator, chosen at run time.
        Sandbox = "sandbox",
        /// Akbank's test host.
        Test = "test",
        /// Akbank's production host.
        Live = "live",
    }
}

impl Environment {
    /// The default host; `None` for the sandbox (its simulator's address is known at run time).
    pub fn default_base_url(self) -> Option<&'static str> {
        match self {
            Environment::Sandbox => None,
            Environment::Test => Some(TEST_BASE_URL),
            Environment::Live => Some(LIVE_BASE_URL),
        }
    }
}

/// A store as shown and edited (never the secret key).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Store {
    pub id: i64,
    pub name: String,
    pub environment: Environment,
    /// The configured host, if it differs from the environment's default.
    pub base_url: Option<String>,
    /// The host payments go to: the configured one, else the environment's default (none for
    /// the sandbox, whose simulator's address is known at run time).
    pub effective_base_url: Option<String>,
    pub merchant_safe_id: String,
    pub terminal_safe_id: String,
    pub has_secret_key: bool,
    pub concurrency: u32,
    pub rate_per_sec: u32,
    /// "HH:MM", Europe/Istanbul.
    pub run_time: String,
    pub max_installments: u32,
    /// Days after the first soft decline on a card on which it is tried again.
    pub soft_retry_days: Vec<u16>,
    pub enabled: bool,
    pub created_at: String,
    pub updated_at: String,
}

/// Settings of a store; `None` fields keep their current (or default) value.
#[derive(Default)]
pub struct StoreSettings {
    pub name: Option<String>,
    pub environment: Option<Environment>,
    /// `Some(None)` clears the host back to the environment's default.
    pub base_url: Option<Option<String>>,
    pub merchant_safe_id: Option<String>,
    pub terminal_safe_id: Option<String>,
    /// Replaces the secret key.
    pub secret_key: Option<SecretString>,
    pub concurrency: Option<u32>,
    pub rate_per_sec: Option<u32>,
    pub run_time: Option<String>,
    pub max_installments: Option<u32>,
    /// The retry schedule after a soft decline, within the card schemes' rules.
    pub soft_retry_days: Option<RetryPolicy>,
    pub enabled: Option<bool>,
}

/// Terminal credentials for building a request: only inside the engine, never displayed.
pub struct StoreCredentials {
    pub merchant_safe_id: String,
    pub terminal_safe_id: String,
    pub secret_key: SecretString,
}

impl std::fmt::Debug for StoreCredentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StoreCredentials")
            .field("merchant_safe_id", &self.merchant_safe_id)
            .field("terminal_safe_id", &self.terminal_safe_id)
            .field("secret_key", &"<redacted>")
            .finish()
    }
}

fn secret_aad(store_id: i64) -> Vec<u8> {
    format!("store:{store_id}:secret_key").into_bytes()
}

const SELECT_STORE: &str =
    "SELECT id, name, environment, base_url, merchant_safe_id, terminal_safe_id,
    secret_key_sealed IS NOT NULL, concurrency, rate_per_sec, run_time, max_installments, enabled,
    created_at, updated_at, soft_retry_days FROM stores";

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Store> {
    let environment: Environment = r.get(2)?;
    let base_url: Option<String> = r.get(3)?;
    Ok(Store {
        id: r.get(0)?,
        name: r.get(1)?,
        environment,
        effective_base_url: base_url
            .clone()
            .or_else(|| environment.default_base_url().map(str::to_string)),
        base_url,
        merchant_safe_id: r.get(4)?,
        terminal_safe_id: r.get(5)?,
        has_secret_key: r.get(6)?,
        concurrency: r.get(7)?,
        rate_per_sec: r.get(8)?,
        run_time: r.get(9)?,
        max_installments: r.get(10)?,
        enabled: r.get(11)?,
        created_at: r.get(12)?,
        updated_at: r.get(13)?,
        soft_retry_days: RetryPolicy::parse(&r.get::<_, String>(14)?)
            .unwrap_or_default()
            .soft_retry_days,
    })
}

fn load(conn: &rusqlite::Connection, id: i64) -> Result<Store> {
    conn.query_row(&format!("{SELECT_STORE} WHERE id = ?1"), [id], from_row)
        .optional()?
        .ok_or_else(|| Error::StoreNotFound(id.to_string()))
}

/// Finds a store id by name (case-insensitive).
pub fn find_by_name(conn: &rusqlite::Connection, name: &str) -> Result<i64> {
    conn.query_row("SELECT id FROM stores WHERE name = ?1", [name], |r| {
        r.get(0)
    })
    .optional()?
    .ok_or_else(|| Error::StoreNotFound(name.to_string()))
}

/// Applies settings to the row `id` inside `tx`, validating each one. Returns the names of
/// the fields that changed and whether credentials changed.
fn apply(
    tx: &Transaction,
    keys: &Keys,
    id: i64,
    s: &StoreSettings,
    now: &str,
) -> Result<(Vec<&'static str>, bool)> {
    let mut changed = Vec::new();
    let mut credentials = false;
    let mut set = |column: &'static str, value: &dyn rusqlite::ToSql| -> Result<()> {
        tx.execute(
            &format!("UPDATE stores SET {column} = ?2 WHERE id = ?1"),
            params![id, value],
        )?;
        changed.push(column);
        Ok(())
    };
    if let Some(name) = &s.name {
        validate::check_store_name(name)?;
        let taken: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM stores WHERE name = ?1 AND id <> ?2)",
            params![name, id],
            |r| r.get(0),
        )?;
        if taken {
            return Err(Error::StoreExists(name.clone()));
        }
        set("name", &name.trim())?;
    }
    if let Some(env) = s.environment {
        set("environment", &env.as_str())?;
    }
    if let Some(url) = &s.base_url {
        set("base_url", url)?;
    }
    if let Some(v) = &s.merchant_safe_id {
        validate::check_safe_id("merchantSafeId", v)?;
        set("merchant_safe_id", v)?;
        credentials = true;
    }
    if let Some(v) = &s.terminal_safe_id {
        validate::check_safe_id("terminalSafeId", v)?;
        set("terminal_safe_id", v)?;
        credentials = true;
    }
    if let Some(secret) = &s.secret_key {
        validate::check_secret_key(secret)?;
        let sealed = keys.seal(secret.expose_secret().as_bytes(), &secret_aad(id));
        set("secret_key_sealed", &sealed)?;
        credentials = true;
    }
    if let Some(v) = s.concurrency {
        validate::check_range("concurrency", v, 1, 8)?;
        set("concurrency", &v)?;
    }
    if let Some(v) = s.rate_per_sec {
        validate::check_range("rate_per_sec", v, 1, 100)?;
        set("rate_per_sec", &v)?;
    }
    if let Some(v) = &s.run_time {
        check_run_time(v)?;
        set("run_time", v)?;
    }
    if let Some(v) = s.max_installments {
        validate::check_range("max_installments", v, 1, 12)?;
        set("max_installments", &v)?;
    }
    if let Some(policy) = &s.soft_retry_days {
        validate::check_retry_days(policy)?;
        set("soft_retry_days", &policy.to_text())?;
    }
    if let Some(v) = s.enabled {
        set("enabled", &v)?;
    }
    // The address is checked against the environment the store ends up in.
    let (environment, base_url): (Environment, Option<String>) = tx.query_row(
        "SELECT environment, base_url FROM stores WHERE id = ?1",
        [id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    if let Some(url) = base_url {
        check_base_url(environment, &url)?;
    }
    if environment == Environment::Sandbox && fit_sandbox_terminal(tx, keys, id)? {
        for column in ["merchant_safe_id", "terminal_safe_id", "secret_key_sealed"] {
            if !changed.contains(&column) {
                changed.push(column);
            }
        }
        credentials = true;
    }
    tx.execute(
        "UPDATE stores SET updated_at = ?2 WHERE id = ?1",
        params![id, now],
    )?;
    Ok((changed, credentials))
}

fn insert_row(tx: &Transaction, name: &str, env: Environment, now: &str) -> Result<i64> {
    validate::check_store_name(name)?;
    let taken: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM stores WHERE name = ?1)",
        [name.trim()],
        |r| r.get(0),
    )?;
    if taken {
        return Err(Error::StoreExists(name.to_string()));
    }
    tx.execute(
        "INSERT INTO stores (name, environment, created_at, updated_at) VALUES (?1, ?2, ?3, ?3)",
        params![name.trim(), env.as_str(), now],
    )?;
    Ok(tx.last_insert_rowid())
}

/// The "Sandbox" store of a new vault, on the simulator with its test terminal.
pub(crate) fn insert_sandbox(tx: &Transaction, keys: &Keys, now: jiff::Timestamp) -> Result<i64> {
    let now = now.to_string();
    let id = insert_row(tx, SANDBOX_STORE_NAME, Environment::Sandbox, &now)?;
    apply(tx, keys, id, &StoreSettings::default(), &now)?;
    Ok(id)
}

/// Gives every sandbox store the simulator's test terminal, as a vault opens: a sandbox store
/// added before every one got it (and so never collected) can collect from then on.
pub(crate) fn fit_sandbox_terminals(tx: &Transaction, keys: &Keys) -> Result<()> {
    let ids: Vec<i64> = tx
        .prepare("SELECT id FROM stores WHERE environment = ?1")?
        .query_map([Environment::Sandbox], |r| r.get(0))?
        .collect::<std::result::Result<_, _>>()?;
    for id in ids {
        if fit_sandbox_terminal(tx, keys, id)? {
            tracing::info!(
                store = id,
                "sandbox store given the simulator's test terminal"
            );
        }
    }
    Ok(())
}

/// Gives a sandbox store the built-in simulator's test terminal (Akbank's public test terminal
/// A: its merchant and terminal ids and secret key) unless it has it already. A sandbox store
/// only ever talks to that simulator, which accepts no other terminal, so every sandbox store
/// has it, whatever else was entered. True if anything was written.
fn fit_sandbox_terminal(tx: &Transaction, keys: &Keys, id: i64) -> Result<bool> {
    let (merchant, terminal, sealed): (String, String, Option<Vec<u8>>) = tx.query_row(
        "SELECT merchant_safe_id, terminal_safe_id, secret_key_sealed FROM stores WHERE id = ?1",
        [id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    let aad = secret_aad(id);
    let secret_fits = sealed.is_some_and(|sealed| {
        keys.open(&sealed, &aad)
            .is_ok_and(|plain| plain.as_slice() == SANDBOX_SECRET_KEY.as_bytes())
    });
    if merchant == SANDBOX_MERCHANT_SAFE_ID && terminal == SANDBOX_TERMINAL_SAFE_ID && secret_fits {
        return Ok(false);
    }
    tx.execute(
        "UPDATE stores SET merchant_safe_id = ?2, terminal_safe_id = ?3, secret_key_sealed = ?4
         WHERE id = ?1",
        params![
            id,
            SANDBOX_MERCHANT_SAFE_ID,
            SANDBOX_TERMINAL_SAFE_ID,
            keys.seal(SANDBOX_SECRET_KEY.as_bytes(), &aad)
        ],
    )?;
    Ok(true)
}

/// Creates a store. Needs `manage_stores` on every store.
pub fn create(
    session: &Session,
    name: &str,
    environment: Environment,
    settings: &StoreSettings,
) -> Result<Store> {
    session.require(Permission::ManageStores, None)?;
    let vault = session.vault();
    let now = vault.clock().now().to_string();
    let id = vault.write_audited(|tx, keys| {
        let id = insert_row(tx, name, environment, &now)?;
        let (changed, _) = apply(tx, keys, id, settings, &now)?;
        let record = session
            .record(AuditAction::StoreCreate, format!("store:{id}"), AuditResult::Ok)
            .with_detail(serde_json::json!({ "name": name, "environment": environment.as_str(), "fields": changed }));
        Ok((id, record))
    })?;
    vault.db().read(|c| load(c, id))
}

/// Changes a store's settings. Needs `manage_stores` on that store. A credential change is
/// audited as such (without the values).
pub fn update(session: &Session, id: i64, settings: &StoreSettings) -> Result<Store> {
    session.require(Permission::ManageStores, Some(id))?;
    let vault = session.vault();
    let now = vault.clock().now().to_string();
    let actor = EngineActor::of_session(session);
    vault.write_audited(|tx, keys| {
        let before = load(tx, id)?;
        let (changed, credentials) = apply(tx, keys, id, settings, &now)?;
        let action = if credentials {
            AuditAction::StoreCredentialsChange
        } else {
            AuditAction::StoreUpdate
        };
        let mut detail = serde_json::json!({ "fields": changed });
        let after = load(tx, id)?;
        if after.base_url != before.base_url || after.environment != before.environment {
            detail["base_url"] = serde_json::json!({
                "old": before.effective_base_url, "new": after.effective_base_url,
            });
        }
        if before.enabled && !after.enabled {
            // What never reached the bank is taken back; it goes out with a new attempt once
            // the store is enabled again.
            let scribe = Scribe {
                keys,
                at: vault.clock().now(),
                actor: &actor,
            };
            let withdrawn =
                withdraw_unsent(tx, &scribe, WithdrawScope::Store(id), Hold::StoreDisabled)?;
            detail["withdrawn"] = withdrawn.into();
        }
        let record = session
            .record(action, format!("store:{id}"), AuditResult::Ok)
            .with_detail(detail);
        Ok(((), record))
    })?;
    vault.db().read(|c| load(c, id))
}

/// Stores the user may see: those on which they hold any permission. A user who may only
/// import, or only create collections, on a store still needs its name and environment to
/// pick it.
pub fn list(session: &Session) -> Result<Vec<Store>> {
    let visible = visible_stores(session)?;
    let all: Vec<Store> = session.vault().db().read(|c| {
        let mut stmt = c.prepare(&format!("{SELECT_STORE} ORDER BY name"))?;
        let rows = stmt.query_map([], from_row)?;
        Ok(rows.collect::<std::result::Result<Vec<_>, _>>()?)
    })?;
    Ok(match visible {
        None => all,
        Some(ids) => all.into_iter().filter(|s| ids.contains(&s.id)).collect(),
    })
}

/// The daily run times ("HH:MM") of the enabled stores: what the scheduler goes by, read
/// without a session (the tray tells the next run to whoever looks at it).
pub fn run_times(vault: &crate::vault::Vault) -> Result<Vec<String>> {
    vault.db().read(|c| {
        let mut stmt = c.prepare("SELECT run_time FROM stores WHERE enabled = 1 ORDER BY id")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<std::result::Result<Vec<String>, _>>()?)
    })
}

/// One store, if the user may see it (any permission on it).
pub fn get(session: &Session, id: i64) -> Result<Store> {
    if visible_stores(session)?.is_some_and(|ids| !ids.contains(&id)) {
        return Err(Error::PermissionDenied {
            permission: Permission::ViewReports.as_str(),
            store: Some(id),
        });
    }
    session.vault().db().read(|c| load(c, id))
}

/// Store ids on which the user holds any permission; `None` means every store.
fn visible_stores(session: &Session) -> Result<Option<std::collections::BTreeSet<i64>>> {
    let mut ids = std::collections::BTreeSet::new();
    for permission in Permission::ALL {
        match session.stores_with(permission)? {
            None => return Ok(None),
            Some(scope) => ids.extend(scope),
        }
    }
    Ok(Some(ids))
}

/// The terminal credentials with the opened secret key, for the engine that submits
/// provisions. Needs `submit_provisions` on the store.
pub fn credentials(session: &Session, id: i64) -> Result<StoreCredentials> {
    session.require(Permission::SubmitProvisions, Some(id))?;
    credentials_for_engine(session.vault(), id)
}

/// The same, for the scheduler (which runs without a signed-in user).
pub fn credentials_for_engine(vault: &crate::vault::Vault, id: i64) -> Result<StoreCredentials> {
    let (merchant, terminal, sealed): (String, String, Option<Vec<u8>>) = vault.db().read(|c| {
        c.query_row(
            "SELECT merchant_safe_id, terminal_safe_id, secret_key_sealed FROM stores WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?
        .ok_or_else(|| Error::StoreNotFound(id.to_string()))
    })?;
    let sealed = sealed.ok_or_else(|| {
        Error::invalid(
            "secret key",
            Text::new(
                format!(
                    "{id} numaralı mağazanın gizli anahtarı girilmemiş; mağaza ayarlarından girin."
                ),
                format!("Store {id} has no secret key; enter it in the store's settings."),
            ),
        )
    })?;
    let plain = vault.keys().open(&sealed, &secret_aad(id))?;
    let text =
        Zeroizing::new(String::from_utf8(plain.to_vec()).map_err(|_| Error::SealedValueInvalid)?);
    Ok(StoreCredentials {
        merchant_safe_id: merchant,
        terminal_safe_id: terminal,
        secret_key: SecretString::from(text.as_str().to_string()),
    })
}

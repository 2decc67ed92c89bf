//! The vault: an SQLCipher database whose 32-byte data key lives in the OS keyring or is
//! wrapped with a passphrase in `vault.json`, plus the subkeys derived from that key.

pub mod backup;
pub mod backup_preview;
pub mod backup_schedule;
pub mod db;
pub mod keyring;
pub mod keys;
pub mod meta;
pub mod recovery;
pub mod restore;
pub mod wrap;

use std::sync::Arc;

use secrecy::SecretString;

use crate::audit::{self, Actor, AuditAction, AuditRecord, AuditResult, Origin};
use crate::clock::Clock;
use crate::error::{Error, Result};
use crate::i18n::Text;
use crate::paths::DataDir;
use db::Db;
use keyring::Keyring;
use keys::{DataKey, Keys};
use meta::{META_FORMAT, UnlockMethod, VaultMeta};
use wrap::{KdfParams, WrappedKey, check_passphrase};

/// How a new (or re-bound) vault protects its data key on this PC.
pub enum Protection {
    /// In the OS keyring.
    Keyring(Keyring),
    /// Wrapped with a passphrase in `vault.json`.
    Passphrase {
        passphrase: SecretString,
        params: KdfParams,
    },
}

impl Protection {
    /// Passphrase mode with the default (about half a second) Argon2id parameters.
    pub fn passphrase(passphrase: SecretString) -> Protection {
        Protection::Passphrase {
            passphrase,
            params: KdfParams::DEFAULT,
        }
    }

    fn method(&self) -> UnlockMethod {
        match self {
            Protection::Keyring(_) => UnlockMethod::Keyring,
            Protection::Passphrase { .. } => UnlockMethod::Passphrase,
        }
    }

    /// Puts `key` where this protection keeps it and returns the wrapped form, if any.
    fn protect(&self, vault_id: &str, key: &DataKey) -> Result<Option<WrappedKey>> {
        match self {
            Protection::Keyring(keyring) => {
                keyring.store_key(vault_id, key)?;
                Ok(None)
            }
            Protection::Passphrase { passphrase, params } => {
                check_passphrase(passphrase)?;
                WrappedKey::wrap(key, passphrase, *params, vault_id).map(Some)
            }
        }
    }

    fn unprotect(&self, vault_id: &str) {
        if let Protection::Keyring(keyring) = self {
            let _ = keyring.delete_key(vault_id);
        }
    }
}

/// What unlocks an existing vault.
pub enum UnlockWith {
    Keyring(Keyring),
    Passphrase(SecretString),
    RecoveryKey(SecretString),
}

/// An open vault. `Send + Sync`; share it as `Arc<Vault>`.
pub struct Vault {
    dir: DataDir,
    meta: VaultMeta,
    key: DataKey,
    keys: Keys,
    db: Db,
    clock: Arc<dyn Clock>,
}

impl std::fmt::Debug for Vault {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Vault")
            .field("dir", &self.dir)
            .field("vault_id", &self.meta.vault_id)
            .field("unlock", &self.meta.unlock)
            .finish_non_exhaustive()
    }
}

fn remove_db_files(path: &std::path::Path) {
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let mut p = path.as_os_str().to_owned();
        p.push(suffix);
        let _ = std::fs::remove_file(std::path::PathBuf::from(p));
    }
}

impl Vault {
    /// Creates a vault in `dir` (which must hold none), with the "Sandbox" store. Returns the
    /// vault and its recovery key, to be shown once.
    pub fn create(
        dir: &DataDir,
        protection: &Protection,
        clock: Arc<dyn Clock>,
    ) -> Result<(Vault, SecretString)> {
        dir.ensure_exists()?;
        if dir.has_vault() {
            return Err(Error::VaultExists(dir.root().to_path_buf()));
        }
        let key = DataKey::generate();
        let vault_id = uuid::Uuid::new_v4().to_string();
        let wrapped_key = protection.protect(&vault_id, &key)?;
        let meta = VaultMeta {
            format: META_FORMAT,
            vault_id: vault_id.clone(),
            created_at: clock.now().to_string(),
            unlock: protection.method(),
            key_check: key.check_value(),
            wrapped_key,
        };
        let staging = dir.db_sibling("creating");
        let result = (|| -> Result<Vault> {
            remove_db_files(&staging);
            let keys = Keys::derive(&key);
            {
                let db = Db::create(&staging, &key)?;
                db.write(|tx| {
                    let now = clock.now();
                    crate::store::insert_sandbox(tx, &keys, now)?;
                    audit::append(
                        tx,
                        &keys,
                        now,
                        &AuditRecord::new(
                            Actor::nobody(),
                            AuditAction::VaultCreate,
                            format!("vault:{vault_id}"),
                            AuditResult::Ok,
                            Origin::App,
                        )
                        .with_detail(serde_json::json!({ "unlock": meta.unlock.code() })),
                    )?;
                    Ok(())
                })?;
            }
            meta.write_atomic(&dir.meta_path())?;
            std::fs::rename(&staging, dir.db_path()).map_err(|e| Error::io(dir.db_path(), e))?;
            meta::sync_dir(&dir.db_path());
            let db = Db::open(&dir.db_path(), &key, true)?;
            Ok(Vault {
                dir: dir.clone(),
                meta: meta.clone(),
                keys,
                key: key.clone(),
                db,
                clock: clock.clone(),
            })
        })();
        match result {
            Ok(vault) => {
                let recovery = recovery::encode(&vault.key);
                Ok((vault, recovery))
            }
            Err(e) => {
                remove_db_files(&staging);
                if !dir.db_path().exists() {
                    let _ = std::fs::remove_file(dir.meta_path());
                }
                protection.unprotect(&vault_id);
                Err(e)
            }
        }
    }

    /// Opens the vault in `dir`. On any failure the database file is left byte-for-byte as it was.
    pub fn open(dir: &DataDir, unlock: &UnlockWith, clock: Arc<dyn Clock>) -> Result<Vault> {
        let db_path = dir.db_path();
        if !db_path.exists() && !dir.meta_path().exists() {
            return Err(Error::VaultMissing(dir.root().to_path_buf()));
        }
        let meta = match VaultMeta::read(&dir.meta_path()) {
            Err(Error::VaultMissing(_)) => {
                return Err(Error::MetaInvalid(Text::new(
                    "vault.json dosyası yok",
                    "vault.json is missing",
                )));
            }
            other => other?,
        };
        db::check_file(&db_path)?;
        let key = match unlock {
            UnlockWith::Keyring(keyring) => {
                if meta.unlock == UnlockMethod::Passphrase {
                    return Err(Error::PassphraseRequired);
                }
                keyring.load_key(&meta.vault_id)?
            }
            UnlockWith::Passphrase(passphrase) => match &meta.wrapped_key {
                Some(wrapped) if meta.unlock == UnlockMethod::Passphrase => {
                    wrapped.unwrap(passphrase, &meta.vault_id)?
                }
                _ => {
                    return Err(Error::invalid(
                        "passphrase",
                        Text::new(
                            "Bu kasa parolayla değil, işletim sistemi anahtarlığıyla açılıyor.",
                            "This vault is unlocked with the OS keyring, not a passphrase.",
                        ),
                    ));
                }
            },
            UnlockWith::RecoveryKey(text) => recovery::decode(text)?,
        };
        if key.check_value() != meta.key_check {
            return Err(Error::VaultWrongKey);
        }
        let db = Db::open(&db_path, &key, true)?;
        let keys = Keys::derive(&key);
        db.write(|tx| crate::store::fit_sandbox_terminals(tx, &keys))?;
        Ok(Vault {
            dir: dir.clone(),
            keys,
            meta,
            key,
            db,
            clock,
        })
    }

    /// Keeps the data key in a new place on this PC (after a recovery-key unlock on a new PC,
    /// or to switch between keyring and passphrase), and records it in the audit log.
    pub fn rebind(&mut self, protection: &Protection, origin: Origin) -> Result<()> {
        let wrapped_key = protection.protect(&self.meta.vault_id, &self.key)?;
        let mut meta = self.meta.clone();
        meta.unlock = protection.method();
        meta.wrapped_key = wrapped_key;
        meta.write_atomic(&self.dir.meta_path())?;
        self.meta = meta;
        self.audit(
            AuditRecord::new(
                Actor::nobody(),
                AuditAction::VaultRecoveryUnlock,
                format!("vault:{}", self.meta.vault_id),
                AuditResult::Ok,
                origin,
            )
            .with_detail(serde_json::json!({ "unlock": self.meta.unlock.code() })),
        )?;
        Ok(())
    }

    pub fn dir(&self) -> &DataDir {
        &self.dir
    }

    pub fn meta(&self) -> &VaultMeta {
        &self.meta
    }

    pub fn vault_id(&self) -> &str {
        &self.meta.vault_id
    }

    pub fn db(&self) -> &Db {
        &self.db
    }

    pub fn keys(&self) -> &Keys {
        &self.keys
    }

    pub fn clock(&self) -> &Arc<dyn Clock> {
        &self.clock
    }

    pub(crate) fn data_key(&self) -> &DataKey {
        &self.key
    }

    /// Appends one audit entry in its own transaction.
    pub fn audit(&self, record: AuditRecord) -> Result<i64> {
        let now = self.clock.now();
        self.db
            .write(|tx| audit::append(tx, &self.keys, now, &record))
    }

    /// Runs a change and its audit entry in one transaction: both commit or neither does.
    pub fn write_audited<T>(
        &self,
        f: impl FnOnce(&rusqlite::Transaction, &Keys) -> Result<(T, AuditRecord)>,
    ) -> Result<T> {
        let now = self.clock.now();
        self.db.write(|tx| {
            let (value, record) = f(tx, &self.keys)?;
            audit::append(tx, &self.keys, now, &record)?;
            Ok(value)
        })
    }

    /// Verifies the audit chain; returns the number of entries.
    pub fn verify_audit(&self) -> Result<u64> {
        self.db.read(|c| audit::verify(c, &self.keys))
    }
}

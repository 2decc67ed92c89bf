//! Restoring a backup: open and verify it, export it again under the data key into a staging
//! file, verify that (integrity check, audit chain), keep the key in this PC's keyring (under a new
//! vault id, so a new entry) or under a passphrase, and only then swap the files, keeping the old
//! database as `tahsildar.db.before-restore-<time>`.
//!
//! A restore holds the engine lock of the data folder (no engine runs beside it) and needs an
//! administrator: one signed in to the vault it replaces, or, on a PC without a vault, one of the
//! backup itself. A restored vault is older than the bank's record: it sends and takes nothing new
//! until every day since the backup is settled against the bank's history report
//! ([`crate::settlement`]), which writes back the bookings made after the backup.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rusqlite::{Connection, OpenFlags};
use secrecy::SecretString;
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::audit::{self, Actor, AuditAction, AuditRecord, AuditResult, Origin};
use crate::clock::Clock;
use crate::error::{Error, Result};
use crate::i18n::Text;
use crate::paths::DataDir;
use crate::vault::backup::{
    BACKUP_DB_INFO, BackupHeader, MAGIC, MAX_HEADER, export_into, sqlcipher_key_text,
};
use crate::vault::db::Db;
use crate::vault::keys::{DataKey, Keys};
use crate::vault::meta::{self, META_FORMAT, VaultMeta};
use crate::vault::wrap::expand;
use crate::vault::{Protection, Vault};

/// How to restore.
#[derive(Debug, Clone, Copy)]
pub struct RestoreOptions {
    /// Must be true when a vault already exists in the data directory.
    pub replace_existing: bool,
    pub origin: Origin,
}

/// Who restores.
#[derive(Clone, Copy)]
pub enum RestoreBy<'a> {
    /// An administrator signed in to the vault being replaced.
    AdminOfCurrent(&'a crate::auth::Session),
    /// On a PC without a vault: an administrator of the backup, by name and password.
    BackupAdmin {
        name: &'a str,
        password: &'a SecretString,
    },
}

impl std::fmt::Debug for RestoreBy<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RestoreBy::AdminOfCurrent(s) => write!(f, "AdminOfCurrent({})", s.user_name()),
            RestoreBy::BackupAdmin { name, .. } => write!(f, "BackupAdmin({name})"),
        }
    }
}

/// The restore's right to replace what is in `dir`: an administrator of the vault there, or,
/// with no vault there, nothing yet (the backup's administrator is checked once it is open).
fn check_authority(dir: &DataDir, by: RestoreBy) -> Result<Actor> {
    use crate::auth::Permission;
    match (dir.has_vault(), by) {
        (true, RestoreBy::AdminOfCurrent(session)) => {
            if session.vault().dir().root() != dir.root() {
                return Err(Error::PermissionDenied {
                    permission: Permission::ManageUsers.as_str(),
                    store: None,
                });
            }
            session.require(Permission::ManageUsers, None)?;
            session.require(Permission::ManageStores, None)?;
            Ok(session.actor())
        }
        (true, RestoreBy::BackupAdmin { .. }) => Err(Error::PermissionDenied {
            permission: Permission::ManageUsers.as_str(),
            store: None,
        }),
        (false, RestoreBy::AdminOfCurrent(_)) => Err(Error::VaultMissing(dir.root().into())),
        (false, RestoreBy::BackupAdmin { .. }) => Ok(Actor::nobody()),
    }
}

/// The backup's administrator `name` with `password`, checked in the staged database.
fn backup_admin(db: &Db, name: &str, password: &SecretString) -> Result<Actor> {
    let user: Option<(i64, String, String, bool)> = db.read(|c| {
        Ok(rusqlite::OptionalExtension::optional(c.query_row(
            "SELECT id, name, password_hash, disabled FROM users WHERE name = ?1 AND role = ?2",
            rusqlite::params![name, crate::auth::Role::Admin],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        ))?)
    })?;
    match user {
        Some((id, name, hash, false)) if crate::auth::password::verify(password, &hash) => {
            Ok(Actor {
                user_id: Some(id),
                user_name: Some(name),
            })
        }
        Some(_) => Err(Error::AuthFailed),
        None => {
            crate::auth::password::verify_dummy(password);
            Err(Error::AuthFailed)
        }
    }
}

/// What a restore did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RestoreSummary {
    pub vault_id: String,
    pub source_vault_id: String,
    pub backup_created_at: String,
    /// The previous database, kept, when one was replaced.
    pub previous_db: Option<PathBuf>,
    pub audit_entries: u64,
}

pub(crate) fn read_header(file: &Path) -> Result<(BackupHeader, u64)> {
    let f = std::fs::File::open(file).map_err(|e| Error::io(file, e))?;
    let mut reader = BufReader::new(f).take(MAX_HEADER);
    let mut magic = String::new();
    reader
        .read_line(&mut magic)
        .map_err(|e| Error::io(file, e))?;
    if magic.trim_end() != MAGIC {
        return Err(Error::BackupInvalid(Text::new(
            "bir Tahsildar yedek dosyası değil",
            "not a Tahsildar backup file",
        )));
    }
    let mut line = String::new();
    reader
        .read_line(&mut line)
        .map_err(|e| Error::io(file, e))?;
    let header: BackupHeader = serde_json::from_str(line.trim_end()).map_err(|e| {
        Error::BackupInvalid(Text::new(
            format!("başlık okunamadı; teknik ayrıntı: {e}"),
            format!("unreadable header; technical detail: {e}"),
        ))
    })?;
    if header.format != 1 {
        let format = header.format;
        return Err(Error::BackupInvalid(Text::new(
            format!("bilinmeyen biçim {format}; uygulamanın daha yeni bir sürümü gerekebilir"),
            format!("unknown format {format}; a newer version of the application may be needed"),
        )));
    }
    Ok((header, (magic.len() + line.len()) as u64))
}

/// Copies the body out of the backup file, checking its length and checksum.
pub(crate) fn extract_body(
    file: &Path,
    offset: u64,
    header: &BackupHeader,
    to: &Path,
) -> Result<()> {
    use std::io::Seek;
    let mut f = std::fs::File::open(file).map_err(|e| Error::io(file, e))?;
    f.seek(std::io::SeekFrom::Start(offset))
        .map_err(|e| Error::io(file, e))?;
    let mut out = crate::paths::create_private(to, true)?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 64 * 1024];
    let mut total = 0u64;
    loop {
        let n = f.read(&mut buf).map_err(|e| Error::io(file, e))?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
        out.write_all(&buf[..n]).map_err(|e| Error::io(to, e))?;
        total += n as u64;
    }
    out.sync_all().map_err(|e| Error::io(to, e))?;
    if total != header.body_len || hex::encode(hasher.finalize()) != header.body_sha256 {
        return Err(Error::BackupInvalid(Text::new(
            "dosya kesik ya da bozuk (sağlama toplamı tutmuyor)",
            "the file is truncated or damaged (checksum mismatch)",
        )));
    }
    Ok(())
}

/// The words a restore from the window is confirmed with, typed in full.
pub const CONFIRMATION: [&str; 2] = ["GERİ YÜKLE", "RESTORE"];

/// Checks the typed confirmation of a restore (either language's words, as shown).
pub fn check_confirmation(typed: &str) -> Result<()> {
    if CONFIRMATION.contains(&typed.trim()) {
        return Ok(());
    }
    Err(Error::invalid(
        "confirmation",
        Text::new(
            format!("Onaylamak için \"{}\" yazın.", CONFIRMATION[0]),
            format!("Type \"{}\" to confirm.", CONFIRMATION[1]),
        ),
    ))
}

/// Restores `file` into `dir`. See the module documentation for the steps.
pub fn restore(
    dir: &DataDir,
    file: &Path,
    passphrase: &SecretString,
    protection: &Protection,
    options: RestoreOptions,
    by: RestoreBy,
    clock: Arc<dyn Clock>,
) -> Result<(Vault, RestoreSummary)> {
    if dir.has_vault() && !options.replace_existing {
        return Err(Error::RestoreNeedsConfirmation);
    }
    let mut actor = check_authority(dir, by)?;
    dir.ensure_exists()?;
    let _lock = crate::engine::EngineLock::acquire(dir.root())?;
    let (header, offset) = read_header(file)?;
    let master = header.wrapped_key.master(passphrase)?;
    let key: DataKey = header
        .wrapped_key
        .unwrap_with_master(&master, &header.backup_id)?
        .ok_or(Error::BackupWrongPassphrase)?;
    let body_key = expand(&master, BACKUP_DB_INFO);

    let source = dir.db_sibling("restore-source");
    let staging = dir.db_sibling("restoring");
    let cleanup = |paths: &[&Path]| {
        for p in paths {
            super::remove_db_files(p);
        }
    };
    cleanup(&[source.as_path(), staging.as_path()]);
    let staged = (|| -> Result<u64> {
        extract_body(file, offset, &header, &source)?;
        {
            let conn = Connection::open_with_flags(&source, OpenFlags::SQLITE_OPEN_READ_WRITE)?;
            conn.pragma_update(None, "key", sqlcipher_key_text(&body_key).as_str())?;
            conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
                r.get::<_, i64>(0)
            })
            .map_err(|_| {
                Error::BackupInvalid(Text::new(
                    "içerik bu parolayla açılmıyor",
                    "the body does not open with this passphrase",
                ))
            })?;
            export_into(&conn, &staging, key.expose())?;
        }
        let db = Db::open(&staging, &key, true)?;
        if !db.integrity_ok()? {
            return Err(Error::BackupInvalid(Text::new(
                "bütünlük denetimi başarısız",
                "integrity check failed",
            )));
        }
        if let RestoreBy::BackupAdmin { name, password } = by {
            actor = backup_admin(&db, name, password)?;
        }
        let keys = Keys::derive(&key);
        db.read(|c| audit::verify(c, &keys))
    })();
    let audit_entries = match staged {
        Ok(n) => n,
        Err(e) => {
            cleanup(&[source.as_path(), staging.as_path()]);
            return Err(e);
        }
    };
    cleanup(&[source.as_path()]);

    let vault_id = uuid::Uuid::new_v4().to_string();
    let wrapped_key = match protection.protect(&vault_id, &key) {
        Ok(w) => w,
        Err(e) => {
            cleanup(&[staging.as_path()]);
            return Err(e);
        }
    };
    let now = clock.now();
    let meta = VaultMeta {
        format: META_FORMAT,
        vault_id: vault_id.clone(),
        created_at: now.to_string(),
        unlock: protection.method(),
        key_check: key.check_value(),
        wrapped_key,
    };

    let stamp = now.strftime("%Y%m%dT%H%M%SZ").to_string();
    let db_path = dir.db_path();
    let previous_db = db_path
        .exists()
        .then(|| dir.db_sibling(&format!("before-restore-{stamp}")));
    let previous_meta = dir.meta_path().exists().then(|| {
        dir.root()
            .join(format!("vault.json.before-restore-{stamp}"))
    });
    let swap = (|| -> Result<()> {
        if let Some(prev) = &previous_db {
            for suffix in ["", "-wal", "-shm"] {
                let from = PathBuf::from(format!("{}{suffix}", db_path.display()));
                if from.exists() {
                    let to = PathBuf::from(format!("{}{suffix}", prev.display()));
                    std::fs::rename(&from, &to).map_err(|e| Error::io(&from, e))?;
                }
            }
        }
        if let Some(prev) = &previous_meta {
            std::fs::rename(dir.meta_path(), prev).map_err(|e| Error::io(prev, e))?;
        }
        meta.write_atomic(&dir.meta_path())?;
        std::fs::rename(&staging, &db_path).map_err(|e| Error::io(&db_path, e))?;
        meta::sync_dir(&db_path);
        Ok(())
    })();
    if let Err(e) = swap {
        // Put the previous vault back as it was.
        if let Some(prev) = &previous_meta {
            let _ = std::fs::rename(prev, dir.meta_path());
        }
        if let Some(prev) = &previous_db {
            for suffix in ["", "-wal", "-shm"] {
                let from = PathBuf::from(format!("{}{suffix}", prev.display()));
                if from.exists() {
                    let _ = std::fs::rename(
                        &from,
                        PathBuf::from(format!("{}{suffix}", db_path.display())),
                    );
                }
            }
        }
        cleanup(&[staging.as_path()]);
        protection.unprotect(&vault_id);
        return Err(e);
    }

    let db = Db::open(&db_path, &key, true)?;
    // Nothing new is sent or entered until every day since the backup is settled.
    let backup_day = header
        .created_at
        .parse::<jiff::Timestamp>()
        .map(|t| t.to_zoned_datetime(crate::plan::time_zone()).date())
        .unwrap_or_else(|_| now.to_zoned_datetime(crate::plan::time_zone()).date());
    db.write(|tx| {
        tx.execute(
            "INSERT INTO vault_settings (key, value) VALUES ('settle_from', ?1)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [backup_day.to_string()],
        )?;
        Ok(())
    })?;
    let vault = Vault {
        dir: dir.clone(),
        keys: Keys::derive(&key),
        meta,
        key,
        db,
        clock,
    };
    vault.audit(
        AuditRecord::new(
            actor,
            AuditAction::Restore,
            format!("vault:{vault_id}"),
            AuditResult::Ok,
            options.origin,
        )
        .with_detail(serde_json::json!({
            "source_vault_id": header.source_vault_id,
            "backup_created_at": header.created_at,
            "replaced_existing": previous_db.is_some(),
            "settle_from": backup_day.to_string(),
        })),
    )?;
    let audit_entries = vault.verify_audit().unwrap_or(audit_entries);
    let summary = RestoreSummary {
        vault_id,
        source_vault_id: header.source_vault_id,
        backup_created_at: header.created_at,
        previous_db,
        audit_entries,
    };
    Ok((vault, summary))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_a_file_that_is_not_a_backup() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("x.bak");
        std::fs::write(&f, b"hello\n{}\n").unwrap();
        assert!(matches!(read_header(&f), Err(Error::BackupInvalid(_))));
    }
}

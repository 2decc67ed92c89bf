//! Encrypted backups.
//!
//! A backup file is one line `TAHSILDAR-BACKUP 1`, one line of JSON header (Argon2id params and
//! salt, the data key wrapped under the backup passphrase, length and SHA-256 of the body), then
//! the body: a consistent SQLCipher export of the live database, keyed with a key derived from the
//! passphrase. The data key travels (wrapped) because sealed fields and the audit chain hang on it.
//! Restoring is in [`super::restore`] (re-exported here).

use std::io::Write;
use std::path::{Path, PathBuf};

use rusqlite::Connection;
use secrecy::SecretString;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::audit::{AuditAction, AuditRecord, AuditResult};
use crate::auth::{Permission, Session};
use crate::error::{Error, Result};
pub use crate::vault::restore::{RestoreBy, RestoreOptions, RestoreSummary, restore};
use crate::vault::wrap::{KdfParams, WrappedKey, check_passphrase, expand};
use crate::vault::{Vault, meta};

pub(crate) const MAGIC: &str = "TAHSILDAR-BACKUP 1";
pub(crate) const BACKUP_DB_INFO: &[u8] = b"tahsildar/backup-db/v1";
pub(crate) const MAX_HEADER: u64 = 64 * 1024;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct BackupHeader {
    pub(crate) format: u32,
    pub(crate) backup_id: String,
    pub(crate) source_vault_id: String,
    pub(crate) created_at: String,
    pub(crate) wrapped_key: WrappedKey,
    pub(crate) body_len: u64,
    pub(crate) body_sha256: String,
}

/// What a backup wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct BackupSummary {
    #[cfg_attr(feature = "specta", specta(type = String))]
    pub path: PathBuf,
    pub bytes: u64,
    pub audit_entries: u64,
}

pub(crate) fn sqlcipher_key_text(key: &[u8; 32]) -> zeroize::Zeroizing<String> {
    zeroize::Zeroizing::new(format!("x'{}'", hex::encode(key)))
}

pub(crate) fn export_into(conn: &Connection, target: &Path, key: &[u8; 32]) -> Result<()> {
    // An empty file opens as an empty database; the vault's connections never create files.
    crate::paths::create_private(target, false)?;
    let target_text = target.to_string_lossy().to_string();
    conn.execute(
        "ATTACH DATABASE ?1 AS export_target KEY ?2",
        rusqlite::params![target_text, sqlcipher_key_text(key).as_str()],
    )?;
    let exported = conn.query_row("SELECT sqlcipher_export('export_target')", [], |_| Ok(()));
    let detached = conn.execute("DETACH DATABASE export_target", []);
    exported?;
    detached?;
    Ok(())
}

fn sha256_file(path: &Path) -> Result<(u64, String)> {
    let mut file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let mut hasher = Sha256::new();
    let bytes = std::io::copy(&mut file, &mut hasher).map_err(|e| Error::io(path, e))?;
    Ok((bytes, hex::encode(hasher.finalize())))
}

/// Writes an encrypted backup of the open vault to `out`. Needs `export` on every store.
pub fn backup(
    session: &Session,
    out: &Path,
    passphrase: &SecretString,
    params: KdfParams,
) -> Result<BackupSummary> {
    session.require(Permission::Export, None)?;
    check_passphrase(passphrase)?;
    write_backup(session.vault(), out, passphrase, params, |result| {
        session.record(
            AuditAction::Backup,
            format!("vault:{}", session.vault().vault_id()),
            result,
        )
    })
}

/// Writes the backup and audits it, ok or failed, with the record `record` makes for the result.
/// The caller has checked who may back up and the passphrase's strength.
pub(crate) fn write_backup(
    vault: &Vault,
    out: &Path,
    passphrase: &SecretString,
    params: KdfParams,
    record: impl FnOnce(AuditResult) -> AuditRecord,
) -> Result<BackupSummary> {
    let backup_id = uuid::Uuid::new_v4().to_string();
    let mut salt = [0u8; 16];
    crate::vault::keys::random_bytes(&mut salt);
    let master = params.derive(passphrase, &salt)?;
    let wrapped_key =
        WrappedKey::wrap_with_master(vault.data_key(), &master, params, &salt, &backup_id);
    let body_key = expand(&master, BACKUP_DB_INFO);

    let body = out.with_extension("body.tmp");
    let staged = out.with_extension("tmp");
    let _ = std::fs::remove_file(&body);
    let result = (|| -> Result<BackupSummary> {
        let audit_entries = vault.verify_audit()?;
        vault
            .db()
            .with_writer(|c| export_into(c, &body, &body_key))?;
        let (body_len, body_sha256) = sha256_file(&body)?;
        let header = BackupHeader {
            format: 1,
            backup_id: backup_id.clone(),
            source_vault_id: vault.vault_id().to_string(),
            created_at: vault.clock().now().to_string(),
            wrapped_key,
            body_len,
            body_sha256,
        };
        let mut file = crate::paths::create_private(&staged, true)?;
        let header_line =
            serde_json::to_string(&header).map_err(|e| Error::Internal(e.to_string()))?;
        let mut body_file = std::fs::File::open(&body).map_err(|e| Error::io(&body, e))?;
        (|| -> std::io::Result<()> {
            writeln!(file, "{MAGIC}")?;
            writeln!(file, "{header_line}")?;
            std::io::copy(&mut body_file, &mut file)?;
            file.sync_all()
        })()
        .map_err(|e| Error::io(&staged, e))?;
        std::fs::rename(&staged, out).map_err(|e| Error::io(out, e))?;
        meta::sync_dir(out);
        let bytes = std::fs::metadata(out).map_err(|e| Error::io(out, e))?.len();
        Ok(BackupSummary {
            path: out.to_path_buf(),
            bytes,
            audit_entries,
        })
    })();
    let _ = std::fs::remove_file(&body);
    let _ = std::fs::remove_file(&staged);
    let (result_code, detail) = match &result {
        Ok(s) => (
            AuditResult::Ok,
            serde_json::json!({ "bytes": s.bytes, "backup_id": backup_id }),
        ),
        Err(e) => (
            AuditResult::Failed,
            serde_json::json!({ "error": e.code() }),
        ),
    };
    vault.audit(record(result_code).with_detail(detail))?;
    result
}

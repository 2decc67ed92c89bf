//! What a backup file holds, read before it is restored: its date and source, and how many
//! customers, plans and payments it has. The file is opened with the backup passphrase and its
//! checksum checked, exactly as a restore would; nothing in the data folder changes.

use std::path::Path;

use rusqlite::{Connection, OpenFlags};
use secrecy::SecretString;
use serde::Serialize;

use crate::auth::{Permission, Session};
use crate::error::{Error, Result};
use crate::i18n::Text;
use crate::vault::backup::{BACKUP_DB_INFO, sqlcipher_key_text};
use crate::vault::restore::{extract_body, read_header};
use crate::vault::wrap::expand;

/// A backup's contents, in brief.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct BackupPreview {
    /// When it was made (RFC 3339, UTC).
    pub created_at: String,
    /// The vault it was made of.
    pub source_vault_id: String,
    /// Whether it was made of the vault open now.
    pub same_vault: bool,
    pub customers: i64,
    pub plans: i64,
    pub payments: i64,
}

/// Opens `file` with `passphrase` and counts what it holds. Needs an administrator, as a restore
/// does (`manage_users` and `manage_stores`).
pub fn preview(session: &Session, file: &Path, passphrase: &SecretString) -> Result<BackupPreview> {
    session.require(Permission::ManageUsers, None)?;
    session.require(Permission::ManageStores, None)?;
    let vault = session.vault();
    let (header, offset) = read_header(file)?;
    let master = header.wrapped_key.master(passphrase)?;
    header
        .wrapped_key
        .unwrap_with_master(&master, &header.backup_id)?
        .ok_or(Error::BackupWrongPassphrase)?;
    let body_key = expand(&master, BACKUP_DB_INFO);
    let body = vault.dir().db_sibling("preview");
    super::remove_db_files(&body);
    let counted = (|| -> Result<(i64, i64, i64)> {
        extract_body(file, offset, &header, &body)?;
        let conn = Connection::open_with_flags(&body, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
        conn.pragma_update(None, "key", sqlcipher_key_text(&body_key).as_str())?;
        let count = |table: &str| -> Result<i64> {
            conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
                .map_err(|_| {
                    Error::BackupInvalid(Text::new(
                        "içerik bu parolayla okunamıyor",
                        "the body cannot be read with this passphrase",
                    ))
                })
        };
        Ok((count("customers")?, count("plans")?, count("payments")?))
    })();
    super::remove_db_files(&body);
    let (customers, plans, payments) = counted?;
    Ok(BackupPreview {
        same_vault: header.source_vault_id == vault.vault_id(),
        created_at: header.created_at,
        source_vault_id: header.source_vault_id,
        customers,
        plans,
        payments,
    })
}

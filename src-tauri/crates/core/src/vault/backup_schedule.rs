//! Automatic daily backups: an administrator turns them on with a folder, how many to keep and a
//! backup passphrase; the app then writes one backup a day (Istanbul's date in its name), keeps
//! the newest `keep` of them, and records the last attempt's time and result for the window.
//!
//! The passphrase is sealed under the vault's key in the `backup_schedule` row (never in clear,
//! never returned): the app needs it without anyone signed in, and the vault it lives in is the
//! one it protects, so it opens exactly where the backups are made. A failed backup is recorded
//! and audited, and leaves every earlier file in place; the next try is an hour later.

use std::path::{Path, PathBuf};

use jiff::civil::Date;
use rusqlite::OptionalExtension;
use secrecy::SecretString;
use serde::{Deserialize, Serialize};

use crate::audit::{Actor, AuditAction, AuditRecord, AuditResult, Origin};
use crate::auth::{Permission, Session};
use crate::error::{Error, Result};
use crate::i18n::{Lang, Text};
use crate::vault::Vault;
use crate::vault::backup::write_backup;
use crate::vault::wrap::{KdfParams, check_passphrase};

/// How many daily backups are kept when nothing else was chosen.
pub const DEFAULT_KEEP: u32 = 7;
/// The most that may be kept.
pub const MAX_KEEP: u32 = 365;
/// The extension of a backup file.
pub const EXTENSION: &str = "tahsildar";
const PREFIX: &str = "tahsildar-yedek-";
const SEAL_AAD: &[u8] = b"backup_schedule.passphrase";
/// How long after a failed automatic backup the next one is tried.
const RETRY_AFTER: jiff::SignedDuration = jiff::SignedDuration::from_hours(1);

/// The name of the backup of `day`: `tahsildar-yedek-2026-11-27.tahsildar`.
pub fn file_name(day: Date) -> String {
    format!("{PREFIX}{day}.{EXTENSION}")
}

/// The day of a file named by [`file_name`]; other files are not this program's backups.
pub fn day_of(name: &str) -> Option<Date> {
    name.strip_prefix(PREFIX)?
        .strip_suffix(&format!(".{EXTENSION}"))?
        .parse()
        .ok()
}

/// The last automatic backup, as the window shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct LastBackup {
    /// When it was tried (RFC 3339, UTC).
    pub at: String,
    pub ok: bool,
    /// The file's name (in the folder) when it was written.
    pub file: Option<String>,
    /// Why it failed.
    pub error: Option<Text>,
}

/// The automatic backups' settings (never the passphrase).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct BackupSchedule {
    pub enabled: bool,
    pub folder: Option<String>,
    pub keep: u32,
    /// Whether a passphrase is kept for them.
    pub has_passphrase: bool,
    pub last: Option<LastBackup>,
}

/// A change of the settings; the folder is set apart, from the native dialog.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ScheduleChange {
    pub enabled: bool,
    pub keep: u32,
}

struct Row {
    enabled: bool,
    folder: Option<String>,
    keep: u32,
    sealed: Option<Vec<u8>>,
    last_at: Option<String>,
    last_file: Option<String>,
    last_error: Option<String>,
}

fn read_row(vault: &Vault) -> Result<Row> {
    vault.db().read(|c| {
        Ok(c.query_row(
            "SELECT enabled, folder, keep, passphrase_sealed, last_at, last_file, last_error
             FROM backup_schedule WHERE id = 1",
            [],
            |r| {
                Ok(Row {
                    enabled: r.get(0)?,
                    folder: r.get(1)?,
                    keep: r.get(2)?,
                    sealed: r.get(3)?,
                    last_at: r.get(4)?,
                    last_file: r.get(5)?,
                    last_error: r.get(6)?,
                })
            },
        )
        .optional()?
        .unwrap_or(Row {
            enabled: false,
            folder: None,
            keep: DEFAULT_KEEP,
            sealed: None,
            last_at: None,
            last_file: None,
            last_error: None,
        }))
    })
}

fn error_text(stored: &str) -> Text {
    match serde_json::from_str::<serde_json::Value>(stored) {
        Ok(v) => Text::new(
            v["tr"].as_str().unwrap_or(stored).to_string(),
            v["en"].as_str().unwrap_or(stored).to_string(),
        ),
        Err(_) => Text::new(stored, stored),
    }
}

impl Row {
    fn view(&self) -> BackupSchedule {
        BackupSchedule {
            enabled: self.enabled,
            folder: self.folder.clone(),
            keep: self.keep,
            has_passphrase: self.sealed.is_some(),
            last: self.last_at.as_ref().map(|at| LastBackup {
                at: at.clone(),
                ok: self.last_error.is_none(),
                file: self.last_file.clone(),
                error: self.last_error.as_deref().map(error_text),
            }),
        }
    }
}

/// The settings of the automatic backups. Needs `export` on every store (as a backup does).
pub fn schedule(session: &Session) -> Result<BackupSchedule> {
    session.require(Permission::Export, None)?;
    Ok(read_row(session.vault())?.view())
}

/// Who may change the automatic backups: an administrator (users, and backups of every store).
fn require_admin(session: &Session) -> Result<()> {
    session.require(Permission::ManageUsers, None)?;
    session.require(Permission::Export, None)
}

fn not_a_folder(path: &Path) -> Error {
    let shown = path.display();
    Error::invalid(
        "folder",
        Text::new(
            format!("{shown} bir klasör değil ya da yok."),
            format!("{shown} is not a folder or does not exist."),
        ),
    )
}

/// Sets the folder the automatic backups are written to (an existing folder, by its full path).
/// Audited.
pub fn set_folder(session: &Session, folder: &Path) -> Result<BackupSchedule> {
    require_admin(session)?;
    if !folder.is_absolute() || !folder.is_dir() {
        return Err(not_a_folder(folder));
    }
    let vault = session.vault();
    let text = folder.to_string_lossy().to_string();
    let now = vault.clock().now().to_string();
    vault.write_audited(|tx, _| {
        tx.execute(
            "UPDATE backup_schedule SET folder = ?1, updated_at = ?2 WHERE id = 1",
            rusqlite::params![text, now],
        )?;
        Ok((
            (),
            session
                .record(
                    AuditAction::BackupSchedule,
                    "backup_schedule",
                    AuditResult::Ok,
                )
                .with_detail(serde_json::json!({ "folder": text })),
        ))
    })?;
    Ok(read_row(vault)?.view())
}

/// Turns the automatic backups on or off and sets how many are kept; `passphrase`, when given,
/// replaces the kept one (the strength rule of every backup passphrase). Turning them on needs a
/// folder and a passphrase. Audited (never the passphrase).
pub fn set_schedule(
    session: &Session,
    change: ScheduleChange,
    passphrase: Option<&SecretString>,
) -> Result<BackupSchedule> {
    require_admin(session)?;
    if !(1..=MAX_KEEP).contains(&change.keep) {
        return Err(Error::invalid(
            "keep",
            Text::new(
                format!("Saklanacak yedek sayısı 1 ile {MAX_KEEP} arasında olmalı."),
                format!("The number of backups kept must be between 1 and {MAX_KEEP}."),
            ),
        ));
    }
    if let Some(p) = passphrase {
        check_passphrase(p)?;
    }
    let vault = session.vault();
    let row = read_row(vault)?;
    if change.enabled {
        match &row.folder {
            None => {
                return Err(Error::invalid(
                    "folder",
                    Text::new(
                        "Önce yedeklerin yazılacağı klasörü seçin.",
                        "First choose the folder the backups are written to.",
                    ),
                ));
            }
            Some(folder) if !Path::new(folder).is_dir() => {
                return Err(not_a_folder(Path::new(folder)));
            }
            Some(_) => {}
        }
        if passphrase.is_none() && row.sealed.is_none() {
            return Err(Error::invalid(
                "passphrase",
                Text::new(
                    "Otomatik yedekler için bir yedek parolası girin.",
                    "Enter a backup passphrase for the automatic backups.",
                ),
            ));
        }
    }
    let sealed = passphrase.map(|p| {
        use secrecy::ExposeSecret;
        vault.keys().seal(p.expose_secret().as_bytes(), SEAL_AAD)
    });
    let now = vault.clock().now().to_string();
    vault.write_audited(|tx, _| {
        tx.execute(
            "UPDATE backup_schedule SET enabled = ?1, keep = ?2,
                 passphrase_sealed = COALESCE(?3, passphrase_sealed), updated_at = ?4
             WHERE id = 1",
            rusqlite::params![change.enabled, change.keep, sealed, now],
        )?;
        Ok((
            (),
            session
                .record(
                    AuditAction::BackupSchedule,
                    "backup_schedule",
                    AuditResult::Ok,
                )
                .with_detail(serde_json::json!({
                    "enabled": change.enabled,
                    "keep": change.keep,
                    "passphrase_changed": passphrase.is_some(),
                })),
        ))
    })?;
    Ok(read_row(vault)?.view())
}

/// Whether an automatic backup is due now: turned on with a folder and a passphrase, no
/// successful one yet today in Istanbul, and no failed one in the last hour.
fn is_due(row: &Row, now: jiff::Timestamp) -> bool {
    if !row.enabled || row.folder.is_none() || row.sealed.is_none() {
        return false;
    }
    let Some(last) = row
        .last_at
        .as_deref()
        .and_then(|t| t.parse::<jiff::Timestamp>().ok())
    else {
        return true;
    };
    if row.last_error.is_some() {
        return now.duration_since(last) >= RETRY_AFTER;
    }
    let tz = crate::plan::time_zone();
    last.to_zoned_datetime(tz.clone()).date() != now.to_zoned_datetime(tz).date()
}

/// Removes the oldest of this program's daily backups in `folder` beyond the newest `keep`;
/// other files are left alone. Returns the names removed.
pub fn rotate(folder: &Path, keep: u32) -> Result<Vec<String>> {
    let mut backups: Vec<(Date, PathBuf, String)> = std::fs::read_dir(folder)
        .map_err(|e| Error::io(folder, e))?
        .filter_map(|entry| entry.ok())
        .filter(|entry| entry.file_type().map(|t| t.is_file()).unwrap_or(false))
        .filter_map(|entry| {
            let name = entry.file_name().to_string_lossy().to_string();
            day_of(&name).map(|day| (day, entry.path(), name))
        })
        .collect();
    backups.sort_by_key(|b| std::cmp::Reverse(b.0));
    let mut removed = Vec::new();
    for (_, path, name) in backups.into_iter().skip(keep as usize) {
        std::fs::remove_file(&path).map_err(|e| Error::io(&path, e))?;
        removed.push(name);
    }
    Ok(removed)
}

/// Writes today's automatic backup when one is due (see the module documentation), rotates the
/// folder after a success, and records the attempt. `None` when nothing was due. The backup is
/// audited as the scheduler's.
pub fn run_if_due(vault: &Vault, params: KdfParams) -> Result<Option<LastBackup>> {
    let row = read_row(vault)?;
    let now = vault.clock().now();
    if !is_due(&row, now) {
        return Ok(None);
    }
    let (Some(folder), Some(sealed)) = (row.folder.as_deref(), row.sealed.as_deref()) else {
        return Ok(None);
    };
    let folder = PathBuf::from(folder);
    let name = file_name(crate::plan::today(vault.clock().as_ref()));
    let result = vault
        .keys()
        .open_text(sealed, SEAL_AAD)
        .and_then(|passphrase| {
            if !folder.is_dir() {
                return Err(not_a_folder(&folder));
            }
            write_backup(vault, &folder.join(&name), &passphrase, params, |result| {
                AuditRecord::new(
                    Actor::nobody(),
                    AuditAction::Backup,
                    format!("vault:{}", vault.vault_id()),
                    result,
                    Origin::Scheduler,
                )
            })
        })
        .and_then(|_| rotate(&folder, row.keep));
    let error = result.as_ref().err().map(|e| {
        serde_json::json!({ "code": e.code(), "tr": e.message(Lang::Tr), "en": e.message(Lang::En) })
            .to_string()
    });
    let at = now.to_string();
    let file = result.is_ok().then(|| name.clone());
    vault.db().write(|tx| {
        tx.execute(
            "UPDATE backup_schedule SET last_at = ?1, last_file = ?2, last_error = ?3 WHERE id = 1",
            rusqlite::params![at, file, error],
        )?;
        Ok(())
    })?;
    Ok(read_row(vault)?.view().last)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_carry_the_day_and_only_they_are_backups() {
        let day: Date = "2026-11-27".parse().unwrap();
        assert_eq!(file_name(day), "tahsildar-yedek-2026-11-27.tahsildar");
        assert_eq!(day_of(&file_name(day)), Some(day));
        assert_eq!(day_of("tahsildar-yedek-2026-11-27.tahsildar.tmp"), None);
        assert_eq!(day_of("tahsildar-yedek-27.11.2026.tahsildar"), None);
        assert_eq!(day_of("notlar.txt"), None);
    }

    #[test]
    fn rotation_keeps_the_newest_and_leaves_other_files() {
        let dir = tempfile::tempdir().unwrap();
        let first: Date = "2026-11-20".parse().unwrap();
        for n in 0..10 {
            let day = first.checked_add(jiff::Span::new().days(n)).unwrap();
            std::fs::write(dir.path().join(file_name(day)), b"x").unwrap();
        }
        std::fs::write(dir.path().join("notlar.txt"), b"x").unwrap();
        let removed = rotate(dir.path(), 7).unwrap();
        assert_eq!(removed.len(), 3);
        let mut left: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
            .collect();
        left.sort();
        assert_eq!(left.len(), 8);
        assert_eq!(left[0], "notlar.txt");
        assert_eq!(left[1], "tahsildar-yedek-2026-11-23.tahsildar");
        assert_eq!(left[7], "tahsildar-yedek-2026-11-29.tahsildar");
    }
}

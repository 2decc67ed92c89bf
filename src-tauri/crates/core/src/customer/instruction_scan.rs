//! The scan of a card's signed mail-order instruction: a PDF, PNG or JPEG (recognised by its
//! first bytes, never by its name) of at most 10 MB, kept in the vault beside the card, one per
//! card (attaching again replaces it). Attaching and removing need `create_collections` on the
//! card's store, as adding the card does; opening it (and saving a copy) needs `view_reports`
//! there. Every attach, replacement, removal, opening and copy is audited with the card's masked
//! number and the file's name, never its content. A removed card keeps its scan for the history.

use std::io::Read;
use std::path::Path;

use rusqlite::{OptionalExtension, Transaction, params};
use serde::Serialize;

use crate::audit::{AuditAction, AuditResult};
use crate::auth::{Permission, Session};
use crate::error::{Error, Result};
use crate::i18n::Text;
use crate::stored::stored_enum;

/// The largest scan taken, in bytes (10 MB).
pub const MAX_BYTES: usize = 10 * 1024 * 1024;

/// The longest file name kept, in characters.
const MAX_NAME_CHARS: usize = 255;

stored_enum! {
    /// What a scan is, as its first bytes say.
    pub enum ScanType {
        Pdf = "application/pdf",
        Png = "image/png",
        Jpeg = "image/jpeg",
    }
}

impl ScanType {
    /// The type whose signature `bytes` start with, if any.
    pub fn sniff(bytes: &[u8]) -> Option<ScanType> {
        if bytes.starts_with(b"%PDF-") {
            Some(ScanType::Pdf)
        } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            Some(ScanType::Png)
        } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
            Some(ScanType::Jpeg)
        } else {
            None
        }
    }
}

/// A card's scan as listed: what it is, without its bytes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct InstructionScan {
    /// The file's name as it was chosen.
    pub file_name: String,
    pub media_type: ScanType,
    /// Bytes.
    pub size: i64,
    pub added_at: String,
    /// The user who attached it.
    pub added_by: String,
}

/// A scan opened for the window: its bytes go over IPC (base64) and are never written to disk.
#[derive(Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct InstructionScanFile {
    pub card_id: i64,
    pub masked_pan: String,
    pub scan: InstructionScan,
    /// The file's bytes, base64-encoded.
    #[serde(serialize_with = "base64_bytes")]
    #[cfg_attr(feature = "specta", specta(type = String))]
    pub content: Vec<u8>,
}

impl std::fmt::Debug for InstructionScanFile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("InstructionScanFile")
            .field("card_id", &self.card_id)
            .field("scan", &self.scan)
            .finish_non_exhaustive()
    }
}

fn base64_bytes<S: serde::Serializer>(bytes: &[u8], s: S) -> std::result::Result<S::Ok, S::Error> {
    use base64::Engine as _;
    s.serialize_str(&base64::engine::general_purpose::STANDARD.encode(bytes))
}

/// A file refused, named, with the reason in both languages.
fn refused(name: &str, tr: String, en: String) -> Error {
    Error::invalid(
        "file",
        Text::new(format!("{name}: {tr}"), format!("{name}: {en}")),
    )
}

/// A file over [`MAX_BYTES`] refused, with its size in megabytes as each language writes it
/// ("11,0 MB", "11.0 MB").
fn too_large(name: &str, size: u64) -> Error {
    let en = format!("{:.1} MB", size as f64 / (1024.0 * 1024.0));
    let tr = en.replace('.', ",");
    refused(
        name,
        format!("dosya {tr}; talimat formu en çok 10 MB olabilir."),
        format!("the file is {en}; the instruction form may be at most 10 MB."),
    )
}

/// The name kept for a file as chosen: without its folder, trimmed, any run of 12 or more
/// digits masked as a card number is (a scan named after the card never shows its number).
fn kept_name(file_name: &str) -> String {
    let base = file_name.rsplit(['/', '\\']).next().unwrap_or(file_name);
    crate::audit::scrub(base.trim())
}

/// Checks a file as chosen: a name, some bytes, at most 10 MB, a PDF, PNG or JPEG by its first
/// bytes. Returns the name kept and the type.
pub fn check(file_name: &str, bytes: &[u8]) -> Result<(String, ScanType)> {
    let name = kept_name(file_name);
    if name.is_empty()
        || name.chars().count() > MAX_NAME_CHARS
        || name.chars().any(char::is_control)
    {
        return Err(Error::invalid(
            "file",
            Text::new(
                "Dosya adı 1 ile 255 görünür karakter olmalı.",
                "The file name must be 1 to 255 visible characters.",
            ),
        ));
    }
    if bytes.is_empty() {
        return Err(refused(
            &name,
            "dosya boş; taranmış talimat formunu seçin.".into(),
            "the file is empty; choose the scanned instruction form.".into(),
        ));
    }
    if bytes.len() > MAX_BYTES {
        return Err(too_large(&name, bytes.len() as u64));
    }
    let Some(kind) = ScanType::sniff(bytes) else {
        return Err(refused(
            &name,
            "dosya PDF, PNG ya da JPEG değil (içeriğine bakıldı, adına değil); talimat formunu bu türlerden biriyle ekleyin.".into(),
            "the file is not a PDF, PNG or JPEG (by its content, not its name); attach the instruction form as one of these.".into(),
        ));
    };
    Ok((name, kind))
}

/// Reads a chosen file: its name and its bytes. A file over [`MAX_BYTES`] is refused with its
/// size before it is read, and no more than one byte past the limit is ever read (a file that
/// grows meanwhile is then refused by [`check`]).
pub fn read(path: &Path) -> Result<(String, Vec<u8>)> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let size = file.metadata().map_err(|e| Error::io(path, e))?.len();
    if size > MAX_BYTES as u64 {
        return Err(too_large(&kept_name(&name), size));
    }
    let mut bytes = Vec::new();
    file.take(MAX_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io(path, e))?;
    Ok((name, bytes))
}

/// The card a scan belongs to.
struct CardOf {
    customer_id: i64,
    store_id: i64,
    masked_pan: String,
    removed: bool,
}

fn card_of(conn: &rusqlite::Connection, card_id: i64) -> Result<CardOf> {
    conn.query_row(
        "SELECT k.customer_id, c.store_id, k.masked_pan, k.removed_at IS NOT NULL
         FROM cards k JOIN customers c ON c.id = k.customer_id WHERE k.id = ?1",
        [card_id],
        |r| {
            Ok(CardOf {
                customer_id: r.get(0)?,
                store_id: r.get(1)?,
                masked_pan: r.get(2)?,
                removed: r.get(3)?,
            })
        },
    )
    .optional()?
    .ok_or_else(|| Error::not_found("card", card_id))
}

/// The card in use, once the session may change its scan (`create_collections` on its store,
/// as adding a card needs); a removed card keeps its scan as it was. Inside a write (the
/// permission is read on the reader connection).
fn changeable(session: &Session, tx: &Transaction, card_id: i64) -> Result<CardOf> {
    let card = card_of(tx, card_id)?;
    may_change(session, card)
}

fn may_change(session: &Session, card: CardOf) -> Result<CardOf> {
    session.require(Permission::CreateCollections, Some(card.store_id))?;
    if card.removed {
        return Err(Error::wrong_state(
            "card",
            &card.masked_pan,
            Text::new(
                "kart kaldırılmış; talimat formu geçmiş için olduğu gibi saklanır",
                "the card has been removed; its instruction form is kept as it was for the history",
            ),
        ));
    }
    Ok(card)
}

/// Refuses unless the session may attach a scan to the card (before a file is even chosen).
pub fn may_attach(session: &Session, card_id: i64) -> Result<()> {
    let card = session.vault().db().read(|c| card_of(c, card_id))?;
    may_change(session, card).map(|_| ())
}

/// A scan's columns as listed, then where they are read from (the card as `?1`).
const SCAN_COLUMNS: &str = "s.file_name, s.media_type, s.size, s.added_at, COALESCE(u.name, '')";
const SCAN_OF_CARD: &str = "FROM card_instruction_scans s LEFT JOIN users u ON u.id = s.added_by
     WHERE s.card_id = ?1";

fn scan_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<InstructionScan> {
    Ok(InstructionScan {
        file_name: r.get(0)?,
        media_type: r.get(1)?,
        size: r.get(2)?,
        added_at: r.get(3)?,
        added_by: r.get(4)?,
    })
}

/// The card's scan as listed (without its bytes), if one is attached.
pub(crate) fn of_card(
    conn: &rusqlite::Connection,
    card_id: i64,
) -> Result<Option<InstructionScan>> {
    Ok(conn
        .prepare_cached(&format!("SELECT {SCAN_COLUMNS} {SCAN_OF_CARD}"))?
        .query_row([card_id], scan_row)
        .optional()?)
}

fn detail(card: &CardOf, scan: &InstructionScan) -> serde_json::Value {
    serde_json::json!({
        "customer": card.customer_id,
        "masked_pan": card.masked_pan,
        "file_name": scan.file_name,
        "media_type": scan.media_type,
        "size": scan.size,
    })
}

/// Attaches the scan of the card's signed instruction, replacing the one attached before (audited
/// as a replacement). Needs `create_collections` on the card's store; the file is checked by
/// [`check`] and nothing is written when it is refused.
pub fn attach(
    session: &Session,
    card_id: i64,
    file_name: &str,
    bytes: &[u8],
) -> Result<InstructionScan> {
    let vault = session.vault();
    let now = vault.clock().now().to_string();
    vault.write_audited(|tx, _| {
        let card = changeable(session, tx, card_id)?;
        let (name, kind) = check(file_name, bytes)?;
        let before = of_card(tx, card_id)?;
        tx.execute(
            "INSERT INTO card_instruction_scans (card_id, file_name, media_type, size, content, added_at, added_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
             ON CONFLICT (card_id) DO UPDATE SET file_name = excluded.file_name,
                 media_type = excluded.media_type, size = excluded.size, content = excluded.content,
                 added_at = excluded.added_at, added_by = excluded.added_by",
            params![card_id, name, kind, bytes.len() as i64, bytes, now, session.user_id()],
        )?;
        let scan = of_card(tx, card_id)?.ok_or_else(|| Error::not_found("card", card_id))?;
        let mut facts = detail(&card, &scan);
        let action = match before {
            Some(old) => {
                facts["replaced_file_name"] = old.file_name.into();
                AuditAction::InstructionScanReplace
            }
            None => AuditAction::InstructionScanAttach,
        };
        let record = session
            .record(action, format!("card:{card_id}"), AuditResult::Ok)
            .with_detail(facts);
        Ok((scan, record))
    })
}

/// Attaches the file at `path` (see [`attach`] and [`read`]).
pub fn attach_file(session: &Session, card_id: i64, path: &Path) -> Result<InstructionScan> {
    may_attach(session, card_id)?;
    let (name, bytes) = read(path)?;
    attach(session, card_id, &name, &bytes)
}

/// Reads the card's scan with `view_reports` on its store, audited with `action` in the same
/// transaction (no bytes leave the vault unrecorded).
fn read_audited(
    session: &Session,
    card_id: i64,
    action: AuditAction,
    saved_as: Option<String>,
) -> Result<InstructionScanFile> {
    session.vault().write_audited(|tx, _| {
        let card = card_of(tx, card_id)?;
        session.require(Permission::ViewReports, Some(card.store_id))?;
        let found = scan_with_content(tx, card_id)?;
        let Some((scan, content)) = found else {
            return Err(Error::not_found("instruction form", &card.masked_pan));
        };
        let mut facts = detail(&card, &scan);
        if let Some(saved_as) = saved_as {
            facts["saved_as"] = crate::audit::scrub(&saved_as).into();
        }
        let record = session
            .record(action, format!("card:{card_id}"), AuditResult::Ok)
            .with_detail(facts);
        Ok((
            InstructionScanFile {
                card_id,
                masked_pan: card.masked_pan,
                scan,
                content,
            },
            record,
        ))
    })
}

fn scan_with_content(tx: &Transaction, card_id: i64) -> Result<Option<(InstructionScan, Vec<u8>)>> {
    Ok(tx
        .query_row(
            &format!("SELECT {SCAN_COLUMNS}, s.content {SCAN_OF_CARD}"),
            [card_id],
            |r| Ok((scan_row(r)?, r.get(5)?)),
        )
        .optional()?)
}

/// The card's scan as listed (without its bytes; not audited, nothing leaves the vault);
/// needs `view_reports` on the card's store.
pub fn info(session: &Session, card_id: i64) -> Result<InstructionScan> {
    let (card, scan) = session
        .vault()
        .db()
        .read(|c| Ok((card_of(c, card_id)?, of_card(c, card_id)?)))?;
    session.require(Permission::ViewReports, Some(card.store_id))?;
    scan.ok_or_else(|| Error::not_found("instruction form", &card.masked_pan))
}

/// Opens the card's scan for the window (its bytes, never written to disk); needs
/// `view_reports` on the card's store. Every opening is audited.
pub fn open(session: &Session, card_id: i64) -> Result<InstructionScanFile> {
    read_audited(session, card_id, AuditAction::InstructionScanView, None)
}

/// Saves a copy of the card's scan to `out` (a file the user chose, replaced); needs
/// `view_reports` on the card's store. The copy is audited, with the name it is saved under,
/// before it is written.
pub fn save_copy(session: &Session, card_id: i64, out: &Path) -> Result<InstructionScan> {
    let saved_as = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let file = read_audited(
        session,
        card_id,
        AuditAction::InstructionScanSave,
        Some(saved_as),
    )?;
    let mut written = crate::paths::create_private(out, true)?;
    std::io::Write::write_all(&mut written, &file.content).map_err(|e| Error::io(out, e))?;
    Ok(file.scan)
}

/// Removes the card's scan; needs `create_collections` on the card's store, audited.
pub fn remove(session: &Session, card_id: i64) -> Result<()> {
    session.vault().write_audited(|tx, _| {
        let card = changeable(session, tx, card_id)?;
        let Some(scan) = of_card(tx, card_id)? else {
            return Err(Error::not_found("instruction form", &card.masked_pan));
        };
        tx.execute(
            "DELETE FROM card_instruction_scans WHERE card_id = ?1",
            [card_id],
        )?;
        let record = session
            .record(
                AuditAction::InstructionScanRemove,
                format!("card:{card_id}"),
                AuditResult::Ok,
            )
            .with_detail(detail(&card, &scan));
        Ok(((), record))
    })
}

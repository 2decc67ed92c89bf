//! The chain verifier: names the first broken or missing link.

use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;

use crate::audit::{AuditEntry, SELECT_ENTRY, genesis, head_mac, link};
use crate::error::{Error, Result};
use crate::i18n::Lang;
use crate::vault::keys::Keys;

/// What is wrong at a place in the chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum BreakKind {
    /// The entry's content does not match its link: it was changed.
    Tampered,
    /// The entry with this number is missing (deleted).
    Missing,
    /// The entry that belongs here was found at another place.
    Reordered { found_at: i64 },
    /// The chain head (last link) is missing or does not match the entries.
    HeadMismatch,
}

/// The first place where the chain does not hold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditBreak {
    pub seq: i64,
    #[serde(flatten)]
    pub kind: BreakKind,
}

impl AuditBreak {
    pub fn describe(&self, lang: Lang) -> String {
        let seq = self.seq;
        match &self.kind {
            BreakKind::Tampered => lang.pick(
                format!("{seq} numaralı kayıt değiştirilmiş"),
                format!("entry {seq} was changed"),
            ),
            BreakKind::Missing => lang.pick(
                format!("{seq} numaralı kayıt eksik (silinmiş)"),
                format!("entry {seq} is missing (deleted)"),
            ),
            BreakKind::Reordered { found_at } => lang.pick(
                format!("{seq} numaralı kayıt yerinde değil; {found_at} numaralı yerde bulundu (sıra değiştirilmiş)"),
                format!("entry {seq} is out of place; it was found at position {found_at} (reordered)"),
            ),
            BreakKind::HeadMismatch => lang.pick(
                format!("zincirin sonu ({seq}) kayıtlarla uyuşmuyor"),
                format!("the end of the chain ({seq}) does not match the entries"),
            ),
        }
    }
}

impl std::fmt::Display for AuditBreak {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.describe(Lang::En))
    }
}

fn broken(seq: i64, kind: BreakKind) -> Error {
    Error::AuditBroken(AuditBreak { seq, kind })
}

/// Verifies the whole chain and its head; returns the number of entries.
pub fn verify(conn: &Connection, keys: &Keys) -> Result<u64> {
    let mut stmt = conn.prepare(&format!("{SELECT_ENTRY} ORDER BY seq"))?;
    let entries = stmt
        .query_map([], AuditEntry::from_row)?
        .collect::<std::result::Result<Vec<_>, _>>()?;
    let mut prev = genesis(keys).to_vec();
    let mut expected = 1i64;
    for entry in &entries {
        if entry.seq != expected {
            return Err(broken(expected, BreakKind::Missing));
        }
        if link(keys, &prev, &entry.canonical(expected)).as_slice() != entry.hash.as_slice() {
            let found = entries.iter().find(|other| {
                other.seq != expected
                    && link(keys, &prev, &other.canonical(expected)).as_slice()
                        == other.hash.as_slice()
            });
            return Err(match found {
                Some(other) => broken(
                    expected,
                    BreakKind::Reordered {
                        found_at: other.seq,
                    },
                ),
                None => broken(expected, BreakKind::Tampered),
            });
        }
        prev = entry.hash.clone();
        expected += 1;
    }
    let last = expected - 1;
    let head: Option<(i64, Vec<u8>, Vec<u8>)> = conn
        .query_row(
            "SELECT seq, hash, mac FROM audit_head WHERE id = 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    match head {
        None if last == 0 => Ok(0),
        None => Err(broken(last, BreakKind::HeadMismatch)),
        Some((seq, hash, mac)) => {
            if head_mac(keys, seq, &hash).as_slice() != mac.as_slice() {
                return Err(broken(seq, BreakKind::HeadMismatch));
            }
            if seq > last {
                return Err(broken(last + 1, BreakKind::Missing));
            }
            if seq < last || hash != prev {
                return Err(broken(seq, BreakKind::HeadMismatch));
            }
            Ok(last as u64)
        }
    }
}

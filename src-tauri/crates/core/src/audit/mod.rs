//! The audit log: append-only (triggers refuse UPDATE and DELETE) and hash-chained,
//! `h_n = HMAC(audit key, h_{n-1} || canonical(entry_n))`, `h_0 = HMAC(audit key, genesis)`.
//! Entries never hold a PAN or a secret: details pass through [`scrub`] before they are stored.

mod action;
pub mod check;
pub mod list;
mod verify;

pub use action::{AuditAction, AuditResult, Origin};
pub use check::{AuditCheck, check};
pub use list::{AuditChoices, AuditPage, AuditQuery, AuditRow};
pub use verify::{AuditBreak, BreakKind, verify};

use rusqlite::{OptionalExtension, Transaction, params};
use serde::Serialize;

use crate::error::Result;
use crate::vault::keys::Keys;

pub(crate) const GENESIS: &[u8] = b"tahsildar/audit/genesis/v1";

/// Who did it: a signed-in user, or nobody (a failed sign-in, a restore on a new PC).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Actor {
    pub user_id: Option<i64>,
    pub user_name: Option<String>,
}

impl Actor {
    pub fn nobody() -> Actor {
        Actor {
            user_id: None,
            user_name: None,
        }
    }

    pub fn user(id: i64, name: &str) -> Actor {
        Actor {
            user_id: Some(id),
            user_name: Some(name.to_string()),
        }
    }
}

/// One entry to append.
#[derive(Debug, Clone)]
pub struct AuditRecord {
    pub actor: Actor,
    pub action: AuditAction,
    /// What it was done to, e.g. `user:3`, `store:1`, `payment:88`.
    pub object: String,
    pub result: AuditResult,
    pub origin: Origin,
    /// Extra facts (no PAN, no secret; long digit runs are masked anyway).
    pub detail: serde_json::Value,
}

impl AuditRecord {
    pub fn new(
        actor: Actor,
        action: AuditAction,
        object: impl Into<String>,
        result: AuditResult,
        origin: Origin,
    ) -> Self {
        AuditRecord {
            actor,
            action,
            object: object.into(),
            result,
            origin,
            detail: serde_json::Value::Object(Default::default()),
        }
    }

    pub fn with_detail(mut self, detail: serde_json::Value) -> Self {
        self.detail = detail;
        self
    }
}

/// A stored entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditEntry {
    pub seq: i64,
    pub at: String,
    pub user_id: Option<i64>,
    pub user_name: Option<String>,
    pub action: String,
    pub object: String,
    pub result: String,
    pub origin: String,
    pub detail: String,
    #[serde(skip)]
    pub hash: Vec<u8>,
}

impl AuditEntry {
    /// The canonical bytes that the chain covers (a JSON array in a fixed order).
    pub(crate) fn canonical(&self, seq: i64) -> Vec<u8> {
        serde_json::to_vec(&(
            seq,
            &self.at,
            self.user_id,
            &self.user_name,
            &self.action,
            &self.object,
            &self.result,
            &self.origin,
            &self.detail,
        ))
        .expect("serialising plain values cannot fail")
    }

    pub(crate) fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<AuditEntry> {
        Ok(AuditEntry {
            seq: r.get(0)?,
            at: r.get(1)?,
            user_id: r.get(2)?,
            user_name: r.get(3)?,
            action: r.get(4)?,
            object: r.get(5)?,
            result: r.get(6)?,
            origin: r.get(7)?,
            detail: r.get(8)?,
            hash: r.get(9)?,
        })
    }
}

pub(crate) const SELECT_ENTRY: &str = "SELECT seq, at, user_id, user_name, action, object, result, origin, detail, hash FROM audit_log";

pub(crate) fn link(keys: &Keys, prev: &[u8], canonical: &[u8]) -> [u8; 32] {
    keys.audit_mac(&[prev, canonical])
}

pub(crate) fn head_mac(keys: &Keys, seq: i64, hash: &[u8]) -> [u8; 32] {
    keys.audit_mac(&[b"tahsildar/audit/head/v1", &seq.to_be_bytes(), hash])
}

pub(crate) fn genesis(keys: &Keys) -> [u8; 32] {
    keys.audit_mac(&[GENESIS])
}

/// Masks any run of 12 or more digits (a PAN that slipped into a detail) to first 6 / last 4.
pub fn scrub(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut run = String::new();
    let flush = |run: &mut String, out: &mut String| {
        if run.len() >= 12 {
            out.push_str(&crate::vault::keys::mask_pan(run));
        } else {
            out.push_str(run);
        }
        run.clear();
    };
    for c in text.chars() {
        if c.is_ascii_digit() {
            run.push(c);
        } else {
            flush(&mut run, &mut out);
            out.push(c);
        }
    }
    flush(&mut run, &mut out);
    out
}

/// Appends an entry inside the caller's transaction, so the entry and the change it records
/// commit together. Returns the new sequence number.
pub fn append(
    tx: &Transaction,
    keys: &Keys,
    at: jiff::Timestamp,
    record: &AuditRecord,
) -> Result<i64> {
    let head: Option<(i64, Vec<u8>)> = tx
        .prepare_cached("SELECT seq, hash FROM audit_head WHERE id = 1")?
        .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let (prev_seq, prev_hash) = head.unwrap_or_else(|| (0, genesis(keys).to_vec()));
    let seq = prev_seq + 1;
    let entry = AuditEntry {
        seq,
        at: at.to_string(),
        user_id: record.actor.user_id,
        user_name: record.actor.user_name.clone(),
        action: record.action.code().to_string(),
        object: scrub(&record.object),
        result: record.result.code().to_string(),
        origin: record.origin.code().to_string(),
        detail: scrub(&record.detail.to_string()),
        hash: Vec::new(),
    };
    let hash = link(keys, &prev_hash, &entry.canonical(seq));
    tx.prepare_cached("INSERT INTO audit_log (seq, at, user_id, user_name, action, object, result, origin, detail, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)")?.execute(
        params![
            seq,
            entry.at,
            entry.user_id,
            entry.user_name,
            entry.action,
            entry.object,
            entry.result,
            entry.origin,
            entry.detail,
            hash.as_slice()
        ],
    )?;
    tx.prepare_cached("INSERT INTO audit_head (id, seq, hash, mac) VALUES (1, ?1, ?2, ?3)
         ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash, mac = excluded.mac")?.execute(
        params![seq, hash.as_slice(), head_mac(keys, seq, &hash).as_slice()],
    )?;
    Ok(seq)
}

/// The newest entries, newest first, at most `limit`, before `before_seq` when given.
pub(crate) fn recent(
    conn: &rusqlite::Connection,
    limit: u32,
    before_seq: Option<i64>,
) -> Result<Vec<AuditEntry>> {
    let mut stmt = conn.prepare(&format!(
        "{SELECT_ENTRY} WHERE seq < ?1 ORDER BY seq DESC LIMIT ?2"
    ))?;
    let rows = stmt.query_map(
        params![before_seq.unwrap_or(i64::MAX), limit],
        AuditEntry::from_row,
    )?;
    Ok(rows.collect::<std::result::Result<Vec<_>, _>>()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scrub_masks_long_digit_runs_only() {
        assert_eq!(
            scrub("card 4355093000315232 ok"),
            "card 435509******5232 ok"
        );
        assert_eq!(scrub("store:12 payment:99887"), "store:12 payment:99887");
    }
}

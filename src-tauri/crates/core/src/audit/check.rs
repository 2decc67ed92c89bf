//! The chain's verification as the window shows it: how far the chain holds, and where it
//! breaks first.

use serde::Serialize;

use super::list::visible_stores;
use crate::auth::Session;
use crate::error::{Error, Result};
use crate::i18n::{Lang, Text};

/// The result of verifying the whole chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct AuditCheck {
    /// Entries in the log.
    pub entries: u64,
    /// The chain holds from the first entry up to this one (0: none holds).
    pub verified_up_to: i64,
    /// The first entry where the chain breaks, if it does.
    pub broken_at: Option<i64>,
    /// What is wrong there.
    pub problem: Option<Text>,
    /// When it was checked (UTC, RFC 3339).
    pub checked_at: String,
}

impl AuditCheck {
    pub fn holds(&self) -> bool {
        self.broken_at.is_none()
    }
}

/// Verifies the chain and its head. Needs `view_audit` on at least one store: the answer
/// names a place in the chain, never what an entry holds.
pub fn check(session: &Session) -> Result<AuditCheck> {
    visible_stores(session)?;
    let vault = session.vault();
    let checked_at = vault.clock().now().to_string();
    let entries: i64 = vault
        .db()
        .read(|c| Ok(c.query_row("SELECT count(*) FROM audit_log", [], |r| r.get(0))?))?;
    match vault.verify_audit() {
        Ok(verified) => Ok(AuditCheck {
            entries: entries as u64,
            verified_up_to: verified as i64,
            broken_at: None,
            problem: None,
            checked_at,
        }),
        Err(Error::AuditBroken(b)) => {
            tracing::warn!(seq = b.seq, "audit chain broken");
            Ok(AuditCheck {
                entries: entries as u64,
                verified_up_to: (b.seq - 1).max(0),
                broken_at: Some(b.seq),
                problem: Some(Text::new(b.describe(Lang::Tr), b.describe(Lang::En))),
                checked_at,
            })
        }
        Err(e) => Err(e),
    }
}

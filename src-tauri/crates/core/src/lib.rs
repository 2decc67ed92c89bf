//! Tahsildar's core: the encrypted vault (SQLCipher + OS keyring or passphrase), field-level
//! sealing of card data, users with per-store permissions, the hash-chained audit log, stores,
//! and encrypted backups. The app and the CLI both build on this crate.
//!
//! Everything is blocking; async callers use `spawn_blocking`. Share a [`Vault`] as
//! `Arc<Vault>`; an [`Auth`] signs users in and hands out [`Session`]s, and every operation that
//! changes or reveals something takes a session and checks its permission itself.
//!
//! Collections: [`customer`] (customers and their sealed cards), [`plan`] (one-off, installment
//! and recurring plans and the payments they produce), [`payments`] (lists, the attention
//! queue, retry with another card) and [`engine`] (the provision runner, reconciliation,
//! pre-authorisations and their capture, voids and refunds, the engine lock and the
//! scheduler). [`import`] checks a merchant's file row by row (dry-run report) and stores it as
//! one batch. [`export`] and [`receipt`] write reports and receipts (PDF) as files. The engine
//! is async (tokio); its database work is short and blocking, on the caller's runtime.

pub mod audit;
pub mod auth;
pub mod clock;
pub mod customer;
pub mod engine;
pub mod error;
#[cfg(test)]
mod error_language_tests;
mod error_text;
pub mod export;
pub mod i18n;
pub mod import;
#[cfg(test)]
mod language_check;
pub mod logging;
mod paging;
pub mod paths;
pub mod payments;
pub mod plan;
pub mod receipt;
pub mod reports;
pub mod settlement;
pub mod store;
pub mod stored;
#[cfg(test)]
mod test_rows;
pub mod vault;

pub use audit::{
    Actor, AuditAction, AuditBreak, AuditEntry, AuditRecord, AuditResult, BreakKind, Origin,
};
pub use auth::{Auth, Grant, NewUser, Permission, Role, Scope, Session, UserInfo};
pub use clock::{Clock, SystemClock, TestClock};
pub use error::{Error, Result};
pub use i18n::{Lang, Text};
pub use paths::DataDir;
pub use store::{Environment, Store, StoreCredentials, StoreSettings};
pub use vault::backup::{BackupSummary, RestoreBy, RestoreOptions, RestoreSummary};
pub use vault::db::Db;
pub use vault::keyring::Keyring;
pub use vault::keys::{DataKey, Keys, mask_pan};
pub use vault::meta::{UnlockMethod, VaultMeta};
pub use vault::wrap::KdfParams;
pub use vault::{Protection, UnlockWith, Vault};

pub use engine::{BankDirectory, Engine, EngineActor, EngineConfig, RunProgress, RunSummary};
pub use tahsildar_akbank::Currency;

/// Audit-log operations for signed-in users.
pub mod audit_log {
    use crate::audit::AuditEntry;
    use crate::auth::{Permission, Session};
    use crate::error::Result;

    /// Verifies the chain; needs `view_audit` (on any store: the answer names a place in the
    /// chain, not an entry's content). Returns the number of entries.
    pub fn verify(session: &Session) -> Result<u64> {
        crate::audit::list::visible_stores(session)?;
        session.vault().verify_audit()
    }

    /// The newest entries, newest first; needs `view_audit` on every store.
    pub fn recent(
        session: &Session,
        limit: u32,
        before_seq: Option<i64>,
    ) -> Result<Vec<AuditEntry>> {
        session.require(Permission::ViewAudit, None)?;
        session
            .vault()
            .db()
            .read(|c| crate::audit::recent(c, limit, before_seq))
    }
}

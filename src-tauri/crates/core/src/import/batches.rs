//! Committed import batches: listing them, and cancelling the payments of one that have not
//! run yet (a payment with any attempt is left alone).

use std::sync::LazyLock;

use rusqlite::{OptionalExtension, named_params, params};
use serde::Serialize;

use crate::audit::{AuditAction, AuditResult};
use crate::auth::{Permission, Session};
use crate::error::{Error, Result};
use crate::i18n::Text;
use crate::payments::PaymentStatus;
use crate::payments::status as payment_status;
use crate::plan::status::{self as plan_status, PlanStatus};
use crate::stored::sql_list;

/// A committed batch and where its payments stand.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct BatchInfo {
    pub id: i64,
    pub store_id: i64,
    pub file_name: String,
    /// SHA-256 of the file, hex.
    pub content_hash: String,
    pub rows_total: i64,
    pub rows_imported: i64,
    pub rows_rejected: i64,
    pub rows_warned: i64,
    pub customers_added: i64,
    pub plans: i64,
    pub payments: i64,
    /// The user who committed it.
    pub created_by: String,
    /// RFC 3339 (UTC).
    pub created_at: String,
    pub cancelled_at: Option<String>,
    /// Payments not yet run (scheduled, never attempted): what a cancel would stop.
    pub payments_pending: i64,
    /// Payments collected.
    pub payments_paid: i64,
}

/// What cancelling a batch did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct CancelSummary {
    pub batch_id: i64,
    /// Payments cancelled (they had not run).
    pub cancelled: i64,
    /// Payments left as they were (attempted, paid, in the attention queue, already
    /// cancelled...).
    pub kept: i64,
}

static SELECT_BATCH: LazyLock<String> = LazyLock::new(|| {
    format!(
        "SELECT b.id, b.store_id, b.file_name, b.content_hash, b.rows_total,
        b.rows_imported, b.rows_rejected, b.rows_warned, b.customers_added, b.plans, b.payments,
        COALESCE(u.name, ''), b.created_at, b.cancelled_at,
        (SELECT count(*) FROM payments p WHERE p.batch_id = b.id AND p.status = {scheduled}
            AND NOT EXISTS (SELECT 1 FROM attempts a WHERE a.payment_id = p.id)),
        (SELECT count(*) FROM payments p WHERE p.batch_id = b.id AND p.status = {paid})
    FROM import_batches b LEFT JOIN users u ON u.id = b.created_by",
        scheduled = sql_list(&[PaymentStatus::Scheduled]),
        paid = sql_list(&[PaymentStatus::Paid])
    )
});

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<BatchInfo> {
    Ok(BatchInfo {
        id: r.get(0)?,
        store_id: r.get(1)?,
        file_name: r.get(2)?,
        content_hash: r.get(3)?,
        rows_total: r.get(4)?,
        rows_imported: r.get(5)?,
        rows_rejected: r.get(6)?,
        rows_warned: r.get(7)?,
        customers_added: r.get(8)?,
        plans: r.get(9)?,
        payments: r.get(10)?,
        created_by: r.get(11)?,
        created_at: r.get(12)?,
        cancelled_at: r.get(13)?,
        payments_pending: r.get(14)?,
        payments_paid: r.get(15)?,
    })
}

fn load(conn: &rusqlite::Connection, id: i64) -> Result<BatchInfo> {
    conn.query_row(
        &format!("{} WHERE b.id = ?1", *SELECT_BATCH),
        [id],
        from_row,
    )
    .optional()?
    .ok_or_else(|| Error::not_found("batch", id))
}

/// One batch, with `view_reports` or `import_batches` on its store.
pub fn get(session: &Session, id: i64) -> Result<BatchInfo> {
    let batch = session.vault().db().read(|c| load(c, id))?;
    session
        .require(Permission::ViewReports, Some(batch.store_id))
        .or_else(|_| session.require(Permission::ImportBatches, Some(batch.store_id)))?;
    Ok(batch)
}

/// Batches of one store, or of every store the user may see (`view_reports`), newest first.
pub fn list(session: &Session, store_id: Option<i64>) -> Result<Vec<BatchInfo>> {
    if let Some(id) = store_id {
        session.require(Permission::ViewReports, Some(id))?;
    }
    let visible = session.stores_with(Permission::ViewReports)?;
    let rows = session.vault().db().read(|c| {
        let mut stmt = c.prepare(&format!(
            "{} WHERE (?1 IS NULL OR b.store_id = ?1) ORDER BY b.id DESC",
            *SELECT_BATCH
        ))?;
        let rows = stmt.query_map([store_id], from_row)?;
        Ok(rows.collect::<std::result::Result<Vec<_>, _>>()?)
    })?;
    Ok(match visible {
        None => rows,
        Some(ids) => rows
            .into_iter()
            .filter(|b| ids.contains(&b.store_id))
            .collect(),
    })
}

/// Cancels the batch's payments that have not run (scheduled, never attempted) and its plans;
/// a payment with any attempt (in progress, paid, declined and waiting for a retry, in the
/// attention queue) is never touched: those are handled one by one. Needs `import_batches` on
/// the store; audited.
pub fn cancel(session: &Session, batch_id: i64) -> Result<CancelSummary> {
    let vault = session.vault();
    let store_id: i64 = vault.db().read(|c| {
        c.query_row(
            "SELECT store_id FROM import_batches WHERE id = ?1",
            [batch_id],
            |r| r.get(0),
        )
        .optional()?
        .ok_or_else(|| Error::not_found("batch", batch_id))
    })?;
    session.require(Permission::ImportBatches, Some(store_id))?;
    let now = vault.clock().now().to_string();
    vault.write_audited(|tx, _| {
        let cancelled_at: Option<String> = tx.query_row(
            "SELECT cancelled_at FROM import_batches WHERE id = ?1",
            [batch_id],
            |r| r.get(0),
        )?;
        if cancelled_at.is_some() {
            return Err(Error::wrong_state(
                "batch",
                batch_id,
                Text::new("zaten iptal edilmiş", "it is already cancelled"),
            ));
        }
        // The engine claims a payment by moving it from scheduled to processing: a payment it
        // has claimed is not matched here.
        let cancelled = payment_status::transition(
            tx,
            "batch_id = :batch AND NOT EXISTS (SELECT 1 FROM attempts a WHERE a.payment_id = payments.id)",
            &[PaymentStatus::Scheduled],
            PaymentStatus::Cancelled,
            "updated_at = :now",
            named_params! {":batch": batch_id, ":now": now},
        )? as i64;
        let total: i64 = tx.query_row(
            "SELECT count(*) FROM payments WHERE batch_id = ?1",
            [batch_id],
            |r| r.get(0),
        )?;
        // A plan ends with its batch unless a payment of it is still under way (a retry).
        let under_way = sql_list(&[
            PaymentStatus::Scheduled,
            PaymentStatus::RetryWait,
            PaymentStatus::Processing,
            PaymentStatus::Attention,
        ]);
        plan_status::transition(
            tx,
            &format!(
                "batch_id = :batch
                 AND EXISTS (SELECT 1 FROM payments p WHERE p.plan_id = plans.id AND p.status = :cancelled)
                 AND NOT EXISTS (SELECT 1 FROM payments p WHERE p.plan_id = plans.id
                                 AND p.status IN ({under_way}))"
            ),
            &[PlanStatus::Active, PlanStatus::Paused],
            PlanStatus::Cancelled,
            "updated_at = :now",
            named_params! {":batch": batch_id, ":cancelled": PaymentStatus::Cancelled, ":now": now},
        )?;
        tx.execute(
            "UPDATE import_batches SET cancelled_at = ?1, cancelled_by = ?2 WHERE id = ?3",
            params![now, session.user_id(), batch_id],
        )?;
        let summary = CancelSummary {
            batch_id,
            cancelled,
            kept: total - cancelled,
        };
        let record = session
            .record(
                AuditAction::ImportCancel,
                format!("batch:{batch_id}"),
                AuditResult::Ok,
            )
            .with_detail(serde_json::json!({
                "store": store_id,
                "cancelled": summary.cancelled,
                "kept": summary.kept,
            }));
        Ok((summary, record))
    })
}

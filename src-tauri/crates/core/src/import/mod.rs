//! Bulk upload: a merchant's file checked row by row with the rules of manual entry, shown as
//! a dry-run report, then stored in one transaction.
//!
//! ```no_run
//! # fn demo(session: &tahsildar_core::Session, store_id: i64) -> tahsildar_core::Result<()> {
//! use tahsildar_core::import::{self, ImportOptions};
//!
//! // 1. Read (in a capped child process), map, validate; nothing is stored.
//! let prepared = import::dry_run_with_progress(
//!     session,
//!     store_id,
//!     std::path::Path::new("aidatlar.xlsx"),
//!     &ImportOptions::default(),
//!     &mut |p| println!("{:?} {}/{}", p.phase, p.rows_done, p.rows_total),
//! )?;
//! let report = &prepared.report; // serde::Serialize; masked card numbers only
//! println!("{} ok, {} warnings, {} errors", report.ok, report.warnings, report.errors);
//! // 2. Store every row that is not an error, all or nothing, with one audit entry.
//! let batch = import::commit(session, &prepared)?;
//! // Later: list batches, or cancel the payments of one that have not run yet.
//! import::batches::cancel(session, batch.id)?;
//! # Ok(()) }
//! ```
//!
//! The file is read by a child process of the running executable, so every binary that
//! imports (the app, the CLI) calls [`run_if_worker`] first thing in `main`. Importing needs the `import_batches` permission on the store.

pub mod batches;
mod commit;
mod duplicates;
pub mod pages;
mod report;
mod texts;
mod validate;

use std::collections::HashMap;
use std::path::Path;

use rusqlite::OptionalExtension;
use serde::Serialize;
use sha2::{Digest, Sha256};
use tahsildar_import::{
    MappingSpec, Phase, Progress, ReadOptions, WorkerCommand, detect_mapping,
    map_rows_with_progress, read_table_isolated_with_progress,
};

pub use batches::{BatchInfo, CancelSummary};
pub use commit::{commit, commit_with_progress};
pub use pages::{ColumnChoice, ImportSummary, ReportPage, RowFilter};
pub use report::{DueTotal, ImportReport, RowStatus, RowSummary};
pub use tahsildar_import::worker::run_if_worker;
pub use tahsildar_import::{
    ColumnMapping, Field, MappingSpec as ImportMapping, Problem, Severity as ProblemSeverity,
};

use crate::auth::{Permission, Session};
use crate::error::{Error, Result};
use validate::{ReadyRow, Rules, StoredCustomer};

/// Writes the import template to `path`, its examples dated from today in Istanbul.
pub fn write_template(path: &std::path::Path) -> Result<()> {
    let today = crate::plan::today(&crate::SystemClock);
    Ok(tahsildar_import::write_template(path, today)?)
}

/// How to read the file.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// Sheet to read; the first visible worksheet when `None`.
    pub sheet: Option<String>,
    /// Column mapping; detected from the headers when `None` (columns the spec does not name
    /// are detected too).
    pub mapping: Option<MappingSpec>,
    /// The reader process; the running executable when `None`.
    pub worker: Option<WorkerCommand>,
}

/// The step an import is at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum ImportPhase {
    Reading,
    Mapping,
    Validating,
    Committing,
}

/// Where a long import stands, for a progress bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ImportProgress {
    pub phase: ImportPhase,
    pub rows_done: u64,
    /// 0 while unknown.
    pub rows_total: u64,
}

/// Rows between two progress reports while validating and committing.
const PROGRESS_EVERY: usize = 5_000;

/// A checked file, ready to commit: the report, and the rows to store (card numbers inside
/// secret types; `Debug` shows counts only).
pub struct PreparedImport {
    pub report: ImportReport,
    rows: Vec<ReadyRow>,
    /// The newest batch id and plan id when the dry run was made (what changed since is
    /// checked again at commit).
    seen_batch: i64,
    seen_plan: i64,
}

impl std::fmt::Debug for PreparedImport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PreparedImport")
            .field("file_name", &self.report.file_name)
            .field("rows", &self.report.rows)
            .field("ready", &self.rows.len())
            .finish_non_exhaustive()
    }
}

/// [`dry_run_with_progress`] without progress.
pub fn dry_run(
    session: &Session,
    store_id: i64,
    path: &Path,
    options: &ImportOptions,
) -> Result<PreparedImport> {
    dry_run_with_progress(session, store_id, path, options, &mut |_| {})
}

/// Reads `path` in a capped child process, maps its columns, checks every row and finds
/// duplicates. Stores nothing. Needs `import_batches` on the store.
pub fn dry_run_with_progress(
    session: &Session,
    store_id: i64,
    path: &Path,
    options: &ImportOptions,
    progress: &mut dyn FnMut(ImportProgress),
) -> Result<PreparedImport> {
    session.require(Permission::ImportBatches, Some(store_id))?;
    let vault = session.vault();
    let max_installments: i64 = vault.db().read(|c| {
        c.query_row(
            "SELECT max_installments FROM stores WHERE id = ?1",
            [store_id],
            |r| r.get(0),
        )
        .optional()?
        .ok_or_else(|| Error::StoreNotFound(store_id.to_string()))
    })?;
    let worker = match &options.worker {
        Some(w) => w.clone(),
        None => WorkerCommand::current_exe()?,
    };
    let read_options = ReadOptions {
        sheet: options.sheet.clone(),
        ..ReadOptions::default()
    };
    let mut forward = |p: Progress| {
        progress(ImportProgress {
            phase: match p.phase {
                Phase::Reading => ImportPhase::Reading,
                Phase::Mapping => ImportPhase::Mapping,
            },
            rows_done: p.rows_done,
            rows_total: p.rows_total_estimate,
        })
    };
    let table = read_table_isolated_with_progress(path, &read_options, &worker, &mut forward)?;
    let content_hash = hash_file(path)?;
    let mapping = match &options.mapping {
        Some(spec) => spec.apply(&table.headers, true)?,
        None => detect_mapping(&table.headers),
    };
    let mapped = map_rows_with_progress(&table, &mapping, &mut forward);
    let sheet = table.sheet_name.clone();
    drop(table);

    let (customers, plans, same_file, seen_batch, seen_plan) = vault.db().read(|c| {
        Ok((
            stored_customers(c, store_id)?,
            duplicates::stored_plans(c, store_id)?,
            duplicates::same_file_batch(c, store_id, &content_hash)?,
            c.query_row("SELECT COALESCE(MAX(id), 0) FROM import_batches", [], |r| {
                r.get(0)
            })?,
            c.query_row("SELECT COALESCE(MAX(id), 0) FROM plans", [], |r| r.get(0))?,
        ))
    })?;

    let mut problems = mapped.problems;
    if let Some((batch, created_at)) = &same_file {
        problems.push(duplicates::same_file_warning(*batch, created_at));
    }
    let rules = Rules {
        today: crate::plan::today(vault.clock().as_ref()),
        max_installments,
        keys: vault.keys(),
        mapping: &mapping,
        customers: &customers,
    };
    let total = mapped.rows.len();
    let mut ready = Vec::with_capacity(total);
    for (n, row) in mapped.rows.iter().enumerate() {
        if let Some(r) = rules.check(row, &mut problems) {
            ready.push(r);
        }
        if (n + 1) % PROGRESS_EVERY == 0 {
            progress(ImportProgress {
                phase: ImportPhase::Validating,
                rows_done: (n + 1) as u64,
                rows_total: total as u64,
            });
        }
    }
    duplicates::within_file(&ready, &mut problems);
    let ready = duplicates::against_stored(ready, &customers, &plans, &mut problems);
    progress(ImportProgress {
        phase: ImportPhase::Validating,
        rows_done: total as u64,
        rows_total: total as u64,
    });

    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let report = report::build(
        report::Inputs {
            store_id,
            file_name,
            content_hash,
            sheet,
            columns: mapping.columns,
            same_file_batch: same_file.map(|(id, _)| id),
        },
        &mapped.rows,
        &ready,
        &customers,
        problems,
    );
    let rows = if report.has_file_errors() {
        Vec::new()
    } else {
        ready
    };
    Ok(PreparedImport {
        report,
        rows,
        seen_batch,
        seen_plan,
    })
}

/// SHA-256 of the file's bytes, hex.
fn hash_file(path: &Path) -> Result<String> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    Ok(hex::encode(Sha256::digest(&bytes)))
}

/// The store's customers by reference.
pub(crate) fn stored_customers(
    conn: &rusqlite::Connection,
    store_id: i64,
) -> Result<HashMap<String, StoredCustomer>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT reference, id, name, status IN ({}) FROM customers WHERE store_id = ?1",
        crate::stored::sql_list(&[crate::customer::CustomerStatus::Archived])
    ))?;
    let mut rows = stmt.query([store_id])?;
    let mut out = HashMap::new();
    while let Some(r) = rows.next()? {
        out.insert(
            r.get(0)?,
            StoredCustomer {
                id: r.get(1)?,
                name: r.get(2)?,
                archived: r.get(3)?,
            },
        );
    }
    Ok(out)
}

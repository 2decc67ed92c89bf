//! Files an office opens in Excel: the payments list (with the filters on screen), a
//! customer's ledger, the arrears list, a period's summary and the audit log, as XLSX (typed
//! cells: amounts as numbers in the currency's format, dates as dates, a bold frozen header
//! with a filter)
//! or CSV (UTF-8 with a byte-order mark and `;`, which a Turkish Excel opens as it is, or
//! Windows-1254). Text is never taken for a formula. Card numbers appear masked only. Every
//! export needs `export` (besides seeing the report) and is audited.

mod csv;
mod sheet;
mod tables;
mod xlsx;

use std::path::Path;

use serde::{Deserialize, Serialize};

pub use sheet::{Cell, Column, Sheet};

use crate::audit::{AuditAction, AuditQuery, AuditResult};
use crate::auth::{Permission, Session};
use crate::error::Result;
use crate::i18n::Lang;
use crate::payments::page::PaymentQuery;
use crate::reports::arrears::ArrearsQuery;
use crate::reports::ledger::LedgerQuery;
use crate::reports::summary::SummaryQuery;

/// The file's format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum ExportFormat {
    Xlsx,
    /// UTF-8 with a byte-order mark, `;` between fields.
    Csv,
    /// Windows-1254 (Turkish), `;` between fields, for older programs.
    CsvWindows1254,
}

impl ExportFormat {
    /// The file name extension.
    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Xlsx => "xlsx",
            ExportFormat::Csv | ExportFormat::CsvWindows1254 => "csv",
        }
    }
}

/// What to export.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "what", rename_all = "snake_case")]
pub enum ExportRequest {
    Payments {
        query: PaymentQuery,
    },
    Ledger {
        query: LedgerQuery,
    },
    Arrears {
        query: ArrearsQuery,
    },
    Summary {
        query: SummaryQuery,
    },
    /// The audit log's entries that match the filters (needs `view_audit` as well).
    Audit {
        query: AuditQuery,
    },
}

impl ExportRequest {
    fn name(&self) -> &'static str {
        match self {
            ExportRequest::Payments { .. } => "payments",
            ExportRequest::Ledger { .. } => "ledger",
            ExportRequest::Arrears { .. } => "arrears",
            ExportRequest::Summary { .. } => "summary",
            ExportRequest::Audit { .. } => "audit",
        }
    }

    /// The sheets of the file, headers in `lang`.
    fn sheets(&self, session: &Session, lang: Lang) -> Result<Vec<Sheet>> {
        match self {
            ExportRequest::Payments { query } => {
                let rows = crate::payments::page::all(session, query)?;
                Ok(vec![tables::payments(&rows, lang)])
            }
            ExportRequest::Ledger { query } => {
                let ledger = crate::reports::ledger::ledger(session, query)?;
                Ok(vec![tables::ledger(&ledger, lang)])
            }
            ExportRequest::Arrears { query } => {
                let mut all = query.clone();
                all.offset = 0;
                all.limit = Some(crate::reports::arrears::MAX_PAGE);
                let mut rows = Vec::new();
                loop {
                    let page = crate::reports::arrears::arrears(session, &all)?;
                    let done = page.rows.len() < crate::reports::arrears::MAX_PAGE as usize;
                    rows.extend(page.rows);
                    if done {
                        break;
                    }
                    all.offset += crate::reports::arrears::MAX_PAGE;
                }
                Ok(vec![tables::arrears(&rows, lang)])
            }
            ExportRequest::Summary { query } => {
                let summary = crate::reports::summary::summary(session, query)?;
                Ok(tables::summary(&summary, lang))
            }
            ExportRequest::Audit { query } => {
                let rows = crate::audit::list::all(session, query)?;
                Ok(vec![tables::audit(&rows, lang)])
            }
        }
    }
}

/// What an export wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ExportSummary {
    /// Data rows, over all sheets.
    pub rows: i64,
    pub bytes: i64,
}

/// Writes the export to `out` (replacing it); needs `export`, audited.
pub fn export(
    session: &Session,
    request: &ExportRequest,
    format: ExportFormat,
    lang: Lang,
    out: &Path,
) -> Result<ExportSummary> {
    export_with_progress(session, request, format, lang, out, &mut |_| {})
}

/// How far an export has come, for a progress bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "phase", rename_all = "snake_case")]
pub enum ExportProgress {
    /// Reading the rows from the vault.
    Reading,
    /// Writing the rows into the file.
    Writing { rows_done: u32, rows_total: u32 },
    /// Compressing and saving the file.
    Saving,
}

/// Rows written between two progress reports.
const PROGRESS_EVERY: u32 = 2_000;

/// [`export`], telling `progress` how far it has come.
pub fn export_with_progress(
    session: &Session,
    request: &ExportRequest,
    format: ExportFormat,
    lang: Lang,
    out: &Path,
    progress: &mut dyn FnMut(ExportProgress),
) -> Result<ExportSummary> {
    session.require(Permission::Export, None).or_else(|e| {
        // A grant on one store is enough for that store's data (the report checks it).
        match session.stores_with(Permission::Export)? {
            Some(ids) if ids.is_empty() => Err(e),
            _ => Ok(()),
        }
    })?;
    progress(ExportProgress::Reading);
    let sheets = request.sheets(session, lang)?;
    let written = match format {
        ExportFormat::Xlsx => &sheets[..],
        ExportFormat::Csv | ExportFormat::CsvWindows1254 => &sheets[..1],
    };
    let rows_total = written.iter().map(|s| s.rows.len()).sum::<usize>() as u32;
    let mut rows_done = 0;
    let mut row_done = || {
        rows_done += 1;
        if rows_done % PROGRESS_EVERY == 0 || rows_done == rows_total {
            progress(ExportProgress::Writing {
                rows_done,
                rows_total,
            });
        }
        if rows_done == rows_total && format == ExportFormat::Xlsx {
            progress(ExportProgress::Saving);
        }
    };
    match format {
        ExportFormat::Xlsx => xlsx::write(written, out, &mut row_done)?,
        ExportFormat::Csv => csv::write(&written[0], out, csv::Encoding::Utf8, &mut row_done)?,
        ExportFormat::CsvWindows1254 => {
            csv::write(&written[0], out, csv::Encoding::Windows1254, &mut row_done)?
        }
    }
    let rows: usize = sheets.iter().map(|s| s.rows.len()).sum();
    let bytes = std::fs::metadata(out)
        .map_err(|e| crate::error::Error::io(out, e))?
        .len();
    let summary = ExportSummary {
        rows: rows as i64,
        bytes: bytes as i64,
    };
    session.vault().audit(
        session
            .record(AuditAction::Export, request.name(), AuditResult::Ok)
            .with_detail(serde_json::json!({
                "format": format, "rows": summary.rows,
            })),
    )?;
    tracing::info!(what = request.name(), rows = summary.rows, "export written");
    Ok(summary)
}

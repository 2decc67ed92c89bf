//! What the import wizard shows, as the UI receives it: the dry-run summary, report pages,
//! batches and their payments. Card numbers appear masked only.

use super::count;
use serde::{Deserialize, Serialize};
use specta::Type;
use tahsildar_core::import::{
    BatchInfo, CancelSummary, DueTotal, ImportReport, Problem, ProblemSeverity, RowStatus,
    RowSummary,
};
use tahsildar_import::{ColumnMapping, Field, MappingSource};

/// A file chosen in the native dialog, known to the UI only by its token.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct ChosenFile {
    /// Opaque; names the file in later calls.
    pub token: String,
    /// The file's name without its folder.
    pub file_name: String,
}

/// One column of the file and the field it was read as.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct ColumnView {
    pub index: u32,
    /// `A`, `B`, ...
    pub letter: String,
    pub header: String,
    /// A field key (`pan`, `due_date`...), or `null` when the column is not read.
    pub field: Option<String>,
    /// True when the user (not the header) decided the field.
    pub explicit: bool,
    /// Set when an earlier column carries the same field; this one is then not read.
    pub duplicate_of: Option<u32>,
}

impl From<&ColumnMapping> for ColumnView {
    fn from(c: &ColumnMapping) -> Self {
        ColumnView {
            index: count(c.index),
            letter: c.letter.clone(),
            header: c.header.clone(),
            field: c.field.map(|f| f.key().to_string()),
            explicit: c.source == MappingSource::Explicit,
            duplicate_of: c.duplicate_of.map(count),
        }
    }
}

/// The user's choice for one column when the mapping is edited.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct ColumnChoice {
    pub index: u32,
    /// A field key, or `null` to leave the column to detection.
    pub field: Option<String>,
}

/// A finding about a row or the whole file, in both languages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct ProblemView {
    /// 1-based row as the user sees it; `null` for the whole file.
    pub row: Option<u32>,
    /// Column letter.
    pub column: Option<String>,
    /// Field key.
    pub field: Option<String>,
    /// `info`, `warning` or `error`.
    pub severity: String,
    pub code: String,
    pub message_tr: String,
    pub message_en: String,
}

pub(crate) fn severity_code(s: ProblemSeverity) -> &'static str {
    match s {
        ProblemSeverity::Info => "info",
        ProblemSeverity::Warning => "warning",
        ProblemSeverity::Error => "error",
    }
}

impl From<&Problem> for ProblemView {
    fn from(p: &Problem) -> Self {
        ProblemView {
            row: p.row.map(count),
            column: p.column.clone(),
            field: p.field.map(|f| f.key().to_string()),
            severity: severity_code(p.severity).to_string(),
            code: p.code.clone(),
            message_tr: p.message_tr.clone(),
            message_en: p.message_en.clone(),
        }
    }
}

/// Payments due on one date in one currency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct DueTotalView {
    pub due_date: String,
    pub currency: String,
    pub payments: u32,
    pub amount_minor: i64,
}

impl From<&DueTotal> for DueTotalView {
    fn from(t: &DueTotal) -> Self {
        DueTotalView {
            due_date: t.due_date.clone(),
            currency: t.currency.clone(),
            payments: count(t.payments),
            amount_minor: t.amount_minor,
        }
    }
}

/// The dry run at a glance: counts, totals, file-level findings and the mapping. Rows come
/// page by page through `import_report_page`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct DryRunView {
    pub token: String,
    pub store_id: i64,
    pub file_name: String,
    pub sheet: String,
    pub rows: u32,
    pub ok: u32,
    pub warnings: u32,
    pub errors: u32,
    pub new_customers: u32,
    pub payments: u32,
    /// Rows a commit would store.
    pub committable: u32,
    /// An earlier, not cancelled batch of this store from the same file.
    pub same_file_batch: Option<i64>,
    /// Findings about the whole file.
    pub file_problems: Vec<ProblemView>,
    pub totals: Vec<DueTotalView>,
    pub columns: Vec<ColumnView>,
    /// Every field key a column may be mapped to, in template order.
    pub fields: Vec<String>,
}

impl DryRunView {
    pub fn new(token: &str, r: &ImportReport) -> Self {
        DryRunView {
            token: token.to_string(),
            store_id: r.store_id,
            file_name: r.file_name.clone(),
            sheet: r.sheet.clone(),
            rows: count(r.rows),
            ok: count(r.ok),
            warnings: count(r.warnings),
            errors: count(r.errors),
            new_customers: count(r.new_customers),
            payments: count(r.payments),
            committable: count(r.committable()),
            same_file_batch: r.same_file_batch,
            file_problems: r
                .problems
                .iter()
                .filter(|p| p.row.is_none())
                .map(ProblemView::from)
                .collect(),
            totals: r.totals.iter().map(DueTotalView::from).collect(),
            columns: r.columns.iter().map(ColumnView::from).collect(),
            fields: Field::ALL.iter().map(|f| f.key().to_string()).collect(),
        }
    }
}

/// One data row of the report with its findings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct ReportRowView {
    pub row: u32,
    /// `ok`, `warning` or `error`.
    pub status: String,
    pub reference: Option<String>,
    pub name: Option<String>,
    /// `435509******5232`.
    pub masked_pan: Option<String>,
    pub amount_minor: Option<i64>,
    pub currency: String,
    pub due_date: Option<String>,
    pub kind: Option<String>,
    pub payments: u32,
    pub existing_customer: bool,
    pub problems: Vec<ProblemView>,
}

impl ReportRowView {
    pub fn new(r: &RowSummary, problems: Vec<ProblemView>) -> Self {
        ReportRowView {
            row: count(r.row),
            status: r.status.code().to_string(),
            reference: r.reference.clone(),
            name: r.name.clone(),
            masked_pan: r.masked_pan.clone(),
            amount_minor: r.amount_minor,
            currency: r.currency.clone(),
            due_date: r.due_date.clone(),
            kind: r.kind.clone(),
            payments: count(r.payments),
            existing_customer: r.existing_customer,
            problems,
        }
    }
}

/// Which report rows to show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum RowFilter {
    All,
    Ok,
    Warning,
    Error,
}

impl RowFilter {
    pub fn admits(self, status: RowStatus) -> bool {
        match self {
            RowFilter::All => true,
            RowFilter::Ok => status == RowStatus::Ok,
            RowFilter::Warning => status == RowStatus::Warning,
            RowFilter::Error => status == RowStatus::Error,
        }
    }
}

/// One page of report rows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct ReportPage {
    /// Rows matching the filter, over all pages.
    pub total: u32,
    pub offset: u32,
    pub rows: Vec<ReportRowView>,
}

/// A committed batch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct BatchView {
    pub id: i64,
    pub store_id: i64,
    pub file_name: String,
    pub rows_total: i64,
    pub rows_imported: i64,
    pub rows_rejected: i64,
    pub rows_warned: i64,
    pub customers_added: i64,
    pub plans: i64,
    pub payments: i64,
    pub created_by: String,
    /// RFC 3339 (UTC).
    pub created_at: String,
    pub cancelled_at: Option<String>,
    /// Payments that have not run: what a cancel would stop.
    pub payments_pending: i64,
    pub payments_paid: i64,
}

impl From<BatchInfo> for BatchView {
    fn from(b: BatchInfo) -> Self {
        BatchView {
            id: b.id,
            store_id: b.store_id,
            file_name: b.file_name,
            rows_total: b.rows_total,
            rows_imported: b.rows_imported,
            rows_rejected: b.rows_rejected,
            rows_warned: b.rows_warned,
            customers_added: b.customers_added,
            plans: b.plans,
            payments: b.payments,
            created_by: b.created_by,
            created_at: b.created_at,
            cancelled_at: b.cancelled_at,
            payments_pending: b.payments_pending,
            payments_paid: b.payments_paid,
        }
    }
}

/// What cancelling a batch did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct CancelView {
    pub batch_id: i64,
    pub cancelled: i64,
    pub kept: i64,
}

impl From<CancelSummary> for CancelView {
    fn from(c: CancelSummary) -> Self {
        CancelView {
            batch_id: c.batch_id,
            cancelled: c.cancelled,
            kept: c.kept,
        }
    }
}

//! The dry-run report: each row OK / warning / error with its problems, totals per due date and
//! currency. Serialisable for the app; card numbers appear masked only.

use serde::Serialize;
use tahsildar_import::{ColumnMapping, Field, Problem, Severity};

use crate::plan::CollectionKind;

/// How a row stands after validation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum RowStatus {
    /// Nothing to say: it will be stored.
    Ok,
    /// It will be stored, but the operator should look at it.
    Warning,
    /// It will not be stored.
    Error,
}

impl RowStatus {
    pub fn code(self) -> &'static str {
        match self {
            RowStatus::Ok => "ok",
            RowStatus::Warning => "warning",
            RowStatus::Error => "error",
        }
    }
}

/// One data row as the report shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct RowSummary {
    /// The row as the user sees it (1-based).
    pub row: usize,
    pub status: RowStatus,
    pub reference: Option<String>,
    pub name: Option<String>,
    /// `435509******5232`.
    pub masked_pan: Option<String>,
    pub amount_minor: Option<i64>,
    /// `TRY`, `USD`, `EUR`, `GBP`.
    pub currency: String,
    /// First (or only) due date, `YYYY-MM-DD`.
    pub due_date: Option<String>,
    /// Once the row's terms are valid.
    pub kind: Option<CollectionKind>,
    /// Payments the row creates (0 for an error row).
    pub payments: usize,
    /// True when the customer is already stored (matched by reference).
    pub existing_customer: bool,
}

/// Payments due on one date in one currency, over the rows that will be stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct DueTotal {
    /// `YYYY-MM-DD`.
    pub due_date: String,
    pub currency: String,
    pub payments: usize,
    pub amount_minor: i64,
}

/// What committing the file would do, and everything found on the way.
#[derive(Debug, Clone, Serialize)]
pub struct ImportReport {
    pub store_id: i64,
    /// The file's name (no directory).
    pub file_name: String,
    /// SHA-256 of the file's bytes, hex.
    pub content_hash: String,
    /// The sheet read (the file name for delimited text).
    pub sheet: String,
    /// Data rows (blank rows not counted).
    pub rows: usize,
    pub ok: usize,
    pub warnings: usize,
    pub errors: usize,
    /// Customers the commit would add.
    pub new_customers: usize,
    /// Payments the commit would create.
    pub payments: usize,
    /// A committed, not cancelled batch of this store with the same content hash.
    pub same_file_batch: Option<i64>,
    /// Every finding, file-level first, then by row.
    pub problems: Vec<Problem>,
    /// One entry per data row, in file order.
    pub row_summaries: Vec<RowSummary>,
    /// Totals per due date and currency, by date.
    pub totals: Vec<DueTotal>,
    /// How the columns were read.
    pub columns: Vec<ColumnMapping>,
}

impl ImportReport {
    /// Problems of one row.
    pub fn problems_of(&self, row: usize) -> impl Iterator<Item = &Problem> {
        self.problems.iter().filter(move |p| p.row == Some(row))
    }

    /// True when some problem of severity Error concerns the whole file (nothing can be
    /// stored).
    pub fn has_file_errors(&self) -> bool {
        self.problems
            .iter()
            .any(|p| p.row.is_none() && p.severity == Severity::Error)
    }

    /// Rows the commit would store.
    pub fn committable(&self) -> usize {
        if self.has_file_errors() {
            0
        } else {
            self.ok + self.warnings
        }
    }
}

/// A finding about one row and field, with its column letter when the field has a column.
pub(crate) fn row_problem(
    row: usize,
    field: Option<Field>,
    column: Option<String>,
    severity: Severity,
    code: &str,
    tr: String,
    en: String,
) -> Problem {
    Problem {
        row: Some(row),
        column,
        field,
        severity,
        code: code.to_string(),
        message_tr: tahsildar_import::values::mask_digit_runs(&tr),
        message_en: tahsildar_import::values::mask_digit_runs(&en),
    }
}

/// A finding about the whole file.
pub(crate) fn file_problem(severity: Severity, code: &str, tr: String, en: String) -> Problem {
    Problem {
        row: None,
        column: None,
        field: None,
        severity,
        code: code.to_string(),
        message_tr: tr,
        message_en: en,
    }
}

/// What the report says about the file as a whole.
pub(crate) struct Inputs {
    pub store_id: i64,
    pub file_name: String,
    pub content_hash: String,
    pub sheet: String,
    pub columns: Vec<ColumnMapping>,
    pub same_file_batch: Option<i64>,
}

/// Classifies every row by its worst problem and adds up what the ready rows would store.
pub(crate) fn build(
    inputs: Inputs,
    rows: &[tahsildar_import::MappedRow],
    ready: &[super::validate::ReadyRow],
    customers: &std::collections::HashMap<String, super::validate::StoredCustomer>,
    mut problems: Vec<Problem>,
) -> ImportReport {
    use std::collections::{BTreeMap, HashMap, HashSet};

    let ready_by_row: HashMap<usize, &super::validate::ReadyRow> =
        ready.iter().map(|r| (r.source_row, r)).collect();
    let mut worst: HashMap<usize, Severity> = HashMap::new();
    for p in &problems {
        if let Some(row) = p.row
            && p.severity >= Severity::Warning
        {
            let w = worst.entry(row).or_insert(p.severity);
            *w = (*w).max(p.severity);
        }
    }
    let file_errors = problems
        .iter()
        .any(|p| p.row.is_none() && p.severity == Severity::Error);
    let mut summaries = Vec::with_capacity(rows.len());
    let (mut ok, mut warnings, mut errors) = (0, 0, 0);
    for row in rows {
        let ready = ready_by_row.get(&row.source_row);
        let mut status = match worst.get(&row.source_row) {
            Some(Severity::Error) => RowStatus::Error,
            Some(Severity::Warning) => RowStatus::Warning,
            _ => RowStatus::Ok,
        };
        if ready.is_none() && status != RowStatus::Error {
            // Not ready without an error of its own: a required column is missing.
            if !file_errors {
                problems.push(row_problem(
                    row.source_row,
                    None,
                    None,
                    Severity::Error,
                    "row_incomplete",
                    "Satırda gerekli bir değer eksik.".into(),
                    "A required value is missing on this row.".into(),
                ));
            }
            status = RowStatus::Error;
        }
        match status {
            RowStatus::Ok => ok += 1,
            RowStatus::Warning => warnings += 1,
            RowStatus::Error => errors += 1,
        }
        let reference = row.reference.as_deref().map(str::trim).map(str::to_string);
        summaries.push(RowSummary {
            row: row.source_row,
            status,
            existing_customer: reference
                .as_ref()
                .is_some_and(|r| customers.contains_key(r)),
            reference,
            name: row.name.clone(),
            masked_pan: row.masked_pan(),
            amount_minor: row.amount_minor,
            currency: row.currency.alpha().to_string(),
            due_date: ready
                .map(|r| r.plan.start.to_string())
                .or_else(|| row.due_date.map(|d| d.to_string())),
            kind: ready.map(|r| r.plan.kind.collection_kind()),
            payments: ready.map_or(0, |r| r.dates.len()),
        });
    }
    let mut totals: BTreeMap<(String, &'static str), (usize, i64)> = BTreeMap::new();
    let mut new_customers = HashSet::new();
    let mut payments = 0;
    for row in ready {
        if !customers.contains_key(row.reference()) {
            new_customers.insert(row.reference());
        }
        payments += row.dates.len();
        for date in &row.dates {
            let t = totals
                .entry((date.to_string(), row.plan.currency.alpha()))
                .or_default();
            t.0 += 1;
            t.1 += row.plan.amount_minor;
        }
    }
    problems.sort_by_key(|p| p.row.map_or(0, |r| r + 1));
    ImportReport {
        store_id: inputs.store_id,
        file_name: inputs.file_name,
        content_hash: inputs.content_hash,
        sheet: inputs.sheet,
        rows: rows.len(),
        ok,
        warnings,
        errors,
        new_customers: new_customers.len(),
        payments,
        same_file_batch: inputs.same_file_batch,
        problems,
        row_summaries: summaries,
        totals: totals
            .into_iter()
            .map(
                |((due_date, currency), (payments, amount_minor))| DueTotal {
                    due_date,
                    currency: currency.to_string(),
                    payments,
                    amount_minor,
                },
            )
            .collect(),
        columns: inputs.columns,
    }
}

//! The dry-run report as an operator reads it: the summary at a glance (counts, totals,
//! findings about the whole file, how the columns were read) and the rows page by page,
//! filtered by status, each page with the findings of its rows. The window and the command
//! line read the same pages.

use serde::{Deserialize, Serialize};
use tahsildar_import::{ColumnMapping, Field, MappingSpec, Problem, column_letter};

use super::report::{DueTotal, ImportReport, RowStatus, RowSummary};

/// The operator's choice for one column when the mapping is edited.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ColumnChoice {
    /// 0-based column index.
    pub index: u32,
    /// The field, or `null` to leave the column to detection.
    pub field: Option<Field>,
}

impl ColumnChoice {
    /// The edited mapping, keyed by column letter.
    pub fn mapping(choices: &[ColumnChoice]) -> MappingSpec {
        let mut spec = MappingSpec::default();
        for choice in choices {
            if let Some(field) = choice.field {
                spec.columns
                    .insert(column_letter(choice.index as usize), field);
            }
        }
        spec
    }
}

/// Most rows one report page carries.
pub const MAX_PAGE: u32 = 500;

/// The dry run at a glance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ImportSummary {
    pub store_id: i64,
    pub file_name: String,
    pub sheet: String,
    pub rows: usize,
    pub ok: usize,
    pub warnings: usize,
    pub errors: usize,
    pub new_customers: usize,
    pub payments: usize,
    /// Rows a commit would store.
    pub committable: usize,
    /// An earlier, not cancelled batch of this store from the same file.
    pub same_file_batch: Option<i64>,
    /// Findings about the whole file.
    pub file_problems: Vec<Problem>,
    pub totals: Vec<DueTotal>,
    pub columns: Vec<ColumnMapping>,
    /// Every field a column may be mapped to, in template order.
    pub fields: Vec<Field>,
}

impl ImportSummary {
    pub fn of(report: &ImportReport) -> ImportSummary {
        ImportSummary {
            store_id: report.store_id,
            file_name: report.file_name.clone(),
            sheet: report.sheet.clone(),
            rows: report.rows,
            ok: report.ok,
            warnings: report.warnings,
            errors: report.errors,
            new_customers: report.new_customers,
            payments: report.payments,
            committable: report.committable(),
            same_file_batch: report.same_file_batch,
            file_problems: report
                .problems
                .iter()
                .filter(|p| p.row.is_none())
                .cloned()
                .collect(),
            totals: report.totals.clone(),
            columns: report.columns.clone(),
            fields: Field::ALL.to_vec(),
        }
    }
}

/// Which report rows to show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
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

/// One page of report rows and the findings about them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ReportPage {
    /// Rows matching the filter, over all pages.
    pub total: usize,
    pub offset: u32,
    pub rows: Vec<RowSummary>,
    /// The findings about these rows, by row.
    pub problems: Vec<Problem>,
}

impl ImportReport {
    /// Rows matching `filter`, from `offset`, at most `limit` (1 to [`MAX_PAGE`]).
    pub fn page(&self, filter: RowFilter, offset: u32, limit: u32) -> ReportPage {
        let limit = limit.clamp(1, MAX_PAGE) as usize;
        let matching = self
            .row_summaries
            .iter()
            .filter(|r| filter.admits(r.status));
        let total = matching.clone().count();
        let rows: Vec<RowSummary> = matching
            .skip(offset as usize)
            .take(limit)
            .cloned()
            .collect();
        // Findings are kept file-level first, then in row order: each row's are one run.
        let problems = rows
            .iter()
            .flat_map(|r| {
                let start = self.problems.partition_point(|p| p.row < Some(r.row));
                let end = self.problems.partition_point(|p| p.row <= Some(r.row));
                self.problems[start..end].iter().cloned()
            })
            .collect();
        ReportPage {
            total,
            offset,
            rows,
            problems,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn choice(index: u32, field: Option<Field>) -> ColumnChoice {
        ColumnChoice { index, field }
    }

    #[test]
    fn an_edited_mapping_names_columns_by_letter_and_applies_to_its_headers() {
        let spec = ColumnChoice::mapping(&[
            choice(0, Some(Field::Reference)),
            choice(1, None),
            choice(2, Some(Field::Pan)),
            choice(27, Some(Field::DueDate)),
        ]);
        let pairs: Vec<(String, Field)> = spec.columns.clone().into_iter().collect();
        assert_eq!(
            pairs,
            vec![
                ("A".to_string(), Field::Reference),
                ("AB".to_string(), Field::DueDate),
                ("C".to_string(), Field::Pan),
            ]
        );
        let headers: Vec<String> = ["Kod", "Ad", "Numara", "Tutar"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let spec = ColumnChoice::mapping(&[
            choice(0, Some(Field::Reference)),
            choice(2, Some(Field::Pan)),
        ]);
        let mapping = spec.apply(&headers, true).unwrap();
        assert_eq!(mapping.column_of(Field::Reference), Some(0));
        assert_eq!(mapping.column_of(Field::Pan), Some(2));
        // Columns the user left alone keep their detected field.
        assert_eq!(mapping.column_of(Field::Amount), Some(3));
    }

    #[test]
    fn a_field_that_does_not_exist_is_refused_as_it_arrives() {
        let refused = serde_json::from_value::<ColumnChoice>(
            serde_json::json!({ "index": 3, "field": "iban" }),
        );
        assert!(refused.is_err());
        let taken: ColumnChoice =
            serde_json::from_value(serde_json::json!({ "index": 3, "field": "due_date" })).unwrap();
        assert_eq!(taken.field, Some(Field::DueDate));
    }

    #[test]
    fn the_row_filter_admits_its_status_only() {
        assert!(RowFilter::All.admits(RowStatus::Error));
        assert!(RowFilter::Error.admits(RowStatus::Error));
        assert!(!RowFilter::Error.admits(RowStatus::Warning));
        assert!(RowFilter::Ok.admits(RowStatus::Ok));
        assert!(!RowFilter::Warning.admits(RowStatus::Ok));
    }
}

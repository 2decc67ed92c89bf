//! A finding about one row or the whole file, for the dry-run report.

use crate::mapping::Field;

/// How serious a finding is.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// For the record (a column that is not used).
    Info,
    /// The row can be taken, but the user should look (an expiry read from a date).
    Warning,
    /// The row cannot be taken as it is.
    Error,
}

/// One finding. Never quotes a card number.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Problem {
    /// The row as the user sees it (1-based); `None` for the whole file.
    pub row: Option<usize>,
    /// Column letter (`A`, `B`...), when about one column.
    pub column: Option<String>,
    /// The field, when about one field.
    pub field: Option<Field>,
    /// How serious.
    pub severity: Severity,
    /// Stable snake_case code.
    pub code: String,
    /// Turkish message.
    pub message_tr: String,
    /// English message.
    pub message_en: String,
}

impl Problem {
    pub(crate) fn file(severity: Severity, code: &str, tr: String, en: String) -> Self {
        Problem {
            row: None,
            column: None,
            field: None,
            severity,
            code: code.into(),
            message_tr: tr,
            message_en: en,
        }
    }

    pub(crate) fn column(mut self, letter: &str, field: Option<Field>) -> Self {
        self.column = Some(letter.to_string());
        self.field = field;
        self
    }

    pub(crate) fn value(
        row: usize,
        column: &str,
        field: Field,
        severity: Severity,
        e: crate::values::ValueError,
    ) -> Self {
        Problem {
            row: Some(row),
            column: Some(column.to_string()),
            field: Some(field),
            severity,
            code: e.code.into(),
            message_tr: e.message_tr,
            message_en: e.message_en,
        }
    }
}

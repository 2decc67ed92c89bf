//! Cell values to domain values: amounts in minor units, dates, expiry, card numbers, plan
//! period and count, currency. Each parser says exactly why a value is refused.

mod amount;
mod card;
mod date;
mod plan;

pub use amount::{DecimalStyle, column_decimal_style, parse_amount};
pub use card::{mask_pan, parse_pan};
pub use date::{Expiry, ExpiryRead, parse_date, parse_expiry};
pub use plan::{
    Currency, Every, PeriodUnit, parse_count, parse_currency, parse_every, parse_installments,
};

use crate::table::Cell;

/// Why one cell's value was refused. Never carries a card number.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ValueError {
    /// Stable snake_case code.
    pub code: &'static str,
    /// Turkish explanation.
    pub message_tr: String,
    /// English explanation.
    pub message_en: String,
}

impl ValueError {
    pub(crate) fn new(code: &'static str, tr: impl Into<String>, en: impl Into<String>) -> Self {
        ValueError {
            code,
            message_tr: tr.into(),
            message_en: en.into(),
        }
    }
}

impl std::fmt::Display for ValueError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message_en)
    }
}

impl std::error::Error for ValueError {}

/// A cell as plain text for free-text fields (name, reference, phone...): text trimmed,
/// integers and whole numbers without decimals, dates as `dd.MM.yyyy`. `None` when blank.
pub fn cell_text(cell: &Cell) -> Option<String> {
    let s = match cell {
        Cell::Empty => return None,
        Cell::Text(s) => s.trim().to_string(),
        Cell::Int(i) => i.to_string(),
        Cell::Number(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{f:.0}"),
        Cell::Number(f) => f.to_string(),
        Cell::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        Cell::Date(d) => d.date().strftime("%d.%m.%Y").to_string(),
        Cell::Error(e) => e.clone(),
    };
    (!s.is_empty()).then_some(s)
}

/// A cell holding an error value (`#REF!`...) gives this error for any field.
pub(crate) fn error_cell(e: &str) -> ValueError {
    ValueError::new(
        "cell_error_value",
        format!("Hücrede bir hata değeri var ({e}); formülü düzeltin."),
        format!("The cell holds an error value ({e}); fix the formula."),
    )
}

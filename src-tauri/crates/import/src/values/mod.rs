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

pub use tahsildar_words::mask_digit_runs;

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
    /// A value error; any run of 12 or more digits quoted in the messages is masked (a card
    /// number typed into the wrong column must not reach a report).
    pub(crate) fn new(code: &'static str, tr: impl Into<String>, en: impl Into<String>) -> Self {
        ValueError {
            code,
            message_tr: mask_digit_runs(&tr.into()),
            message_en: mask_digit_runs(&en.into()),
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

/// True when `text` holds a run of 13 to 19 digits (spaces and dashes allowed between them)
/// that passes the Luhn check: a card number typed into a free-text field.
pub fn contains_card_number(text: &str) -> bool {
    if text.bytes().filter(u8::is_ascii_digit).count() < 13 {
        return false;
    }
    let mut runs: Vec<String> = vec![String::new()];
    let chars: Vec<char> = text.chars().collect();
    for (k, &c) in chars.iter().enumerate() {
        if c.is_ascii_digit() {
            runs.last_mut().expect("one run").push(c);
        } else if matches!(c, ' ' | '-')
            && k > 0
            && chars[k - 1].is_ascii_digit()
            && chars.get(k + 1).is_some_and(char::is_ascii_digit)
        {
            continue;
        } else {
            runs.push(String::new());
        }
    }
    runs.iter()
        .any(|r| (13..=19).contains(&r.len()) && tahsildar_words::luhn_valid(r))
}

/// A cell holding an error value (`#REF!`...) gives this error for any field.
pub(crate) fn error_cell(e: &str) -> ValueError {
    ValueError::new(
        "cell_error_value",
        format!("Hücrede bir hata değeri var ({e}); formülü düzeltin."),
        format!("The cell holds an error value ({e}); fix the formula."),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_digit_runs_are_masked_in_messages() {
        assert_eq!(
            mask_digit_runs("'4355 0930 0031 5232' is not"),
            "'************5232' is not"
        );
        assert_eq!(mask_digit_runs("'4355093000315232'"), "'************5232'");
        assert_eq!(
            mask_digit_runs("'1.234,56' and 27.11.2026 and 05321234567"),
            "'1.234,56' and 27.11.2026 and 05321234567"
        );
        let e = ValueError::new("x", "'5218076007402834' tr", "'5218-0760-0740-2834' en");
        assert!(!e.message_tr.contains("521807") && !e.message_en.contains("5218-0760"));
    }

    #[test]
    fn card_numbers_in_text_are_found() {
        assert!(contains_card_number("kart: 4355 0930 0031 5232 ile"));
        assert!(contains_card_number("5218076007402834"));
        assert!(!contains_card_number("4355093000315233")); // fails Luhn
        assert!(!contains_card_number("Tel 05321234567, daire 12"));
    }
}

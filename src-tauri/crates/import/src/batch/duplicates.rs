//! Rows of one file that repeat an earlier row: same card, amount, due date, period, count and
//! reference. Reported as a warning on the later row (one customer may rightly pay twice, e.g.
//! for two flats, but then the references differ). Duplicates against stored data are the
//! caller's check.

use std::collections::HashMap;
use std::hash::{BuildHasher, RandomState};

use jiff::civil::Date;
use secrecy::ExposeSecret;

use super::{MappedRow, Problem, Severity};
use crate::values::Every;

type Key<'a> = (
    u64,
    Option<i64>,
    Option<Date>,
    Option<Every>,
    Option<u16>,
    Option<&'a str>,
);

/// Warnings for rows that repeat an earlier one.
pub(super) fn find(rows: &[MappedRow]) -> Vec<Problem> {
    // Card numbers are compared through a keyed hash, then confirmed exactly.
    let hasher = RandomState::new();
    let mut first: HashMap<Key<'_>, usize> = HashMap::new();
    let mut out = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        let Some(pan) = &row.pan else { continue };
        let key = (
            hasher.hash_one(pan.expose_secret()),
            row.amount_minor,
            row.due_date,
            row.every,
            row.count,
            row.reference.as_deref(),
        );
        match first.get(&key) {
            Some(&j)
                if rows[j].pan.as_ref().map(|p| p.expose_secret()) == Some(pan.expose_secret()) =>
            {
                let earlier = rows[j].source_row;
                out.push(Problem {
                    row: Some(row.source_row),
                    column: None,
                    field: None,
                    severity: Severity::Warning,
                    code: "duplicate_row".into(),
                    message_tr: format!(
                        "Bu satır {earlier}. satırın aynısı (kart, tutar, tarih, referans). İki kez çekim yapılacak."
                    ),
                    message_en: format!(
                        "This row repeats row {earlier} (card, amount, date, reference). The card would be charged twice."
                    ),
                });
            }
            Some(_) => {}
            None => {
                first.insert(key, i);
            }
        }
    }
    out
}

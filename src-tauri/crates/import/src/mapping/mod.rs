//! Which column holds which field: detected from the headers, or given explicitly (and saved
//! per store as a template).

mod field;
mod normalise;
mod synonyms;

use std::collections::BTreeMap;

pub use field::Field;
pub use normalise::normalise;

use crate::ImportError;
use crate::table::{column_index, column_letter};

/// How a column's field was decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum MappingSource {
    /// Recognised from the header text.
    Detected,
    /// Given by the user or a saved template.
    Explicit,
}

/// One column of the file and the field it carries.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ColumnMapping {
    /// 0-based column index.
    pub index: usize,
    /// Column letter as in Excel (`A`, `B`, ...).
    pub letter: String,
    /// Header text as found.
    pub header: String,
    /// The field, or `None` for a column that is not read.
    pub field: Option<Field>,
    /// How the field was decided.
    pub source: MappingSource,
    /// Set when another column already carries the same field; this one is then not read.
    pub duplicate_of: Option<usize>,
}

/// The mapping of all columns of a table.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Mapping {
    /// One entry per column.
    pub columns: Vec<ColumnMapping>,
}

impl Mapping {
    /// The column that carries `field` (the first one when several were mapped to it).
    pub fn column_of(&self, field: Field) -> Option<usize> {
        self.columns
            .iter()
            .find(|c| c.field == Some(field) && c.duplicate_of.is_none())
            .map(|c| c.index)
    }

    /// Columns that map to no field.
    pub fn unmapped(&self) -> impl Iterator<Item = &ColumnMapping> {
        self.columns
            .iter()
            .filter(|c| c.field.is_none() && !c.header.trim().is_empty())
    }

    /// Columns mapped to a field that an earlier column already carries.
    pub fn duplicates(&self) -> impl Iterator<Item = &ColumnMapping> {
        self.columns.iter().filter(|c| c.duplicate_of.is_some())
    }

    /// The mapping as a saveable spec (header text -> field).
    pub fn to_spec(&self) -> MappingSpec {
        let columns = self
            .columns
            .iter()
            .filter_map(|c| {
                let key = if c.header.trim().is_empty() {
                    c.letter.clone()
                } else {
                    c.header.clone()
                };
                c.field
                    .filter(|_| c.duplicate_of.is_none())
                    .map(|f| (key, f))
            })
            .collect();
        MappingSpec { columns }
    }

    fn from_fields(headers: &[String], fields: Vec<(Option<Field>, MappingSource)>) -> Mapping {
        let mut first: BTreeMap<Field, usize> = BTreeMap::new();
        let columns = fields
            .into_iter()
            .enumerate()
            .map(|(index, (field, source))| {
                let duplicate_of = field.and_then(|f| match first.get(&f) {
                    Some(&i) => Some(i),
                    None => {
                        first.insert(f, index);
                        None
                    }
                });
                ColumnMapping {
                    index,
                    letter: column_letter(index),
                    header: headers.get(index).cloned().unwrap_or_default(),
                    field,
                    source,
                    duplicate_of,
                }
            })
            .collect();
        Mapping { columns }
    }
}

/// Map columns by their header names (Turkish and English, case- and accent-insensitive).
pub fn detect_mapping(headers: &[String]) -> Mapping {
    let fields = headers
        .iter()
        .map(|h| (Field::from_header(h), MappingSource::Detected))
        .collect();
    Mapping::from_fields(headers, fields)
}

/// An explicit mapping: header text (or column letter) -> field. Serialisable to JSON to be
/// saved per store, e.g. `{"columns": {"Müşteri Kodu": "reference", "C": "amount"}}`.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct MappingSpec {
    /// Header text or column letter -> field.
    pub columns: BTreeMap<String, Field>,
}

impl MappingSpec {
    /// Parse a spec from JSON.
    pub fn from_json(json: &str) -> Result<MappingSpec, ImportError> {
        serde_json::from_str(json).map_err(|e| ImportError::Mapping {
            detail: e.to_string(),
        })
    }

    /// The spec as JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// Apply the spec to a table's headers. Each key is matched against the headers
    /// (normalised) first, then read as a column letter. Columns the spec does not name keep
    /// their detected field when `detect_rest` is true. A key that names no column is an error.
    pub fn apply(&self, headers: &[String], detect_rest: bool) -> Result<Mapping, ImportError> {
        let mut fields: Vec<(Option<Field>, MappingSource)> = headers
            .iter()
            .map(|h| {
                let f = if detect_rest {
                    Field::from_header(h)
                } else {
                    None
                };
                (f, MappingSource::Detected)
            })
            .collect();
        let normalised: Vec<String> = headers.iter().map(|h| normalise(h)).collect();
        let mut named = vec![false; headers.len()];
        for (key, &field) in &self.columns {
            let by_header = normalised
                .iter()
                .position(|h| !h.is_empty() && *h == normalise(key));
            let index = by_header
                .or_else(|| column_index(key.trim()).filter(|&i| i < headers.len()))
                .ok_or_else(|| ImportError::Mapping {
                    detail: format!("'{key}' matches no column header or letter"),
                })?;
            if named[index] {
                return Err(ImportError::Mapping {
                    detail: format!("column {} is named twice", column_letter(index)),
                });
            }
            named[index] = true;
            fields[index] = (Some(field), MappingSource::Explicit);
        }
        // A detected field that the spec gave to another column yields to the spec.
        for slot in &mut fields {
            if let (Some(f), MappingSource::Detected) = *slot
                && self.columns.values().any(|&g| g == f)
            {
                *slot = (None, MappingSource::Detected);
            }
        }
        Ok(Mapping::from_fields(headers, fields))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(h: &[&str]) -> Vec<String> {
        h.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn detects_and_reports_unmapped_and_duplicates() {
        let m = detect_mapping(&headers(&[
            "Abone No",
            "Kart Numarası",
            "Renk",
            "Tutar",
            "PAN",
        ]));
        assert_eq!(m.column_of(Field::Reference), Some(0));
        assert_eq!(m.column_of(Field::Pan), Some(1));
        assert_eq!(m.column_of(Field::Amount), Some(3));
        assert_eq!(
            m.unmapped().map(|c| c.letter.as_str()).collect::<Vec<_>>(),
            ["C"]
        );
        let dup: Vec<_> = m.duplicates().map(|c| (c.index, c.duplicate_of)).collect();
        assert_eq!(dup, [(4, Some(1))]);
    }

    #[test]
    fn explicit_spec_by_header_and_letter() {
        let h = headers(&["Müşteri Kodu", "Kart", "Ücret", "Tutar"]);
        let spec =
            MappingSpec::from_json(r#"{"columns": {"MÜŞTERİ KODU": "reference", "C": "amount"}}"#)
                .unwrap();
        let m = spec.apply(&h, true).unwrap();
        assert_eq!(m.column_of(Field::Reference), Some(0));
        assert_eq!(m.column_of(Field::Pan), Some(1)); // detected
        assert_eq!(m.column_of(Field::Amount), Some(2)); // explicit wins over detected "Tutar"
        assert_eq!(m.columns[3].field, None);
        let back = MappingSpec::from_json(&m.to_spec().to_json()).unwrap();
        assert_eq!(
            back.apply(&h, false).unwrap().column_of(Field::Amount),
            Some(2)
        );
    }

    #[test]
    fn explicit_spec_errors_are_clear() {
        let h = headers(&["A1", "B1"]);
        let spec = MappingSpec::from_json(r#"{"columns": {"Yok": "amount"}}"#).unwrap();
        assert_eq!(spec.apply(&h, true).unwrap_err().code(), "bad_mapping");
        assert_eq!(
            MappingSpec::from_json(r#"{"columns": {"A": "colour"}}"#)
                .unwrap_err()
                .code(),
            "bad_mapping"
        );
    }
}

//! The raw result of reading a file: a header row and data rows of typed cells, as found.

use jiff::civil::DateTime;
use zeroize::Zeroize;

/// One cell as the file holds it. The type matters: a card number that arrives as a
/// [`Cell::Number`] has already lost digits in Excel and must be refused, not converted.
///
/// `Debug` never shows text or numbers (a cell may hold a card number).
#[derive(Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub enum Cell {
    /// Nothing in the cell.
    #[default]
    Empty,
    /// Text, as typed (delimited files give only text).
    Text(String),
    /// A floating point number as stored in the file.
    Number(f64),
    /// An integer stored as such (some writers keep integers apart from floats).
    Int(i64),
    /// TRUE / FALSE.
    Bool(bool),
    /// A date or date-time cell (an Excel serial with a date format, or an ODS date).
    Date(DateTime),
    /// An error value such as `#REF!` or `#DIV/0!`.
    Error(String),
}

impl Cell {
    /// True when the cell holds nothing, or only white space.
    pub fn is_blank(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(s) => s.trim().is_empty(),
            _ => false,
        }
    }

    /// The cell's text, if it is a text cell.
    pub fn as_text(&self) -> Option<&str> {
        match self {
            Cell::Text(s) => Some(s),
            _ => None,
        }
    }

    /// A short name of the cell's type, for messages.
    pub fn kind(&self) -> &'static str {
        match self {
            Cell::Empty => "empty",
            Cell::Text(_) => "text",
            Cell::Number(_) => "number",
            Cell::Int(_) => "integer",
            Cell::Bool(_) => "boolean",
            Cell::Date(_) => "date",
            Cell::Error(_) => "error",
        }
    }
}

impl std::fmt::Debug for Cell {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Cell::Empty => f.write_str("Empty"),
            Cell::Text(s) => write!(f, "Text(<{} chars>)", s.chars().count()),
            Cell::Number(_) => f.write_str("Number(..)"),
            Cell::Int(_) => f.write_str("Int(..)"),
            Cell::Bool(b) => write!(f, "Bool({b})"),
            Cell::Date(d) => write!(f, "Date({d})"),
            Cell::Error(e) => write!(f, "Error({e})"),
        }
    }
}

/// One data row.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Row {
    /// The row number the user sees (1-based, as in Excel or a text editor).
    pub source_row: usize,
    /// One cell per header column (shorter rows are padded with `Empty`).
    pub cells: Vec<Cell>,
}

/// What kind of file a table came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum SourceFormat {
    /// Office Open XML workbook (.xlsx / .xlsm).
    Xlsx,
    /// Legacy Excel workbook (.xls).
    Xls,
    /// OpenDocument spreadsheet (.ods).
    Ods,
    /// Delimited text (.csv / .txt).
    Delimited,
}

/// A sheet (or text file) read into a header and data rows.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Table {
    /// Format of the source file.
    pub format: SourceFormat,
    /// Sheet name (the file name for delimited text).
    pub sheet_name: String,
    /// The header row's number as the user sees it (1-based).
    pub header_row: usize,
    /// Header texts, trimmed; columns without a header get an empty string.
    pub headers: Vec<String>,
    /// Data rows below the header, without blank rows.
    pub rows: Vec<Row>,
    /// Blank rows skipped below the header.
    pub blank_rows_skipped: usize,
    /// For delimited text: the separator and encoding detected, e.g. `;` and `windows-1254`.
    pub delimited: Option<DelimitedInfo>,
}

/// How a delimited text file was understood.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct DelimitedInfo {
    /// The separator byte.
    pub separator: char,
    /// The encoding name (`UTF-8`, `UTF-16LE`, `UTF-16BE`, `windows-1254`).
    pub encoding: String,
    /// Whether a byte order mark was present.
    pub bom: bool,
}

impl Drop for Table {
    fn drop(&mut self) {
        for row in &mut self.rows {
            for cell in &mut row.cells {
                if let Cell::Text(s) = cell {
                    s.zeroize();
                }
            }
        }
    }
}

/// Spreadsheet column letters for a 0-based index: 0 -> `A`, 27 -> `AB`.
pub fn column_letter(index: usize) -> String {
    let mut n = index + 1;
    let mut out = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        out.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// Parse column letters (`A`, `ab`) into a 0-based index.
pub fn column_index(letters: &str) -> Option<usize> {
    if letters.is_empty() || letters.len() > 3 {
        return None;
    }
    let mut n = 0usize;
    for b in letters.bytes() {
        let b = b.to_ascii_uppercase();
        if !b.is_ascii_uppercase() {
            return None;
        }
        n = n * 26 + (b - b'A' + 1) as usize;
    }
    Some(n - 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_round_trip() {
        for (i, l) in [(0, "A"), (25, "Z"), (26, "AA"), (27, "AB"), (16383, "XFD")] {
            assert_eq!(column_letter(i), l);
            assert_eq!(column_index(l), Some(i));
        }
        assert_eq!(column_index("a1"), None);
    }

    #[test]
    fn debug_hides_cell_contents() {
        let c = Cell::Text("4355093000315232".into());
        assert!(!format!("{c:?}").contains("4355"));
        assert!(!format!("{:?}", Cell::Number(4355093000315232.0)).contains("4355"));
    }
}

//! CSV as a Turkish Excel opens it: `;` between fields, decimal commas, dates as `dd.mm.yyyy`,
//! UTF-8 with a byte-order mark (or Windows-1254). A cell that starts like a formula (`=`, `+`,
//! `-`, `@`, a tab or a carriage return) gets a leading `'`, so a spreadsheet shows it as text
//! instead of running it.

use std::io::Write;
use std::path::Path;

use super::sheet::{Cell, Sheet};
use crate::error::{Error, Result};

/// The character set of the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Windows1254,
}

/// A text a spreadsheet will not take for a formula.
pub(crate) fn neutralised(text: &str) -> String {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{text}"),
        _ => text.to_string(),
    }
}

/// A field, quoted when it holds the separator, a quote or a line break.
fn field(text: &str) -> String {
    if text.contains([';', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

fn cell_text(cell: &Cell) -> String {
    match cell {
        Cell::Empty => String::new(),
        Cell::Text(t) => neutralised(t),
        Cell::Money(minor, _) => {
            let sign = if *minor < 0 { "-" } else { "" };
            format!(
                "{sign}{},{:02}",
                minor.unsigned_abs() / 100,
                minor.unsigned_abs() % 100
            )
        }
        Cell::Date(d) => d.strftime("%d.%m.%Y").to_string(),
        Cell::Count(n) => n.to_string(),
        Cell::Rate(r) => format!("{:.2}", r * 100.0).replace('.', ","),
    }
}

/// The sheet as CSV text, calling `row_done` after each row.
fn text(sheet: &Sheet, row_done: &mut dyn FnMut()) -> String {
    let mut out = String::new();
    let header: Vec<String> = sheet.columns.iter().map(|(h, _)| field(h)).collect();
    out.push_str(&header.join(";"));
    out.push_str("\r\n");
    for row in &sheet.rows {
        let cells: Vec<String> = row.iter().map(|c| field(&cell_text(c))).collect();
        out.push_str(&cells.join(";"));
        out.push_str("\r\n");
        row_done();
    }
    out
}

/// Writes the sheet to `path`, calling `row_done` after each row.
pub(crate) fn write(
    sheet: &Sheet,
    path: &Path,
    encoding: Encoding,
    row_done: &mut dyn FnMut(),
) -> Result<()> {
    let text = text(sheet, row_done);
    let bytes = match encoding {
        Encoding::Utf8 => {
            let mut b = "\u{feff}".as_bytes().to_vec();
            b.extend_from_slice(text.as_bytes());
            b
        }
        Encoding::Windows1254 => encoding_rs::WINDOWS_1254.encode(&text).0.into_owned(),
    };
    let mut file = crate::paths::create_private(path, true)?;
    file.write_all(&bytes).map_err(|e| Error::io(path, e))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::sheet::Column;

    #[test]
    fn formulas_become_text_and_fields_are_quoted() {
        for risky in ["=1+1", "+90 555", "-2", "@SUM(A1)", "\tx", "\rx"] {
            assert!(neutralised(risky).starts_with('\''), "{risky:?}");
        }
        assert_eq!(neutralised("Ayşe"), "Ayşe");
        let mut sheet = Sheet::new(
            "s",
            vec![
                ("Ad; soyad".into(), Column::Text),
                ("Tutar".into(), Column::Money),
            ],
        );
        sheet.rows.push(vec![
            Cell::text("=HYPERLINK(\"x\")"),
            Cell::Money(-123_456, "TRY".into()),
        ]);
        assert_eq!(
            text(&sheet, &mut || {}),
            "\"Ad; soyad\";Tutar\r\n\"'=HYPERLINK(\"\"x\"\")\";-1234,56\r\n"
        );
    }
}

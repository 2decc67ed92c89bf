//! XLSX with typed cells: amounts as numbers in their currency's format (a Turkish Excel shows
//! `1.234,56 ₺`), dates as dates, counts as numbers, shares as percentages; text always as a
//! string cell, so nothing typed by a person is ever taken for a formula. A bold, frozen header
//! with a filter, and column widths that fit.

use std::path::Path;

use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, Worksheet, XlsxError};

use super::sheet::{Cell, Column, Sheet};
use crate::error::{Error, Result};

/// The number format of an amount in `currency` (Excel shows it with the reader's separators).
fn money_format(currency: &str) -> Format {
    let symbol = match currency {
        "TRY" => "₺",
        "USD" => "$",
        "EUR" => "€",
        "GBP" => "£",
        other => other,
    };
    Format::new().set_num_format(format!("#,##0.00 \"{symbol}\""))
}

fn width(column: Column, header: &str) -> f64 {
    let floor = match column {
        Column::Text => 14.0,
        Column::Money => 16.0,
        Column::Date => 12.0,
        Column::Count | Column::Rate => 10.0,
    };
    (header.chars().count() as f64 + 2.0).max(floor)
}

fn sheet(
    ws: &mut Worksheet,
    sheet: &Sheet,
    row_done: &mut dyn FnMut(),
) -> std::result::Result<(), XlsxError> {
    // Excel's limits: 31 characters, none of []:*?/\ in a sheet name.
    let name: String = sheet
        .name
        .chars()
        .filter(|c| !"[]:*?/\\".contains(*c))
        .take(31)
        .collect();
    ws.set_name(name)?;
    let bold = Format::new().set_bold();
    let date = Format::new().set_num_format("dd.mm.yyyy");
    let rate = Format::new().set_num_format("0.0%");
    let mut text_width: Vec<f64> = Vec::new();
    for (col, (header, kind)) in sheet.columns.iter().enumerate() {
        let col = col as u16;
        ws.write_string_with_format(0, col, header, &bold)?;
        ws.set_column_width(col, width(*kind, header))?;
        text_width.push(width(*kind, header));
    }
    for (i, row) in sheet.rows.iter().enumerate() {
        let r = i as u32 + 1;
        for (col, cell) in row.iter().enumerate() {
            let c = col as u16;
            match cell {
                Cell::Empty => {}
                Cell::Text(t) => {
                    ws.write_string(r, c, t)?;
                    if let Some(w) = text_width.get_mut(col) {
                        *w = w.max((t.chars().count() as f64 + 2.0).min(60.0));
                    }
                }
                Cell::Money(minor, currency) => {
                    ws.write_number_with_format(
                        r,
                        c,
                        *minor as f64 / 100.0,
                        &money_format(currency),
                    )?;
                }
                Cell::Date(d) => {
                    let day =
                        ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)?;
                    ws.write_date_with_format(r, c, &day, &date)?;
                }
                Cell::Count(n) => {
                    ws.write_number(r, c, *n as f64)?;
                }
                Cell::Rate(x) => {
                    ws.write_number_with_format(r, c, *x, &rate)?;
                }
            }
        }
        row_done();
    }
    for (col, w) in text_width.iter().enumerate() {
        ws.set_column_width(col as u16, *w)?;
    }
    ws.set_freeze_panes(1, 0)?;
    if !sheet.columns.is_empty() {
        let last_row = sheet.rows.len() as u32;
        ws.autofilter(0, 0, last_row, sheet.columns.len() as u16 - 1)?;
    }
    Ok(())
}

/// Writes the sheets to `path` as one workbook, calling `row_done` after each row.
pub(crate) fn write(sheets: &[Sheet], path: &Path, row_done: &mut dyn FnMut()) -> Result<()> {
    let failed = |e: XlsxError| Error::io(path, std::io::Error::other(e));
    let mut workbook = Workbook::new();
    for s in sheets {
        sheet(workbook.add_worksheet(), s, row_done).map_err(failed)?;
    }
    let bytes = workbook.save_to_buffer().map_err(failed)?;
    let mut file = crate::paths::create_private(path, true)?;
    std::io::Write::write_all(&mut file, &bytes).map_err(|e| Error::io(path, e))
}

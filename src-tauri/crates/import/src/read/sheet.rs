//! Workbooks (xlsx, xlsm, xls, ods) through calamine: the first visible worksheet or a named
//! one; formula cells give their cached values (nothing is evaluated).

use std::path::Path;

use calamine::{Data, Reader, SheetType, SheetVisible, open_workbook_auto};
use jiff::civil::DateTime;

use super::builder::TableBuilder;
use crate::sniff::Declared;
use crate::table::{Cell, SourceFormat};
use crate::{ImportError, Progress, ReadOptions, Table};

pub(super) fn read(
    path: &Path,
    declared: Declared,
    options: &ReadOptions,
    progress: &mut dyn FnMut(Progress),
) -> Result<Table, ImportError> {
    let format = match declared {
        Declared::Xlsx => SourceFormat::Xlsx,
        Declared::Xls => SourceFormat::Xls,
        _ => SourceFormat::Ods,
    };
    let mut book = open_workbook_auto(path).map_err(corrupt)?;
    let sheets = book.sheets_metadata().to_vec();
    let name = match &options.sheet {
        Some(wanted) => sheets
            .iter()
            .find(|s| &s.name == wanted)
            .or_else(|| {
                sheets
                    .iter()
                    .find(|s| s.name.to_lowercase() == wanted.to_lowercase())
            })
            .map(|s| s.name.clone())
            .ok_or_else(|| ImportError::SheetNotFound {
                sheet: wanted.clone(),
                available: sheets.iter().map(|s| s.name.clone()).collect(),
            })?,
        None => sheets
            .iter()
            .find(|s| s.typ == SheetType::WorkSheet && s.visible == SheetVisible::Visible)
            .map(|s| s.name.clone())
            .ok_or(ImportError::NoVisibleSheet)?,
    };
    let range = book.worksheet_range(&name).map_err(corrupt)?;
    let (first_row, first_col) = range.start().unwrap_or((0, 0));
    let cells = range.width() as u64 * range.height() as u64;
    if cells > options.limits.max_cells {
        return Err(ImportError::SheetTooLarge {
            sheet: name,
            area: format!("{}x{}", range.height(), range.width()),
            cells,
            max: options.limits.max_cells,
        });
    }
    let mut builder =
        TableBuilder::new(format, name, options.header_row, &options.limits, progress);
    builder.set_total_estimate(range.height() as u64);
    let lead = first_col as usize;
    for (i, row) in range.rows().enumerate() {
        // Keep column positions as the user sees them: pad the columns left of the range.
        let mut cells = Vec::with_capacity(lead + row.len());
        cells.resize(lead, Cell::Empty);
        cells.extend(row.iter().map(convert));
        builder.push(first_row as usize + i + 1, cells)?;
    }
    builder.finish(None)
}

/// A parser error; long digit runs are masked in case a parser quotes cell text.
fn corrupt(e: calamine::Error) -> ImportError {
    ImportError::Corrupt {
        detail: crate::values::mask_digit_runs(&e.to_string()),
    }
}

/// A calamine value to a [`Cell`], keeping its type.
fn convert(data: &Data) -> Cell {
    match data {
        Data::Empty => Cell::Empty,
        Data::String(s) => Cell::Text(s.clone()),
        Data::Float(f) => Cell::Number(*f),
        Data::Int(i) => Cell::Int(*i),
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(dt) if dt.is_datetime() => {
            let (y, mo, d, h, mi, s, ms) = dt.to_ymd_hms_milli();
            DateTime::new(
                y as i16,
                mo as i8,
                d as i8,
                h as i8,
                mi as i8,
                s as i8,
                ms as i32 * 1_000_000,
            )
            .map(Cell::Date)
            .unwrap_or(Cell::Number(dt.as_f64()))
        }
        Data::DateTime(dt) => Cell::Number(dt.as_f64()),
        Data::DateTimeIso(s) => s
            .parse::<DateTime>()
            .or_else(|_| s.parse::<jiff::civil::Date>().map(|d| d.at(0, 0, 0, 0)))
            .map(Cell::Date)
            .unwrap_or_else(|_| Cell::Text(s.clone())),
        Data::DurationIso(s) => Cell::Text(s.clone()),
        Data::Error(e) => Cell::Error(e.to_string()),
    }
}

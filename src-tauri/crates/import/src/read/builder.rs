//! Builds a [`Table`] from rows arriving one by one: finds the header row among the first
//! non-blank rows, skips blank rows, pads rows to the header's width, enforces the row cap.

use crate::limits::{PROGRESS_EVERY, Phase};
use crate::mapping::Field;
use crate::table::{Cell, DelimitedInfo, Row, SourceFormat, Table};
use crate::{ImportError, Limits, Progress};

/// Non-blank rows searched for the header row.
pub const HEADER_SEARCH_ROWS: usize = 20;

/// Known fields a row must name to be taken as the header.
const MIN_HEADER_FIELDS: usize = 2;

pub(crate) struct TableBuilder<'a> {
    format: SourceFormat,
    sheet_name: String,
    header_row: Option<usize>,
    limits: &'a Limits,
    pending: Vec<(usize, Vec<Cell>)>,
    header: Option<(usize, Vec<String>)>,
    rows: Vec<Row>,
    blank: usize,
    seen: u64,
    total_estimate: u64,
    progress: &'a mut dyn FnMut(Progress),
}

impl<'a> TableBuilder<'a> {
    pub(crate) fn new(
        format: SourceFormat,
        sheet_name: String,
        header_row: Option<usize>,
        limits: &'a Limits,
        progress: &'a mut dyn FnMut(Progress),
    ) -> Self {
        TableBuilder {
            format,
            sheet_name,
            header_row,
            limits,
            pending: Vec::new(),
            header: None,
            rows: Vec::new(),
            blank: 0,
            seen: 0,
            total_estimate: 0,
            progress,
        }
    }

    pub(crate) fn set_total_estimate(&mut self, rows: u64) {
        self.total_estimate = rows;
    }

    /// Add the row the user sees as number `source_row` (1-based).
    pub(crate) fn push(&mut self, source_row: usize, cells: Vec<Cell>) -> Result<(), ImportError> {
        self.seen += 1;
        if self.seen.is_multiple_of(PROGRESS_EVERY) {
            (self.progress)(Progress {
                phase: Phase::Reading,
                rows_done: self.seen,
                rows_total_estimate: self.total_estimate.max(self.seen),
            });
        }
        let blank = cells.iter().all(Cell::is_blank);
        if self.header.is_some() {
            if blank {
                self.blank += 1;
                return Ok(());
            }
            return self.add_data(source_row, cells);
        }
        match self.header_row {
            Some(n) if source_row == n => {
                self.header = Some((source_row, header_texts(&cells)));
                Ok(())
            }
            Some(_) => Ok(()), // rows above an explicit header row
            None => {
                if blank {
                    return Ok(());
                }
                if known_fields(&cells) >= MIN_HEADER_FIELDS {
                    self.header = Some((source_row, header_texts(&cells)));
                    return Ok(());
                }
                self.pending.push((source_row, cells));
                if self.pending.len() >= HEADER_SEARCH_ROWS {
                    return Err(ImportError::NoHeader {
                        searched_rows: HEADER_SEARCH_ROWS as u64,
                    });
                }
                Ok(())
            }
        }
    }

    fn add_data(&mut self, source_row: usize, mut cells: Vec<Cell>) -> Result<(), ImportError> {
        if self.rows.len() as u64 >= self.limits.max_rows {
            return Err(ImportError::TooManyRows {
                max: self.limits.max_rows,
            });
        }
        while cells.last().is_some_and(Cell::is_blank) {
            cells.pop();
        }
        let (_, headers) = self.header.as_mut().expect("header set");
        if cells.len() > headers.len() {
            headers.resize(cells.len(), String::new());
        }
        self.rows.push(Row { source_row, cells });
        Ok(())
    }

    pub(crate) fn finish(self, delimited: Option<DelimitedInfo>) -> Result<Table, ImportError> {
        let Some((header_row, headers)) = self.header else {
            return Err(if self.pending.is_empty() {
                ImportError::NoDataRows
            } else {
                ImportError::NoHeader {
                    searched_rows: self.pending.len() as u64,
                }
            });
        };
        if self.rows.is_empty() {
            return Err(ImportError::NoDataRows);
        }
        let width = headers.len();
        let mut rows = self.rows;
        for row in &mut rows {
            row.cells.resize(width, Cell::Empty);
        }
        (self.progress)(Progress {
            phase: Phase::Reading,
            rows_done: self.seen,
            rows_total_estimate: self.seen,
        });
        Ok(Table {
            format: self.format,
            sheet_name: self.sheet_name,
            header_row,
            headers,
            rows,
            blank_rows_skipped: self.blank,
            delimited,
        })
    }
}

fn known_fields(cells: &[Cell]) -> usize {
    let mut fields: Vec<Field> = cells
        .iter()
        .filter_map(|c| c.as_text().and_then(Field::from_header))
        .collect();
    fields.sort();
    fields.dedup();
    fields.len()
}

fn header_texts(cells: &[Cell]) -> Vec<String> {
    let mut headers: Vec<String> = cells
        .iter()
        .map(|c| crate::values::cell_text(c).unwrap_or_default())
        .collect();
    while headers.last().is_some_and(|h| h.is_empty()) {
        headers.pop();
    }
    headers
}

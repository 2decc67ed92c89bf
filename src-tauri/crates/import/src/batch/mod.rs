//! A table and its mapping to typed rows with per-row problems: what the dry-run report shows
//! and what the business checks (Luhn, expiry in the future, installment cap, duplicates) and
//! the commit work on.

mod duplicates;
mod problem;

use jiff::civil::Date;
use secrecy::SecretString;

pub use problem::{Problem, Severity};

use crate::Progress;
use crate::limits::{PROGRESS_EVERY, Phase};
use crate::mapping::{ColumnMapping, Field, Mapping};
use crate::table::{Cell, Table};
use crate::values::{self, Currency, DecimalStyle, Every, Expiry, ValueError};

/// One data row, typed. Fields that are absent or refused are `None` (the refusal is in
/// [`MappedBatch::problems`]).
#[derive(Default)]
pub struct MappedRow {
    /// The row as the user sees it (1-based).
    pub source_row: usize,
    /// Customer reference (subscriber, flat, member, policy number).
    pub reference: Option<String>,
    /// Customer's name.
    pub name: Option<String>,
    /// Name on the card.
    pub holder: Option<String>,
    /// Card number, digits only.
    pub pan: Option<SecretString>,
    /// Card expiry.
    pub expiry: Option<Expiry>,
    /// Amount in minor units (kuruş).
    pub amount_minor: Option<i64>,
    /// Currency (TRY when the file has no currency column or the cell is blank).
    pub currency: Currency,
    /// Bank installment count (1 = single payment).
    pub installments: u8,
    /// Due date of the (first) payment.
    pub due_date: Option<Date>,
    /// Recurrence period (a plan when set).
    pub every: Option<Every>,
    /// Number of payments of a plan.
    pub count: Option<u16>,
    /// Free text.
    pub description: Option<String>,
    /// Alternate card number.
    pub alternate_pan: Option<SecretString>,
    /// Alternate card's expiry.
    pub alternate_expiry: Option<Expiry>,
    /// E-mail address.
    pub email: Option<String>,
    /// Phone number.
    pub phone: Option<String>,
    /// Date of the signed mail-order instruction for the (first) card.
    pub instruction_date: Option<Date>,
    /// Reference of that instruction.
    pub instruction_ref: Option<String>,
    /// True when at least one [`Severity::Error`] problem concerns this row.
    pub has_errors: bool,
}

impl MappedRow {
    /// The card number masked (`435509******5232`).
    pub fn masked_pan(&self) -> Option<String> {
        self.pan.as_ref().map(values::mask_pan)
    }
}

impl std::fmt::Debug for MappedRow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MappedRow")
            .field("source_row", &self.source_row)
            .field("reference", &self.reference)
            .field("name", &self.name)
            .field("pan", &self.masked_pan())
            .field("expiry", &self.expiry)
            .field("amount_minor", &self.amount_minor)
            .field("currency", &self.currency)
            .field("installments", &self.installments)
            .field("due_date", &self.due_date)
            .field("every", &self.every)
            .field("count", &self.count)
            .field(
                "alternate_pan",
                &self.alternate_pan.as_ref().map(values::mask_pan),
            )
            .field("has_errors", &self.has_errors)
            .finish_non_exhaustive()
    }
}

/// The typed rows of a file and everything found on the way.
#[derive(Debug)]
pub struct MappedBatch {
    /// Every data row, with errors or not, in file order.
    pub rows: Vec<MappedRow>,
    /// Findings about rows and the whole file.
    pub problems: Vec<Problem>,
    /// Columns deliberately not read (a CVV column).
    pub ignored_columns: Vec<ColumnMapping>,
    /// Blank rows skipped.
    pub blank_rows_skipped: usize,
    /// The decimal style the amount column was read with.
    pub decimal_style: Option<DecimalStyle>,
}

impl MappedBatch {
    /// True when a problem of severity Error concerns the whole file.
    pub fn has_file_errors(&self) -> bool {
        self.problems
            .iter()
            .any(|p| p.row.is_none() && p.severity == Severity::Error)
    }

    /// Rows with at least one error.
    pub fn rows_with_errors(&self) -> usize {
        self.rows.iter().filter(|r| r.has_errors).count()
    }
}

/// Fields a batch cannot do without.
const REQUIRED: [Field; 3] = [Field::Pan, Field::Expiry, Field::Amount];

/// Type every row of `table` through `mapping`.
pub fn map_rows(table: &Table, mapping: &Mapping) -> MappedBatch {
    map_rows_with_progress(table, mapping, &mut |_| {})
}

/// [`map_rows`], reporting progress.
pub fn map_rows_with_progress(
    table: &Table,
    mapping: &Mapping,
    progress: &mut dyn FnMut(Progress),
) -> MappedBatch {
    let mut problems = file_problems(mapping);
    for (i, header) in table.headers.iter().enumerate() {
        let has_data = table
            .rows
            .iter()
            .any(|r| r.cells.get(i).is_some_and(|c| !c.is_blank()));
        if header.trim().is_empty()
            && has_data
            && mapping.columns.get(i).is_none_or(|c| c.field.is_none())
        {
            let letter = crate::table::column_letter(i);
            problems.push(
                Problem::file(
                    Severity::Warning,
                    "column_without_header",
                    format!("{letter} sütununda veri var ama başlığı yok; okunmadı."),
                    format!("Column {letter} holds data but has no header; it was not read."),
                )
                .column(&letter, None),
            );
        }
    }
    let ignored_columns: Vec<ColumnMapping> = mapping
        .columns
        .iter()
        .filter(|c| c.field == Some(Field::Cvv))
        .cloned()
        .collect();
    let amount_col = mapping.column_of(Field::Amount);
    let decimal_style = amount_col.and_then(|i| {
        values::column_decimal_style(table.rows.iter().filter_map(|r| r.cells.get(i)))
    });
    let total = table.rows.len() as u64;
    let columns: [Option<usize>; Field::ALL.len()] = std::array::from_fn(|i| {
        Field::ALL
            .iter()
            .find(|f| **f as usize == i)
            .and_then(|f| mapping.column_of(*f))
    });
    let mut rows = Vec::with_capacity(table.rows.len());
    for (n, row) in table.rows.iter().enumerate() {
        let mut ctx = RowContext {
            row: row.source_row,
            cells: &row.cells,
            columns: &columns,
            problems: &mut problems,
            errors: false,
        };
        let mut out = MappedRow {
            source_row: row.source_row,
            currency: Currency::Try,
            installments: 1,
            ..MappedRow::default()
        };
        out.pan = ctx.take(Field::Pan, true, values::parse_pan);
        out.expiry = ctx.expiry(Field::Expiry, true);
        out.amount_minor = ctx.take(Field::Amount, true, |c| {
            values::parse_amount(c, decimal_style)
        });
        out.currency = ctx
            .take(Field::Currency, false, values::parse_currency)
            .unwrap_or_default();
        out.installments = ctx
            .take(Field::Installments, false, values::parse_installments)
            .unwrap_or(1);
        out.due_date = ctx.take(Field::DueDate, false, values::parse_date);
        out.every = ctx.take(Field::Every, false, values::parse_every);
        out.count = ctx.take(Field::Count, false, values::parse_count);
        out.alternate_pan = ctx.take(Field::AlternatePan, false, values::parse_pan);
        out.alternate_expiry = ctx.expiry(Field::AlternateExpiry, out.alternate_pan.is_some());
        out.reference = ctx.text(Field::Reference);
        out.name = ctx.text(Field::Name);
        out.holder = ctx.text(Field::Holder);
        out.description = ctx.text(Field::Description);
        out.email = ctx.text(Field::Email);
        out.phone = ctx.text(Field::Phone);
        out.instruction_date = ctx.take(Field::InstructionDate, false, values::parse_date);
        out.instruction_ref = ctx.text(Field::InstructionRef);
        if out.count.is_some() && out.every.is_none() {
            ctx.report(
                Field::Count,
                Severity::Error,
                ValueError::new(
                    "count_without_period",
                    "Ödeme sayısı verilmiş ama periyot yok (ör. 'aylık').",
                    "A number of payments is given without a period (e.g. 'monthly').",
                ),
            );
        }
        if out.installments > 1 && out.every.is_some() {
            ctx.report(
                Field::Installments,
                Severity::Error,
                ValueError::new(
                    "installments_with_plan",
                    "Taksitli satış tekrarlı bir planla birlikte kullanılamaz.",
                    "An installment sale cannot be combined with a recurring plan.",
                ),
            );
        }
        out.has_errors = ctx.errors;
        rows.push(out);
        if (n as u64 + 1).is_multiple_of(PROGRESS_EVERY) {
            progress(Progress {
                phase: Phase::Mapping,
                rows_done: n as u64 + 1,
                rows_total_estimate: total,
            });
        }
    }
    progress(Progress {
        phase: Phase::Mapping,
        rows_done: total,
        rows_total_estimate: total,
    });
    problems.extend(duplicates::find(&rows));
    MappedBatch {
        rows,
        problems,
        ignored_columns,
        blank_rows_skipped: table.blank_rows_skipped,
        decimal_style,
    }
}

fn file_problems(mapping: &Mapping) -> Vec<Problem> {
    let mut out = Vec::new();
    for field in REQUIRED {
        if mapping.column_of(field).is_none() {
            out.push(Problem::file(
                Severity::Error,
                "missing_column",
                format!("'{}' sütunu bulunamadı.", field.header_tr()),
                format!("The '{}' column was not found.", field.header_en()),
            ));
            out.last_mut().expect("pushed").field = Some(field);
        }
    }
    for c in &mapping.columns {
        if c.field == Some(Field::Cvv) {
            out.push(Problem::file(
                Severity::Info,
                "cvv_column_ignored",
                format!("'{}' sütunu (CVV) okunmadı ve saklanmaz; satırlar CVV olmadan alınır.", c.header),
                format!("Column '{}' (CVV) was ignored and is never stored; the rows are taken without it.", c.header),
            ).column(&c.letter, Some(Field::Cvv)));
        } else if let Some(first) = c.duplicate_of {
            out.push(
                Problem::file(
                    Severity::Warning,
                    "duplicate_column",
                    format!(
                        "'{}' sütunu da {} alanına karşılık geliyor; yalnızca {} sütunu okunur.",
                        c.header,
                        c.field.map_or("", |f| f.header_tr()),
                        crate::table::column_letter(first)
                    ),
                    format!(
                        "Column '{}' also maps to {}; only column {} is read.",
                        c.header,
                        c.field.map_or("", |f| f.header_en()),
                        crate::table::column_letter(first)
                    ),
                )
                .column(&c.letter, c.field),
            );
        }
    }
    for c in mapping.unmapped() {
        out.push(
            Problem::file(
                Severity::Info,
                "column_not_used",
                format!("'{}' sütunu hiçbir alana eşlenmedi ve okunmadı.", c.header),
                format!("Column '{}' maps to no field and was not read.", c.header),
            )
            .column(&c.letter, None),
        );
    }
    out
}

struct RowContext<'a> {
    row: usize,
    cells: &'a [Cell],
    /// Column of each field, indexed by `Field as usize`.
    columns: &'a [Option<usize>; Field::ALL.len()],
    problems: &'a mut Vec<Problem>,
    errors: bool,
}

impl RowContext<'_> {
    fn cell(&self, field: Field) -> Option<(usize, &Cell)> {
        let i = self.columns[field as usize]?;
        Some((i, self.cells.get(i).unwrap_or(&Cell::Empty)))
    }

    fn report(&mut self, field: Field, severity: Severity, e: ValueError) {
        let letter = self.columns[field as usize]
            .map(crate::table::column_letter)
            .unwrap_or_default();
        if severity == Severity::Error {
            self.errors = true;
        }
        self.problems
            .push(Problem::value(self.row, &letter, field, severity, e));
    }

    /// Parse a field; a blank optional cell is `None` without a problem.
    fn take<T>(
        &mut self,
        field: Field,
        required: bool,
        parse: impl Fn(&Cell) -> Result<T, ValueError>,
    ) -> Option<T> {
        let Some((_, cell)) = self.cell(field) else {
            if required {
                self.errors = true; // reported once for the file
            }
            return None;
        };
        if cell.is_blank() && !required {
            return None;
        }
        match parse(cell) {
            Ok(v) => Some(v),
            Err(e) => {
                self.report(field, Severity::Error, e);
                None
            }
        }
    }

    fn expiry(&mut self, field: Field, required: bool) -> Option<Expiry> {
        let read = self.take(field, required, values::parse_expiry)?;
        if read.from_day {
            let shown = read.expiry.to_string();
            self.report(field, Severity::Warning, ValueError::new(
                "expiry_read_from_date",
                format!("Son kullanma hücresi bir tarih olarak kaydedilmiş; {shown} olarak okundu. Kontrol edin ve sütunu 'Metin' yapın."),
                format!("The expiry cell was saved as a date; it was read as {shown}. Check it and format the column as Text."),
            ));
        }
        Some(read.expiry)
    }

    fn text(&mut self, field: Field) -> Option<String> {
        let (_, cell) = self.cell(field)?;
        if let Cell::Error(e) = cell {
            let e = values::error_cell(e);
            self.report(field, Severity::Warning, e);
            return None;
        }
        let text = values::cell_text(cell)?;
        // Free text is stored in the clear: a card number must not slip in through it.
        if values::contains_card_number(&text) {
            self.report(field, Severity::Error, ValueError::new(
                "card_number_in_text",
                "Bu metin alanında bir kart numarası var; kart numarası yalnızca kart sütununa yazılır.",
                "This text field holds a card number; card numbers go only in the card column.",
            ));
            return None;
        }
        Some(text)
    }
}

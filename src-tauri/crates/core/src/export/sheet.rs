//! A table to write: typed columns and cells, headers in the user's language.

use jiff::civil::Date;

/// What a column holds, which decides how its cells are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Text,
    /// Money in minor units; the row's currency is given with each cell.
    Money,
    Date,
    Count,
    /// A share, 0..1, shown as a percentage.
    Rate,
}

/// One cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    /// Minor units and the currency's ISO code.
    Money(i64, String),
    Date(Date),
    Count(i64),
    Rate(f64),
}

impl Cell {
    pub fn text(value: impl Into<String>) -> Cell {
        Cell::Text(value.into())
    }

    /// A text that may be missing.
    pub fn maybe(value: Option<impl Into<String>>) -> Cell {
        value.map_or(Cell::Empty, |v| Cell::Text(v.into()))
    }

    /// A `YYYY-MM-DD` date (a text that is not one is kept as text).
    pub fn day(value: &str) -> Cell {
        value
            .parse::<Date>()
            .map_or_else(|_| Cell::text(value), Cell::Date)
    }
}

/// A sheet: its name, headers and kinds of column, and the rows.
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    pub name: String,
    pub columns: Vec<(String, Column)>,
    pub rows: Vec<Vec<Cell>>,
}

impl Sheet {
    pub fn new(name: impl Into<String>, columns: Vec<(String, Column)>) -> Sheet {
        Sheet {
            name: name.into(),
            columns,
            rows: Vec::new(),
        }
    }
}

//! Due dates (`dd.MM.yyyy`, `dd/MM/yyyy`, `yyyy-MM-dd`, Excel date cells) and card expiry
//! (`MM/YY`, `MM/YYYY`, `MMYY`, and Excel dates that were typed as `11/28`).

use jiff::civil::Date;

use super::{ValueError, error_cell};
use crate::table::Cell;

/// Excel serials between these are taken as dates in number cells (1982-02-19 .. 2119-01-05).
const SERIAL_RANGE: std::ops::RangeInclusive<i64> = 30_000..=80_000;

/// Parse a due date.
pub fn parse_date(cell: &Cell) -> Result<Date, ValueError> {
    match cell {
        Cell::Date(dt) => Ok(dt.date()),
        Cell::Text(s) => parse_date_text(s.trim()).ok_or_else(|| invalid_date(s.trim())),
        Cell::Int(i) => from_serial(*i).ok_or_else(|| invalid_date(&i.to_string())),
        Cell::Number(f) if f.fract() == 0.0 => {
            from_serial(*f as i64).ok_or_else(|| invalid_date(&f.to_string()))
        }
        Cell::Error(e) => Err(error_cell(e)),
        Cell::Empty => Err(ValueError::new(
            "date_missing",
            "Tarih boş.",
            "The date is empty.",
        )),
        _ => Err(invalid_date(cell.kind())),
    }
}

fn from_serial(serial: i64) -> Option<Date> {
    if !SERIAL_RANGE.contains(&serial) {
        return None;
    }
    // 1900 date system (after its phantom 29 Feb 1900): serial 1 = 1900-01-01, day 0 = 1899-12-30.
    Date::new(1899, 12, 30)
        .ok()?
        .checked_add(jiff::Span::new().days(serial))
        .ok()
}

fn parse_date_text(s: &str) -> Option<Date> {
    // Drop a time part: "27.11.2026 00:00:00" or "2026-11-27T00:00:00".
    let s = s.split([' ', 'T']).next()?;
    let nums: Vec<&str> = s.split(['.', '/', '-']).collect();
    if nums.len() != 3
        || nums
            .iter()
            .any(|n| n.is_empty() || !n.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let n = |i: usize| nums[i].parse::<i16>().ok();
    let (y, m, d) = if nums[0].len() == 4 {
        (n(0)?, n(1)?, n(2)?) // yyyy-MM-dd
    } else if nums[2].len() == 4 {
        (n(2)?, n(1)?, n(0)?) // dd.MM.yyyy, dd/MM/yyyy
    } else {
        return None;
    };
    Date::new(y, m.try_into().ok()?, d.try_into().ok()?).ok()
}

fn invalid_date(shown: &str) -> ValueError {
    ValueError::new(
        "date_invalid",
        format!("'{shown}' bir tarih değil. Örnek: 27.11.2026"),
        format!("'{shown}' is not a date. Example: 27.11.2026 (dd.MM.yyyy)"),
    )
}

pub use tahsildar_words::Expiry;

/// An expiry and how sure the reading is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExpiryRead {
    /// The expiry.
    pub expiry: Expiry,
    /// True when it came from a date cell whose day had to be read as the year (Excel turned
    /// `11/28` into 28 November): the report shows a warning.
    pub from_day: bool,
}

/// Parse a card expiry.
pub fn parse_expiry(cell: &Cell) -> Result<ExpiryRead, ValueError> {
    let clear = |expiry| {
        Ok(ExpiryRead {
            expiry,
            from_day: false,
        })
    };
    match cell {
        Cell::Text(s) => {
            parse_expiry_text(s.trim()).map_or_else(|| Err(invalid_expiry(s.trim())), clear)
        }
        Cell::Date(dt) => {
            let d = dt.date();
            if d.day() == 1 {
                // "11/2028" or "11/28" read as 1 November 2028.
                make(d.month(), d.year()).map_or_else(|| Err(invalid_expiry(&d.to_string())), clear)
            } else {
                // "11/28" read as 28 November of the year it was typed: the day is the year.
                make(d.month(), 2000 + d.day() as i16)
                    .map(|expiry| ExpiryRead {
                        expiry,
                        from_day: true,
                    })
                    .ok_or_else(|| invalid_expiry(&d.to_string()))
            }
        }
        Cell::Int(i) => expiry_digits(&format!("{i:04}"))
            .map_or_else(|| Err(invalid_expiry(&i.to_string())), clear),
        Cell::Number(f) if f.fract() == 0.0 && *f >= 0.0 && *f < 1e6 => {
            let digits = format!("{:04}", *f as i64);
            expiry_digits(&digits).map_or_else(|| Err(invalid_expiry(&digits)), clear)
        }
        Cell::Error(e) => Err(error_cell(e)),
        Cell::Empty => Err(ValueError::new(
            "expiry_missing",
            "Son kullanma tarihi boş.",
            "The expiry date is empty.",
        )),
        _ => Err(invalid_expiry(cell.kind())),
    }
}

fn make(month: i8, year: i16) -> Option<Expiry> {
    ((1..=12).contains(&month) && (2000..=2099).contains(&year)).then_some(Expiry {
        year: year as u16,
        month: month as u8,
    })
}

fn parse_expiry_text(s: &str) -> Option<Expiry> {
    let parts: Vec<&str> = s
        .split(['/', '-', '.', ' '])
        .filter(|p| !p.is_empty())
        .collect();
    match parts.as_slice() {
        [digits] => expiry_digits(digits),
        [m, y] if m.len() <= 2 && (y.len() == 2 || y.len() == 4) => {
            let month: i8 = m.parse().ok()?;
            let year: i16 = y.parse().ok()?;
            make(month, if y.len() == 2 { 2000 + year } else { year })
        }
        _ => None,
    }
}

/// `MMYY` or `MMYYYY`.
fn expiry_digits(d: &str) -> Option<Expiry> {
    if !d.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    match d.len() {
        4 => make(d[..2].parse().ok()?, 2000 + d[2..].parse::<i16>().ok()?),
        6 => make(d[..2].parse().ok()?, d[2..].parse().ok()?),
        _ => None,
    }
}

fn invalid_expiry(shown: &str) -> ValueError {
    ValueError::new(
        "expiry_invalid",
        format!("'{shown}' bir son kullanma tarihi değil. Örnek: 11/28"),
        format!("'{shown}' is not an expiry date. Example: 11/28"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn t(s: &str) -> Cell {
        Cell::Text(s.into())
    }

    #[test]
    fn dates() {
        let want = date(2026, 11, 27);
        for s in [
            "27.11.2026",
            "27/11/2026",
            "2026-11-27",
            "27.11.2026 00:00:00",
            "27-11-2026",
        ] {
            assert_eq!(parse_date(&t(s)), Ok(want), "{s}");
        }
        assert_eq!(parse_date(&Cell::Date(want.at(0, 0, 0, 0))), Ok(want));
        assert_eq!(parse_date(&Cell::Number(46353.0)), Ok(want));
        assert_eq!(parse_date(&Cell::Int(46353)), Ok(want));
        for s in ["31.02.2026", "2026/11", "11.27.26", "yarın"] {
            assert_eq!(parse_date(&t(s)).unwrap_err().code, "date_invalid", "{s}");
        }
        assert_eq!(
            parse_date(&Cell::Number(5.0)).unwrap_err().code,
            "date_invalid"
        );
    }

    #[test]
    fn expiries() {
        let nov28 = Expiry {
            year: 2028,
            month: 11,
        };
        for s in ["11/28", "11/2028", "1128", "11-28", "112028", " 11 / 28 "] {
            assert_eq!(parse_expiry(&t(s)).map(|e| e.expiry), Ok(nov28), "{s}");
        }
        assert_eq!(
            parse_expiry(&t("5/29")).unwrap().expiry,
            Expiry {
                year: 2029,
                month: 5
            }
        );
        assert_eq!(
            parse_expiry(&Cell::Int(528)).unwrap().expiry,
            Expiry {
                year: 2028,
                month: 5
            }
        );
        let first = parse_expiry(&Cell::Date(date(2028, 11, 1).at(0, 0, 0, 0))).unwrap();
        assert_eq!(
            first,
            ExpiryRead {
                expiry: nov28,
                from_day: false
            }
        );
        let typed = parse_expiry(&Cell::Date(date(2026, 11, 28).at(0, 0, 0, 0))).unwrap();
        assert_eq!(
            typed,
            ExpiryRead {
                expiry: nov28,
                from_day: true
            }
        );
        for s in ["13/28", "00/28", "11/3", "abc", "11/28/30"] {
            assert_eq!(
                parse_expiry(&t(s)).unwrap_err().code,
                "expiry_invalid",
                "{s}"
            );
        }
        assert_eq!(nov28.to_string(), "11/28");
    }
}

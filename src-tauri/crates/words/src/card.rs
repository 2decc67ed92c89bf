//! What every part of the program says about a card that is not secret: whether its number
//! passes the Luhn check, and its expiry month.

use std::fmt;

use crate::error::{Error, Result};

/// True when the digits pass the Luhn (mod 10) check.
pub fn luhn_valid(digits: &str) -> bool {
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    let sum: u32 = digits
        .bytes()
        .rev()
        .enumerate()
        .map(|(i, b)| {
            let d = u32::from(b - b'0');
            if i % 2 == 1 {
                let x = d * 2;
                if x > 9 { x - 9 } else { x }
            } else {
                d
            }
        })
        .sum();
    sum.is_multiple_of(10)
}

/// Card expiry month and year; the card is valid through the last day of that month.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub struct Expiry {
    /// Full year (2040).
    pub year: u16,
    /// Month 1..=12.
    pub month: u8,
}

impl Expiry {
    /// A checked expiry; a two-digit year means 20YY.
    pub fn new(month: u8, year: u16) -> Result<Expiry> {
        let year = if year < 100 { 2000 + year } else { year };
        if !(1..=12).contains(&month) || !(2000..=2099).contains(&year) {
            return Err(Error::Expiry(format!("{month:02}/{year}")));
        }
        Ok(Expiry { year, month })
    }

    /// The wire form `MMYY` ("1140" for 11/2040).
    pub fn to_mmyy(&self) -> String {
        format!("{:02}{:02}", self.month, self.year % 100)
    }

    /// Parses `MMYY`, `MM/YY` or `MM/YYYY`.
    pub fn parse(s: &str) -> Result<Expiry> {
        let bad = || Error::Expiry(s.to_string());
        let t = s.trim();
        let (m, y) = if let Some((m, y)) = t.split_once('/') {
            (m.trim(), y.trim())
        } else if t.len() == 4 {
            (&t[..2], &t[2..])
        } else {
            return Err(bad());
        };
        if !m.bytes().all(|b| b.is_ascii_digit()) || !y.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        if !(y.len() == 2 || y.len() == 4) || m.is_empty() || m.len() > 2 {
            return Err(bad());
        }
        let month: u8 = m.parse().map_err(|_| bad())?;
        let year: u16 = y.parse().map_err(|_| bad())?;
        Expiry::new(month, year).map_err(|_| bad())
    }

    /// True when the card can no longer be used on `today` (after the last day of its month).
    pub fn is_expired_on(&self, today: jiff::civil::Date) -> bool {
        let (y, m) = (today.year() as i32, today.month() as i32);
        (y, m) > (i32::from(self.year), i32::from(self.month))
    }
}

impl fmt::Display for Expiry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}/{:02}", self.month, self.year % 100)
    }
}

/// Mask every run of 12 or more digits (spaces and dashes between digits belong to the run),
/// keeping its last four digits: `4355 0930 0031 5232` -> `************5232`.
pub fn mask_digit_runs(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        // Extend the run over digits and single joiners followed by a digit.
        let mut j = i;
        let mut digits = String::new();
        while j < chars.len() {
            if chars[j].is_ascii_digit() {
                digits.push(chars[j]);
                j += 1;
            } else if matches!(chars[j], ' ' | '-')
                && chars.get(j + 1).is_some_and(char::is_ascii_digit)
            {
                j += 1;
            } else {
                break;
            }
        }
        if digits.len() >= 12 {
            out.push_str(&"*".repeat(digits.len() - 4));
            out.push_str(&digits[digits.len() - 4..]);
        } else {
            out.extend(&chars[i..j]);
        }
        i = j;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn card_numbers_in_text_are_masked_in_any_spelling() {
        assert_eq!(
            mask_digit_runs("4355 0930 0031 5232 and 5218-0760-0740-2834"),
            "************5232 and ************2834"
        );
        assert_eq!(
            mask_digit_runs("payment 1234 at 2026-12-04T10:00:00Z, 12 345, '1.234,56'"),
            "payment 1234 at 2026-12-04T10:00:00Z, 12 345, '1.234,56'"
        );
    }

    #[test]
    fn luhn() {
        assert!(luhn_valid("4355093000315232"));
        assert!(!luhn_valid("4355093000315233"));
        assert!(!luhn_valid(""));
        assert!(!luhn_valid("43550930003152a2"));
    }

    #[test]
    fn expiry_forms() {
        let e = Expiry::parse("1140").unwrap();
        assert_eq!((e.month, e.year), (11, 2040));
        assert_eq!(e.to_mmyy(), "1140");
        assert_eq!(Expiry::parse("01/2027").unwrap().to_mmyy(), "0127");
        assert!(Expiry::parse("1340").is_err());
        assert!(Expiry::parse("0040").is_err());
        let d = jiff::civil::date(2026, 11, 30);
        assert!(!Expiry::new(11, 2026).unwrap().is_expired_on(d));
        assert!(Expiry::new(10, 2026).unwrap().is_expired_on(d));
    }
}

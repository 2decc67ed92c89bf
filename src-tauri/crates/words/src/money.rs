//! Currencies and amounts in integer minor units (kuruş, cents), with the two-decimal text the
//! bank wants on the wire. Never a float.

use std::fmt;
use std::str::FromStr;

use crate::error::{Error, Result};

/// Currencies the virtual POS accepts (ISO 4217 numeric codes on the wire).
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Default,
    serde::Serialize,
    serde::Deserialize,
)]
pub enum Currency {
    /// Turkish lira, 949.
    #[default]
    Try,
    /// US dollar, 840.
    Usd,
    /// Euro, 978.
    Eur,
    /// Pound sterling, 826.
    Gbp,
}

impl Currency {
    /// All supported currencies.
    pub const ALL: [Currency; 4] = [Currency::Try, Currency::Usd, Currency::Eur, Currency::Gbp];

    /// ISO 4217 numeric code, as sent in `currencyCode`.
    pub fn code(self) -> u16 {
        match self {
            Currency::Try => 949,
            Currency::Usd => 840,
            Currency::Eur => 978,
            Currency::Gbp => 826,
        }
    }

    /// The currency for an ISO 4217 numeric code.
    pub fn from_code(code: u16) -> Option<Currency> {
        Currency::ALL.into_iter().find(|c| c.code() == code)
    }

    /// ISO 4217 alphabetic code ("TRY").
    pub fn alpha(self) -> &'static str {
        match self {
            Currency::Try => "TRY",
            Currency::Usd => "USD",
            Currency::Eur => "EUR",
            Currency::Gbp => "GBP",
        }
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.alpha())
    }
}

impl FromStr for Currency {
    type Err = Error;

    /// Accepts the alphabetic ("TRY", "try", also "TL") or numeric ("949") code.
    fn from_str(s: &str) -> Result<Currency> {
        let t = s.trim();
        if let Ok(n) = t.parse::<u16>() {
            return Currency::from_code(n).ok_or_else(|| Error::Currency(t.to_string()));
        }
        let up = t.to_ascii_uppercase();
        if up == "TL" {
            return Ok(Currency::Try);
        }
        Currency::ALL
            .into_iter()
            .find(|c| c.alpha() == up)
            .ok_or_else(|| Error::Currency(t.to_string()))
    }
}

/// An amount of money: integer minor units (kuruş, cents) and a currency. Never a float.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Money {
    /// Minor units; 123450 TRY is 1234.50 ₺.
    pub minor: i64,
    /// Currency of the amount.
    pub currency: Currency,
}

impl Money {
    /// A new amount.
    pub fn new(minor: i64, currency: Currency) -> Money {
        Money { minor, currency }
    }

    /// An amount in Turkish lira.
    pub fn try_minor(minor: i64) -> Money {
        Money::new(minor, Currency::Try)
    }

    /// The wire form: two decimals, dot separator, no grouping ("1234.50").
    pub fn to_wire(&self) -> String {
        minor_to_wire(self.minor)
    }

    /// Parses the wire form ("1234.50") exactly.
    pub fn from_wire(s: &str, currency: Currency) -> Result<Money> {
        Ok(Money::new(wire_to_minor(s)?, currency))
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.to_wire(), self.currency.alpha())
    }
}

/// Formats minor units as the two-decimal wire string.
pub fn minor_to_wire(minor: i64) -> String {
    let sign = if minor < 0 { "-" } else { "" };
    let abs = minor.unsigned_abs();
    format!("{sign}{}.{:02}", abs / 100, abs % 100)
}

/// Parses exactly `^\d+\.\d{2}$` into minor units.
pub fn wire_to_minor(s: &str) -> Result<i64> {
    let bad = || Error::Amount(s.to_string());
    let (int, frac) = s.split_once('.').ok_or_else(bad)?;
    if int.is_empty()
        || frac.len() != 2
        || !int.bytes().all(|b| b.is_ascii_digit())
        || !frac.bytes().all(|b| b.is_ascii_digit())
    {
        return Err(bad());
    }
    let int: i64 = int.parse().map_err(|_| Error::AmountRange)?;
    let frac: i64 = frac.parse().map_err(|_| bad())?;
    int.checked_mul(100)
        .and_then(|v| v.checked_add(frac))
        .ok_or(Error::AmountRange)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wire_round_trip() {
        assert_eq!(Money::try_minor(123450).to_wire(), "1234.50");
        assert_eq!(Money::try_minor(101).to_wire(), "1.01");
        assert_eq!(Money::try_minor(5).to_wire(), "0.05");
        assert_eq!(Money::try_minor(0).to_wire(), "0.00");
        assert_eq!(wire_to_minor("1234.50").unwrap(), 123450);
        assert_eq!(wire_to_minor("0.05").unwrap(), 5);
        for bad in ["1.1", "1", "1,10", ".10", "1.100", "-1.00", " 1.00", "1.0a"] {
            assert!(wire_to_minor(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn currencies() {
        for c in Currency::ALL {
            assert_eq!(Currency::from_code(c.code()), Some(c));
            assert_eq!(c.alpha().parse::<Currency>().unwrap(), c);
        }
        assert_eq!("949".parse::<Currency>().unwrap(), Currency::Try);
        assert_eq!(Currency::Gbp.code(), 826);
        assert!("JPY".parse::<Currency>().is_err());
    }
}

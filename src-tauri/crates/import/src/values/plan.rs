//! Plan and sale fields: recurrence period, payment count, installment count, currency.

use super::{ValueError, error_cell};
use crate::mapping::normalise;
use crate::table::Cell;

/// Unit of a recurrence period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PeriodUnit {
    /// Days.
    Day,
    /// Weeks.
    Week,
    /// Calendar months (yearly is read as 12 months).
    Month,
}

/// A recurrence period: every `n` units.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Every {
    /// How many units between two payments (1..=366).
    pub n: u16,
    /// The unit.
    pub unit: PeriodUnit,
}

/// Parse a period. Accepted: `1m`, `2w`, `10d`, `1y` (compact, English letters); `aylık`,
/// `haftalık`, `günlük`, `yıllık`, `her ay`, `her hafta`, `her gün`, `2 haftada bir`,
/// `3 ayda bir`, `3 aylık`, `15 gün`, `iki haftada bir`; `monthly`, `weekly`, `daily`,
/// `yearly`, `every 2 weeks`, `3 months`. A year is read as 12 months; a number alone is refused
/// (its unit is unknown).
pub fn parse_every(cell: &Cell) -> Result<Every, ValueError> {
    let text = match cell {
        Cell::Text(s) => s.trim().to_string(),
        Cell::Error(e) => return Err(error_cell(e)),
        Cell::Empty => return Err(invalid_every("")),
        other => return Err(invalid_every(other.kind())),
    };
    parse_every_text(&text).ok_or_else(|| invalid_every(&text))
}

fn parse_every_text(text: &str) -> Option<Every> {
    let norm = normalise(text);
    // Split letters from digits: "2w" -> "2 w", "10gun" -> "10 gun".
    let mut spaced = String::new();
    let mut prev_digit = None;
    for c in norm.chars() {
        let digit = c.is_ascii_digit();
        if prev_digit.is_some_and(|p| p != digit) && c != ' ' {
            spaced.push(' ');
        }
        spaced.push(c);
        prev_digit = if c == ' ' { None } else { Some(digit) };
    }
    let mut n: Option<u16> = None;
    let mut unit: Option<(PeriodUnit, u16)> = None;
    for token in spaced.split(' ').filter(|t| !t.is_empty()) {
        if let Ok(v) = token.parse::<u16>() {
            if n.is_some() {
                return None;
            }
            n = Some(v);
            continue;
        }
        let word_number = match token {
            "iki" | "two" => Some(2),
            "uc" | "three" => Some(3),
            "dort" | "four" => Some(4),
            "alti" | "six" => Some(6),
            _ => None,
        };
        if let Some(v) = word_number {
            if n.is_some() {
                return None;
            }
            n = Some(v);
            continue;
        }
        let u = match token {
            "d" | "g" | "gun" | "gunluk" | "gunde" | "day" | "days" | "daily" => {
                (PeriodUnit::Day, 1)
            }
            "w" | "hafta" | "haftalik" | "haftada" | "week" | "weeks" | "weekly" => {
                (PeriodUnit::Week, 1)
            }
            "m" | "ay" | "aylik" | "ayda" | "month" | "months" | "monthly" => {
                (PeriodUnit::Month, 1)
            }
            "y" | "yil" | "yillik" | "yilda" | "year" | "years" | "yearly" | "annual"
            | "annually" => (PeriodUnit::Month, 12),
            "her" | "every" | "bir" | "de" | "da" | "a" | "once" | "per" => continue,
            _ => return None,
        };
        if unit.is_some() {
            return None;
        }
        unit = Some(u);
    }
    let (unit, factor) = unit?;
    let n = n.unwrap_or(1).checked_mul(factor)?;
    (1..=366).contains(&n).then_some(Every { n, unit })
}

fn invalid_every(shown: &str) -> ValueError {
    ValueError::new(
        "every_invalid",
        format!(
            "'{shown}' bir tekrar periyodu değil. Örnek: 'aylık', '2 haftada bir', '10 gün', '1m'"
        ),
        format!("'{shown}' is not a period. Examples: 'monthly', 'every 2 weeks', '10 days', '1m'"),
    )
}

/// A whole number within `range` from a number or text cell.
fn whole(cell: &Cell, range: std::ops::RangeInclusive<i64>) -> Result<i64, Option<String>> {
    let (v, shown) = match cell {
        Cell::Int(i) => (Some(*i), i.to_string()),
        Cell::Number(f) => ((f.fract() == 0.0).then_some(*f as i64), f.to_string()),
        Cell::Text(s) => (s.trim().parse::<i64>().ok(), s.trim().to_string()),
        other => (None, other.kind().to_string()),
    };
    v.filter(|v| range.contains(v)).ok_or(Some(shown))
}

/// Number of payments of a plan, 1..=999.
pub fn parse_count(cell: &Cell) -> Result<u16, ValueError> {
    if let Cell::Error(e) = cell {
        return Err(error_cell(e));
    }
    whole(cell, 1..=999).map(|v| v as u16).map_err(|shown| {
        let shown = shown.unwrap_or_default();
        ValueError::new(
            "count_invalid",
            format!("'{shown}' geçerli bir ödeme sayısı değil (1 ile 999 arası tam sayı)."),
            format!("'{shown}' is not a valid number of payments (a whole number from 1 to 999)."),
        )
    })
}

/// Bank installment count of a sale: 1 (single payment; also `tek`, `tek çekim`, `peşin`)
/// up to 36. The store's own cap is checked by the caller.
pub fn parse_installments(cell: &Cell) -> Result<u8, ValueError> {
    if let Cell::Text(s) = cell
        && !s.trim().bytes().all(|b| b.is_ascii_digit())
        && matches!(
            normalise(s).as_str(),
            "tek" | "tek cekim" | "pesin" | "yok" | "single"
        )
    {
        return Ok(1);
    }
    if let Cell::Error(e) = cell {
        return Err(error_cell(e));
    }
    whole(cell, 1..=36).map(|v| v as u8).map_err(|shown| {
        let shown = shown.unwrap_or_default();
        ValueError::new(
            "installments_invalid",
            format!("'{shown}' geçerli bir taksit sayısı değil (1 = tek çekim, 2..12)."),
            format!("'{shown}' is not a valid installment count (1 = single payment, 2..12)."),
        )
    })
}

pub use tahsildar_words::Currency;

/// Parse a currency: `TRY`/`TL`/`₺`/`949`, `USD`/`$`/`840`, `EUR`/`€`/`978`, `GBP`/`£`/`826`
/// and their Turkish and English names.
pub fn parse_currency(cell: &Cell) -> Result<Currency, ValueError> {
    let text = match cell {
        Cell::Text(s) => s.trim().to_string(),
        Cell::Int(i) => i.to_string(),
        Cell::Number(f) if f.fract() == 0.0 => format!("{f:.0}"),
        Cell::Error(e) => return Err(error_cell(e)),
        other => other.kind().to_string(),
    };
    let symbol = match text.as_str() {
        "₺" | "TRY" | "TL" => Some(Currency::Try),
        "$" | "USD" => Some(Currency::Usd),
        "€" | "EUR" => Some(Currency::Eur),
        "£" | "GBP" => Some(Currency::Gbp),
        _ => None,
    };
    symbol
        .or_else(|| match normalise(&text).as_str() {
            "try" | "tl" | "ytl" | "949" | "turk lirasi" | "lira" | "turkish lira" => {
                Some(Currency::Try)
            }
            "usd" | "840" | "dolar" | "abd dolari" | "us dollar" | "dollar" => Some(Currency::Usd),
            "eur" | "978" | "euro" | "avro" => Some(Currency::Eur),
            "gbp" | "826" | "sterlin" | "ingiliz sterlini" | "pound" | "pound sterling" => {
                Some(Currency::Gbp)
            }
            _ => None,
        })
        .ok_or_else(|| {
            ValueError::new(
                "currency_invalid",
                format!("'{text}' desteklenen bir para birimi değil (TRY, USD, EUR, GBP)."),
                format!("'{text}' is not a supported currency (TRY, USD, EUR, GBP)."),
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Cell {
        Cell::Text(s.into())
    }

    #[test]
    fn periods() {
        let month = |n| Every {
            n,
            unit: PeriodUnit::Month,
        };
        let week = |n| Every {
            n,
            unit: PeriodUnit::Week,
        };
        let day = |n| Every {
            n,
            unit: PeriodUnit::Day,
        };
        for (s, want) in [
            ("1m", month(1)),
            ("2w", week(2)),
            ("10d", day(10)),
            ("1y", month(12)),
            ("aylık", month(1)),
            ("AYLIK", month(1)),
            ("haftalık", week(1)),
            ("günlük", day(1)),
            ("yıllık", month(12)),
            ("her ay", month(1)),
            ("2 haftada bir", week(2)),
            ("iki haftada bir", week(2)),
            ("3 ayda bir", month(3)),
            ("3 aylık", month(3)),
            ("15 gün", day(15)),
            ("monthly", month(1)),
            ("every 2 weeks", week(2)),
            ("3 months", month(3)),
        ] {
            assert_eq!(parse_every(&t(s)), Ok(want), "{s}");
        }
        for s in ["2", "sometimes", "2 ay 3 hafta", "0m", "1000d"] {
            assert_eq!(parse_every(&t(s)).unwrap_err().code, "every_invalid", "{s}");
        }
        assert_eq!(
            parse_every(&Cell::Int(2)).unwrap_err().code,
            "every_invalid"
        );
    }

    #[test]
    fn counts_installments_currencies() {
        assert_eq!(parse_count(&Cell::Int(12)), Ok(12));
        assert_eq!(parse_count(&t(" 6 ")), Ok(6));
        assert_eq!(
            parse_count(&Cell::Number(2.5)).unwrap_err().code,
            "count_invalid"
        );
        assert_eq!(parse_count(&t("0")).unwrap_err().code, "count_invalid");
        assert_eq!(parse_installments(&t("Tek Çekim")), Ok(1));
        assert_eq!(parse_installments(&Cell::Number(6.0)), Ok(6));
        assert_eq!(
            parse_installments(&t("on iki")).unwrap_err().code,
            "installments_invalid"
        );
        for (s, c) in [
            ("TL", Currency::Try),
            ("₺", Currency::Try),
            ("949", Currency::Try),
            ("usd", Currency::Usd),
            ("€", Currency::Eur),
            ("Euro", Currency::Eur),
            ("£", Currency::Gbp),
            ("GBP", Currency::Gbp),
        ] {
            assert_eq!(parse_currency(&t(s)), Ok(c), "{s}");
        }
        assert_eq!(parse_currency(&Cell::Int(840)), Ok(Currency::Usd));
        assert_eq!(
            parse_currency(&t("JPY")).unwrap_err().code,
            "currency_invalid"
        );
    }
}

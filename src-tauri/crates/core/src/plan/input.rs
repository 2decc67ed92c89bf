//! Reading what a person typed into a plan's fields (amount, date, currency), with the refusal
//! in both languages naming the field. The CLI and the app read their input through these.

use tahsildar_akbank::Currency;

use crate::error::{Error, Result};
#[cfg(test)]
use crate::i18n::Lang;
use crate::i18n::Text;

/// Reads `1.234,50`, `1234,50`, `1234.50`, `1,234.50` or `1234` into minor units.
pub fn parse_amount(text: &str) -> Result<i64> {
    let bad = || {
        let t = text.trim();
        Error::invalid(
            "amount",
            Text::new(
                format!("Tutar '{t}' okunamadı; 1.234,50 gibi yazın."),
                format!("The amount '{t}' is not an amount like 1.234,50."),
            ),
        )
    };
    let t: String = text
        .trim()
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '₺')
        .collect();
    if t.is_empty()
        || !t
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
    {
        return Err(bad());
    }
    // The decimal separator is the last '.' or ',' followed by one or two digits.
    let (int, frac) = match t.rfind(['.', ',']) {
        Some(i) if t.len() - i - 1 <= 2 && t.len() - i > 1 => (&t[..i], &t[i + 1..]),
        Some(i) if t.len() - i - 1 == 3 => (t.as_str(), ""),
        Some(_) => return Err(bad()),
        None => (t.as_str(), ""),
    };
    let sep = t[int.len()..].chars().next();
    let grouping: String = int.chars().filter(|c| Some(*c) != sep).collect();
    let int_digits: String = grouping.chars().filter(char::is_ascii_digit).collect();
    // Grouping marks must be the other separator, in groups of three.
    if int.chars().any(|c| Some(c) == sep) && !frac.is_empty() {
        return Err(bad());
    }
    let groups: Vec<&str> = int.split(['.', ',']).collect();
    if groups.len() > 1
        && (groups[0].is_empty() || groups[0].len() > 3 || groups[1..].iter().any(|g| g.len() != 3))
    {
        return Err(bad());
    }
    if int_digits.is_empty() || int_digits.len() > 12 {
        return Err(bad());
    }
    let whole: i64 = int_digits.parse().map_err(|_| bad())?;
    let cents: i64 = match frac.len() {
        0 => 0,
        1 => frac.parse::<i64>().map_err(|_| bad())? * 10,
        _ => frac.parse().map_err(|_| bad())?,
    };
    Ok(whole * 100 + cents)
}

/// Reads `YYYY-MM-DD` for `field` (`until` is the last date of a recurring plan, anything else
/// a plan's date).
pub fn parse_date(field: &'static str, text: &str) -> Result<jiff::civil::Date> {
    let t = text.trim();
    t.parse().map_err(|_| {
        let (tr, en) = match field {
            "until" => ("Bitiş tarihi", "The end date"),
            _ => ("Tarih", "The date"),
        };
        Error::invalid(
            field,
            Text::new(
                format!("{tr} '{t}' okunamadı; 2026-12-31 gibi yazın."),
                format!("{en} '{t}' is not a date like 2026-12-31."),
            ),
        )
    })
}

/// Reads a currency code: TRY, USD, EUR or GBP.
pub fn parse_currency(text: &str) -> Result<Currency> {
    let t = text.trim();
    t.parse().map_err(|_| {
        Error::invalid(
            "currency",
            Text::new(
                format!("Para birimi '{t}' tanınmıyor; TRY, USD, EUR ya da GBP olmalı."),
                format!("The currency '{t}' is not one of TRY, USD, EUR, GBP."),
            ),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_in_turkish_and_plain_form() {
        assert_eq!(parse_amount("1.234,50").unwrap(), 123_450);
        assert_eq!(parse_amount("1234,50").unwrap(), 123_450);
        assert_eq!(parse_amount("1234.50").unwrap(), 123_450);
        assert_eq!(parse_amount("1,234.50").unwrap(), 123_450);
        assert_eq!(parse_amount("1234").unwrap(), 123_400);
        assert_eq!(parse_amount("1.234").unwrap(), 123_400);
        assert_eq!(parse_amount("0,5").unwrap(), 50);
        assert!(parse_amount("12,345,6").is_err());
        assert!(parse_amount("1.2.3").is_err());
        assert!(parse_amount("abc").is_err());
        assert!(parse_amount("").is_err());
        assert!(parse_amount("-5").is_err());
    }

    #[test]
    fn dates_and_currencies_with_errors_in_both_languages() {
        assert_eq!(
            parse_date("date", " 2026-12-31 ").unwrap(),
            jiff::civil::date(2026, 12, 31)
        );
        let err = parse_date("until", "31.12.2026").unwrap_err();
        assert!(err.message(Lang::Tr).contains("Bitiş tarihi '31.12.2026'"));
        assert!(err.message(Lang::En).contains("The end date '31.12.2026'"));
        assert_eq!(parse_currency("EUR").unwrap(), Currency::Eur);
        assert_eq!(parse_currency("TL").unwrap(), Currency::Try);
        let err = parse_currency("XYZ").unwrap_err();
        assert!(err.message(Lang::Tr).contains("Para birimi 'XYZ'"));
    }
}

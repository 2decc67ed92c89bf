//! Amounts to integer minor units (kuruş). `1.234,56`, `1234,56`, `1234.56`, `1,234.56` and
//! numeric cells; a value whose separator could be either (`1.234`) is decided by the other
//! values of its column, or reported, never guessed.

use super::{ValueError, error_cell};
use crate::table::Cell;

/// Which character a column uses as the decimal separator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum DecimalStyle {
    /// `1.234,56` (Turkish).
    Comma,
    /// `1,234.56`.
    Dot,
}

/// Largest amount accepted, in major units (a guard against misread columns).
const MAX_MAJOR: i64 = 100_000_000_000;

/// What a text amount says about its own separators.
enum Shape {
    /// Parsed without doubt; the style it shows, if any.
    Clear(i64, Option<DecimalStyle>),
    /// One separator followed by exactly three digits: `1.234` or `1,234`.
    Ambiguous { sep: char },
}

/// The decimal style the column's text values agree on, or `None` when none decides or they
/// disagree.
pub fn column_decimal_style<'a>(cells: impl IntoIterator<Item = &'a Cell>) -> Option<DecimalStyle> {
    let mut seen: Option<DecimalStyle> = None;
    for cell in cells {
        if let Cell::Text(s) = cell
            && let Ok(Shape::Clear(_, Some(style))) = shape(&clean(s))
        {
            match seen {
                None => seen = Some(style),
                Some(prev) if prev != style => return None,
                _ => {}
            }
        }
    }
    seen
}

/// Parse an amount to minor units (kuruş, cents). `style` is the column's decimal style from
/// [`column_decimal_style`]. The amount must be positive with at most two decimals.
pub fn parse_amount(cell: &Cell, style: Option<DecimalStyle>) -> Result<i64, ValueError> {
    let minor = match cell {
        Cell::Empty => return Err(missing()),
        Cell::Int(i) => i.checked_mul(100).ok_or_else(too_large)?,
        Cell::Number(f) => from_float(*f)?,
        Cell::Text(s) => {
            let text = clean(s);
            if text.is_empty() {
                return Err(missing());
            }
            match shape(&text)? {
                Shape::Clear(minor, _) => minor,
                Shape::Ambiguous { sep } => resolve(&text, sep, style, s.trim())?,
            }
        }
        Cell::Error(e) => return Err(error_cell(e)),
        Cell::Bool(_) | Cell::Date(_) => return Err(invalid(&format!("({})", cell.kind()))),
    };
    if minor <= 0 {
        return Err(ValueError::new(
            "amount_not_positive",
            "Tutar sıfırdan büyük olmalı.",
            "The amount must be greater than zero.",
        ));
    }
    if minor / 100 > MAX_MAJOR {
        return Err(too_large());
    }
    Ok(minor)
}

/// Drop currency marks and spaces: `"1.234,56 ₺"` -> `"1.234,56"`.
fn clean(s: &str) -> std::borrow::Cow<'_, str> {
    let s = s.trim();
    if s.bytes()
        .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b',' | b'-' | b'+'))
    {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut t = s.to_string();
    for mark in ["TRY", "TL", "USD", "EUR", "GBP", "₺", "$", "€", "£"] {
        t = t.replace(mark, "");
    }
    std::borrow::Cow::Owned(
        t.chars()
            .filter(|c| !c.is_whitespace() && *c != '\u{202F}' && *c != '\'')
            .collect(),
    )
}

fn shape(t: &str) -> Result<Shape, ValueError> {
    let negative = t.starts_with('-');
    let body = t.trim_start_matches(['-', '+']);
    if body.is_empty()
        || !body
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
    {
        return Err(invalid(t));
    }
    let sign = if negative { -1 } else { 1 };
    let dots = body.matches('.').count();
    let commas = body.matches(',').count();
    let (int_part, frac, style) = match (dots, commas) {
        (0, 0) => (body.to_string(), "", None),
        (_, _) if dots > 0 && commas > 0 => {
            let last = body.rfind(['.', ',']).unwrap_or(0);
            let dec = body.as_bytes()[last] as char;
            let thousands = if dec == ',' { '.' } else { ',' };
            if body[last + 1..].contains(thousands) || body.matches(dec).count() != 1 {
                return Err(invalid(t));
            }
            let style = if dec == ',' {
                DecimalStyle::Comma
            } else {
                DecimalStyle::Dot
            };
            (
                grouped(&body[..last], thousands, t)?,
                &body[last + 1..],
                Some(style),
            )
        }
        _ => {
            let sep = if dots > 0 { '.' } else { ',' };
            let count = dots + commas;
            let last = body.rfind(sep).unwrap_or(0);
            let after = &body[last + 1..];
            if count == 1 && after.len() == 3 && last > 0 {
                return Ok(Shape::Ambiguous { sep });
            }
            if count == 1 && (1..=2).contains(&after.len()) {
                let style = if sep == ',' {
                    DecimalStyle::Comma
                } else {
                    DecimalStyle::Dot
                };
                (body[..last].to_string(), after, Some(style))
            } else if count > 1 {
                // 1.234.567 : thousands groups only, so the other character is the decimal one.
                let style = if sep == '.' {
                    DecimalStyle::Comma
                } else {
                    DecimalStyle::Dot
                };
                (grouped(body, sep, t)?, "", Some(style))
            } else {
                return Err(if after.len() > 2 {
                    too_many_decimals(t)
                } else {
                    invalid(t)
                });
            }
        }
    };
    if frac.len() > 2 {
        return Err(too_many_decimals(t));
    }
    let minor = to_minor(&int_part, frac).ok_or_else(|| invalid(t))?;
    Ok(Shape::Clear(sign * minor, style))
}

/// `1.234.567` with `.` -> `1234567`, checking groups of three.
fn grouped(s: &str, sep: char, original: &str) -> Result<String, ValueError> {
    let parts: Vec<&str> = s.split(sep).collect();
    let ok = parts.len() == 1
        || (!parts[0].is_empty() && parts[0].len() <= 3 && parts[1..].iter().all(|p| p.len() == 3));
    if !ok || parts.iter().any(|p| !p.chars().all(|c| c.is_ascii_digit())) {
        return Err(invalid(original));
    }
    Ok(parts.concat())
}

fn to_minor(int_part: &str, frac: &str) -> Option<i64> {
    let int_part = if int_part.is_empty() { "0" } else { int_part };
    if int_part.len() > 15 {
        return None;
    }
    let major: i64 = int_part.parse().ok()?;
    let cents: i64 = match frac.len() {
        0 => 0,
        1 => frac.parse::<i64>().ok()? * 10,
        _ => frac.parse().ok()?,
    };
    major.checked_mul(100)?.checked_add(cents)
}

fn resolve(
    text: &str,
    sep: char,
    style: Option<DecimalStyle>,
    shown: &str,
) -> Result<i64, ValueError> {
    let sep_is_decimal = match style {
        Some(DecimalStyle::Comma) => sep == ',',
        Some(DecimalStyle::Dot) => sep == '.',
        None => {
            return Err(ValueError::new(
                "amount_ambiguous",
                format!(
                    "'{shown}' tutarı belirsiz: bin ayırıcılı tam sayı mı, üç ondalıklı mı anlaşılmıyor. '1.234,00' ya da '1234' yazın."
                ),
                format!(
                    "The amount '{shown}' is ambiguous: a thousands separator or three decimals. Write '1.234,00' or '1234'."
                ),
            ));
        }
    };
    if sep_is_decimal {
        return Err(too_many_decimals(shown));
    }
    let digits: String = text.chars().filter(|c| c.is_ascii_digit()).collect();
    let sign = if text.starts_with('-') { -1 } else { 1 };
    to_minor(&digits, "")
        .map(|m| sign * m)
        .ok_or_else(|| invalid(shown))
}

fn from_float(f: f64) -> Result<i64, ValueError> {
    if !f.is_finite() {
        return Err(invalid("NaN"));
    }
    let cents = f * 100.0;
    if cents.abs() > (MAX_MAJOR as f64) * 100.0 {
        return Err(too_large());
    }
    let rounded = cents.round();
    // Excel stores computed values such as 118.00000000000001; accept float noise, refuse a
    // real third decimal.
    if (cents - rounded).abs() > 1e-6 * rounded.abs().max(1.0) {
        return Err(too_many_decimals(&f.to_string()));
    }
    Ok(rounded as i64)
}

fn missing() -> ValueError {
    ValueError::new("amount_missing", "Tutar boş.", "The amount is empty.")
}

fn invalid(shown: &str) -> ValueError {
    ValueError::new(
        "amount_invalid",
        format!("'{shown}' bir tutar değil. Örnek: 1.234,56"),
        format!("'{shown}' is not an amount. Example: 1,234.56"),
    )
}

fn too_many_decimals(shown: &str) -> ValueError {
    ValueError::new(
        "amount_too_many_decimals",
        format!("'{shown}' tutarında ikiden fazla ondalık hane var."),
        format!("The amount '{shown}' has more than two decimals."),
    )
}

fn too_large() -> ValueError {
    ValueError::new(
        "amount_too_large",
        "Tutar çok büyük.",
        "The amount is too large.",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Cell {
        Cell::Text(s.into())
    }

    #[test]
    fn formats_from_the_issue() {
        assert_eq!(parse_amount(&t("1.234,56"), None), Ok(123456));
        assert_eq!(parse_amount(&t("1234,56"), None), Ok(123456));
        assert_eq!(parse_amount(&t("1234.56"), None), Ok(123456));
        assert_eq!(parse_amount(&t("1,234.56"), None), Ok(123456));
        assert_eq!(parse_amount(&t("1.234.567,5"), None), Ok(123456750));
        assert_eq!(parse_amount(&t("1.234.567"), None), Ok(123456700));
        assert_eq!(parse_amount(&t("250"), None), Ok(25000));
        assert_eq!(parse_amount(&t(" 1.234,56 ₺"), None), Ok(123456));
        assert_eq!(parse_amount(&t("12,5"), None), Ok(1250));
        assert_eq!(parse_amount(&Cell::Number(1234.56), None), Ok(123456));
        assert_eq!(
            parse_amount(&Cell::Number(118.00000000000001), None),
            Ok(11800)
        );
        assert_eq!(parse_amount(&Cell::Int(75), None), Ok(7500));
    }

    #[test]
    fn ambiguous_values_are_decided_by_the_column_or_reported() {
        let err = parse_amount(&t("1.234"), None).unwrap_err();
        assert_eq!(err.code, "amount_ambiguous");
        assert_eq!(
            parse_amount(&t("1.234"), Some(DecimalStyle::Comma)),
            Ok(123400)
        );
        assert_eq!(
            parse_amount(&t("1,234"), Some(DecimalStyle::Dot)),
            Ok(123400)
        );
        assert_eq!(
            parse_amount(&t("1.234"), Some(DecimalStyle::Dot))
                .unwrap_err()
                .code,
            "amount_too_many_decimals"
        );
        let turkish = [t("1.234"), t("99,90"), Cell::Number(5.0)];
        assert_eq!(column_decimal_style(&turkish), Some(DecimalStyle::Comma));
        let dotted = [t("1.234"), t("12.50")];
        assert_eq!(column_decimal_style(&dotted), Some(DecimalStyle::Dot));
        let mixed = [t("1.234,50"), t("1,234.50")];
        assert_eq!(column_decimal_style(&mixed), None);
        assert_eq!(column_decimal_style(&[t("1.234")]), None);
    }

    #[test]
    fn bad_amounts_are_refused() {
        for (s, code) in [
            ("abc", "amount_invalid"),
            ("", "amount_missing"),
            ("12,345,6", "amount_invalid"),
            ("1.2345", "amount_too_many_decimals"),
            ("0", "amount_not_positive"),
            ("-5,00", "amount_not_positive"),
            ("1.23.456", "amount_invalid"),
        ] {
            assert_eq!(parse_amount(&t(s), None).unwrap_err().code, code, "{s}");
        }
        assert_eq!(
            parse_amount(&Cell::Number(1.005), None).unwrap_err().code,
            "amount_too_many_decimals"
        );
        assert_eq!(
            parse_amount(&Cell::Number(1e300), None).unwrap_err().code,
            "amount_too_large"
        );
    }
}

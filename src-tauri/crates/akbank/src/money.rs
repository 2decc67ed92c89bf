//! Amounts as the bank writes them: the two-decimal wire text ([`Money`], from the shared words
//! crate) and the exact reading of JSON numbers in replies.

pub use tahsildar_words::{Currency, Money, minor_to_wire, wire_to_minor};

use crate::error::{Error, Result};

/// The same type under the name the protocol uses.
pub type Amount = Money;

/// Parses the text of a JSON number ("1.01", "5", "215.6", "1e2") into minor units exactly,
/// by decimal digits, never by float arithmetic. More than two decimals must be zeros.
pub fn decimal_to_minor(text: &str) -> Result<i64> {
    let bad = || Error::Amount(text.to_string());
    let t = text.trim().trim_matches('"');
    let (neg, t) = match t.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, t),
    };
    let (mantissa, exp) = match t.find(['e', 'E']) {
        Some(i) => (&t[..i], t[i + 1..].parse::<i32>().map_err(|_| bad())?),
        None => (t, 0),
    };
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    if int.is_empty() && frac.is_empty() {
        return Err(bad());
    }
    if !int.bytes().all(|b| b.is_ascii_digit()) || !frac.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad());
    }
    // digits * 10^(exp - frac.len()) * 100
    let digits: String = format!("{int}{frac}");
    let scale = exp - frac.len() as i32 + 2;
    let digits = digits.trim_start_matches('0');
    let mut value: i64 = 0;
    if scale >= 0 {
        for b in digits.bytes() {
            value = value
                .checked_mul(10)
                .and_then(|v| v.checked_add(i64::from(b - b'0')))
                .ok_or(Error::AmountRange)?;
        }
        for _ in 0..scale {
            value = value.checked_mul(10).ok_or(Error::AmountRange)?;
        }
    } else {
        let cut = (-scale) as usize;
        let keep = digits.len().saturating_sub(cut);
        let (head, tail) = digits.split_at(keep);
        if tail.bytes().any(|b| b != b'0') {
            return Err(bad());
        }
        for b in head.bytes() {
            value = value
                .checked_mul(10)
                .and_then(|v| v.checked_add(i64::from(b - b'0')))
                .ok_or(Error::AmountRange)?;
        }
    }
    Ok(if neg { -value } else { value })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_numbers_exact() {
        assert_eq!(decimal_to_minor("1.01").unwrap(), 101);
        assert_eq!(decimal_to_minor("5").unwrap(), 500);
        assert_eq!(decimal_to_minor("215.6").unwrap(), 21560);
        assert_eq!(decimal_to_minor("160282.58").unwrap(), 16028258);
        assert_eq!(decimal_to_minor("1e2").unwrap(), 10000);
        assert_eq!(decimal_to_minor("1.5E-1").unwrap(), 15);
        assert_eq!(decimal_to_minor("0.10").unwrap(), 10);
        assert_eq!(decimal_to_minor("\"12.30\"").unwrap(), 1230);
        assert_eq!(decimal_to_minor("99999999999.99").unwrap(), 9999999999999);
        assert!(decimal_to_minor("1.001").is_err());
        assert!(decimal_to_minor("abc").is_err());
    }
}

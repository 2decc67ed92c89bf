//! Order ids: the key under which the bank books a provision.
//!
//! Each attempt gets its own order id when it is written ahead, never at send time, and the id is
//! never reused for another attempt (the host rejects a used id with VPS-1013, even after a
//! decline). Ids must be unique across every PC that shares a terminal, so most of the id is
//! random; the date in front helps an operator who reads one out to the bank.
//! Form: `TH` + `YYMMDD` + `-` + 16 characters of Crockford base32 (80 random bits), 25 in all,
//! within the bank's 36 characters of `[A-Za-z0-9-]`.

use jiff::civil::Date;

const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// The longest order id the bank accepts.
pub const MAX_LEN: usize = 36;

/// A fresh order id for an attempt written ahead on `today`.
pub fn new_order_id(today: Date) -> String {
    let mut random = [0u8; 16];
    getrandom::fill(&mut random).expect("the operating system's random source is unavailable");
    let mut id = format!(
        "TH{:02}{:02}{:02}-",
        today.year() % 100,
        today.month(),
        today.day()
    );
    id.extend(random.iter().map(|b| ALPHABET[usize::from(b % 32)] as char));
    id
}

/// Whether `id` has the bank's form: 1 to 36 characters of `[A-Za-z0-9-]`.
pub fn is_valid(id: &str) -> bool {
    (1..=MAX_LEN).contains(&id.len()) && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;
    use std::collections::HashSet;

    #[test]
    fn ids_have_the_bank_form_and_carry_the_date() {
        let id = new_order_id(date(2026, 11, 27));
        assert!(is_valid(&id), "{id}");
        assert_eq!(id.len(), 25);
        assert!(id.starts_with("TH261127-"), "{id}");
    }

    #[test]
    fn ids_do_not_repeat() {
        let today = date(2026, 11, 27);
        let ids: HashSet<String> = (0..10_000).map(|_| new_order_id(today)).collect();
        assert_eq!(ids.len(), 10_000);
    }

    #[test]
    fn validity_rules() {
        assert!(is_valid("20240418BA6C"));
        assert!(is_valid("b9ebfdc5-304f-49c2-8065-a2c7481a5d1f"));
        assert!(!is_valid(""));
        assert!(!is_valid("a_b"));
        assert!(!is_valid(&"A".repeat(37)));
    }
}

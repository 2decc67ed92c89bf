//! Order ids: the key under which the bank books a provision.
//!
//! Each attempt gets its own order id when it is written ahead, never at send time, and the id is
//! never reused for another attempt (the host rejects a used id with VPS-1013, even after a
//! decline). An id names the vault, its payment and its attempt, so that a booking the bank
//! lists can be traced back even where the local row is gone (a vault restored from an older
//! backup): `TH` + the vault's 4-character tag + `YYMMDD` + `-` + payment id + `-` + attempt
//! number + `-` + 8 random characters of Crockford base32 (40 bits), at most 36 characters of
//! `[A-Za-z0-9-]`. The random part keeps ids unique across PCs whose vaults share a terminal
//! and a tag by chance; the date helps an operator who reads one out to the bank.
//!
//! Attempts written before ids carried these names have `TH` + `YYMMDD` + `-` + 16 random
//! characters: still ours, but naming no payment.

use jiff::civil::Date;

const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// The longest order id the bank accepts.
pub const MAX_LEN: usize = 36;

/// What an order id of ours names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderName {
    /// The vault's tag.
    pub tag: String,
    /// The day it was written ahead.
    pub date: Date,
    pub payment_id: i64,
    /// 1 for a payment's first attempt, 2 for the next...
    pub attempt_no: u32,
}

fn random(n: usize) -> String {
    let mut bytes = vec![0u8; n];
    getrandom::fill(&mut bytes).expect("the operating system's random source is unavailable");
    bytes
        .iter()
        .map(|b| ALPHABET[usize::from(b % 32)] as char)
        .collect()
}

/// A new vault's tag: 4 random characters.
pub fn new_tag() -> String {
    random(4)
}

/// A fresh order id for attempt `attempt_no` of `payment_id`, written ahead on `today` in the
/// vault tagged `tag`.
pub fn new_order_id(tag: &str, today: Date, payment_id: i64, attempt_no: u32) -> String {
    format!(
        "TH{tag}{:02}{:02}{:02}-{payment_id}-{attempt_no}-{}",
        today.year() % 100,
        today.month(),
        today.day(),
        random(8)
    )
}

/// What an order id names, when it is one of ours in the current form.
pub fn parse(id: &str) -> Option<OrderName> {
    let rest = id.strip_prefix("TH")?;
    let mut parts = rest.split('-');
    let head = parts.next()?;
    let payment_id: i64 = parts.next()?.parse().ok()?;
    let attempt_no: u32 = parts.next()?.parse().ok()?;
    let random = parts.next()?;
    if parts.next().is_some() || head.len() != 10 || random.len() != 8 || payment_id <= 0 {
        return None;
    }
    let (tag, date) = head.split_at(4);
    if !tag.bytes().all(|b| ALPHABET.contains(&b)) || !random.bytes().all(|b| ALPHABET.contains(&b))
    {
        return None;
    }
    let date = date
        .bytes()
        .all(|b| b.is_ascii_digit())
        .then(|| {
            let n = |i: usize| date[i..i + 2].parse::<i8>().ok();
            jiff::civil::Date::new(2000 + i16::from(n(0)?), n(2)?, n(4)?).ok()
        })
        .flatten()?;
    Some(OrderName {
        tag: tag.to_string(),
        date,
        payment_id,
        attempt_no,
    })
}

/// Whether `id` was made by this program (in the current or the earlier form) in the vault
/// tagged `tag`; earlier ids carry no tag and count as this vault's.
pub fn is_ours(id: &str, tag: &str) -> bool {
    match parse(id) {
        Some(name) => name.tag == tag,
        None => is_earlier_form(id),
    }
}

/// `TH` + `YYMMDD` + `-` + 16 characters of the alphabet.
fn is_earlier_form(id: &str) -> bool {
    let Some((head, random)) = id.split_once('-') else {
        return false;
    };
    head.len() == 8
        && head.starts_with("TH")
        && head[2..].bytes().all(|b| b.is_ascii_digit())
        && random.len() == 16
        && random.bytes().all(|b| ALPHABET.contains(&b))
}

/// Whether `id` has the bank's form: 1 to 36 characters of `[A-Za-z0-9-]`.
pub fn is_valid(id: &str) -> bool {
    (1..=MAX_LEN).contains(&id.len()) && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

/// Whether `text` could be an order id of ours, whole: the bank's form with a dash, as both of
/// our forms have (a search looks one up only then).
pub fn could_be_ours(text: &str) -> bool {
    is_valid(text) && text.contains('-')
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;
    use std::collections::HashSet;

    #[test]
    fn ids_have_the_bank_form_and_name_their_payment_and_attempt() {
        let id = new_order_id("K7Q2", date(2026, 11, 27), 1_234_567, 2);
        assert!(is_valid(&id), "{id}");
        assert!(id.starts_with("THK7Q2261127-1234567-2-"), "{id}");
        assert_eq!(
            parse(&id),
            Some(OrderName {
                tag: "K7Q2".into(),
                date: date(2026, 11, 27),
                payment_id: 1_234_567,
                attempt_no: 2,
            })
        );
        assert!(is_ours(&id, "K7Q2"));
        assert!(!is_ours(&id, "K7Q3"), "another vault's");
        // The longest: a ten-digit payment id and a three-digit attempt number.
        let longest = new_order_id("K7Q2", date(2026, 11, 27), 9_999_999_999, 999);
        assert_eq!(longest.len(), MAX_LEN);
        assert!(is_valid(&longest));
    }

    #[test]
    fn only_a_text_of_the_banks_form_with_a_dash_could_be_ours() {
        let id = new_order_id("K7Q2", date(2026, 11, 27), 12, 1);
        for ours in [
            id.as_str(),
            "TH261127-0123456789ABCDEF",
            "th261127-0123456789abcdef",
        ] {
            assert!(could_be_ours(ours), "{ours}");
        }
        for other in [
            "",
            "yılmaz",
            "Demir",
            "20240418BA6C",
            "Site Yönetimi",
            "A-1 B",
            "%-1",
        ] {
            assert!(!could_be_ours(other), "{other}");
        }
    }

    #[test]
    fn ids_do_not_repeat() {
        let today = date(2026, 11, 27);
        let ids: HashSet<String> = (0..10_000)
            .map(|_| new_order_id("AAAA", today, 1, 1))
            .collect();
        assert_eq!(ids.len(), 10_000);
    }

    #[test]
    fn other_ids_are_told_apart() {
        assert!(
            is_ours("TH261127-0123456789ABCDEF", "K7Q2"),
            "an earlier id"
        );
        for other in [
            "20240418BA6C",
            "b9ebfdc5-304f-49c2-8065-a2c7481a5d1f",
            "THK7Q2261127-12-1",
            "THK7Q2261327-12-1-ABCDEFGH",
            "THK7Q2261127-x-1-ABCDEFGH",
        ] {
            assert!(parse(other).is_none(), "{other}");
            assert!(!is_ours(other, "K7Q2"), "{other}");
        }
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

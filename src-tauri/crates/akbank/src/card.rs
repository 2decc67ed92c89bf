//! Card data: the card number (PAN) and CVV in secret types, the expiry, and the brand.
//!
//! The clear number is only reachable through [`Pan::expose`]; `Debug` and `Display` show the
//! masked form (`435509******5232`). The CVV never prints at all.

use std::fmt;

use secrecy::{ExposeSecret, SecretString};

use crate::error::{Error, Result};

pub use tahsildar_words::{Expiry, luhn_valid};

/// Card scheme, guessed from the first digits (BIN).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Brand {
    /// Visa (4).
    Visa,
    /// Mastercard (51-55, 2221-2720).
    Mastercard,
    /// Troy, the Turkish domestic scheme (9792).
    Troy,
    /// American Express (34, 37).
    Amex,
    /// Anything else.
    Unknown,
}

impl Brand {
    /// The brand for a card number (digits only).
    pub fn from_digits(digits: &str) -> Brand {
        let prefix = |n: usize| digits.get(..n).and_then(|p| p.parse::<u32>().ok());
        if digits.starts_with("9792") {
            Brand::Troy
        } else if digits.starts_with('4') {
            Brand::Visa
        } else if matches!(prefix(2), Some(34 | 37)) {
            Brand::Amex
        } else if matches!(prefix(2), Some(51..=55)) || matches!(prefix(4), Some(2221..=2720)) {
            Brand::Mastercard
        } else {
            Brand::Unknown
        }
    }

    /// Display name.
    pub fn name(self) -> &'static str {
        match self {
            Brand::Visa => "Visa",
            Brand::Mastercard => "Mastercard",
            Brand::Troy => "Troy",
            Brand::Amex => "American Express",
            Brand::Unknown => "?",
        }
    }
}

/// The masked form of a card number: first 6 and last 4 digits, `*` between.
pub fn mask_digits(digits: &str) -> String {
    let n = digits.len();
    if n < 10 {
        return "*".repeat(n);
    }
    format!("{}{}{}", &digits[..6], "*".repeat(n - 10), &digits[n - 4..])
}

/// A card number, kept in a secret type and checked for length and Luhn.
pub struct Pan {
    digits: SecretString,
    masked: String,
    brand: Brand,
}

impl Pan {
    /// Parses a card number; spaces and dashes are ignored. Fails without echoing the input.
    pub fn parse(input: &str) -> Result<Pan> {
        let mut digits = zeroize::Zeroizing::new(String::with_capacity(input.len()));
        for c in input.chars() {
            match c {
                '0'..='9' => digits.push(c),
                ' ' | '-' => {}
                _ => return Err(Error::CardNumber),
            }
        }
        if !(12..=19).contains(&digits.len()) || !luhn_valid(&digits) {
            return Err(Error::CardNumber);
        }
        Ok(Pan {
            masked: mask_digits(&digits),
            brand: Brand::from_digits(&digits),
            digits: SecretString::from(digits.as_str()),
        })
    }

    /// The masked number (`435509******5232`).
    pub fn masked(&self) -> &str {
        &self.masked
    }

    /// The scheme by BIN.
    pub fn brand(&self) -> Brand {
        self.brand
    }

    /// The last four digits.
    pub fn last4(&self) -> &str {
        &self.masked[self.masked.len() - 4..]
    }

    /// The clear digits. Use only while building a request.
    pub fn expose(&self) -> &str {
        self.digits.expose_secret()
    }
}

impl Clone for Pan {
    fn clone(&self) -> Pan {
        Pan {
            digits: SecretString::from(self.digits.expose_secret()),
            masked: self.masked.clone(),
            brand: self.brand,
        }
    }
}

impl fmt::Debug for Pan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Pan({})", self.masked)
    }
}

impl fmt::Display for Pan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.masked)
    }
}

/// A card verification value (3 or 4 digits), zeroised on drop, never printed.
pub struct Cvv(SecretString);

impl Cvv {
    /// Parses 3 or 4 digits.
    pub fn parse(input: &str) -> Result<Cvv> {
        let t = input.trim();
        if !(3..=4).contains(&t.len()) || !t.bytes().all(|b| b.is_ascii_digit()) {
            return Err(Error::Cvv);
        }
        Ok(Cvv(SecretString::from(t)))
    }

    /// The clear digits. Use only while building a request.
    pub fn expose(&self) -> &str {
        self.0.expose_secret()
    }
}

impl Clone for Cvv {
    fn clone(&self) -> Cvv {
        Cvv(SecretString::from(self.0.expose_secret()))
    }
}

impl fmt::Debug for Cvv {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Cvv(***)")
    }
}

/// What a sale needs to charge a card. Its `Debug` shows the masked number only: no expiry, no
/// security code, no holder name.
#[derive(Clone)]
pub struct Card {
    /// Card number.
    pub pan: Pan,
    /// Expiry.
    pub expiry: Expiry,
    /// CVV2, when the cardholder gave it for this one charge; recurring mail-order charges go without.
    pub cvv: Option<Cvv>,
    /// Holder name as printed, optional.
    pub holder: Option<String>,
}

impl fmt::Debug for Card {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Card")
            .field("pan", &self.pan)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_card_shows_its_masked_number_only() {
        let card = Card {
            pan: Pan::parse("4355093000315232").unwrap(),
            expiry: Expiry::new(11, 2040).unwrap(),
            cvv: Some(Cvv::parse("471").unwrap()),
            holder: Some("Ayşe Yılmaz".into()),
        };
        let shown = format!("{card:?}");
        assert_eq!(shown, "Card { pan: Pan(435509******5232), .. }");
    }

    #[test]
    fn pan_masks_and_checks() {
        let pan = Pan::parse("4355 0930 0031 5232").unwrap();
        assert_eq!(pan.masked(), "435509******5232");
        assert_eq!(pan.brand(), Brand::Visa);
        assert_eq!(format!("{pan:?}"), "Pan(435509******5232)");
        assert_eq!(pan.to_string(), "435509******5232");
        assert_eq!(pan.expose(), "4355093000315232");
        assert!(Pan::parse("4355093000315233").is_err());
        assert!(Pan::parse("43550930a0315232").is_err());
        let err = Pan::parse("4355093000315233").unwrap_err().to_string();
        assert!(!err.contains("4355093000315233"));
    }

    #[test]
    fn brands() {
        assert_eq!(Brand::from_digits("5218076007402834"), Brand::Mastercard);
        assert_eq!(Brand::from_digits("2223000048400011"), Brand::Mastercard);
        assert_eq!(Brand::from_digits("9792030394440796"), Brand::Troy);
        assert_eq!(Brand::from_digits("374245455400126"), Brand::Amex);
        assert_eq!(Brand::from_digits("6011000990139424"), Brand::Unknown);
        for pan in [
            "4000000000000002",
            "4000000000009995",
            "4000000000000069",
            "4000000000000127",
            "4000000000000119",
            "5218076007402834",
        ] {
            assert!(luhn_valid(pan), "{}", mask_digits(pan));
        }
    }

    #[test]
    fn cvv_never_prints() {
        let cvv = Cvv::parse("471").unwrap();
        assert_eq!(format!("{cvv:?}"), "Cvv(***)");
        assert!(Cvv::parse("47").is_err());
        assert!(Cvv::parse("4a1").is_err());
    }
}

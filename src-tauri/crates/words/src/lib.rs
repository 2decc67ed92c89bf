//! The words every crate of Tahsildar shares, defined once: the languages and a sentence in both,
//! currencies and amounts in minor units, a card's expiry and the Luhn check, and Turkish
//! letters for search and order. A leaf crate: it
//! depends on nothing of the program.

mod card;
mod error;
mod lang;
mod money;
pub mod turkish;

pub use card::{Expiry, luhn_valid, mask_digit_runs};
pub use error::{Error, Result};
pub use lang::{Lang, Text};
pub use money::{Currency, Money, minor_to_wire, wire_to_minor};

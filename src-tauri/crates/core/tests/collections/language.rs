//! Errors met in these flows speak one language at a time (the same check as the unit tests).

#[path = "../../src/language_check.rs"]
mod language_check;

use tahsildar_core::{Error, Lang};

/// The Turkish message has no English words, the English one no Turkish words or letters.
pub fn assert_one_language(error: &Error) {
    let tr = error.message(Lang::Tr);
    let en = error.message(Lang::En);
    let english = language_check::english_in_turkish(&tr);
    assert!(english.is_empty(), "English {english:?} in: {tr}");
    let turkish = language_check::turkish_in_english(&en);
    assert!(turkish.is_empty(), "Turkish {turkish:?} in: {en}");
}

//! The refusals every paged list shares: page size, search text and a value outside its set.

use crate::error::Error;
use crate::i18n::Text;

/// The longest search text a list accepts, in characters.
pub const MAX_SEARCH_CHARS: usize = 100;

/// A page size outside `1..=max`.
pub(crate) fn page_size_refused(limit: u32, max: u32) -> Error {
    Error::invalid(
        "page size",
        Text::new(
            format!("Sayfa boyutu 1 ile {max} arasında olmalı ({limit} verildi)."),
            format!("The page size must be 1 to {max} ({limit} was given)."),
        ),
    )
}

/// A search text longer than [`MAX_SEARCH_CHARS`].
pub(crate) fn search_too_long() -> Error {
    Error::invalid(
        "search",
        Text::new(
            format!("Arama metni en çok {MAX_SEARCH_CHARS} karakter olabilir."),
            format!("The search text is at most {MAX_SEARCH_CHARS} characters."),
        ),
    )
}

/// `value` for `field` is not one of `allowed` (stable codes, quoted as they are typed).
pub(crate) fn not_one_of(field: &'static str, value: &str, allowed: &[&str]) -> Error {
    let list = allowed
        .iter()
        .map(|code| format!("'{code}'"))
        .collect::<Vec<_>>()
        .join(", ");
    let (tr_name, en_name) = match field {
        "sort" => ("Sıralama", "The sort order"),
        "status" => ("Durum", "The status"),
        _ => ("Değer", "The value"),
    };
    Error::invalid(
        field,
        Text::new(
            format!("{tr_name} '{value}' tanınmıyor; şunlardan biri olmalı: {list}."),
            format!("{en_name} '{value}' is not one of {list}."),
        ),
    )
}

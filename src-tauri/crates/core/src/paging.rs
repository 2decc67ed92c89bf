//! What every paged list shares: the refusals (page size, search text, a value outside its set),
//! how a typed search matches the customers' folded texts, and which end a page is read from.

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

/// A search typed by a user: the customers' column it matches and the `LIKE` pattern for it.
/// Both sides are folded alike: Turkish lower case (`search_text`: "ayşe" finds "AYŞE"), or
/// also without the letters Turkish adds to Latin when `accent_free` (`search_plain`: "Ayse"
/// finds "Ayşe"). `%` and `_` typed by the user match themselves (`\` escapes them).
pub(crate) fn text_search(text: &str, accent_free: bool) -> (&'static str, String) {
    let (column, folded) = if accent_free {
        ("search_plain", tahsildar_words::turkish::plain(text))
    } else {
        ("search_text", tahsildar_words::turkish::lower(text))
    };
    let mut pattern = String::with_capacity(folded.len() + 2);
    pattern.push('%');
    for ch in folded.chars() {
        if matches!(ch, '%' | '_' | '\\') {
            pattern.push('\\');
        }
        pattern.push(ch);
    }
    pattern.push('%');
    (column, pattern)
}

/// The rows a page reads of the ordered list: `limit` from `offset`, counted from the end of the
/// list (and read backwards) when the page lies in its second half, so that no page walks past
/// more than half of the matching rows (offset paging skips row by row).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Window {
    pub limit: u64,
    pub offset: u64,
    pub reversed: bool,
}

impl Window {
    /// The page of `limit` rows from `offset` of a list of `total`; `None` past its end.
    pub(crate) fn of(offset: u64, limit: u64, total: u64) -> Option<Window> {
        if offset >= total {
            return None;
        }
        if offset <= total / 2 {
            return Some(Window {
                limit,
                offset,
                reversed: false,
            });
        }
        let from_end = total.saturating_sub(offset + limit);
        Some(Window {
            limit: total - offset - from_end,
            offset: from_end,
            reversed: true,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::{Window, text_search};

    #[test]
    fn a_search_is_folded_and_its_wildcards_escaped() {
        assert_eq!(
            text_search("AYŞE", false),
            ("search_text", "%ayşe%".to_string())
        );
        assert_eq!(
            text_search("Ayşe IŞIK", true),
            ("search_plain", "%ayse isik%".to_string())
        );
        assert_eq!(text_search("a%b_c\\", false).1, "%a\\%b\\_c\\\\%");
    }

    #[test]
    fn a_page_in_the_second_half_is_read_from_the_end() {
        let forward = |limit, offset| {
            Some(Window {
                limit,
                offset,
                reversed: false,
            })
        };
        let backward = |limit, offset| {
            Some(Window {
                limit,
                offset,
                reversed: true,
            })
        };
        assert_eq!(Window::of(0, 100, 1_000), forward(100, 0));
        assert_eq!(Window::of(500, 100, 1_000), forward(100, 500));
        assert_eq!(Window::of(501, 100, 1_000), backward(100, 399));
        assert_eq!(Window::of(900, 100, 1_000), backward(100, 0));
        // The last, short page.
        assert_eq!(Window::of(950, 100, 1_000), backward(50, 0));
        assert_eq!(Window::of(1_000, 100, 1_000), None);
        assert_eq!(Window::of(0, 100, 0), None);
    }
}

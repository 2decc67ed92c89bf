//! Whether a message keeps to one language: no English words in a Turkish message, no Turkish
//! words or letters in an English one. Left out of the check: the system's own words after
//! "teknik ayrıntı:" / "technical detail:", values in single quotes (typed by the user or to be
//! typed), command-line flags and identifiers such as `vault.json` or `TAHSILDAR_DATA_DIR`.
//! Shared by the unit and integration tests.

/// English words that no Turkish message uses (none of them is also a Turkish word).
const ENGLISH: &[&str] = &[
    "the",
    "is",
    "are",
    "not",
    "must",
    "be",
    "most",
    "only",
    "and",
    "or",
    "of",
    "to",
    "with",
    "has",
    "no",
    "was",
    "already",
    "invalid",
    "valid",
    "cannot",
    "characters",
    "visible",
    "outside",
    "reconcile",
    "first",
    "card",
    "number",
    "amount",
    "expiry",
    "search",
    "page",
    "size",
    "schedule",
    "date",
    "due",
    "store",
    "customer",
    "payment",
    "attempt",
    "wrong",
    "length",
    "unknown",
    "missing",
    "file",
    "key",
    "failed",
    "check",
    "more",
    "than",
    "zero",
    "like",
    "for",
    "from",
    "you",
    "your",
    "try",
    "again",
    "minutes",
    "minute",
    "locked",
    "account",
    "it",
    "its",
    "this",
    "there",
    "name",
    "reference",
    "phone",
    "email",
    "period",
    "installments",
    "description",
    "holder",
    "status",
    "sort",
    "captured",
    "authorised",
    "refund",
    "void",
    "voided",
    "cancelled",
    "truncated",
    "damaged",
    "integrity",
    "header",
    "passphrase",
    "keyring",
    "entry",
    "setting",
    "address",
    "time",
    "days",
    "weeks",
    "months",
    "allowed",
    "digits",
    "spaces",
    "nothing",
    "left",
    "sale",
    "earlier",
    "answer",
    "yet",
    "row",
    "now",
    "database",
    "error",
    "unexpected",
    "technical",
    "detail",
    "bank",
    "simulator",
    "running",
    "connection",
    "given",
    "give",
    "user",
    "disable",
    "own",
    "range",
    "starts",
    "ends",
    "after",
    "before",
    "per",
    "every",
    "format",
    "unreadable",
    "interval",
    "unencrypted",
];

/// Turkish words that no English message uses.
const TURKISH: &[&str] = &[
    "ve",
    "ile",
    "bir",
    "değil",
    "olmalı",
    "geçersiz",
    "tutar",
    "kart",
    "zaten",
    "yok",
    "için",
    "ya",
    "da",
    "önce",
    "sonra",
    "satır",
    "mağaza",
    "hesap",
    "kilitli",
    "dakika",
    "deneyin",
    "ödeme",
    "müşteri",
    "olabilir",
    "en",
    "çok",
    "gibi",
    "yazın",
    "dosya",
    "kasa",
];

const TURKISH_LETTERS: &[char] = &['ç', 'ğ', 'ı', 'ö', 'ş', 'ü', 'Ç', 'Ğ', 'İ', 'Ö', 'Ş', 'Ü'];

/// The text before a technical detail, without quoted values.
fn prose(text: &str, technical_label: &str) -> String {
    let lower = text.to_lowercase();
    let end = lower.find(technical_label).unwrap_or(lower.len());
    let mut out = String::new();
    let mut quoted = false;
    let chars: Vec<char> = lower[..end].chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        // An apostrophe between letters is a Turkish suffix or an English contraction, not a
        // quote.
        let inside_word = i > 0
            && chars[i - 1].is_alphanumeric()
            && chars.get(i + 1).is_some_and(|n| n.is_alphanumeric());
        if c == '\'' && !inside_word {
            quoted = !quoted;
            out.push(' ');
        } else if !quoted {
            out.push(c);
        }
    }
    out
}

/// The words of the prose, leaving out flags and identifiers.
fn words(text: &str, technical_label: &str) -> Vec<String> {
    prose(text, technical_label)
        .split_whitespace()
        .map(|token| token.trim_matches(|c: char| "()[],;:.".contains(c)))
        .filter(|token| {
            !token.starts_with("--") && !token.contains('_') && !token.contains(".json")
        })
        .flat_map(|token| {
            token
                .split(|c: char| !c.is_alphabetic())
                .filter(|w| !w.is_empty())
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .collect()
}

/// English words found in a Turkish message (empty when it is all Turkish).
pub fn english_in_turkish(message: &str) -> Vec<String> {
    words(message, "teknik ayrıntı:")
        .into_iter()
        .filter(|w| ENGLISH.contains(&w.as_str()))
        .collect()
}

/// Turkish words or letters found in an English message (empty when it is all English).
pub fn turkish_in_english(message: &str) -> Vec<String> {
    let prose = prose(message, "technical detail:");
    let mut found: Vec<String> = prose
        .chars()
        .filter(|c| TURKISH_LETTERS.contains(c))
        .map(String::from)
        .collect();
    found.extend(
        words(message, "technical detail:")
            .into_iter()
            .filter(|w| TURKISH.contains(&w.as_str())),
    );
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_other_language() {
        assert_eq!(
            english_in_turkish("Geçersiz card number: not a valid card number."),
            ["card", "number", "not", "valid", "card", "number"]
        );
        assert!(english_in_turkish("Kart numarası geçersiz.").is_empty());
        assert_eq!(turkish_in_english("Invalid kart"), ["kart"]);
        assert_eq!(turkish_in_english("The amount: tutar"), ["tutar"]);
        assert_eq!(turkish_in_english("Wrong ı"), ["ı"]);
    }

    #[test]
    fn leaves_out_technical_details_quotes_flags_and_identifiers() {
        assert!(
            english_in_turkish("Beklenmeyen hata. (Teknik ayrıntı: the file is not a database)")
                .is_empty()
        );
        assert!(english_in_turkish("Tutar 'the amount' okunamadı.").is_empty());
        assert!(english_in_turkish("Parolayı verin (--passphrase-env) vault.json").is_empty());
        assert!(english_in_turkish("Mağaza'nın 'due_date' sütunu").is_empty());
        assert!(turkish_in_english("Failed (technical detail: dosya yok)").is_empty());
    }
}

//! The languages the product speaks (Turkish first, English complete), a sentence in both, and
//! amounts written the way each language writes them.

/// A language the product speaks, named by its code (`tr`, `en`).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize,
)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Turkish, the default.
    #[default]
    Tr,
    /// English.
    En,
}

impl Lang {
    /// Reads `LC_ALL`, then `LC_MESSAGES`, then `LANG`: English when the first one set starts
    /// with `en`, Turkish otherwise (the product is Turkish-first).
    pub fn from_env() -> Lang {
        for var in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let Ok(value) = std::env::var(var)
                && !value.is_empty()
            {
                return Lang::from_tag(&value);
            }
        }
        Lang::Tr
    }

    /// `en`, `en_US.UTF-8`, `en-GB` -> English; anything else -> Turkish.
    pub fn from_tag(tag: &str) -> Lang {
        if tag.to_ascii_lowercase().starts_with("en") {
            Lang::En
        } else {
            Lang::Tr
        }
    }

    /// An amount in minor units as this language writes it: `1.234,56` in Turkish,
    /// `1,234.56` in English (negative amounts keep their sign).
    pub fn amount(self, minor: i64) -> String {
        let (group, decimal) = match self {
            Lang::Tr => ('.', ','),
            Lang::En => (',', '.'),
        };
        let sign = if minor < 0 { "-" } else { "" };
        let abs = minor.unsigned_abs();
        let whole = (abs / 100).to_string();
        let mut grouped = String::new();
        for (i, c) in whole.chars().enumerate() {
            if i > 0 && (whole.len() - i).is_multiple_of(3) {
                grouped.push(group);
            }
            grouped.push(c);
        }
        format!("{sign}{grouped}{decimal}{:02}", abs % 100)
    }

    /// Picks the text for this language.
    pub fn pick(self, tr: impl Into<String>, en: impl Into<String>) -> String {
        match self {
            Lang::Tr => tr.into(),
            Lang::En => en.into(),
        }
    }
}

/// One sentence in both languages the product speaks, made where the reason is known.
/// `Display` shows the English one (logs and `Error`'s own `Display` stay English). The window
/// receives both (`{tr, en}`) and shows the one of its language.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Text {
    tr: String,
    en: String,
}

impl Text {
    pub fn new(tr: impl Into<String>, en: impl Into<String>) -> Text {
        Text {
            tr: tr.into(),
            en: en.into(),
        }
    }

    /// The sentence in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Tr => &self.tr,
            Lang::En => &self.en,
        }
    }

    pub fn tr(&self) -> &str {
        &self.tr
    }

    pub fn en(&self) -> &str {
        &self.en
    }
}

impl std::fmt::Display for Text {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.en)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags() {
        assert_eq!(Lang::from_tag("en_US.UTF-8"), Lang::En);
        assert_eq!(Lang::from_tag("tr_TR.UTF-8"), Lang::Tr);
        assert_eq!(Lang::from_tag("C"), Lang::Tr);
    }

    #[test]
    fn amounts_in_each_language() {
        assert_eq!(Lang::Tr.amount(12_345_678), "123.456,78");
        assert_eq!(Lang::En.amount(12_345_678), "123,456.78");
        assert_eq!(Lang::Tr.amount(5), "0,05");
        assert_eq!(Lang::En.amount(-100_000), "-1,000.00");
    }

    #[test]
    fn a_text_gives_each_language_and_shows_english() {
        let t = Text::new(
            "Tutar sıfırdan büyük olmalı.",
            "The amount must be more than zero.",
        );
        assert_eq!(t.get(Lang::Tr), "Tutar sıfırdan büyük olmalı.");
        assert_eq!(t.get(Lang::En), "The amount must be more than zero.");
        assert_eq!(t.to_string(), "The amount must be more than zero.");
    }
}

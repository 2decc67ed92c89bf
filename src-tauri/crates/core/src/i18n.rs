//! The user's language for messages: Turkish first, English complete.

/// A language the product speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    Tr,
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

    /// Picks the text for this language.
    pub fn pick(self, tr: impl Into<String>, en: impl Into<String>) -> String {
        match self {
            Lang::Tr => tr.into(),
            Lang::En => en.into(),
        }
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
}

//! Lenient readers for reply fields the host sends sometimes as a string, sometimes as a number.

use serde::{Deserialize, Deserializer};
use serde_json::value::RawValue;

/// A string, a number or null, as an optional string (numbers keep their JSON text).
pub fn opt_text<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    let raw: Option<Box<RawValue>> = Option::deserialize(d)?;
    Ok(raw.and_then(|r| {
        let t = r.get().trim();
        if t == "null" {
            None
        } else if t.starts_with('"') {
            serde_json::from_str::<String>(t).ok()
        } else {
            Some(t.to_string())
        }
    }))
}

/// A whole number given as a number or a numeric string.
pub fn opt_i64<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    let text = opt_text(d)?;
    match text {
        None => Ok(None),
        Some(t) if t.trim().is_empty() => Ok(None),
        Some(t) => t
            .trim()
            .parse::<i64>()
            .map(Some)
            .map_err(|_| serde::de::Error::custom(format!("expected an integer, got {t:?}"))),
    }
}

/// An amount in major units (`1.01`, `5`, `"1.01"`) read exactly into minor units.
pub fn opt_minor<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    let text = opt_text(d)?;
    match text {
        None => Ok(None),
        Some(t) if t.trim().is_empty() => Ok(None),
        Some(t) => crate::money::decimal_to_minor(&t)
            .map(Some)
            .map_err(|e| serde::de::Error::custom(e.to_string())),
    }
}

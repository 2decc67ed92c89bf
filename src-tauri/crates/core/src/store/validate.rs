//! Checks of store settings, each naming the setting that is wrong.

use secrecy::{ExposeSecret, SecretString};

use crate::error::{Error, Result};

pub(crate) fn check_store_name(name: &str) -> Result<()> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 64 || name.chars().any(char::is_control) {
        return Err(Error::invalid("store name", "1 to 64 visible characters"));
    }
    Ok(())
}

/// An `https://` URL (or `http://` on loopback, for a local simulator).
pub fn check_base_url(url: &str) -> Result<()> {
    let loopback = ["http://127.0.0.1", "http://localhost", "http://[::1]"];
    let ok = (url.starts_with("https://") && url.len() > "https://".len())
        || loopback.iter().any(|p| url.starts_with(p));
    if !ok || url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(Error::invalid(
            "base_url",
            "an https:// address (http:// only on this computer)",
        ));
    }
    Ok(())
}

/// "HH:MM", 24-hour clock.
pub fn check_run_time(text: &str) -> Result<()> {
    let bad = || {
        Error::invalid(
            "run_time",
            format!("'{text}' is not a time of day like 10:00"),
        )
    };
    let (h, m) = text.split_once(':').ok_or_else(bad)?;
    let (h, m): (u32, u32) = (h.parse().map_err(|_| bad())?, m.parse().map_err(|_| bad())?);
    if text.len() != 5 || h > 23 || m > 59 {
        return Err(bad());
    }
    Ok(())
}

pub(crate) fn check_safe_id(field: &'static str, value: &str) -> Result<()> {
    if value.len() != 32 || !value.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Err(Error::invalid(field, "32 letters and digits"));
    }
    Ok(())
}

pub(crate) fn check_secret_key(secret: &SecretString) -> Result<()> {
    let s = secret.expose_secret();
    if s.is_empty() || s.len() > 256 || !s.chars().all(|c| c.is_ascii_graphic()) {
        return Err(Error::invalid(
            "secret key",
            "1 to 256 printable characters without spaces",
        ));
    }
    Ok(())
}

pub(crate) fn check_range(field: &'static str, value: u32, min: u32, max: u32) -> Result<()> {
    if value < min || value > max {
        return Err(Error::invalid(
            field,
            format!("{value} is outside {min}..{max}"),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_checks() {
        assert!(check_run_time("10:00").is_ok());
        assert!(check_run_time("24:00").is_err());
        assert!(check_run_time("9:00").is_err());
        assert!(check_base_url("https://apipre.akbank.com/api/v1/payment/virtualpos").is_ok());
        assert!(check_base_url("http://127.0.0.1:8080").is_ok());
        assert!(check_base_url("http://example.com").is_err());
        assert!(check_safe_id("merchantSafeId", "2023090417500272654BD9A49CF07574").is_ok());
        assert!(check_safe_id("merchantSafeId", "short").is_err());
    }
}

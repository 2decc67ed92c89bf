//! Checks of store settings, each naming the setting that is wrong.

use secrecy::{ExposeSecret, SecretString};

use crate::error::{Error, Result};
use crate::i18n::Text;

/// A setting's name as an operator reads it, by its stable key.
fn setting_name(field: &str) -> (&'static str, &'static str) {
    match field {
        "store name" => ("Mağaza adı", "The store name"),
        "base_url" => ("Banka adresi", "The bank address"),
        "run_time" => ("Günlük çalışma saati", "The daily run time"),
        "merchantSafeId" => ("Üye işyeri kimliği (merchantSafeId)", "The merchantSafeId"),
        "terminalSafeId" => ("Terminal kimliği (terminalSafeId)", "The terminalSafeId"),
        "secret key" => ("Gizli anahtar", "The secret key"),
        "concurrency" => ("Eşzamanlı istek sayısı", "The number of parallel requests"),
        "rate_per_sec" => ("Saniyedeki istek sayısı", "The requests per second"),
        "max_installments" => ("En çok taksit sayısı", "The maximum number of installments"),
        _ => ("Ayar", "The setting"),
    }
}

/// `field` refused: `tr` and `en` say what it must be, after the setting's name.
fn refused(field: &'static str, tr: impl std::fmt::Display, en: impl std::fmt::Display) -> Error {
    let (tr_name, en_name) = setting_name(field);
    Error::invalid(
        field,
        Text::new(format!("{tr_name} {tr}."), format!("{en_name} {en}.")),
    )
}

pub(crate) fn check_store_name(name: &str) -> Result<()> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 64 || name.chars().any(char::is_control) {
        return Err(refused(
            "store name",
            "1 ile 64 görünür karakter olmalı",
            "must be 1 to 64 visible characters",
        ));
    }
    Ok(())
}

/// An `https://` URL (or `http://` on loopback, for a local simulator).
pub fn check_base_url(url: &str) -> Result<()> {
    let loopback = ["http://127.0.0.1", "http://localhost", "http://[::1]"];
    let ok = (url.starts_with("https://") && url.len() > "https://".len())
        || loopback.iter().any(|p| url.starts_with(p));
    if !ok || url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(refused(
            "base_url",
            "https:// ile başlamalı (http:// yalnızca bu bilgisayardaki adresler için)",
            "must start with https:// (http:// only for addresses on this computer)",
        ));
    }
    Ok(())
}

/// "HH:MM", 24-hour clock.
pub fn check_run_time(text: &str) -> Result<()> {
    let bad = || {
        refused(
            "run_time",
            format!("'{text}' okunamadı; 10:00 gibi yazın"),
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
        return Err(refused(
            field,
            "32 harf ve rakamdan oluşmalı",
            "must be 32 letters and digits",
        ));
    }
    Ok(())
}

pub(crate) fn check_secret_key(secret: &SecretString) -> Result<()> {
    let s = secret.expose_secret();
    if s.is_empty() || s.len() > 256 || !s.chars().all(|c| c.is_ascii_graphic()) {
        return Err(refused(
            "secret key",
            "boşluksuz 1 ile 256 yazılabilir karakter olmalı",
            "must be 1 to 256 printable characters without spaces",
        ));
    }
    Ok(())
}

pub(crate) fn check_range(field: &'static str, value: u32, min: u32, max: u32) -> Result<()> {
    if value < min || value > max {
        return Err(refused(
            field,
            format!("{min} ile {max} arasında olmalı ({value} verildi)"),
            format!("must be {min} to {max} ({value} was given)"),
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

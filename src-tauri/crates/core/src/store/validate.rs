//! Checks of store settings, each naming the setting that is wrong.

use secrecy::{ExposeSecret, SecretString};

use super::Environment;
use crate::error::{Error, Result};
use crate::i18n::Text;

/// Akbank's test host.
pub const TEST_HOST: &str = "apipre.akbank.com";
/// Akbank's production host.
pub const LIVE_HOST: &str = "api.akbank.com";

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
        "soft_retry_days" => ("Yeniden deneme günleri", "The retry days"),
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

/// The host a store of `environment` may talk to: Akbank's own host for test and live stores
/// (`https://`), or an address on this computer (a local simulator or gateway, `http://` or
/// `https://`); a sandbox store only the latter. Nothing else, so a mistyped or planted address
/// can never receive card numbers.
pub fn check_base_url(environment: Environment, url: &str) -> Result<()> {
    let (scheme, rest) = url.split_once("://").unwrap_or(("", ""));
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = if authority.starts_with('[') {
        authority.split_inclusive(']').next().unwrap_or("")
    } else {
        authority.split(':').next().unwrap_or("")
    };
    let port_ok = authority[host.len()..]
        .strip_prefix(':')
        .is_none_or(|p| !p.is_empty() && p.len() <= 5 && p.bytes().all(|b| b.is_ascii_digit()));
    let clean =
        !url.chars().any(|c| c.is_whitespace() || c.is_control()) && !authority.contains('@');
    let loopback = matches!(scheme, "http" | "https")
        && matches!(
            host.to_ascii_lowercase().as_str(),
            "127.0.0.1" | "localhost" | "[::1]"
        );
    let akbank = scheme == "https"
        && match environment {
            Environment::Sandbox => false,
            Environment::Test => host.eq_ignore_ascii_case(TEST_HOST),
            Environment::Live => host.eq_ignore_ascii_case(LIVE_HOST),
        };
    if clean && port_ok && (loopback || akbank) {
        return Ok(());
    }
    Err(match environment {
        Environment::Sandbox => refused(
            "base_url",
            "deneme (sandbox) mağazasında yalnızca bu bilgisayardaki bir adres olabilir (ör. http://127.0.0.1:8080)",
            "of a sandbox store can only be an address on this computer (e.g. http://127.0.0.1:8080)",
        ),
        Environment::Test => refused(
            "base_url",
            format!(
                "test mağazasında https://{TEST_HOST} ya da bu bilgisayardaki bir adres olmalı"
            ),
            format!("of a test store must be https://{TEST_HOST} or an address on this computer"),
        ),
        Environment::Live => refused(
            "base_url",
            format!("canlı mağazada https://{LIVE_HOST} ya da bu bilgisayardaki bir adres olmalı"),
            format!("of a live store must be https://{LIVE_HOST} or an address on this computer"),
        ),
    })
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

/// A store's retry schedule after a soft decline: within the card schemes' rules.
pub(crate) fn check_retry_days(policy: &crate::engine::retry_policy::RetryPolicy) -> Result<()> {
    policy
        .check()
        .map_err(|why| refused("soft_retry_days", why.tr(), why.en()))
}

/// Reads a retry schedule as typed (`1, 3, 7`), naming the setting when it is not day numbers.
pub fn parse_retry_days(text: &str) -> Result<crate::engine::retry_policy::RetryPolicy> {
    crate::engine::retry_policy::RetryPolicy::parse(text).ok_or_else(|| {
        refused(
            "soft_retry_days",
            "virgülle ayrılmış gün sayıları olmalı (örneğin 1, 3, 7)",
            "must be day numbers separated by commas (for example 1, 3, 7)",
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_checks() {
        assert!(check_run_time("10:00").is_ok());
        assert!(check_run_time("24:00").is_err());
        assert!(check_run_time("9:00").is_err());
        assert!(check_safe_id("merchantSafeId", "2023090417500272654BD9A49CF07574").is_ok());
    }

    #[test]
    fn a_store_talks_only_to_akbank_or_to_this_computer() {
        use Environment::{Live, Sandbox, Test};
        let test_host = "https://apipre.akbank.com/api/v1/payment/virtualpos";
        let live_host = "https://api.akbank.com/api/v1/payment/virtualpos";
        assert!(check_base_url(Test, test_host).is_ok());
        assert!(check_base_url(Live, live_host).is_ok());
        assert!(
            check_base_url(Live, test_host).is_err(),
            "live store on the test host"
        );
        assert!(
            check_base_url(Test, live_host).is_err(),
            "test store on the live host"
        );
        for env in [Sandbox, Test, Live] {
            assert!(check_base_url(env, "http://127.0.0.1:8080/api/v1/payment/virtualpos").is_ok());
            assert!(check_base_url(env, "http://localhost:9").is_ok());
            assert!(check_base_url(env, "http://[::1]:8080").is_ok());
            for bad in [
                "http://example.com",
                "https://example.com/api",
                "https://api.akbank.com.evil.tr/x",
                "https://api.akbank.com@evil.tr/x",
                "http://127.0.0.1.evil.tr",
                "http://127.0.0.1:80x",
                "ftp://127.0.0.1",
                "https://api.akbank.com /x",
                "",
            ] {
                assert!(check_base_url(env, bad).is_err(), "{env:?} {bad}");
            }
        }
        assert!(check_base_url(Sandbox, live_host).is_err());
        assert!(check_safe_id("merchantSafeId", "2023090417500272654BD9A49CF07574").is_ok());
        assert!(check_safe_id("merchantSafeId", "short").is_err());
    }
}

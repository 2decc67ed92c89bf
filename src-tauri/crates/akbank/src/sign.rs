//! Request signing and the per-request envelope values.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use hmac::{Hmac, Mac};
use rand::RngCore;
use sha2::Sha512;

/// `auth-hash` header value: Base64(HMAC-SHA512(key = UTF-8 bytes of the secret key, verbatim;
/// message = the exact body bytes that are sent)).
pub fn sign(secret_key: &str, body: &[u8]) -> String {
    let mut mac = <Hmac<Sha512> as Mac>::new_from_slice(secret_key.as_bytes())
        .expect("HMAC accepts keys of any length");
    mac.update(body);
    STANDARD.encode(mac.finalize().into_bytes())
}

/// Checks an `auth-hash` value in constant time.
pub fn verify(secret_key: &str, body: &[u8], auth_hash: &str) -> bool {
    let Ok(tag) = STANDARD.decode(auth_hash.trim()) else {
        return false;
    };
    let mut mac = <Hmac<Sha512> as Mac>::new_from_slice(secret_key.as_bytes())
        .expect("HMAC accepts keys of any length");
    mac.update(body);
    mac.verify_slice(&tag).is_ok()
}

/// A fresh `randomNumber`: 128 uppercase hex characters from a CSPRNG (the thread-local
/// ChaCha generator, seeded and reseeded from the operating system).
pub fn random_number() -> String {
    let mut bytes = [0u8; 64];
    rand::rng().fill_bytes(&mut bytes);
    let mut out = String::with_capacity(128);
    for b in bytes {
        out.push_str(&format!("{b:02X}"));
    }
    out
}

/// The time zone of the host's clock, Europe/Istanbul. The time-zone database is built into the
/// program (jiff's bundled copy), so it is there on a PC without one.
pub fn istanbul() -> jiff::tz::TimeZone {
    jiff::tz::TimeZone::get("Europe/Istanbul").unwrap_or_else(|_| {
        // Unreachable with the bundled database; Turkey has kept UTC+3 all year since 2016.
        jiff::tz::TimeZone::fixed(jiff::tz::offset(3))
    })
}

/// `YYYY-MM-DDTHH:MM:SS.mmm` of an instant in Europe/Istanbul.
pub fn format_date_time(ts: jiff::Timestamp) -> String {
    ts.to_zoned_datetime(istanbul())
        .strftime("%Y-%m-%dT%H:%M:%S%.3f")
        .to_string()
}

/// `requestDateTime` for now, in Europe/Istanbul.
pub fn request_date_time() -> String {
    format_date_time(jiff::Timestamp::now())
}

/// True when `s` has the exact `YYYY-MM-DDTHH:MM:SS.mmm` shape and is a real date and time.
pub fn parse_date_time(s: &str) -> Option<jiff::civil::DateTime> {
    let b = s.as_bytes();
    if b.len() != 23 {
        return None;
    }
    let shape_ok = b.iter().enumerate().all(|(i, c)| match i {
        4 | 7 => *c == b'-',
        10 => *c == b'T',
        13 | 16 => *c == b':',
        19 => *c == b'.',
        _ => c.is_ascii_digit(),
    });
    if !shape_ok {
        return None;
    }
    s.parse::<jiff::civil::DateTime>().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn random_number_shape() {
        let a = random_number();
        let b = random_number();
        assert_eq!(a.len(), 128);
        assert!(a.bytes().all(|c| matches!(c, b'0'..=b'9' | b'A'..=b'F')));
        assert_ne!(a, b);
    }

    #[test]
    fn date_time_shape() {
        let s = request_date_time();
        assert!(parse_date_time(&s).is_some(), "{s}");
        let ts: jiff::Timestamp = "2024-04-20T10:48:02.5Z".parse().unwrap();
        assert_eq!(format_date_time(ts), "2024-04-20T13:48:02.500");
        assert!(parse_date_time("2024-04-20 13:48:02.000").is_none());
        assert!(parse_date_time("2024-02-30T13:48:02.000").is_none());
        assert!(parse_date_time("2024-04-20T13:48:02").is_none());
    }

    #[test]
    fn sign_and_verify() {
        let h = sign("key", b"body");
        assert!(verify("key", b"body", &h));
        assert!(!verify("key", b"body ", &h));
        assert!(!verify("kex", b"body", &h));
        assert!(!verify("key", b"body", "not base64!"));
    }
}

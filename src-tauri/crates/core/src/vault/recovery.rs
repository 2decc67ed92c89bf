//! The recovery key: the data key in a readable, checksummed form (Crockford base32 in groups
//! of four), shown once at creation, that opens the vault on any PC.

use secrecy::{ExposeSecret, SecretString};
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

use crate::error::{Error, Result};
use crate::i18n::Text;
use crate::vault::keys::DataKey;

const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const CHECK_LEN: usize = 4;
const PAYLOAD_LEN: usize = 32 + CHECK_LEN;

fn checksum(key: &[u8; 32]) -> [u8; CHECK_LEN] {
    let digest = Sha256::new()
        .chain_update(b"tahsildar/recovery/v1")
        .chain_update(key)
        .finalize();
    let mut out = [0u8; CHECK_LEN];
    out.copy_from_slice(&digest[..CHECK_LEN]);
    out
}

/// Encodes the data key as a recovery key such as `7M2K-...`.
pub fn encode(key: &DataKey) -> SecretString {
    let mut payload = Zeroizing::new([0u8; PAYLOAD_LEN]);
    payload[..32].copy_from_slice(key.expose());
    payload[32..].copy_from_slice(&checksum(key.expose()));
    let mut symbols = Zeroizing::new(String::new());
    let (mut acc, mut bits) = (0u32, 0u32);
    for &byte in payload.iter() {
        acc = (acc << 8) | u32::from(byte);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            symbols.push(ALPHABET[((acc >> bits) & 31) as usize] as char);
        }
        acc &= (1 << bits) - 1;
    }
    if bits > 0 {
        symbols.push(ALPHABET[((acc << (5 - bits)) & 31) as usize] as char);
    }
    let mut out = String::with_capacity(symbols.len() + symbols.len() / 4);
    for (i, c) in symbols.chars().enumerate() {
        if i > 0 && i % 4 == 0 {
            out.push('-');
        }
        out.push(c);
    }
    SecretString::from(out)
}

fn symbol_value(c: char) -> Option<u32> {
    let c = match c.to_ascii_uppercase() {
        'O' => '0',
        'I' | 'L' => '1',
        other => other,
    };
    ALPHABET
        .iter()
        .position(|&a| a as char == c)
        .map(|p| p as u32)
}

/// Decodes a recovery key; dashes, spaces and case do not matter, the checksum must.
fn wrong_length() -> Error {
    Error::RecoveryKeyInvalid(Text::new("uzunluk yanlış", "wrong length"))
}

pub fn decode(text: &SecretString) -> Result<DataKey> {
    let mut payload = Zeroizing::new(Vec::with_capacity(PAYLOAD_LEN + 1));
    let (mut acc, mut bits) = (0u32, 0u32);
    for c in text.expose_secret().chars() {
        if c == '-' || c.is_whitespace() {
            continue;
        }
        let value = symbol_value(c).ok_or_else(|| {
            Error::RecoveryKeyInvalid(Text::new("beklenmeyen karakter", "unexpected character"))
        })?;
        acc = (acc << 5) | value;
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            payload.push((acc >> bits) as u8);
        }
        acc &= (1 << bits) - 1;
    }
    if payload.len() != PAYLOAD_LEN {
        return Err(wrong_length());
    }
    let key = DataKey::from_slice(&payload[..32]).ok_or_else(wrong_length)?;
    if checksum(key.expose())[..] != payload[32..] {
        return Err(Error::RecoveryKeyInvalid(Text::new(
            "denetim hanesi tutmuyor, yazım hatası olabilir",
            "checksum mismatch, check for a typo",
        )));
    }
    Ok(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_typo_detection() {
        let key = DataKey::generate();
        let text = encode(&key);
        let shown = text.expose_secret().to_string();
        assert!(shown.split('-').all(|g| g.len() <= 4));
        let back = decode(&SecretString::from(shown.to_lowercase().replace('-', " "))).unwrap();
        assert_eq!(back.expose(), key.expose());

        let mut chars: Vec<char> = shown.chars().collect();
        chars[0] = if chars[0] == 'A' { 'B' } else { 'A' };
        let typo: String = chars.into_iter().collect();
        assert!(matches!(
            decode(&SecretString::from(typo)),
            Err(Error::RecoveryKeyInvalid(_))
        ));
        assert!(decode(&SecretString::from("ABCD".to_string())).is_err());
    }
}

//! The data key and the subkeys derived from it: field sealing, PAN fingerprint, audit chain.

use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use hkdf::Hkdf;
use hmac::{Hmac, Mac};
use sha2::Sha256;
use zeroize::Zeroizing;

use crate::error::{Error, Result};

type HmacSha256 = Hmac<Sha256>;

const SEAL_INFO: &[u8] = b"tahsildar/field-seal/v1";
const FINGERPRINT_INFO: &[u8] = b"tahsildar/pan-fingerprint/v1";
const AUDIT_INFO: &[u8] = b"tahsildar/audit/v1";
const KEY_CHECK_INFO: &[u8] = b"tahsildar/key-check/v1";
/// Version byte in front of every sealed value.
const SEAL_VERSION: u8 = 1;
const NONCE_LEN: usize = 24;

/// Fills `buf` from the operating system's random source.
pub(crate) fn random_bytes(buf: &mut [u8]) {
    getrandom::fill(buf).expect("the operating system's random source failed");
}

/// The vault's 32-byte data key: the SQLCipher key and the root of every subkey.
pub struct DataKey(Zeroizing<[u8; 32]>);

impl DataKey {
    pub fn generate() -> DataKey {
        let mut key = Zeroizing::new([0u8; 32]);
        random_bytes(&mut key[..]);
        DataKey(key)
    }

    pub fn from_bytes(bytes: [u8; 32]) -> DataKey {
        DataKey(Zeroizing::new(bytes))
    }

    pub(crate) fn from_slice(bytes: &[u8]) -> Option<DataKey> {
        let array: [u8; 32] = bytes.try_into().ok()?;
        Some(DataKey::from_bytes(array))
    }

    pub fn expose(&self) -> &[u8; 32] {
        &self.0
    }

    /// Lower-case hex, as kept in the keyring.
    pub(crate) fn to_hex(&self) -> Zeroizing<String> {
        Zeroizing::new(hex::encode(&self.0[..]))
    }

    pub(crate) fn from_hex(text: &str) -> Option<DataKey> {
        let bytes = Zeroizing::new(hex::decode(text.trim()).ok()?);
        DataKey::from_slice(&bytes)
    }

    /// The SQLCipher `PRAGMA key` value: `x'<64 hex>'`.
    pub(crate) fn sqlcipher_pragma(&self) -> Zeroizing<String> {
        Zeroizing::new(format!("x'{}'", hex::encode(&self.0[..])))
    }

    pub(crate) fn subkey(&self, info: &[u8]) -> Zeroizing<[u8; 32]> {
        let hk = Hkdf::<Sha256>::new(None, &self.0[..]);
        let mut out = Zeroizing::new([0u8; 32]);
        hk.expand(info, &mut out[..])
            .expect("32 bytes is a valid HKDF output length");
        out
    }

    /// A public check value stored in vault.json: tells a wrong key from a damaged file.
    pub(crate) fn check_value(&self) -> String {
        hex::encode(&self.subkey(KEY_CHECK_INFO)[..16])
    }
}

impl Clone for DataKey {
    fn clone(&self) -> Self {
        DataKey(Zeroizing::new(*self.0))
    }
}

impl std::fmt::Debug for DataKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DataKey(<redacted>)")
    }
}

/// Subkeys for field sealing, PAN fingerprints and the audit chain.
pub struct Keys {
    seal: XChaCha20Poly1305,
    fingerprint: Zeroizing<[u8; 32]>,
    audit: Zeroizing<[u8; 32]>,
}

impl std::fmt::Debug for Keys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Keys(<redacted>)")
    }
}

impl Keys {
    pub fn derive(data_key: &DataKey) -> Keys {
        let seal_key = data_key.subkey(SEAL_INFO);
        Keys {
            seal: XChaCha20Poly1305::new_from_slice(&seal_key[..]).expect("32-byte key"),
            fingerprint: data_key.subkey(FINGERPRINT_INFO),
            audit: data_key.subkey(AUDIT_INFO),
        }
    }

    /// Seals `plain` bound to `aad` (say `b"card:17:pan"`): version || nonce || ciphertext.
    pub fn seal(&self, plain: &[u8], aad: &[u8]) -> Vec<u8> {
        let mut nonce = [0u8; NONCE_LEN];
        random_bytes(&mut nonce);
        let sealed = self
            .seal
            .encrypt(XNonce::from_slice(&nonce), Payload { msg: plain, aad })
            .expect("XChaCha20-Poly1305 encryption does not fail for in-memory buffers");
        let mut out = Vec::with_capacity(1 + NONCE_LEN + sealed.len());
        out.push(SEAL_VERSION);
        out.extend_from_slice(&nonce);
        out.extend_from_slice(&sealed);
        out
    }

    /// Opens a value sealed with the same `aad`.
    pub fn open(&self, sealed: &[u8], aad: &[u8]) -> Result<Zeroizing<Vec<u8>>> {
        if sealed.len() < 1 + NONCE_LEN + 16 || sealed[0] != SEAL_VERSION {
            return Err(Error::SealedValueInvalid);
        }
        let nonce = XNonce::from_slice(&sealed[1..1 + NONCE_LEN]);
        self.seal
            .decrypt(
                nonce,
                Payload {
                    msg: &sealed[1 + NONCE_LEN..],
                    aad,
                },
            )
            .map(Zeroizing::new)
            .map_err(|_| Error::SealedValueInvalid)
    }

    /// Opens a sealed text value (a PAN, an expiry) straight into a secret.
    pub fn open_text(&self, sealed: &[u8], aad: &[u8]) -> Result<secrecy::SecretString> {
        let plain = self.open(sealed, aad)?;
        let text = std::str::from_utf8(&plain).map_err(|_| Error::SealedValueInvalid)?;
        Ok(secrecy::SecretString::from(text.to_string()))
    }

    /// Keyed fingerprint of a PAN (digits only) for duplicate checks.
    pub fn fingerprint(&self, pan_digits: &str) -> [u8; 32] {
        let mut mac = <HmacSha256 as Mac>::new_from_slice(&self.fingerprint[..])
            .expect("HMAC takes any key length");
        mac.update(b"pan:");
        mac.update(pan_digits.as_bytes());
        mac.finalize().into_bytes().into()
    }

    /// HMAC-SHA256 under the audit subkey over the given parts, in order.
    pub(crate) fn audit_mac(&self, parts: &[&[u8]]) -> [u8; 32] {
        let mut mac = <HmacSha256 as Mac>::new_from_slice(&self.audit[..])
            .expect("HMAC takes any key length");
        for part in parts {
            mac.update(part);
        }
        mac.finalize().into_bytes().into()
    }
}

/// `435509******5232`: first six and last four digits; shorter input is fully masked.
pub fn mask_pan(pan_digits: &str) -> String {
    let digits: Vec<char> = pan_digits.chars().filter(|c| c.is_ascii_digit()).collect();
    if digits.len() < 13 {
        return "*".repeat(digits.len());
    }
    let n = digits.len();
    let mut out = String::with_capacity(n);
    out.extend(&digits[..6]);
    out.extend(std::iter::repeat_n('*', n - 10));
    out.extend(&digits[n - 4..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seal_round_trip_and_binding() {
        let keys = Keys::derive(&DataKey::generate());
        let sealed = keys.seal(b"4355093000315232", b"card:1:pan");
        assert!(!sealed.windows(16).any(|w| w == b"4355093000315232"));
        assert_eq!(
            keys.open(&sealed, b"card:1:pan").unwrap().as_slice(),
            b"4355093000315232"
        );
        assert!(matches!(
            keys.open(&sealed, b"card:2:pan"),
            Err(Error::SealedValueInvalid)
        ));
        let other = Keys::derive(&DataKey::generate());
        assert!(other.open(&sealed, b"card:1:pan").is_err());
    }

    #[test]
    fn fingerprint_is_keyed_and_stable() {
        let key = DataKey::generate();
        let a = Keys::derive(&key);
        let b = Keys::derive(&key.clone());
        assert_eq!(
            a.fingerprint("4355093000315232"),
            b.fingerprint("4355093000315232")
        );
        assert_ne!(
            a.fingerprint("4355093000315232"),
            a.fingerprint("5218076007402834")
        );
        let other = Keys::derive(&DataKey::generate());
        assert_ne!(
            a.fingerprint("4355093000315232"),
            other.fingerprint("4355093000315232")
        );
    }

    #[test]
    fn masks() {
        assert_eq!(mask_pan("4355093000315232"), "435509******5232");
        assert_eq!(mask_pan("4355 0930 0031 5232"), "435509******5232");
        assert_eq!(mask_pan("1234"), "****");
        assert_eq!(format!("{:?}", DataKey::generate()), "DataKey(<redacted>)");
    }
}

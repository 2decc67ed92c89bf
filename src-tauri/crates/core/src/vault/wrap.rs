//! Wrapping a key with a passphrase: Argon2id derives a key-encryption key, XChaCha20-Poly1305
//! seals the data key with it. Used by passphrase-mode vaults and by backups.

use argon2::{Algorithm, Argon2, Params, Version};
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use hkdf::Hkdf;
use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};
use sha2::Sha256;
use zeroize::Zeroizing;

use crate::error::{Error, Result};
use crate::i18n::Text;
use crate::vault::keys::{DataKey, random_bytes};

/// Shortest passphrase accepted for a vault or a backup.
pub const MIN_PASSPHRASE_LEN: usize = 12;

/// Argon2id cost parameters, stored with every wrapped key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct KdfParams {
    /// Memory in KiB.
    pub m_cost: u32,
    /// Iterations.
    pub t_cost: u32,
    /// Lanes.
    pub p_cost: u32,
}

impl KdfParams {
    /// About half a second: 128 MiB, 3 passes, 1 lane measured 0.37-0.66 s (release build,
    /// best of 3, on this 2-core machine under load). Stored per vault, so it can be raised later
    /// without breaking existing vaults.
    pub const DEFAULT: KdfParams = KdfParams {
        m_cost: 128 * 1024,
        t_cost: 3,
        p_cost: 1,
    };

    /// Cheap parameters for tests that create many vaults. Never used by the product.
    pub const TEST_ONLY_FAST: KdfParams = KdfParams {
        m_cost: 8 * 1024,
        t_cost: 1,
        p_cost: 1,
    };

    fn argon2(&self) -> Result<Argon2<'static>> {
        let params = Params::new(self.m_cost, self.t_cost, self.p_cost, Some(32)).map_err(|e| {
            Error::MetaInvalid(Text::new(
                format!("Argon2 ayarları geçersiz ({e})"),
                format!("Argon2 parameters are not valid ({e})"),
            ))
        })?;
        Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
    }

    /// Derives 32 bytes from the passphrase and salt.
    pub(crate) fn derive(
        &self,
        passphrase: &SecretString,
        salt: &[u8],
    ) -> Result<Zeroizing<[u8; 32]>> {
        let mut out = Zeroizing::new([0u8; 32]);
        self.argon2()?
            .hash_password_into(passphrase.expose_secret().as_bytes(), salt, &mut out[..])
            .map_err(|e| Error::Internal(format!("Argon2: {e}")))?;
        Ok(out)
    }
}

pub(crate) fn check_passphrase(passphrase: &SecretString) -> Result<()> {
    if passphrase.expose_secret().chars().count() < MIN_PASSPHRASE_LEN {
        return Err(Error::PassphraseTooShort(MIN_PASSPHRASE_LEN));
    }
    Ok(())
}

/// Expands an Argon2 output into a purpose-bound key.
pub(crate) fn expand(master: &[u8; 32], info: &[u8]) -> Zeroizing<[u8; 32]> {
    let mut out = Zeroizing::new([0u8; 32]);
    Hkdf::<Sha256>::new(None, master)
        .expand(info, &mut out[..])
        .expect("32 bytes is a valid HKDF output length");
    out
}

/// A data key wrapped with a passphrase, as stored in JSON (hex fields).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct WrappedKey {
    pub kdf: String,
    pub params: KdfParams,
    pub salt: String,
    pub nonce: String,
    pub ciphertext: String,
}

const WRAP_INFO: &[u8] = b"tahsildar/passphrase-wrap/v1";

impl WrappedKey {
    /// Wraps `key` under `passphrase`, bound to `context` (the vault or backup id).
    pub fn wrap(
        key: &DataKey,
        passphrase: &SecretString,
        params: KdfParams,
        context: &str,
    ) -> Result<WrappedKey> {
        let mut salt = [0u8; 16];
        random_bytes(&mut salt);
        let master = params.derive(passphrase, &salt)?;
        Ok(Self::wrap_with_master(key, &master, params, &salt, context))
    }

    pub(crate) fn wrap_with_master(
        key: &DataKey,
        master: &[u8; 32],
        params: KdfParams,
        salt: &[u8],
        context: &str,
    ) -> WrappedKey {
        let kek = expand(master, WRAP_INFO);
        let mut nonce = [0u8; 24];
        random_bytes(&mut nonce);
        let ciphertext = XChaCha20Poly1305::new_from_slice(&kek[..])
            .expect("32-byte key")
            .encrypt(
                XNonce::from_slice(&nonce),
                Payload {
                    msg: key.expose(),
                    aad: context.as_bytes(),
                },
            )
            .expect("in-memory encryption does not fail");
        WrappedKey {
            kdf: "argon2id".into(),
            params,
            salt: hex::encode(salt),
            nonce: hex::encode(nonce),
            ciphertext: hex::encode(ciphertext),
        }
    }

    pub(crate) fn salt_bytes(&self) -> Result<Vec<u8>> {
        hex::decode(&self.salt).map_err(|_| meta_field_not_hex("salt"))
    }

    /// Derives the Argon2 output for this wrapping (the slow step).
    pub(crate) fn master(&self, passphrase: &SecretString) -> Result<Zeroizing<[u8; 32]>> {
        if self.kdf != "argon2id" {
            return Err(Error::MetaInvalid(Text::new(
                format!("bilinmeyen anahtar türetme yöntemi {}", self.kdf),
                format!("unknown KDF {}", self.kdf),
            )));
        }
        self.params.derive(passphrase, &self.salt_bytes()?)
    }

    /// Unwraps with an already derived master; `None` when the passphrase was wrong.
    pub(crate) fn unwrap_with_master(
        &self,
        master: &[u8; 32],
        context: &str,
    ) -> Result<Option<DataKey>> {
        let nonce = hex::decode(&self.nonce).map_err(|_| meta_field_not_hex("nonce"))?;
        let ciphertext =
            hex::decode(&self.ciphertext).map_err(|_| meta_field_not_hex("wrapped_key"))?;
        if nonce.len() != 24 {
            return Err(meta_field_wrong_length("nonce"));
        }
        let kek = expand(master, WRAP_INFO);
        let plain = XChaCha20Poly1305::new_from_slice(&kek[..])
            .expect("32-byte key")
            .decrypt(
                XNonce::from_slice(&nonce),
                Payload {
                    msg: &ciphertext,
                    aad: context.as_bytes(),
                },
            );
        match plain {
            Ok(bytes) => {
                let bytes = Zeroizing::new(bytes);
                DataKey::from_slice(&bytes)
                    .map(Some)
                    .ok_or_else(|| meta_field_wrong_length("wrapped_key"))
            }
            Err(_) => Ok(None),
        }
    }

    /// Unwraps with the passphrase; a wrong passphrase gives `WrongPassphrase`.
    pub fn unwrap(&self, passphrase: &SecretString, context: &str) -> Result<DataKey> {
        let master = self.master(passphrase)?;
        self.unwrap_with_master(&master, context)?
            .ok_or(Error::WrongPassphrase)
    }
}

/// A field of vault.json that is not hexadecimal.
fn meta_field_not_hex(field: &str) -> Error {
    Error::MetaInvalid(Text::new(
        format!("{field} alanı onaltılık (hex) değil"),
        format!("{field} is not hex"),
    ))
}

/// A field of vault.json of the wrong length.
fn meta_field_wrong_length(field: &str) -> Error {
    Error::MetaInvalid(Text::new(
        format!("{field} alanının uzunluğu yanlış"),
        format!("{field} has the wrong length"),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_round_trip_wrong_passphrase_and_context() {
        let key = DataKey::generate();
        let pass = SecretString::from("correct horse battery".to_string());
        let wrapped = WrappedKey::wrap(&key, &pass, KdfParams::TEST_ONLY_FAST, "vault-1").unwrap();
        assert_eq!(
            wrapped.unwrap(&pass, "vault-1").unwrap().expose(),
            key.expose()
        );
        let wrong = SecretString::from("incorrect horse battery".to_string());
        assert!(matches!(
            wrapped.unwrap(&wrong, "vault-1"),
            Err(Error::WrongPassphrase)
        ));
        assert!(matches!(
            wrapped.unwrap(&pass, "vault-2"),
            Err(Error::WrongPassphrase)
        ));
        assert!(!wrapped.ciphertext.contains(&hex::encode(key.expose())));
    }
}

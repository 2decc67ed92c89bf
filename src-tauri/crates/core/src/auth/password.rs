//! User passwords: Argon2id PHC hashes with OWASP parameters, a minimum length, and a
//! constant-work check for unknown users.

use std::sync::OnceLock;

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use secrecy::{ExposeSecret, SecretString};

use crate::error::{Error, Result};
use crate::vault::keys::random_bytes;

/// Shortest password accepted.
pub const MIN_PASSWORD_LEN: usize = 12;

/// OWASP's recommended Argon2id setting: 19 MiB, 2 iterations, 1 lane.
fn hasher() -> Argon2<'static> {
    let params = Params::new(19 * 1024, 2, 1, None).expect("valid Argon2 parameters");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

pub fn check_policy(password: &SecretString) -> Result<()> {
    if password.expose_secret().chars().count() < MIN_PASSWORD_LEN {
        return Err(Error::PasswordTooShort(MIN_PASSWORD_LEN));
    }
    Ok(())
}

/// Hashes a password that meets the policy into a PHC string.
pub fn hash(password: &SecretString) -> Result<String> {
    check_policy(password)?;
    let mut salt = [0u8; 16];
    random_bytes(&mut salt);
    let salt = SaltString::encode_b64(&salt).map_err(|e| Error::Internal(e.to_string()))?;
    hasher()
        .hash_password(password.expose_secret().as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| Error::Internal(format!("password hash: {e}")))
}

/// True when `password` matches the PHC string (parameters are read from the string).
pub fn verify(password: &SecretString, phc: &str) -> bool {
    match PasswordHash::new(phc) {
        Ok(parsed) => hasher()
            .verify_password(password.expose_secret().as_bytes(), &parsed)
            .is_ok(),
        Err(_) => false,
    }
}

/// Spends the same work as a real check, for unknown user names (no timing difference).
pub fn verify_dummy(password: &SecretString) {
    static DUMMY: OnceLock<String> = OnceLock::new();
    let phc = DUMMY.get_or_init(|| {
        hash(&SecretString::from("tahsildar-dummy-password".to_string())).unwrap_or_default()
    });
    let _ = verify(password, phc);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_verify_and_policy() {
        let pw = SecretString::from("long enough password".to_string());
        let phc = hash(&pw).unwrap();
        assert!(phc.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
        assert!(verify(&pw, &phc));
        assert!(!verify(
            &SecretString::from("long enough passwore".to_string()),
            &phc
        ));
        assert!(matches!(
            hash(&SecretString::from("short".to_string())),
            Err(Error::PasswordTooShort(12))
        ));
    }
}

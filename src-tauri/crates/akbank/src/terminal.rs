//! Terminal identity and credentials.

use std::fmt;

use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};

/// A virtual POS terminal: the two public identifiers sent in every request.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Terminal {
    /// `merchantSafeId` (32 characters).
    #[serde(rename = "merchantSafeId")]
    pub merchant_safe_id: String,
    /// `terminalSafeId` (32 characters).
    #[serde(rename = "terminalSafeId")]
    pub terminal_safe_id: String,
}

/// A terminal plus its secret key. `Debug` never prints the key.
#[derive(Clone)]
pub struct Credentials {
    /// The terminal.
    pub terminal: Terminal,
    /// The secret key (128 characters), used verbatim as HMAC key bytes.
    pub secret_key: SecretString,
}

impl Credentials {
    /// Credentials from the three portal values.
    pub fn new(merchant_safe_id: &str, terminal_safe_id: &str, secret_key: &str) -> Credentials {
        Credentials {
            terminal: Terminal {
                merchant_safe_id: merchant_safe_id.to_string(),
                terminal_safe_id: terminal_safe_id.to_string(),
            },
            secret_key: SecretString::from(secret_key),
        }
    }

    /// Signs a body with this terminal's key.
    pub fn sign(&self, body: &[u8]) -> String {
        crate::sign::sign(self.secret_key.expose_secret(), body)
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("terminal", &self.terminal)
            .field("secret_key", &"***")
            .finish()
    }
}

/// Public test terminals of PROTOCOL.md section 6 (published test data, not secrets).
pub mod test_terminals {
    /// Terminal A: no recurring permission.
    pub const A_MERCHANT_SAFE_ID: &str = "2023090417500272654BD9A49CF07574";
    /// Terminal A terminalSafeId.
    pub const A_TERMINAL_SAFE_ID: &str = "2023090417500284633D137A249DBBEB";
    /// Terminal A secret key.
    pub const A_SECRET_KEY: &str = "3230323330393034313735303032363031353172675f357637355f3273387373745f7233725f73323333383737335f323272383774767276327672323531355f";
    /// Terminal B (recurring enabled) merchantSafeId.
    pub const B_MERCHANT_SAFE_ID: &str = "20230225213454627757B485BC1211C0";
    /// Terminal B terminalSafeId.
    pub const B_TERMINAL_SAFE_ID: &str = "20230225213454678B3D03B9C0057F40";
    /// Terminal B secret key.
    pub const B_SECRET_KEY: &str = "3230323330323235323133343534353438373832315f38747231375f67326776733233725f76723837725f3735727367673538313737383535337335765f7432";

    /// Credentials of terminal A.
    pub fn a() -> super::Credentials {
        super::Credentials::new(A_MERCHANT_SAFE_ID, A_TERMINAL_SAFE_ID, A_SECRET_KEY)
    }

    /// Credentials of terminal B.
    pub fn b() -> super::Credentials {
        super::Credentials::new(B_MERCHANT_SAFE_ID, B_TERMINAL_SAFE_ID, B_SECRET_KEY)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn debug_hides_key() {
        let c = super::test_terminals::a();
        let s = format!("{c:?}");
        assert!(!s.contains(super::test_terminals::A_SECRET_KEY));
        assert!(s.contains("2023090417500284633D137A249DBBEB"));
    }
}

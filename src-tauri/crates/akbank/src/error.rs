//! The one error type of the crate.
//!
//! No variant ever carries a card number, CVV or secret key.

/// Errors raised while building requests or reading replies.
#[derive(Debug, thiserror::Error, Clone, PartialEq, Eq)]
pub enum Error {
    /// An amount string is not of the form `123.45`.
    #[error("invalid amount {0:?}: expected digits, a dot and two decimals")]
    Amount(String),
    /// The amount does not fit the allowed range.
    #[error("amount out of range")]
    AmountRange,
    /// An unknown ISO 4217 currency code or name.
    #[error("unsupported currency {0:?}")]
    Currency(String),
    /// A card number that is not 12..19 digits or fails the Luhn check.
    #[error("invalid card number")]
    CardNumber,
    /// A CVV that is not 3 or 4 digits.
    #[error("invalid CVV")]
    Cvv,
    /// An expiry that is not a real month or not `MMYY`.
    #[error("invalid expiry {0:?}")]
    Expiry(String),
    /// An order id or track id that is empty, too long, or has other characters than `[A-Za-z0-9-]`.
    #[error("invalid order id {0:?}: 1..=36 characters of A-Z, a-z, 0-9 and '-'")]
    OrderId(String),
    /// A request field outside its documented range.
    #[error("invalid field {field}: {reason}")]
    Field {
        /// Wire name of the field.
        field: &'static str,
        /// What is wrong.
        reason: String,
    },
    /// Client configuration (base URL, TLS, timeouts).
    #[error("client configuration: {0}")]
    Config(String),
    /// A reply body that does not match the protocol.
    #[error("unreadable reply: {0}")]
    Reply(String),
}

impl From<tahsildar_words::Error> for Error {
    fn from(e: tahsildar_words::Error) -> Error {
        match e {
            tahsildar_words::Error::Amount(s) => Error::Amount(s),
            tahsildar_words::Error::AmountRange => Error::AmountRange,
            tahsildar_words::Error::Currency(s) => Error::Currency(s),
            tahsildar_words::Error::Expiry(s) => Error::Expiry(s),
        }
    }
}

/// Result with the crate's error.
pub type Result<T> = std::result::Result<T, Error>;

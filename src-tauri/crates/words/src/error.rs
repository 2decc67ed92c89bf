//! The crate's one error type. No variant ever carries a card number.

/// A value that is not what it should be.
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
    /// An expiry that is not a real month or not `MMYY`.
    #[error("invalid expiry {0:?}")]
    Expiry(String),
}

/// Result with the crate's error.
pub type Result<T> = std::result::Result<T, Error>;

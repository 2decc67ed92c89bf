//! What can go wrong when starting the services.

/// A failure to start what runs beside the vault.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The built-in sandbox bank could not listen on a loopback port.
    #[error("the built-in sandbox bank could not start: {0}")]
    Sandbox(String),
    #[error(transparent)]
    Core(#[from] tahsildar_core::Error),
}

pub type Result<T> = std::result::Result<T, Error>;

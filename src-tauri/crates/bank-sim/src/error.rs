//! The one error type of the simulator.

/// Simulator errors.
#[derive(Debug, thiserror::Error)]
pub enum SimError {
    /// Could not bind the loopback port.
    #[error("cannot listen on 127.0.0.1:{port}: {source}")]
    Bind {
        /// Port asked for.
        port: u16,
        /// Cause.
        source: std::io::Error,
    },
    /// The ledger file cannot be read or written.
    #[error("ledger file: {0}")]
    Ledger(String),
}

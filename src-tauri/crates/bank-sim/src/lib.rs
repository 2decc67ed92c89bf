//! An Akbank-compatible virtual POS host for sandbox mode and tests: it checks signatures and
//! field formats like the real host, keeps a ledger (its truth), answers inquiries and the
//! history report, knows the test cards, and injects faults on demand with a seeded generator.

pub mod cards;
pub mod config;
pub mod error;
pub mod faults;
pub mod host;
pub mod ledger;
pub mod report;
pub mod server;
mod txn;

pub use config::{SimConfig, SimTerminal};
pub use error::SimError;
pub use faults::Faults;
pub use ledger::{EntryStatus, LedgerEntry};
pub use server::{API_PREFIX, SimHandle, Simulator};

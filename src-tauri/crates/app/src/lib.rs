//! What the desktop app and `tahsildar-cli` both start beside an open vault: the built-in
//! sandbox bank that sandbox stores send to ([`sandbox`]), and the collection engine with its
//! background scheduler ([`services`]). The window and the command line differ only in how
//! they show things; what runs is started here, once.

pub mod error;
pub mod sandbox;
pub mod services;

pub use error::{Error, Result};
pub use sandbox::{LEDGER_FILE, Sandbox, TestCard, test_cards};
pub use services::Services;

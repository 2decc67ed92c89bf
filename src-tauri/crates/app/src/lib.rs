//! What the desktop app and `tahsildar-cli` both start beside an open vault: the built-in
//! sandbox bank that sandbox stores send to ([`sandbox`]), and the collection engine with its
//! background scheduler with the automatic backups' timer ([`services`], [`backups`]). The window and the command line differ only in how
//! they show things; what runs is started here, once.

pub mod backups;
pub mod error;
pub mod sandbox;
pub mod services;

pub use backups::BackupTimer;
pub use error::{Error, Result};
pub use sandbox::{LEDGER_FILE, Sandbox, TestCard, test_cards};
pub use services::Services;

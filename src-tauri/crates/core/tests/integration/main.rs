//! Integration tests of the core against real SQLCipher files (and the real Secret Service in
//! `keyring`, which must run inside `scripts/keyring-session.sh`).

mod audit_chain;
mod auth;
mod backup;
mod backup_schedule;
mod common;
mod concurrency;
mod failures;
mod keyring;
mod migrations;
mod no_keyring;
mod stores;
mod users;

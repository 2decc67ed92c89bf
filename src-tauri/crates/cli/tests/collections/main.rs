//! The collection commands end to end against the simulator (started in this process), in
//! passphrase mode: entry, run, payments, the engine lock, and SIGKILLs of `run` at every step
//! of an attempt and at random moments, each followed by a restart and the engine's invariants
//! checked against the simulator's ledger; pre-authorisations, captures, refunds and voids,
//! with kills in the middle of them; manual review and the daily settlement; a restore over a
//! vault whose engine ran, killed in its first run; the log, and no card data or secret in it
//! or in any output.

mod follow_ups;
mod logs;
mod plans;
mod receipts;
mod reports;
mod review;
mod runs;
mod world;

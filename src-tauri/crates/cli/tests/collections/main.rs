//! The collection commands end to end against the simulator (started in this process), in
//! passphrase mode: entry, run, payments, the engine lock, and SIGKILLs of `run` at every step
//! of an attempt and at random moments, each followed by a restart and GUIDE section 4's
//! invariants checked against the simulator's ledger; pre-authorisations, captures, refunds
//! and voids, with kills in the middle of them.

mod follow_ups;
mod runs;
mod world;

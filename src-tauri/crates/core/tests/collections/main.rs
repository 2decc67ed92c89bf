//! Collections against real SQLCipher files and, for the engine, the bank simulator over
//! loopback. Run inside `scripts/keyring-session.sh` like the other core tests.

mod accounts;
mod crash;
mod edges;
mod engine;
mod faults;
mod follow_ups;
mod installments;
mod invariants;
mod language;
mod plan_changes;
mod plans;
mod pre_auth;
mod receipts;
mod reversals;
mod scheduler;
mod settlement;
mod world;

//! The provision engine: the attempt state machine, the retry rules, and the runner that writes
//! every attempt ahead, sends it, records the bank's answer and reconciles what it does not know;
//! and the follow-ups on an approved attempt (void, refund, capture of a pre-authorisation),
//! written ahead, sent once and reconciled the same way.

pub mod actor;
pub mod attempt_state;
pub mod bank;
pub mod capture;
pub mod config;
pub mod events;
pub mod failpoint;
pub mod follow_up;
pub mod lock;
pub mod order_id;
mod rate_limit;
pub(crate) mod record;
pub mod retry_policy;
pub mod reversal;
pub mod review;
pub(crate) mod run_log;
pub mod runner;
pub mod scheduler;
pub mod verdict;

pub use actor::EngineActor;
pub use bank::BankDirectory;
pub use config::EngineConfig;
pub use events::{PaymentOutcome, RunProgress};
pub use lock::EngineLock;
pub use review::ReviewState;
pub use runner::{Engine, RunSummary};

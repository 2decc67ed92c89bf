//! The provision engine: the attempt state machine and the retry rules.

pub mod attempt_state;
pub mod order_id;
pub mod retry_policy;
pub mod verdict;

//! Tahsildar's business core: plans, payments and the provision engine.

pub mod engine;
pub mod plan;

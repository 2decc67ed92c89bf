//! Progress of a run, published for the app to show live.

use serde::Serialize;

use super::attempt_state::AttemptState;

/// Counts of the current (or last) run.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct RunProgress {
    /// Payments taken into this run.
    pub queued: u64,
    /// Being worked on now.
    pub running: u64,
    /// Finished for this run (whatever the bank answered).
    pub done: u64,
    pub approved: u64,
    pub declined: u64,
    /// Declined for good or held for review: waiting for an operator.
    pub attention: u64,
    /// Left for a later run: nothing reached the bank, or the answer is still unknown.
    pub unresolved: u64,
    /// The outcome of the last payment finished, e.g. "payment 12: approved".
    pub last_outcome: Option<String>,
    /// True while a run is going on.
    pub active: bool,
    /// True while the scheduler is paused.
    pub paused: bool,
}

/// What became of one payment in a run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PaymentOutcome {
    Approved,
    Declined,
    /// Nothing reached the bank, or its answer is not known yet.
    Unresolved,
    /// Sent to the attention queue (cards exhausted, configuration, manual review).
    Attention,
    /// Nothing to do (taken by someone else, not due).
    Skipped,
}

impl PaymentOutcome {
    /// The outcome of a payment whose attempt was settled (the bank's final word, or withdrawn).
    pub(crate) fn of_settled(state: AttemptState) -> PaymentOutcome {
        match state {
            AttemptState::Approved => PaymentOutcome::Approved,
            AttemptState::Withdrawn => PaymentOutcome::Skipped,
            AttemptState::Declined
            | AttemptState::Planned
            | AttemptState::InFlight
            | AttemptState::NotSent
            | AttemptState::Unknown
            | AttemptState::NotFound
            | AttemptState::ManualReview => PaymentOutcome::Declined,
        }
    }
}

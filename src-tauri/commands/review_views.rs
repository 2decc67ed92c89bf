//! What the window shows of an attempt in manual review (`core::engine::review`).

use serde::Serialize;
use specta::Type;
use tahsildar_core::engine::attempt_state::AttemptState;
use tahsildar_core::engine::review::ReviewState;

/// Where an attempt in review stands, and which of the operator's ways out are open.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct ReviewStateView {
    pub attempt_id: i64,
    pub order_id: String,
    pub state: AttemptState,
    /// The engine's note on why it is in review (English, for the record).
    pub reason: Option<String>,
    /// The bank has said twice, after the waiting time, that it has no such order.
    pub not_found_confirmed: bool,
    /// When the bank's first "no such order" came.
    pub not_found_at: Option<String>,
    /// When the engine asks the bank again by itself (`null`: at the next run).
    pub next_check_at: Option<String>,
    /// The bank shows the booking as suspicious: it may be voided.
    pub suspicious: bool,
    /// Replies that never arrived or could not be read.
    pub lost_replies: u32,
    /// The same order id may be sent again (the bank confirmed it has none).
    pub can_send_again: bool,
    /// It may be closed as not charged (the bank confirmed it has none).
    pub can_close: bool,
}

impl From<ReviewState> for ReviewStateView {
    fn from(r: ReviewState) -> Self {
        ReviewStateView {
            attempt_id: r.attempt_id,
            order_id: r.order_id,
            state: r.state,
            reason: r.reason,
            not_found_confirmed: r.not_found_confirmed,
            not_found_at: r.not_found_at,
            next_check_at: r.next_check_at,
            suspicious: r.suspicious,
            lost_replies: r.lost_replies,
            can_send_again: r.can_send_again,
            can_close: r.can_close,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_confirmed_not_found_reaches_the_window_with_its_ways_out() {
        let view = ReviewStateView::from(ReviewState {
            attempt_id: 4,
            order_id: "T1-7-4".into(),
            state: AttemptState::ManualReview,
            reason: Some("the bank has no record of it".into()),
            not_found_confirmed: true,
            not_found_at: Some("2026-11-27T09:00:00Z".into()),
            next_check_at: None,
            suspicious: false,
            lost_replies: 2,
            can_send_again: true,
            can_close: true,
        });
        assert_eq!(view.state, AttemptState::ManualReview);
        let json = serde_json::to_value(&view).unwrap();
        assert_eq!(json["notFoundConfirmed"], true);
        assert_eq!(json["canSendAgain"], true);
        assert_eq!(json["lostReplies"], 2);
        assert_eq!(json["nextCheckAt"], serde_json::Value::Null);
    }
}

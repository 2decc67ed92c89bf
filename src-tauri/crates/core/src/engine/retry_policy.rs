//! What happens to a payment after a decline (GUIDE section 4, rule 5).
//!
//! Soft declines (insufficient funds, "do not honour", issuer unavailable) are retried on the same
//! card on a schedule counted from the first decline on that card — by default one, three and
//! seven days later — and then fall to the next card. Hard declines (invalid, lost, stolen or
//! expired card) are never retried on the same card: the next card is tried at once. A decline
//! caused by our own configuration (say the terminal lacks a permission) goes to the attention
//! queue without burning the customer's other cards. When no card is left, an operator decides.

use jiff::ToSpan;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

/// How the bank's answer counts for retries.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeclineKind {
    /// May succeed later on the same card.
    Soft,
    /// Never retry this card.
    Hard,
    /// Our terminal or request is at fault; the card is not.
    OurError,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RetryPolicy {
    /// Days after the first soft decline on a card at which it is tried again.
    pub soft_retry_days: Vec<u16>,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            soft_retry_days: vec![1, 3, 7],
        }
    }
}

/// Why a payment waits for an operator.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AttentionReason {
    /// Every card of the customer was declined.
    CardsExhausted,
    /// The bank refused the request because of the terminal's settings or our request.
    Configuration,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NextStep {
    /// Try the same card again on this date.
    RetrySameCard { on: Date },
    /// Try the customer's next card now.
    NextCard,
    /// Put the payment in the attention queue.
    Attention(AttentionReason),
}

/// The card's decline history that the decision depends on.
#[derive(Clone, Copy, Debug)]
pub struct CardHistory {
    /// The date of the first soft decline on this card for this payment.
    pub first_soft_decline: Date,
    /// Soft declines on this card for this payment, the latest included.
    pub soft_declines: u32,
    /// Whether the customer has another card not yet tried for this payment.
    pub has_next_card: bool,
}

impl RetryPolicy {
    /// The most retries on one card after its first soft decline.
    pub fn max_retries_per_card(&self) -> u32 {
        self.soft_retry_days.len() as u32
    }

    pub fn after_decline(&self, kind: DeclineKind, card: CardHistory) -> NextStep {
        let move_on = if card.has_next_card {
            NextStep::NextCard
        } else {
            NextStep::Attention(AttentionReason::CardsExhausted)
        };
        match kind {
            DeclineKind::OurError => NextStep::Attention(AttentionReason::Configuration),
            DeclineKind::Hard => move_on,
            DeclineKind::Soft => {
                let retry = card
                    .soft_declines
                    .checked_sub(1)
                    .and_then(|i| self.soft_retry_days.get(i as usize));
                match retry {
                    Some(&days) => {
                        match card.first_soft_decline.checked_add(i64::from(days).days()) {
                            Ok(on) => NextStep::RetrySameCard { on },
                            Err(_) => move_on,
                        }
                    }
                    None => move_on,
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn history(soft_declines: u32, has_next_card: bool) -> CardHistory {
        CardHistory {
            first_soft_decline: date(2026, 11, 27),
            soft_declines,
            has_next_card,
        }
    }

    #[test]
    fn soft_declines_follow_the_default_schedule_then_move_to_the_next_card() {
        let p = RetryPolicy::default();
        let expect = [date(2026, 11, 28), date(2026, 11, 30), date(2026, 12, 4)];
        for (i, on) in expect.into_iter().enumerate() {
            assert_eq!(
                p.after_decline(DeclineKind::Soft, history(i as u32 + 1, true)),
                NextStep::RetrySameCard { on }
            );
        }
        assert_eq!(
            p.after_decline(DeclineKind::Soft, history(4, true)),
            NextStep::NextCard
        );
        assert_eq!(
            p.after_decline(DeclineKind::Soft, history(4, false)),
            NextStep::Attention(AttentionReason::CardsExhausted)
        );
        assert_eq!(p.max_retries_per_card(), 3);
    }

    #[test]
    fn hard_declines_never_retry_the_same_card() {
        let p = RetryPolicy::default();
        assert_eq!(
            p.after_decline(DeclineKind::Hard, history(0, true)),
            NextStep::NextCard
        );
        assert_eq!(
            p.after_decline(DeclineKind::Hard, history(0, false)),
            NextStep::Attention(AttentionReason::CardsExhausted)
        );
    }

    #[test]
    fn our_errors_do_not_burn_the_other_cards() {
        let p = RetryPolicy::default();
        assert_eq!(
            p.after_decline(DeclineKind::OurError, history(0, true)),
            NextStep::Attention(AttentionReason::Configuration)
        );
    }

    #[test]
    fn an_empty_schedule_means_no_retries() {
        let p = RetryPolicy {
            soft_retry_days: vec![],
        };
        assert_eq!(
            p.after_decline(DeclineKind::Soft, history(1, true)),
            NextStep::NextCard
        );
    }
}

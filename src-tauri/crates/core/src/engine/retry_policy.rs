//! What happens to a payment after a decline (docs/engine.md, "Declines and retries").
//!
//! Soft declines (insufficient funds, "do not honour", issuer unavailable) are retried on the same
//! card on a schedule counted from the first decline on that card — by default one, three and
//! seven days later — and then fall to the next card. Never twice on one day: a retry falls at
//! the earliest on the day after the decline, so a run after a week off sends one authorisation
//! per card, not the whole schedule at once. Hard declines (invalid, lost, stolen or expired
//! card, the schemes' "never approve" codes, and host codes the catalogue does not know) are
//! never retried on the same card: the next card is tried at once. A decline caused by our own
//! configuration (say the terminal lacks a permission) goes to the attention queue without
//! burning the customer's other cards. When no card is left, an operator decides.
//!
//! A schedule must keep within the card schemes' retry rules ([`RetryPolicy::check`]): Visa
//! allows at most 15 retries in 30 days, Mastercard at most 10 in 24 hours; one a day at most
//! and 30 days at most keeps within both.

use jiff::ToSpan;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::i18n::Text;
use crate::stored::stored_enum;

stored_enum! {
    /// How the bank's answer counts for retries.
    pub enum DeclineKind {
        /// May succeed later on the same card.
        Soft = "soft",
        /// Never retry this card.
        Hard = "hard",
        /// Our terminal or request is at fault; the card is not.
        OurError = "our_error",
    }
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

stored_enum! {
    /// Why a payment waits for an operator.
    pub enum AttentionReason {
        /// Every card of the customer was declined.
        CardsExhausted = "cards_exhausted",
        /// The bank refused the request because of the terminal's settings or our request.
        Configuration = "configuration",
    }
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

/// The most retries of one payment on one card (Visa: 15 in 30 days).
pub const MAX_RETRIES: usize = 15;
/// The last day after the first decline on which a retry may fall.
pub const MAX_RETRY_DAY: u16 = 30;

impl RetryPolicy {
    /// The most retries on one card after its first soft decline.
    pub fn max_retries_per_card(&self) -> u32 {
        self.soft_retry_days.len() as u32
    }

    /// Whether the schedule keeps within the schemes' rules: at most [`MAX_RETRIES`] retries,
    /// each on its own day from day 1 to day [`MAX_RETRY_DAY`] after the first decline. The
    /// refusal says which rule, in both languages.
    pub fn check(&self) -> std::result::Result<(), Text> {
        let days = &self.soft_retry_days;
        if days.len() > MAX_RETRIES {
            return Err(Text::new(
                format!(
                    "en çok {MAX_RETRIES} yeniden deneme olabilir (kart kuruluşlarının kuralı); {} yazıldı",
                    days.len()
                ),
                format!(
                    "may hold at most {MAX_RETRIES} retries (the card schemes' rule); {} were given",
                    days.len()
                ),
            ));
        }
        if days.iter().any(|d| !(1..=MAX_RETRY_DAY).contains(d)) {
            return Err(Text::new(
                format!("ilk retten sonraki 1. ile {MAX_RETRY_DAY}. gün arasında olmalı"),
                format!("must fall from day 1 to day {MAX_RETRY_DAY} after the first decline"),
            ));
        }
        if days.windows(2).any(|w| w[0] >= w[1]) {
            return Err(Text::new(
                "her biri bir öncekinden sonraki bir güne düşmeli (günde en çok bir deneme)",
                "must each fall on a later day than the one before (one try a day at most)",
            ));
        }
        Ok(())
    }

    /// The schedule as stored and typed: days separated by commas (`1,3,7`); none at all is
    /// an empty text (a soft decline then moves on to the next card at once).
    pub fn to_text(&self) -> String {
        self.soft_retry_days
            .iter()
            .map(u16::to_string)
            .collect::<Vec<_>>()
            .join(",")
    }

    /// Reads `1,3,7` (spaces allowed); `None` when a part is not a day number.
    pub fn parse(text: &str) -> Option<RetryPolicy> {
        let soft_retry_days = text
            .split(',')
            .map(str::trim)
            .filter(|part| !part.is_empty())
            .map(|part| part.parse::<u16>().ok())
            .collect::<Option<Vec<_>>>()?;
        Some(RetryPolicy { soft_retry_days })
    }

    /// The next step after a decline recorded on `today`.
    pub fn after_decline(&self, kind: DeclineKind, card: CardHistory, today: Date) -> NextStep {
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
                let on = retry.and_then(|&days| {
                    let scheduled = card.first_soft_decline.checked_add(i64::from(days).days());
                    let floor = today.checked_add(1.day());
                    scheduled.ok().zip(floor.ok()).map(|(s, f)| s.max(f))
                });
                let last_day = card
                    .first_soft_decline
                    .checked_add(i64::from(MAX_RETRY_DAY).days());
                match (on, last_day) {
                    (Some(on), Ok(last)) if on <= last => NextStep::RetrySameCard { on },
                    _ => move_on,
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
        let declined_on = [date(2026, 11, 27), date(2026, 11, 28), date(2026, 11, 30)];
        for (i, on) in expect.into_iter().enumerate() {
            assert_eq!(
                p.after_decline(
                    DeclineKind::Soft,
                    history(i as u32 + 1, true),
                    declined_on[i]
                ),
                NextStep::RetrySameCard { on }
            );
        }
        let today = date(2026, 12, 4);
        assert_eq!(
            p.after_decline(DeclineKind::Soft, history(4, true), today),
            NextStep::NextCard
        );
        assert_eq!(
            p.after_decline(DeclineKind::Soft, history(4, false), today),
            NextStep::Attention(AttentionReason::CardsExhausted)
        );
        assert_eq!(p.max_retries_per_card(), 3);
    }

    #[test]
    fn after_days_off_a_card_is_tried_once_a_day_not_the_whole_schedule_at_once() {
        let p = RetryPolicy::default();
        // First declined on 27 Nov; the PC was off until 10 Dec, when the first retry (due 28
        // Nov) was declined again: the next retry is on 11 Dec, not at once.
        let today = date(2026, 12, 10);
        assert_eq!(
            p.after_decline(DeclineKind::Soft, history(2, true), today),
            NextStep::RetrySameCard {
                on: date(2026, 12, 11)
            }
        );
        // Past the schemes' 30 days after the first decline: on to the next card.
        let late = date(2026, 12, 27);
        assert_eq!(
            p.after_decline(DeclineKind::Soft, history(3, true), late),
            NextStep::NextCard
        );
    }

    #[test]
    fn schedules_are_held_to_the_schemes_limits() {
        assert_eq!(RetryPolicy::default().check(), Ok(()));
        assert_eq!(RetryPolicy::parse(" 1, 3 ,7"), Some(RetryPolicy::default()));
        assert_eq!(RetryPolicy::default().to_text(), "1,3,7");
        assert_eq!(RetryPolicy::parse("1,x"), None);
        assert_eq!(
            RetryPolicy::parse("").map(|p| p.soft_retry_days),
            Some(vec![])
        );
        let every_day = RetryPolicy {
            soft_retry_days: (1..=15).collect(),
        };
        assert_eq!(every_day.check(), Ok(()));
        let too_many = RetryPolicy {
            soft_retry_days: (1..=16).collect(),
        };
        assert!(too_many.check().is_err());
        let too_late = RetryPolicy {
            soft_retry_days: vec![1, 31],
        };
        assert!(too_late.check().is_err());
        let same_day = RetryPolicy {
            soft_retry_days: vec![0, 1],
        };
        assert!(same_day.check().is_err());
        let twice_a_day = RetryPolicy {
            soft_retry_days: vec![3, 3],
        };
        assert!(twice_a_day.check().is_err());
    }

    #[test]
    fn hard_declines_never_retry_the_same_card() {
        let p = RetryPolicy::default();
        assert_eq!(
            p.after_decline(DeclineKind::Hard, history(0, true), date(2026, 11, 27)),
            NextStep::NextCard
        );
        assert_eq!(
            p.after_decline(DeclineKind::Hard, history(0, false), date(2026, 11, 27)),
            NextStep::Attention(AttentionReason::CardsExhausted)
        );
    }

    #[test]
    fn our_errors_do_not_burn_the_other_cards() {
        let p = RetryPolicy::default();
        assert_eq!(
            p.after_decline(DeclineKind::OurError, history(0, true), date(2026, 11, 27)),
            NextStep::Attention(AttentionReason::Configuration)
        );
    }

    #[test]
    fn an_empty_schedule_means_no_retries() {
        let p = RetryPolicy {
            soft_retry_days: vec![],
        };
        assert_eq!(
            p.after_decline(DeclineKind::Soft, history(1, true), date(2026, 11, 27)),
            NextStep::NextCard
        );
    }
}

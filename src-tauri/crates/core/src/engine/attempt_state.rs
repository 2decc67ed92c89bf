//! The provision state machine of one attempt (docs/engine.md has the whole picture).
//!
//! ```text
//! planned -> in_flight -> approved | declined | not_sent | unknown
//! unknown -> (inquiry by order id, with backoff) -> approved | declined | not_found | unknown
//! not_found (seen twice, after the grace period), not_sent -> in_flight again, SAME order id
//! planned, not_sent, not_found -> withdrawn (its payment may no longer be collected)
//! unknown after N inquiries, or after N lost replies -> manual_review
//! manual_review -> (an operator asks the bank) -> approved | declined | not_found
//! ```
//! Every change of state is written to the database before anything else happens; this module
//! only says which changes are allowed, so that no code path can, say, turn an `unknown` attempt
//! into a decline without an answer from the bank, or withdraw one the bank may have booked.

use crate::i18n::Text;
use crate::stored::stored_enum;

stored_enum! {
    pub enum AttemptState {
        /// Written ahead with its order id; nothing sent yet.
        Planned = "planned",
        /// Claimed by a runner; the request may be on the wire.
        InFlight = "in_flight",
        /// The bank approved it.
        Approved = "approved",
        /// The bank gave a definitive decline.
        Declined = "declined",
        /// Provably nothing reached the bank; resend with the same order id.
        NotSent = "not_sent",
        /// The request may or may not have been booked; only an inquiry can tell.
        Unknown = "unknown",
        /// An inquiry said the bank has no such order; resend with the same order id.
        NotFound = "not_found",
        /// Inquiries kept failing; an operator must look at it with the bank.
        ManualReview = "manual_review",
        /// Never reached the bank and taken back: its payment may no longer be collected, or an
        /// operator closed it as not charged once the bank confirmed it has no such order.
        Withdrawn = "withdrawn",
    }
}

impl AttemptState {
    /// The state as an operator reads it (lower case, to stand inside a sentence).
    pub fn text(self) -> Text {
        let (tr, en) = match self {
            AttemptState::Planned => ("planlandı", "planned"),
            AttemptState::InFlight => (
                "bankaya gönderildi, yanıt bekleniyor",
                "sent, awaiting the bank",
            ),
            AttemptState::Approved => ("onaylandı", "approved"),
            AttemptState::Declined => ("reddedildi", "declined"),
            AttemptState::NotSent => ("gönderilmedi", "not sent"),
            AttemptState::Unknown => ("sonucu bilinmiyor", "outcome unknown"),
            AttemptState::NotFound => ("bankada bulunamadı", "not found at the bank"),
            AttemptState::ManualReview => ("elle inceleme bekliyor", "awaiting manual review"),
            AttemptState::Withdrawn => (
                "geri çekildi, bankaya ulaşmadı",
                "withdrawn, never reached the bank",
            ),
        };
        Text::new(tr, en)
    }

    /// The states [`is_final`](Self::is_final) holds for, for an SQL `IN (…)`.
    pub const FINAL: [AttemptState; 3] = [
        AttemptState::Approved,
        AttemptState::Declined,
        AttemptState::Withdrawn,
    ];

    /// Approved and declined are the bank's final word on an order id; a withdrawn attempt
    /// never reached the bank and is never sent again.
    pub fn is_final(self) -> bool {
        Self::FINAL.contains(&self)
    }

    /// The request may be sent (again) under the same order id.
    pub fn may_send(self) -> bool {
        matches!(
            self,
            AttemptState::Planned | AttemptState::NotSent | AttemptState::NotFound
        )
    }

    /// The bank may hold a booking we do not know the result of: ask before anything else.
    pub fn needs_inquiry(self) -> bool {
        matches!(
            self,
            AttemptState::InFlight | AttemptState::Unknown | AttemptState::ManualReview
        )
    }

    /// Whether the machine allows going from `self` to `next`.
    pub fn can_become(self, next: AttemptState) -> bool {
        use AttemptState::*;
        matches!(
            (self, next),
            (Planned | NotSent | NotFound, InFlight | Withdrawn)
                | (NotFound, ManualReview)
                | (InFlight, Approved | Declined | NotSent | Unknown)
                | (
                    Unknown | ManualReview,
                    Approved | Declined | NotFound | Unknown | ManualReview
                )
        )
    }
}

#[cfg(test)]
mod tests {
    use super::AttemptState::{self, *};

    #[test]
    fn a_decline_only_comes_from_an_answer() {
        // Only a request on the wire (in_flight) or an inquiry (unknown) can end in a decline.
        for state in AttemptState::ALL {
            let allowed = state.can_become(Declined);
            assert_eq!(
                allowed,
                matches!(state, InFlight | Unknown | ManualReview),
                "{state:?}"
            );
        }
    }

    #[test]
    fn final_states_never_change() {
        for from in [Approved, Declined, Withdrawn] {
            for to in AttemptState::ALL {
                assert!(!from.can_become(to), "{from:?} -> {to:?}");
            }
        }
    }

    #[test]
    fn resend_only_where_nothing_was_booked() {
        assert!(NotSent.can_become(InFlight));
        assert!(NotFound.can_become(InFlight));
        assert!(!Unknown.can_become(InFlight));
        assert!(!ManualReview.can_become(InFlight));
        assert!(Unknown.needs_inquiry() && InFlight.needs_inquiry());
        assert!(!Unknown.may_send());
    }

    #[test]
    fn only_what_never_reached_the_bank_is_withdrawn() {
        for state in AttemptState::ALL {
            assert_eq!(
                state.can_become(Withdrawn),
                matches!(state, Planned | NotSent | NotFound),
                "{state:?}"
            );
        }
    }
}

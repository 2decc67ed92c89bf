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

use serde::{Deserialize, Serialize};

use crate::i18n::Text;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum AttemptState {
    /// Written ahead with its order id; nothing sent yet.
    Planned,
    /// Claimed by a runner; the request may be on the wire.
    InFlight,
    /// The bank approved it.
    Approved,
    /// The bank gave a definitive decline.
    Declined,
    /// Provably nothing reached the bank; resend with the same order id.
    NotSent,
    /// The request may or may not have been booked; only an inquiry can tell.
    Unknown,
    /// An inquiry said the bank has no such order; resend with the same order id.
    NotFound,
    /// Inquiries kept failing; an operator must look at it with the bank.
    ManualReview,
    /// Never reached the bank and taken back: its payment may no longer be collected, or an
    /// operator closed it as not charged once the bank confirmed it has no such order.
    Withdrawn,
}

impl AttemptState {
    pub const ALL: [AttemptState; 9] = [
        AttemptState::Planned,
        AttemptState::InFlight,
        AttemptState::Approved,
        AttemptState::Declined,
        AttemptState::NotSent,
        AttemptState::Unknown,
        AttemptState::NotFound,
        AttemptState::ManualReview,
        AttemptState::Withdrawn,
    ];

    /// The stable name stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            AttemptState::Planned => "planned",
            AttemptState::InFlight => "in_flight",
            AttemptState::Approved => "approved",
            AttemptState::Declined => "declined",
            AttemptState::NotSent => "not_sent",
            AttemptState::Unknown => "unknown",
            AttemptState::NotFound => "not_found",
            AttemptState::ManualReview => "manual_review",
            AttemptState::Withdrawn => "withdrawn",
        }
    }

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

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == text)
    }

    /// Approved and declined are the bank's final word on an order id; a withdrawn attempt
    /// never reached the bank and is never sent again.
    pub fn is_final(self) -> bool {
        matches!(
            self,
            AttemptState::Approved | AttemptState::Declined | AttemptState::Withdrawn
        )
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
    fn names_round_trip() {
        for state in AttemptState::ALL {
            assert_eq!(AttemptState::parse(state.as_str()), Some(state));
        }
        assert_eq!(AttemptState::parse("approved "), None);
    }

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

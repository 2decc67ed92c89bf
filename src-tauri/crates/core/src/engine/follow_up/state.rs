//! Where a void, refund or capture stands, and its one guarded change of state.

pub(crate) use crate::stored::transition;
use crate::stored::{StateMachine, stored_enum};

stored_enum! {
    /// Where a void, refund or capture stands.
    ///
    /// ```text
    /// requested -> in_flight (its attempt was approved) | closed (declined, never reached the bank)
    /// in_flight -> approved | declined | unknown
    /// unknown -> approved | declined (an inquiry of the original order, or the day's report)
    ///     | unknown (asked again without an answer)
    /// ```
    pub enum FollowUpState {
        /// A void waiting for the inquiry of its attempt.
        Requested = "requested",
        /// Written ahead; may be on the wire.
        InFlight = "in_flight",
        /// The bank did it.
        Approved = "approved",
        /// Refused, or the bank shows it was never done.
        Declined = "declined",
        /// The answer was lost; settled by an inquiry of the original order or the day's report.
        Unknown = "unknown",
        /// A requested void with nothing to void: the attempt was declined or never reached
        /// the bank.
        Closed = "closed",
    }
}

impl FollowUpState {
    /// Whether a follow-up may go from `self` to `next` (the diagram above).
    pub fn can_become(self, next: FollowUpState) -> bool {
        use FollowUpState::*;
        matches!(
            (self, next),
            (Requested, InFlight | Closed) | (InFlight | Unknown, Approved | Declined | Unknown)
        )
    }
}

impl StateMachine for FollowUpState {
    const TABLE: &'static str = "reversals";
    const COLUMN: &'static str = "state";
    const NOUN: &'static str = "follow-up";
    fn allows(self, next: Self) -> bool {
        self.can_become(next)
    }
}

#[cfg(test)]
mod tests {
    use super::FollowUpState::*;
    use super::*;
    use crate::engine::follow_up::FollowUpKind;
    use crate::error::Error;

    #[test]
    fn only_what_may_have_reached_the_bank_gets_its_answer() {
        for state in FollowUpState::ALL {
            assert_eq!(
                state.can_become(Approved),
                matches!(state, InFlight | Unknown),
                "{state:?}"
            );
            assert!(!Approved.can_become(state) && !Declined.can_become(state));
            assert!(!Closed.can_become(state), "closed -> {state:?}");
        }
        assert!(Requested.can_become(Closed) && !InFlight.can_become(Closed));
    }

    #[test]
    fn a_transition_changes_only_follow_ups_still_in_a_from_state() {
        use crate::engine::attempt_state::AttemptState;
        let mut conn = crate::test_rows::with_plan(crate::plan::PlanStatus::Active);
        for id in [1, 2] {
            crate::test_rows::payment(&conn, id, crate::payments::PaymentStatus::Processing);
            crate::test_rows::attempt(&conn, id, AttemptState::Unknown);
        }
        crate::test_rows::void(&conn, 1, 1, Requested);
        crate::test_rows::void(&conn, 2, 2, InFlight);
        let tx = conn.transaction().unwrap();
        let closed = transition(
            &tx,
            "kind = :void",
            &[Requested],
            Closed,
            "message = :why",
            rusqlite::named_params! {":void": FollowUpKind::Void, ":why": "nothing to void"},
        )
        .unwrap();
        assert_eq!(closed, 1);
        let state = |id: i64| -> FollowUpState {
            tx.query_row("SELECT state FROM reversals WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .unwrap()
        };
        assert_eq!((state(1), state(2)), (Closed, InFlight));
        let refused = transition(
            &tx,
            "id = :id",
            &[InFlight],
            Requested,
            "",
            rusqlite::named_params! {":id": 2},
        );
        assert!(matches!(refused, Err(Error::Internal(_))), "{refused:?}");
    }
}

//! Where a plan stands, and its one guarded change of status.
//!
//! ```text
//! active <-> paused (an operator pauses and resumes it)
//! active | paused | completed -> cancelled (an operator, or its import batch, cancels it)
//! ```

use crate::i18n::Text;
pub(crate) use crate::stored::transition;
use crate::stored::{StateMachine, stored_enum};

stored_enum! {
    /// Where a plan stands.
    pub enum PlanStatus {
        /// Its payments are collected as they fall due.
        Active = "active",
        /// Nothing is collected until it is resumed; what falls due meanwhile is skipped.
        Paused = "paused",
        /// Nothing more is collected.
        Cancelled = "cancelled",
        /// Every payment is settled.
        Completed = "completed",
    }
}

impl PlanStatus {
    /// The status as an operator reads it (lower case, to stand inside a sentence).
    pub fn text(self) -> Text {
        let (tr, en) = match self {
            PlanStatus::Active => ("etkin", "active"),
            PlanStatus::Paused => ("duraklatılmış", "paused"),
            PlanStatus::Cancelled => ("iptal edilmiş", "cancelled"),
            PlanStatus::Completed => ("tamamlanmış", "completed"),
        };
        Text::new(tr, en)
    }

    /// Whether a plan may go from `self` to `next` (the diagram above).
    pub fn can_become(self, next: PlanStatus) -> bool {
        use PlanStatus::*;
        matches!(
            (self, next),
            (Active, Paused) | (Paused, Active) | (Active | Paused | Completed, Cancelled)
        )
    }
}

impl StateMachine for PlanStatus {
    const TABLE: &'static str = "plans";
    const COLUMN: &'static str = "status";
    const NOUN: &'static str = "plan";
    fn allows(self, next: Self) -> bool {
        self.can_become(next)
    }
}

#[cfg(test)]
mod tests {
    use super::PlanStatus::*;
    use super::*;
    use crate::error::Error;
    use rusqlite::Transaction;

    #[test]
    fn a_cancelled_plan_stays_cancelled() {
        for to in PlanStatus::ALL {
            assert!(!Cancelled.can_become(to), "cancelled -> {to:?}");
        }
        assert!(Active.can_become(Paused) && Paused.can_become(Active));
        assert!(!Paused.can_become(Completed) && !Active.can_become(Active));
    }

    #[test]
    fn a_transition_changes_a_plan_only_from_its_expected_status() {
        let mut conn = crate::test_rows::with_plan(Active);
        let tx = conn.transaction().unwrap();
        let pause = |tx: &Transaction| {
            transition(
                tx,
                "id = :id",
                &[Active],
                Paused,
                "",
                rusqlite::named_params! {":id": 1},
            )
        };
        assert_eq!(pause(&tx).unwrap(), 1);
        assert_eq!(pause(&tx).unwrap(), 0, "already paused");
        let status: PlanStatus = tx
            .query_row("SELECT status FROM plans WHERE id = 1", [], |r| r.get(0))
            .unwrap();
        assert_eq!(status, Paused);
        let refused = transition(
            &tx,
            "id = :id",
            &[Cancelled],
            Active,
            "",
            rusqlite::named_params! {":id": 1},
        );
        assert!(matches!(refused, Err(Error::Internal(_))), "{refused:?}");
    }
}

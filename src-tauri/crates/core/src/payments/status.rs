//! A payment's status: one enum, stored by its snake_case name, shown to the window as the same
//! name (a TypeScript union), and to an operator in Turkish or English.
//!
//! ```text
//! scheduled | retry_wait -> processing (claimed by a run)
//! processing | attention -> paid | authorized | retry_wait | scheduled (next card) | attention
//!     | cancelled (the attempt's answer, or its withdrawal; attention while it is reviewed)
//! scheduled | retry_wait | attention -> scheduled (another card entered by an operator)
//! paid | authorized | attention -> voided, authorized -> paid (captured),
//!     paid | partially_refunded -> refunded | partially_refunded (follow-ups at the bank)
//! scheduled | retry_wait -> cancelled (plan cancelled, batch cancelled, skipped while paused)
//! not yet collected -> collected (a booking written back from the bank's report after a restore)
//! ```
//!
//! Every change of status is one guarded `UPDATE` ([`transition`]).

use crate::error::Result;
use crate::i18n::Text;
pub(crate) use crate::stored::transition;
use crate::stored::{StateMachine, stored_enum};

stored_enum! {
    pub enum PaymentStatus {
        /// Waiting for its due date (or its next card's turn).
        Scheduled = "scheduled",
        /// Claimed by a run: an attempt is on its way or its answer is being settled.
        Processing = "processing",
        /// Collected.
        Paid = "paid",
        /// Declined softly: the same card is tried again on `next_try_on`.
        RetryWait = "retry_wait",
        /// An operator must act (the reason is in `attention`).
        Attention = "attention",
        /// Will not be collected.
        Cancelled = "cancelled",
        /// Collected, then voided at the bank the same day.
        Voided = "voided",
        /// Collected, then refunded in full.
        Refunded = "refunded",
        /// Collected, then part of it refunded.
        PartiallyRefunded = "partially_refunded",
        /// A pre-authorisation approved and waiting for its capture (or void).
        Authorized = "authorized",
    }
}

impl PaymentStatus {
    /// A status typed by a user (`field` names where): one of the stored names, else an error
    /// that lists them.
    pub fn from_input(field: &'static str, text: &str) -> Result<PaymentStatus> {
        Self::parse(text).ok_or_else(|| {
            crate::paging::not_one_of(field, text, &Self::ALL.map(PaymentStatus::as_str))
        })
    }

    /// The status as an operator reads it (lower case, to stand inside a sentence): the
    /// window's words for it, which the command line prints too.
    pub fn text(self) -> Text {
        let (tr, en) = match self {
            PaymentStatus::Scheduled => ("planlandı", "scheduled"),
            PaymentStatus::Processing => ("işleniyor", "processing"),
            PaymentStatus::Paid => ("ödendi", "paid"),
            PaymentStatus::RetryWait => ("yeniden denenecek", "waiting to retry"),
            PaymentStatus::Attention => ("müdahale gerekli", "needs attention"),
            PaymentStatus::Cancelled => ("iptal edildi", "cancelled"),
            PaymentStatus::Voided => ("bankada iptal edildi", "voided"),
            PaymentStatus::Refunded => ("iade edildi", "refunded"),
            PaymentStatus::PartiallyRefunded => ("kısmen iade edildi", "partially refunded"),
            PaymentStatus::Authorized => ("ön provizyon alındı", "pre-authorised"),
        };
        Text::new(tr, en)
    }

    /// Only a payment that needs attention, waits for a retry or is scheduled can change card.
    pub fn may_change_card(self) -> bool {
        matches!(
            self,
            PaymentStatus::Attention | PaymentStatus::RetryWait | PaymentStatus::Scheduled
        )
    }

    /// Whether a payment may go from `self` to `next` (the diagram above).
    pub fn can_become(self, next: PaymentStatus) -> bool {
        use PaymentStatus::*;
        let collected = matches!(
            next,
            Paid | Authorized | Voided | Refunded | PartiallyRefunded
        );
        matches!(
            (self, next),
            // Claimed by a run, or cancelled before it ran.
            (Scheduled | RetryWait, Processing | Cancelled)
                // The attempt's answer, or its withdrawal.
                | (
                    Processing | Attention,
                    Paid | Authorized | RetryWait | Scheduled | Attention | Cancelled
                )
                // Another card entered by an operator.
                | (Scheduled | RetryWait, Scheduled)
                // Follow-ups at the bank.
                | (Paid | Authorized | Attention, Voided)
                | (Authorized, Paid)
                | (Paid | PartiallyRefunded, Refunded | PartiallyRefunded)
        ) || (collected
            // A booking written back from the bank's report after a restore.
            && matches!(
                self,
                Scheduled | RetryWait | Processing | Attention | Cancelled
            ))
    }
}

impl StateMachine for PaymentStatus {
    const TABLE: &'static str = "payments";
    const COLUMN: &'static str = "status";
    const NOUN: &'static str = "payment";
    fn allows(self, next: Self) -> bool {
        self.can_become(next)
    }
}

#[cfg(test)]
mod tests {
    use super::PaymentStatus::*;
    use super::*;
    use crate::error::Error;

    #[test]
    fn only_a_payment_not_yet_collected_is_claimed_cancelled_or_given_another_card() {
        for status in PaymentStatus::ALL {
            assert_eq!(
                status.can_become(Processing),
                matches!(status, Scheduled | RetryWait),
                "{status:?}"
            );
            assert_eq!(
                status.can_become(Cancelled),
                matches!(status, Scheduled | RetryWait | Processing | Attention),
                "{status:?}"
            );
            assert_eq!(
                status.can_become(Scheduled),
                matches!(status, Scheduled | RetryWait | Processing | Attention),
                "{status:?}"
            );
        }
    }

    #[test]
    fn what_was_collected_only_moves_on_at_the_bank() {
        for to in PaymentStatus::ALL {
            assert!(!Voided.can_become(to), "voided -> {to:?}");
            assert!(!Refunded.can_become(to), "refunded -> {to:?}");
        }
        let after_paid: Vec<_> = PaymentStatus::ALL
            .into_iter()
            .filter(|to| Paid.can_become(*to))
            .collect();
        assert_eq!(after_paid, [Voided, Refunded, PartiallyRefunded]);
        assert!(Authorized.can_become(Paid));
        assert!(!PartiallyRefunded.can_become(Voided));
    }

    #[test]
    fn a_transition_changes_only_payments_still_in_a_from_status() {
        let mut conn = crate::test_rows::with_plan(crate::plan::terms::PlanStatus::Active);
        crate::test_rows::payment(&conn, 1, Scheduled);
        crate::test_rows::payment(&conn, 2, Paid);
        let tx = conn.transaction().unwrap();
        let changed = transition(
            &tx,
            "plan_id = :plan",
            &[Scheduled, RetryWait],
            Cancelled,
            "updated_at = :now",
            rusqlite::named_params! {":plan": 1, ":now": "later"},
        )
        .unwrap();
        assert_eq!(changed, 1);
        let status = |id: i64| -> (PaymentStatus, String) {
            tx.query_row(
                "SELECT status, updated_at FROM payments WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap()
        };
        assert_eq!(status(1), (Cancelled, "later".to_string()));
        assert_eq!(status(2), (Paid, "t".to_string()));

        let refused = transition(
            &tx,
            "id = :id",
            &[Paid],
            Scheduled,
            "",
            rusqlite::named_params! {":id": 2},
        );
        assert!(matches!(refused, Err(Error::Internal(_))), "{refused:?}");
        assert_eq!(status(2).0, Paid);
    }
}

//! A payment's status: one enum, stored by its snake_case name, shown to the window as the same
//! name (a TypeScript union), and to an operator in Turkish or English.
//!
//! ```text
//! scheduled | retry_wait -> processing (claimed by a run)
//! processing -> paid | authorized | retry_wait | scheduled (next card) | attention | cancelled
//! attention -> scheduled (another card, or an attempt that never reached the bank)
//! paid | authorized -> voided | refunded | partially_refunded (follow-ups at the bank)
//! scheduled | retry_wait -> cancelled (plan cancelled, batch cancelled, skipped while paused)
//! ```

use crate::error::Result;
use crate::i18n::Text;
use crate::stored::stored_enum;

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

    /// The status as an operator reads it (lower case, to stand inside a sentence).
    pub fn text(self) -> Text {
        let (tr, en) = match self {
            PaymentStatus::Scheduled => ("planlandı", "scheduled"),
            PaymentStatus::Processing => ("işleniyor", "processing"),
            PaymentStatus::Paid => ("ödendi", "paid"),
            PaymentStatus::RetryWait => ("yeniden denenecek", "waiting for a retry"),
            PaymentStatus::Attention => ("ilgi bekliyor", "needs attention"),
            PaymentStatus::Cancelled => ("iptal edildi", "cancelled"),
            PaymentStatus::Voided => ("bankada iptal edildi", "voided"),
            PaymentStatus::Refunded => ("iade edildi", "refunded"),
            PaymentStatus::PartiallyRefunded => ("kısmen iade edildi", "partly refunded"),
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
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_typed_status_outside_the_list_names_the_field_and_the_choices() {
        let err = PaymentStatus::from_input("status", "odendi").unwrap_err();
        let message = err.message(crate::Lang::En);
        assert!(
            message.contains("odendi") && message.contains("partially_refunded"),
            "{message}"
        );
    }
}

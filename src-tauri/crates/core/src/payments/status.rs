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

use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};
use serde::{Deserialize, Serialize};

use crate::error::Result;
use crate::i18n::Text;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum PaymentStatus {
    /// Waiting for its due date (or its next card's turn).
    Scheduled,
    /// Claimed by a run: an attempt is on its way or its answer is being settled.
    Processing,
    /// Collected.
    Paid,
    /// Declined softly: the same card is tried again on `next_try_on`.
    RetryWait,
    /// An operator must act (the reason is in `attention`).
    Attention,
    /// Will not be collected.
    Cancelled,
    /// Collected, then voided at the bank the same day.
    Voided,
    /// Collected, then refunded in full.
    Refunded,
    /// Collected, then part of it refunded.
    PartiallyRefunded,
    /// A pre-authorisation approved and waiting for its capture (or void).
    Authorized,
}

impl PaymentStatus {
    pub const ALL: [PaymentStatus; 10] = [
        PaymentStatus::Scheduled,
        PaymentStatus::Processing,
        PaymentStatus::Paid,
        PaymentStatus::RetryWait,
        PaymentStatus::Attention,
        PaymentStatus::Cancelled,
        PaymentStatus::Voided,
        PaymentStatus::Refunded,
        PaymentStatus::PartiallyRefunded,
        PaymentStatus::Authorized,
    ];

    /// The stable name stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            PaymentStatus::Scheduled => "scheduled",
            PaymentStatus::Processing => "processing",
            PaymentStatus::Paid => "paid",
            PaymentStatus::RetryWait => "retry_wait",
            PaymentStatus::Attention => "attention",
            PaymentStatus::Cancelled => "cancelled",
            PaymentStatus::Voided => "voided",
            PaymentStatus::Refunded => "refunded",
            PaymentStatus::PartiallyRefunded => "partially_refunded",
            PaymentStatus::Authorized => "authorized",
        }
    }

    pub fn parse(text: &str) -> Option<PaymentStatus> {
        Self::ALL.into_iter().find(|s| s.as_str() == text)
    }

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

impl ToSql for PaymentStatus {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(self.as_str()))
    }
}

impl FromSql for PaymentStatus {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        let text = value.as_str()?;
        PaymentStatus::parse(text).ok_or_else(|| {
            FromSqlError::Other(format!("unknown payment status {text:?} in the vault").into())
        })
    }
}

impl std::fmt::Display for PaymentStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_status_keeps_its_stored_name() {
        for status in PaymentStatus::ALL {
            assert_eq!(PaymentStatus::parse(status.as_str()), Some(status));
            let json = serde_json::to_value(status).unwrap();
            assert_eq!(json, status.as_str(), "the window sees the stored name");
        }
        assert_eq!(PaymentStatus::parse("odendi"), None);
    }

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

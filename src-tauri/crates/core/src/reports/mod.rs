//! Accounts: who owes what and what came in. A customer's ledger, the arrears list, a period's
//! summary and the dues of the coming days, each computed in SQL from the vault, exact in
//! kuruş and per currency (amounts in different currencies are never added up). Every report
//! needs `view_reports` and covers only the stores the user holds it on.
//!
//! How a payment counts ([`Standing`]): it is **due** on its due date unless it was cancelled
//! or voided; it is **collected** once an approved charge (or a captured pre-authorisation)
//! stands for it, and stays collected when part or all of it is refunded later (refunds are
//! shown on their own); until then it is **owed** from its due date on (the arrears).

pub mod arrears;
pub mod ledger;
pub mod runs;
pub(crate) mod scope;
pub mod summary;
pub mod upcoming;

use serde::Serialize;

use crate::payments::PaymentStatus;
use crate::stored::sql_list;

/// How a payment stands in the accounts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Standing {
    /// Not tried yet.
    Open,
    /// Tried and declined: waiting for a retry or an operator.
    Declined,
    /// Being sent, or held on the card by a pre-authorisation not yet captured.
    InHand,
    /// The money came in (refunds are counted on their own).
    Collected,
    /// Charged, then voided at the bank: neither due nor collected.
    Voided,
    /// Will not be collected: not due.
    Cancelled,
}

impl Standing {
    pub fn of(status: PaymentStatus) -> Standing {
        match status {
            PaymentStatus::Scheduled => Standing::Open,
            PaymentStatus::RetryWait | PaymentStatus::Attention => Standing::Declined,
            PaymentStatus::Processing | PaymentStatus::Authorized => Standing::InHand,
            PaymentStatus::Paid | PaymentStatus::Refunded | PaymentStatus::PartiallyRefunded => {
                Standing::Collected
            }
            PaymentStatus::Voided => Standing::Voided,
            PaymentStatus::Cancelled => Standing::Cancelled,
        }
    }

    /// Whether a payment in this standing is due at all.
    pub fn is_due(self) -> bool {
        !matches!(self, Standing::Voided | Standing::Cancelled)
    }

    /// Whether a payment in this standing is still to be collected (owed once its due date
    /// has come): not tried, declined, or on its way.
    pub fn owes(self) -> bool {
        matches!(self, Standing::Open | Standing::Declined | Standing::InHand)
    }
}

/// `'a', 'b'` of the statuses whose standing passes `keep`, for an SQL `IN (…)`.
pub(crate) fn statuses_where(keep: impl Fn(Standing) -> bool) -> String {
    let chosen: Vec<PaymentStatus> = PaymentStatus::ALL
        .into_iter()
        .filter(|s| keep(Standing::of(*s)))
        .collect();
    sql_list(&chosen)
}

/// A number of payments and their amount in one currency.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Figure {
    pub count: i64,
    pub minor: i64,
}

impl Figure {
    pub(crate) fn add(&mut self, minor: i64) {
        self.count += 1;
        self.minor += minor;
    }
}

/// The ISO code of a stored currency number (`TRY` for 949).
pub(crate) fn currency_alpha(code: u16) -> String {
    tahsildar_akbank::Currency::from_code(code)
        .map(|c| c.alpha())
        .unwrap_or("?")
        .to_string()
}

/// `part ÷ whole`, rounded to four decimals; 0 when nothing was due.
pub(crate) fn rate(part: i64, whole: i64) -> f64 {
    if whole <= 0 {
        return 0.0;
    }
    ((part as f64 / whole as f64) * 10_000.0).round() / 10_000.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_status_has_one_standing_and_only_due_ones_can_owe() {
        for status in PaymentStatus::ALL {
            let standing = Standing::of(status);
            assert!(!standing.owes() || standing.is_due(), "{status:?}");
        }
        assert_eq!(
            statuses_where(Standing::owes),
            "'scheduled', 'processing', 'retry_wait', 'attention', 'authorized'"
        );
        assert_eq!(statuses_where(|s| !s.is_due()), "'cancelled', 'voided'");
    }

    #[test]
    fn rates_are_rounded_and_nothing_due_is_zero() {
        assert_eq!(rate(2, 3), 0.6667);
        assert_eq!(rate(5, 0), 0.0);
        assert_eq!(rate(100, 100), 1.0);
    }
}

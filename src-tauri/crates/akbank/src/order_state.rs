//! Reading an inquiry for one order id, as in PROTOCOL.md section 5 step 3.

use crate::outcome::InquiryOutcome;
use crate::reply::{InquiryRow, TxnStatus};
use crate::request::txn_code;

/// What the host says happened to one order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OrderState {
    /// The sale/pre-auth row is `VPS-0000` with `txnStatus` N. `refunded_minor` sums the
    /// approved refund rows that point to it (partial refunds).
    Approved {
        /// The original row (authCode, rrn).
        row: InquiryRow,
        /// Sum of approved partial refunds.
        refunded_minor: i64,
    },
    /// The row carries another responseCode.
    Declined(InquiryRow),
    /// `txnStatus` V.
    Voided(InquiryRow),
    /// `txnStatus` R (reversed / fully refunded).
    Refunded(InquiryRow),
    /// `txnStatus` S: void it (1003) or call the bank.
    Suspicious(InquiryRow),
    /// The host has no record: resend with the same order id, freshly signed.
    NotFound,
    /// The inquiry gave no definite answer (transport failure or failed query); ask again later.
    Undetermined(String),
}

/// Interprets an inquiry outcome for `order_id`.
pub fn interpret(outcome: &InquiryOutcome, order_id: &str) -> OrderState {
    match outcome {
        InquiryOutcome::Found(inq) => interpret_rows(&inq.rows, order_id),
        InquiryOutcome::NotFound(_) => OrderState::NotFound,
        InquiryOutcome::Failed(inq) => {
            OrderState::Undetermined(format!("{} {}", inq.response_code, inq.response_message))
        }
        InquiryOutcome::NotSent(r) => OrderState::Undetermined(format!("not sent: {r}")),
        InquiryOutcome::Unknown(r) => OrderState::Undetermined(format!("unknown: {r}")),
        InquiryOutcome::Rejected(e) => OrderState::Undetermined(format!("rejected: {e}")),
        InquiryOutcome::Throttled { .. } => OrderState::Undetermined("throttled".into()),
    }
}

/// Interprets the rows of an inquiry for `order_id`.
pub fn interpret_rows(rows: &[InquiryRow], order_id: &str) -> OrderState {
    let is_original = |r: &&InquiryRow| {
        r.order_id.as_deref() == Some(order_id)
            && matches!(
                r.txn_code.as_deref(),
                Some(txn_code::SALE | txn_code::PRE_AUTH) | None
            )
    };
    let Some(row) = rows.iter().find(is_original).or_else(|| {
        rows.iter()
            .find(|r| r.order_id.as_deref() == Some(order_id))
    }) else {
        return OrderState::NotFound;
    };
    match row.status() {
        Some(TxnStatus::Suspicious) => return OrderState::Suspicious(row.clone()),
        Some(TxnStatus::Voided) => return OrderState::Voided(row.clone()),
        Some(TxnStatus::Reversed) => return OrderState::Refunded(row.clone()),
        _ => {}
    }
    if !row.is_approved() {
        return OrderState::Declined(row.clone());
    }
    let refunded_minor = rows
        .iter()
        .filter(|r| {
            r.txn_code.as_deref() == Some(txn_code::REFUND)
                && r.org_order_id.as_deref() == Some(order_id)
                && r.order_id.as_deref() != Some(order_id)
                && r.is_approved()
                && r.status() != Some(TxnStatus::Voided)
        })
        .filter_map(|r| r.amount_minor)
        .sum();
    OrderState::Approved {
        row: row.clone(),
        refunded_minor,
    }
}

/// What the host says about one instalment of a recurring order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InstalmentState {
    /// Charged (`requestStatus` S with `VPS-0000`).
    Charged(InquiryRow),
    /// The charge was declined.
    Declined(InquiryRow),
    /// Planned, not yet charged (`W`).
    Waiting(InquiryRow),
    /// Charged, then voided (`V`).
    Voided(InquiryRow),
    /// Cancelled before being charged (`C`).
    Cancelled(InquiryRow),
    /// No such instalment in the rows.
    NotFound,
}

/// Interprets the rows of an inquiry by `orderTrackId` for instalment `recurring_order`.
pub fn interpret_instalment(rows: &[InquiryRow], recurring_order: u32) -> InstalmentState {
    use crate::reply::InstalmentStatus as S;
    let Some(row) = rows.iter().find(|r| {
        r.recurring_order == Some(i64::from(recurring_order))
            && matches!(r.txn_code.as_deref(), Some(txn_code::SALE) | None)
    }) else {
        return InstalmentState::NotFound;
    };
    let row = row.clone();
    match row.instalment_status() {
        Some(S::Waiting) => InstalmentState::Waiting(row),
        Some(S::Cancelled) => InstalmentState::Cancelled(row),
        Some(S::Voided) => InstalmentState::Voided(row),
        _ if row.status() == Some(TxnStatus::Voided) => InstalmentState::Voided(row),
        _ if row.is_approved() => InstalmentState::Charged(row),
        _ => InstalmentState::Declined(row),
    }
}

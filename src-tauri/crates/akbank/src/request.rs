//! Typed requests and their exact wire bodies (field names, order and types as the host expects).
//!
//! Each request turns into body bytes with [`Request::body`] (in `wire`), given an [`Envelope`]
//! (the per-request `requestDateTime` and `randomNumber`).

use crate::card::Card;
use crate::error::{Error, Result};
use crate::money::Money;

/// Protocol version sent in every transaction.
pub const VERSION: &str = "1.00";
/// Path of every transaction, relative to the base URL.
pub const TRANSACTION_PATH: &str = "/transaction/process";
/// Path of the history report, relative to the base URL.
pub const HISTORY_PATH: &str = "/portal/report/transaction";

/// Transaction codes.
pub mod txn_code {
    /// Sale (also the first recurring instalment).
    pub const SALE: &str = "1000";
    /// Refund.
    pub const REFUND: &str = "1002";
    /// Void / cancel.
    pub const VOID: &str = "1003";
    /// Pre-authorization.
    pub const PRE_AUTH: &str = "1004";
    /// Post-authorization.
    pub const POST_AUTH: &str = "1005";
    /// Order inquiry.
    pub const INQUIRY: &str = "1010";
    /// Cancel pending recurring instalments.
    pub const CANCEL_RECURRING: &str = "1013";
}

/// The values that change on every send: `requestDateTime` and `randomNumber`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Envelope {
    /// `YYYY-MM-DDTHH:MM:SS.mmm`, Europe/Istanbul.
    pub request_date_time: String,
    /// 128 uppercase hex characters.
    pub random_number: String,
}

impl Envelope {
    /// A fresh envelope for now.
    pub fn fresh() -> Envelope {
        Envelope {
            request_date_time: crate::sign::request_date_time(),
            random_number: crate::sign::random_number(),
        }
    }
}

/// Checks an order id or track id: 1..=36 characters of `[A-Za-z0-9-]`.
pub fn check_order_id(id: &str) -> Result<()> {
    if id.is_empty() || id.len() > 36 || !id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
    {
        return Err(Error::OrderId(id.to_string()));
    }
    Ok(())
}

/// A card sale (1000) or pre-authorization (1004), single or with bank installments.
#[derive(Debug, Clone)]
pub struct SaleRequest {
    /// New, never used order id.
    pub order_id: String,
    /// Amount to charge.
    pub amount: Money,
    /// The card.
    pub card: Card,
    /// 1 = single payment; 2..=12 bank installments.
    pub install_count: u8,
    /// `motoInd`: 0 e-commerce, 1 mail/telephone order (meaning unconfirmed by the bank).
    pub moto_ind: u8,
    /// Cardholder or operator IP address sent as `customer.ipAddress`.
    pub customer_ip: String,
    /// Optional `customer.emailAddress`.
    pub customer_email: Option<String>,
}

/// Closes a pre-authorization (1005).
#[derive(Debug, Clone)]
pub struct PostAuthRequest {
    /// The pre-authorization's order id.
    pub order_id: String,
    /// Amount to capture.
    pub amount: Money,
    /// `customer.ipAddress`.
    pub customer_ip: String,
}

/// Which earlier transaction a void or refund is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OrderTarget {
    /// A sale, pre-auth or post-auth by order id.
    OrderId(String),
    /// One charged instalment of a recurring order.
    Instalment {
        /// The recurring order's `orderTrackId`.
        track_id: String,
        /// Instalment number, 1-based.
        recurring_order: u32,
    },
}

/// A refund (1002); `amount: None` refunds the full amount (the `transaction` object is omitted).
#[derive(Debug, Clone)]
pub struct RefundRequest {
    /// The original transaction.
    pub target: OrderTarget,
    /// Partial amount, or `None` for the full amount.
    pub amount: Option<Money>,
}

/// A void (1003).
#[derive(Debug, Clone)]
pub struct VoidRequest {
    /// The original transaction.
    pub target: OrderTarget,
}

/// Recurrence unit of a recurring order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FrequencyCycle {
    /// Days (`D`).
    Day,
    /// Weeks (`W`).
    Week,
    /// Months (`M`).
    Month,
    /// Years (`Y`).
    Year,
}

impl FrequencyCycle {
    /// Wire letter.
    pub fn letter(self) -> &'static str {
        match self {
            FrequencyCycle::Day => "D",
            FrequencyCycle::Week => "W",
            FrequencyCycle::Month => "M",
            FrequencyCycle::Year => "Y",
        }
    }

    /// From the wire letter.
    pub fn from_letter(s: &str) -> Option<FrequencyCycle> {
        match s {
            "D" => Some(FrequencyCycle::Day),
            "W" => Some(FrequencyCycle::Week),
            "M" => Some(FrequencyCycle::Month),
            "Y" => Some(FrequencyCycle::Year),
            _ => None,
        }
    }
}

/// The schedule of a recurring order, kept by the bank.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Recurrence {
    /// Every `interval` cycles (1..=99).
    pub interval: u8,
    /// Unit.
    pub cycle: FrequencyCycle,
    /// Number of instalments (2..=120), the first charged at once.
    pub number_of_payments: u16,
}

/// A recurring sale (1000 with `recurring`, keyed by `orderTrackId`).
#[derive(Debug, Clone)]
pub struct RecurringSaleRequest {
    /// New `orderTrackId` (a UUID is safe).
    pub track_id: String,
    /// Amount of every instalment.
    pub amount: Money,
    /// The card.
    pub card: Card,
    /// Schedule.
    pub recurrence: Recurrence,
    /// `motoInd`, 1 as the reference client sends for recurring orders.
    pub moto_ind: u8,
    /// `customer.ipAddress`.
    pub customer_ip: String,
}

/// Cancels pending recurring instalments (1013): one (`Some(n)`) or all (`None`).
#[derive(Debug, Clone)]
pub struct CancelRecurringRequest {
    /// The recurring order's `orderTrackId`.
    pub track_id: String,
    /// Instalment number, or all pending ones.
    pub recurring_order: Option<u32>,
}

/// What an inquiry (1010) looks up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OrderRef {
    /// A one-off order.
    OrderId(String),
    /// A recurring order.
    TrackId(String),
}

/// A history report query: a range of at most one day, or a batch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HistoryQuery {
    /// `startDateTime`..`endDateTime`, Istanbul local times.
    Range {
        /// Start.
        start: jiff::civil::DateTime,
        /// End (at most one day after start).
        end: jiff::civil::DateTime,
    },
    /// A batch (end-of-day) number.
    Batch(u32),
}

/// A request the client can send, borrowing its parts.
#[derive(Debug, Clone, Copy)]
pub enum Request<'a> {
    /// 1000.
    Sale(&'a SaleRequest),
    /// 1004.
    PreAuth(&'a SaleRequest),
    /// 1005.
    PostAuth(&'a PostAuthRequest),
    /// 1002.
    Refund(&'a RefundRequest),
    /// 1003.
    Void(&'a VoidRequest),
    /// 1000 with `recurring`.
    RecurringSale(&'a RecurringSaleRequest),
    /// 1013.
    CancelRecurring(&'a CancelRecurringRequest),
    /// 1010.
    Inquiry(&'a OrderRef),
    /// Report endpoint.
    History(&'a HistoryQuery),
}

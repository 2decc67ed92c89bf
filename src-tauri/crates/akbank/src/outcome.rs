//! What became of a request: the outcomes the payment engine needs to tell apart.
//!
//! * `NotSent`: provably nothing left the machine (connection refused, DNS failure, TLS
//!   handshake failure, connect timeout, invalid request or URL). Safe to send again.
//! * `Unknown`: the request may have reached the bank and may have been booked (timeout after
//!   sending, connection reset or closed before the reply, HTTP 5xx, 408, a redirect, an
//!   unreadable body). Never a decline: resolve it by inquiry (1010).
//! * `Throttled`: HTTP 429. A rate limiter answers before the request is processed, so nothing
//!   was booked; the engine waits `retry_after` and resends with the **same** order id. Should
//!   the bank ever have booked it anyway, the resend gets VPS-1013 and the engine inquires, so
//!   a resend cannot charge twice.
//! * `Rejected`: HTTP 400/401 (and other 4xx but 408/429) with the host's `{code, message}`:
//!   the request was refused before processing (bad hash, credentials, field pattern).
//! * `Approved` / `Declined`: an HTTP 200 reply with a `responseCode`; only `VPS-0000` approves.

use std::fmt;
use std::time::Duration;

use crate::reply::{HistoryReport, Inquiry, TxnReply};

/// A JSON error the host sends with HTTP 4xx: `{code, message}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    /// HTTP status (400, 401, ...).
    pub http_status: u16,
    /// `code` from the body (e.g. "VPS-3001", "401"), empty when the body had none.
    pub code: String,
    /// `message` from the body.
    pub message: String,
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "HTTP {} {} {}",
            self.http_status, self.code, self.message
        )
    }
}

impl ApiError {
    /// Operator-facing meaning of the code.
    pub fn info(&self) -> crate::catalogue::CodeInfo {
        let code = if self.code.is_empty() {
            self.http_status.to_string()
        } else {
            self.code.clone()
        };
        crate::catalogue::describe(&code, None)
    }
}

/// A transport-level result shared by every request kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// Nothing was sent.
    NotSent(String),
    /// The bank may have processed it.
    Unknown(String),
    /// HTTP 4xx with an error body; not processed.
    Rejected(ApiError),
    /// HTTP 429; not processed; wait and resend the same request.
    Throttled {
        /// `Retry-After` in seconds, when given.
        retry_after: Option<Duration>,
    },
}

/// Result of a transaction (1000, 1002, 1003, 1004, 1005, 1013).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// `VPS-0000`.
    Approved(TxnReply),
    /// A definitive host answer other than `VPS-0000` (issuer decline, VPS-1013, VPS-1007, ...).
    Declined(TxnReply),
    /// Provably nothing sent.
    NotSent(String),
    /// May have been booked; inquire.
    Unknown(String),
    /// HTTP 4xx error body; not processed.
    Rejected(ApiError),
    /// HTTP 429; not processed.
    Throttled {
        /// `Retry-After`.
        retry_after: Option<Duration>,
    },
}

impl From<Failure> for Outcome {
    fn from(f: Failure) -> Outcome {
        match f {
            Failure::NotSent(r) => Outcome::NotSent(r),
            Failure::Unknown(r) => Outcome::Unknown(r),
            Failure::Rejected(e) => Outcome::Rejected(e),
            Failure::Throttled { retry_after } => Outcome::Throttled { retry_after },
        }
    }
}

impl Outcome {
    /// The host reply, for `Approved` and `Declined`.
    pub fn reply(&self) -> Option<&TxnReply> {
        match self {
            Outcome::Approved(r) | Outcome::Declined(r) => Some(r),
            _ => None,
        }
    }

    /// Short name for logs and tests: approved, declined, not_sent, unknown, rejected, throttled.
    pub fn kind(&self) -> &'static str {
        match self {
            Outcome::Approved(_) => "approved",
            Outcome::Declined(_) => "declined",
            Outcome::NotSent(_) => "not_sent",
            Outcome::Unknown(_) => "unknown",
            Outcome::Rejected(_) => "rejected",
            Outcome::Throttled { .. } => "throttled",
        }
    }
}

/// Result of an inquiry (1010).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InquiryOutcome {
    /// Outer `VPS-0000`; the rows of the order.
    Found(Inquiry),
    /// `VPS-1123`: the host has no record of the order.
    NotFound(String),
    /// Another outer responseCode (the query itself failed).
    Failed(Inquiry),
    /// Provably nothing sent.
    NotSent(String),
    /// No usable answer (timeout, reset, 5xx, unreadable body).
    Unknown(String),
    /// HTTP 4xx error body.
    Rejected(ApiError),
    /// HTTP 429.
    Throttled {
        /// `Retry-After`.
        retry_after: Option<Duration>,
    },
}

impl From<Failure> for InquiryOutcome {
    fn from(f: Failure) -> InquiryOutcome {
        match f {
            Failure::NotSent(r) => InquiryOutcome::NotSent(r),
            Failure::Unknown(r) => InquiryOutcome::Unknown(r),
            Failure::Rejected(e) => InquiryOutcome::Rejected(e),
            Failure::Throttled { retry_after } => InquiryOutcome::Throttled { retry_after },
        }
    }
}

/// Result of a history report request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HistoryOutcome {
    /// Decoded report.
    Report(HistoryReport),
    /// Another responseCode (VPS-2235: too many records, ask by batch).
    Failed {
        /// `responseCode`.
        code: String,
        /// `responseMessage`.
        message: String,
    },
    /// Provably nothing sent.
    NotSent(String),
    /// No usable answer.
    Unknown(String),
    /// HTTP 4xx error body.
    Rejected(ApiError),
    /// HTTP 429.
    Throttled {
        /// `Retry-After`.
        retry_after: Option<Duration>,
    },
}

impl From<Failure> for HistoryOutcome {
    fn from(f: Failure) -> HistoryOutcome {
        match f {
            Failure::NotSent(r) => HistoryOutcome::NotSent(r),
            Failure::Unknown(r) => HistoryOutcome::Unknown(r),
            Failure::Rejected(e) => HistoryOutcome::Rejected(e),
            Failure::Throttled { retry_after } => HistoryOutcome::Throttled { retry_after },
        }
    }
}

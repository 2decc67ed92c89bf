//! Akbank virtual POS (JSON API): typed requests and replies, signing, an HTTP client whose
//! outcomes separate approved, declined, not sent and unknown, and a catalogue of response
//! codes with Turkish and English operator messages.
//!
//! Card numbers, CVVs and secret keys live in secret types and never appear in `Debug`,
//! `Display` or error text.

pub mod card;
pub mod catalogue;
pub mod client;
pub mod error;
pub mod history;
pub mod money;
pub mod order_state;
pub mod outcome;
pub mod reply;
pub mod request;
pub mod sign;
pub mod terminal;
mod wire;
mod wire_de;

pub use card::{Brand, Card, Cvv, Expiry, Pan};
pub use catalogue::{CodeClass, CodeInfo, describe};
pub use client::{Client, ClientConfig, Exchange, LIVE_BASE_URL, TEST_BASE_URL};
pub use error::{Error, Result};
pub use history::{HistoryAnswer, HistoryReport, HistoryRow, HistoryStatus};
pub use money::{Amount, Currency, Money};
pub use order_state::{InstalmentState, OrderState, interpret, interpret_instalment};
pub use outcome::{ApiError, Failure, HistoryOutcome, InquiryOutcome, Outcome};
pub use reply::{Inquiry, InquiryRow, InstalmentStatus, TxnReply, TxnStatus};
pub use request::{
    CancelRecurringRequest, Envelope, FrequencyCycle, HistoryQuery, OrderRef, OrderTarget,
    PostAuthRequest, Recurrence, RecurringSaleRequest, RefundRequest, Request, SaleRequest,
    VoidRequest,
};
pub use sign::sign;
pub use terminal::{Credentials, Terminal};

//! Typed requests and their exact wire bodies (field names, order and types as the host expects).
//!
//! Each request turns into body bytes with [`Request::body`], given an [`Envelope`] (the
//! per-request `requestDateTime` and `randomNumber`). Bodies that carry card data are written
//! into a zeroising buffer.

use serde::Serialize;
use zeroize::Zeroizing;

use crate::card::Card;
use crate::error::{Error, Result};
use crate::money::Money;
use crate::terminal::Terminal;

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

#[derive(Serialize)]
struct CardWire<'a> {
    #[serde(rename = "cardNumber")]
    card_number: &'a str,
    #[serde(rename = "cvv2", skip_serializing_if = "Option::is_none")]
    cvv2: Option<&'a str>,
    #[serde(rename = "expireDate")]
    expire_date: String,
    #[serde(rename = "cardHolderName", skip_serializing_if = "Option::is_none")]
    card_holder_name: Option<&'a str>,
}

#[derive(Serialize)]
struct SaleTxnWire {
    amount: String,
    #[serde(rename = "currencyCode")]
    currency_code: u16,
    #[serde(rename = "motoInd")]
    moto_ind: u8,
    #[serde(rename = "installCount")]
    install_count: u8,
}

#[derive(Serialize)]
struct AmountWire {
    amount: String,
    #[serde(rename = "currencyCode")]
    currency_code: u16,
}

#[derive(Serialize)]
struct CustomerWire<'a> {
    #[serde(rename = "ipAddress")]
    ip_address: &'a str,
    #[serde(rename = "emailAddress", skip_serializing_if = "Option::is_none")]
    email_address: Option<&'a str>,
}

#[derive(Serialize)]
struct RecurringWire {
    #[serde(rename = "frequencyInterval")]
    frequency_interval: u8,
    #[serde(rename = "frequencyCycle")]
    frequency_cycle: &'static str,
    #[serde(rename = "numberOfPayments")]
    number_of_payments: u16,
}

#[derive(Serialize)]
struct RecurringOrderWire {
    #[serde(rename = "recurringOrder")]
    recurring_order: u32,
}

#[derive(Serialize, Default)]
struct OrderWire<'a> {
    #[serde(rename = "orderId", skip_serializing_if = "Option::is_none")]
    order_id: Option<&'a str>,
    #[serde(rename = "orderTrackId", skip_serializing_if = "Option::is_none")]
    order_track_id: Option<&'a str>,
}

impl<'a> OrderWire<'a> {
    fn id(id: &'a str) -> Self {
        OrderWire {
            order_id: Some(id),
            order_track_id: None,
        }
    }
    fn track(id: &'a str) -> Self {
        OrderWire {
            order_id: None,
            order_track_id: Some(id),
        }
    }
}

#[derive(Serialize)]
struct SaleWire<'a> {
    terminal: &'a Terminal,
    version: &'static str,
    #[serde(rename = "txnCode")]
    txn_code: &'static str,
    #[serde(rename = "requestDateTime")]
    request_date_time: &'a str,
    #[serde(rename = "randomNumber")]
    random_number: &'a str,
    card: CardWire<'a>,
    transaction: SaleTxnWire,
    customer: CustomerWire<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    recurring: Option<RecurringWire>,
    order: OrderWire<'a>,
}

#[derive(Serialize)]
struct PostAuthWire<'a> {
    terminal: &'a Terminal,
    version: &'static str,
    #[serde(rename = "txnCode")]
    txn_code: &'static str,
    #[serde(rename = "requestDateTime")]
    request_date_time: &'a str,
    #[serde(rename = "randomNumber")]
    random_number: &'a str,
    order: OrderWire<'a>,
    transaction: AmountWire,
    customer: CustomerWire<'a>,
}

#[derive(Serialize)]
struct RefundWire<'a> {
    terminal: &'a Terminal,
    version: &'static str,
    #[serde(rename = "txnCode")]
    txn_code: &'static str,
    #[serde(rename = "requestDateTime")]
    request_date_time: &'a str,
    #[serde(rename = "randomNumber")]
    random_number: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    transaction: Option<AmountWire>,
    #[serde(skip_serializing_if = "Option::is_none")]
    recurring: Option<RecurringOrderWire>,
    order: OrderWire<'a>,
}

/// Void (1003) and cancel-recurring (1013) share this shape; txnCode precedes version.
#[derive(Serialize)]
struct CancelWire<'a> {
    terminal: &'a Terminal,
    #[serde(rename = "txnCode")]
    txn_code: &'static str,
    version: &'static str,
    #[serde(rename = "requestDateTime")]
    request_date_time: &'a str,
    #[serde(rename = "randomNumber")]
    random_number: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    recurring: Option<RecurringOrderWire>,
    order: OrderWire<'a>,
}

#[derive(Serialize)]
struct InquiryWire<'a> {
    terminal: &'a Terminal,
    version: &'static str,
    #[serde(rename = "txnCode")]
    txn_code: &'static str,
    #[serde(rename = "requestDateTime")]
    request_date_time: &'a str,
    #[serde(rename = "randomNumber")]
    random_number: &'a str,
    order: OrderWire<'a>,
}

#[derive(Serialize)]
struct ReportWire {
    #[serde(rename = "startDateTime", skip_serializing_if = "Option::is_none")]
    start_date_time: Option<String>,
    #[serde(rename = "endDateTime", skip_serializing_if = "Option::is_none")]
    end_date_time: Option<String>,
    #[serde(rename = "batchNumber", skip_serializing_if = "Option::is_none")]
    batch_number: Option<u32>,
}

#[derive(Serialize)]
struct HistoryWire<'a> {
    terminal: &'a Terminal,
    #[serde(rename = "randomNumber")]
    random_number: &'a str,
    report: ReportWire,
}

fn write_json<T: Serialize>(value: &T) -> Result<Zeroizing<Vec<u8>>> {
    // Large enough that the buffer never reallocates (and leaves no stray copy of card data).
    let mut buf = Zeroizing::new(Vec::with_capacity(2048));
    serde_json::to_writer(&mut *buf, value).map_err(|e| Error::Config(e.to_string()))?;
    Ok(buf)
}

fn target_wire(target: &OrderTarget) -> Result<(OrderWire<'_>, Option<RecurringOrderWire>)> {
    match target {
        OrderTarget::OrderId(id) => {
            check_order_id(id)?;
            Ok((OrderWire::id(id), None))
        }
        OrderTarget::Instalment {
            track_id,
            recurring_order,
        } => {
            check_order_id(track_id)?;
            Ok((
                OrderWire::track(track_id),
                Some(RecurringOrderWire {
                    recurring_order: *recurring_order,
                }),
            ))
        }
    }
}

fn check_amount(m: &Money) -> Result<()> {
    if m.minor <= 0 {
        return Err(Error::Field {
            field: "amount",
            reason: "must be positive".into(),
        });
    }
    Ok(())
}

fn card_wire(card: &Card) -> CardWire<'_> {
    CardWire {
        card_number: card.pan.expose(),
        cvv2: card.cvv.as_ref().map(|c| c.expose()),
        expire_date: card.expiry.to_mmyy(),
        card_holder_name: card.holder.as_deref(),
    }
}

impl Request<'_> {
    /// The `txnCode`, or `None` for the history report.
    pub fn txn_code(&self) -> Option<&'static str> {
        Some(match self {
            Request::Sale(_) | Request::RecurringSale(_) => txn_code::SALE,
            Request::PreAuth(_) => txn_code::PRE_AUTH,
            Request::PostAuth(_) => txn_code::POST_AUTH,
            Request::Refund(_) => txn_code::REFUND,
            Request::Void(_) => txn_code::VOID,
            Request::CancelRecurring(_) => txn_code::CANCEL_RECURRING,
            Request::Inquiry(_) => txn_code::INQUIRY,
            Request::History(_) => return None,
        })
    }

    /// Path relative to the base URL.
    pub fn path(&self) -> &'static str {
        match self {
            Request::History(_) => HISTORY_PATH,
            _ => TRANSACTION_PATH,
        }
    }

    /// The exact body bytes to sign and send.
    pub fn body(&self, terminal: &Terminal, env: &Envelope) -> Result<Zeroizing<Vec<u8>>> {
        let rdt = env.request_date_time.as_str();
        let rn = env.random_number.as_str();
        match *self {
            Request::Sale(s) | Request::PreAuth(s) => {
                check_order_id(&s.order_id)?;
                check_amount(&s.amount)?;
                if !(1..=12).contains(&s.install_count) {
                    return Err(Error::Field {
                        field: "installCount",
                        reason: "1..=12".into(),
                    });
                }
                write_json(&SaleWire {
                    terminal,
                    version: VERSION,
                    txn_code: self.txn_code().unwrap_or_default(),
                    request_date_time: rdt,
                    random_number: rn,
                    card: card_wire(&s.card),
                    transaction: SaleTxnWire {
                        amount: s.amount.to_wire(),
                        currency_code: s.amount.currency.code(),
                        moto_ind: s.moto_ind,
                        install_count: s.install_count,
                    },
                    customer: CustomerWire {
                        ip_address: &s.customer_ip,
                        email_address: s.customer_email.as_deref(),
                    },
                    recurring: None,
                    order: OrderWire::id(&s.order_id),
                })
            }
            Request::RecurringSale(r) => {
                check_order_id(&r.track_id)?;
                check_amount(&r.amount)?;
                let rec = r.recurrence;
                if !(1..=99).contains(&rec.interval) {
                    return Err(Error::Field {
                        field: "frequencyInterval",
                        reason: "1..=99".into(),
                    });
                }
                if !(2..=120).contains(&rec.number_of_payments) {
                    return Err(Error::Field {
                        field: "numberOfPayments",
                        reason: "2..=120".into(),
                    });
                }
                write_json(&SaleWire {
                    terminal,
                    version: VERSION,
                    txn_code: txn_code::SALE,
                    request_date_time: rdt,
                    random_number: rn,
                    card: card_wire(&r.card),
                    transaction: SaleTxnWire {
                        amount: r.amount.to_wire(),
                        currency_code: r.amount.currency.code(),
                        moto_ind: r.moto_ind,
                        install_count: 1,
                    },
                    customer: CustomerWire {
                        ip_address: &r.customer_ip,
                        email_address: None,
                    },
                    recurring: Some(RecurringWire {
                        frequency_interval: rec.interval,
                        frequency_cycle: rec.cycle.letter(),
                        number_of_payments: rec.number_of_payments,
                    }),
                    order: OrderWire::track(&r.track_id),
                })
            }
            Request::PostAuth(p) => {
                check_order_id(&p.order_id)?;
                check_amount(&p.amount)?;
                write_json(&PostAuthWire {
                    terminal,
                    version: VERSION,
                    txn_code: txn_code::POST_AUTH,
                    request_date_time: rdt,
                    random_number: rn,
                    order: OrderWire::id(&p.order_id),
                    transaction: AmountWire {
                        amount: p.amount.to_wire(),
                        currency_code: p.amount.currency.code(),
                    },
                    customer: CustomerWire {
                        ip_address: &p.customer_ip,
                        email_address: None,
                    },
                })
            }
            Request::Refund(r) => {
                let (order, recurring) = target_wire(&r.target)?;
                if let Some(a) = &r.amount {
                    check_amount(a)?;
                }
                write_json(&RefundWire {
                    terminal,
                    version: VERSION,
                    txn_code: txn_code::REFUND,
                    request_date_time: rdt,
                    random_number: rn,
                    transaction: r.amount.map(|a| AmountWire {
                        amount: a.to_wire(),
                        currency_code: a.currency.code(),
                    }),
                    recurring,
                    order,
                })
            }
            Request::Void(v) => {
                let (order, recurring) = target_wire(&v.target)?;
                write_json(&CancelWire {
                    terminal,
                    txn_code: txn_code::VOID,
                    version: VERSION,
                    request_date_time: rdt,
                    random_number: rn,
                    recurring,
                    order,
                })
            }
            Request::CancelRecurring(c) => {
                check_order_id(&c.track_id)?;
                write_json(&CancelWire {
                    terminal,
                    txn_code: txn_code::CANCEL_RECURRING,
                    version: VERSION,
                    request_date_time: rdt,
                    random_number: rn,
                    recurring: c
                        .recurring_order
                        .map(|n| RecurringOrderWire { recurring_order: n }),
                    order: OrderWire::track(&c.track_id),
                })
            }
            Request::Inquiry(r) => {
                let order = match r {
                    OrderRef::OrderId(id) => {
                        check_order_id(id)?;
                        OrderWire::id(id)
                    }
                    OrderRef::TrackId(id) => {
                        check_order_id(id)?;
                        OrderWire::track(id)
                    }
                };
                write_json(&InquiryWire {
                    terminal,
                    version: VERSION,
                    txn_code: txn_code::INQUIRY,
                    request_date_time: rdt,
                    random_number: rn,
                    order,
                })
            }
            Request::History(q) => {
                let report = match q {
                    HistoryQuery::Range { start, end } => {
                        if end < start || start.saturating_add(jiff::Span::new().days(1)) < *end {
                            return Err(Error::Field {
                                field: "report",
                                reason: "the range must be at most one day".into(),
                            });
                        }
                        let f = |d: &jiff::civil::DateTime| {
                            d.strftime("%Y-%m-%dT%H:%M:%S%.3f").to_string()
                        };
                        ReportWire {
                            start_date_time: Some(f(start)),
                            end_date_time: Some(f(end)),
                            batch_number: None,
                        }
                    }
                    HistoryQuery::Batch(n) => ReportWire {
                        start_date_time: None,
                        end_date_time: None,
                        batch_number: Some(*n),
                    },
                };
                write_json(&HistoryWire {
                    terminal,
                    random_number: rn,
                    report,
                })
            }
        }
    }
}

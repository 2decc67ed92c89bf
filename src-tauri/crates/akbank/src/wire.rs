//! Wire bodies: the exact field names, order and types the host expects, written into a
//! zeroising buffer because sale bodies carry the card number and CVV.

use serde::Serialize;
use zeroize::Zeroizing;

use crate::card::Card;
use crate::error::{Error, Result};
use crate::money::Money;
use crate::request::{
    Envelope, HISTORY_PATH, HistoryQuery, OrderRef, OrderTarget, Request, TRANSACTION_PATH,
    VERSION, check_order_id, txn_code,
};
use crate::terminal::Terminal;

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

//! Readers of request fields, with the host's patterns: a missing field is HTTP 400, a field
//! that does not match its pattern is HTTP 400 VPS-3001.

use serde_json::Value;
use tahsildar_akbank::money::wire_to_minor;

use crate::host::{Answer, Now};

const CURRENCIES: [u16; 6] = [949, 840, 978, 826, 392, 643];

fn id_ok(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 64
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// `transaction.amount` (string `^\d+\.\d{2}$`) and `currencyCode`.
pub(crate) fn amount(req: &Value) -> Result<(i64, u16), Answer> {
    let t = &req["transaction"];
    let minor = match &t["amount"] {
        Value::Null => return Err(Answer::missing("amount")),
        Value::String(s) => wire_to_minor(s).map_err(|_| Answer::pattern("amount"))?,
        _ => return Err(Answer::pattern("amount")),
    };
    if minor <= 0 {
        return Err(Answer::pattern("amount"));
    }
    let currency = match &t["currencyCode"] {
        Value::Null => return Err(Answer::missing("currencyCode")),
        v => v
            .as_u64()
            .and_then(|c| u16::try_from(c).ok())
            .filter(|c| CURRENCIES.contains(c))
            .ok_or_else(|| Answer::pattern("currencyCode"))?,
    };
    Ok((minor, currency))
}

pub(crate) fn order_id(req: &Value) -> Result<String, Answer> {
    match &req["order"]["orderId"] {
        Value::Null => Err(Answer::missing("orderId")),
        Value::String(s) if id_ok(s) => Ok(s.clone()),
        _ => Err(Answer::pattern("orderId")),
    }
}

pub(crate) fn track_id(req: &Value) -> Result<String, Answer> {
    match &req["order"]["orderTrackId"] {
        Value::Null => Err(Answer::missing("orderTrackId")),
        Value::String(s) if id_ok(s) => Ok(s.clone()),
        _ => Err(Answer::pattern("orderTrackId")),
    }
}

pub(crate) struct CardIn {
    pub(crate) pan: String,
    pub(crate) expired: bool,
}

pub(crate) fn card(req: &Value, now: &Now) -> Result<CardIn, Answer> {
    let c = &req["card"];
    let pan = match &c["cardNumber"] {
        Value::Null => return Err(Answer::missing("cardNumber")),
        Value::String(s)
            if (12..=19).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit()) =>
        {
            s.clone()
        }
        _ => return Err(Answer::pattern("cardNumber")),
    };
    match &c["cvv2"] {
        Value::Null => {}
        Value::String(s) if (3..=4).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit()) => {
        }
        _ => return Err(Answer::pattern("cvv2")),
    }
    let exp = match &c["expireDate"] {
        Value::Null => return Err(Answer::missing("expireDate")),
        Value::String(s) if s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()) => s.clone(),
        _ => return Err(Answer::pattern("expireDate")),
    };
    let month: i32 = exp[..2].parse().unwrap_or(0);
    let year: i32 = 2000 + exp[2..].parse::<i32>().unwrap_or(0);
    if !(1..=12).contains(&month) {
        return Err(Answer::pattern("expireDate"));
    }
    let today = now.zoned.date();
    let expired = (i32::from(today.year()), i32::from(today.month())) > (year, month);
    Ok(CardIn { pan, expired })
}

pub(crate) fn small_int(
    req: &Value,
    obj: &str,
    field: &str,
    range: std::ops::RangeInclusive<u64>,
    default: u64,
) -> Result<u64, Answer> {
    match &req[obj][field] {
        Value::Null => Ok(default),
        v => v
            .as_u64()
            .filter(|n| range.contains(n))
            .ok_or_else(|| Answer::pattern(field)),
    }
}

//! The history report (`/portal/report/transaction`): a day's or a batch's rows.

use serde_json::{Value, json};
use tahsildar_akbank::history::encode_report_data;
use tahsildar_akbank::sign::parse_date_time;

use crate::config::SimTerminal;
use crate::host::{Answer, HostState, Now, amount_number};
use crate::ledger::{EntryStatus, LedgerEntry};

pub use crate::inquiry::inquiry_row;

/// At most this many rows in one report (VPS-2235 beyond).
pub const REPORT_LIMIT: usize = 9999;

/// `txnStatus` of a report row. A void flips the voided row to "İptal" (the report has no row
/// of its own for a 1003, as in Akbank's fixtures); a host reversal is "Teknik İptal".
fn report_status(e: &LedgerEntry) -> &'static str {
    match e.status {
        EntryStatus::Approved => "Başarılı",
        EntryStatus::TechnicallyReversed => "Teknik İptal",
        EntryStatus::Voided => "İptal",
        _ => "Başarısız",
    }
}

fn currency_label(code: u16) -> &'static str {
    match code {
        949 => "TRY",
        840 => "USD",
        978 => "EUR",
        826 => "GBP",
        392 => "JPY",
        643 => "RUB",
        _ => "",
    }
}

/// A report row as Akbank's history fixtures show one: fields the host has no value for are
/// left out rather than null (a refusal before the issuer has no RRN, settlement or host code,
/// and batch 0; a "Teknik İptal" row has no response, host or authorisation code). Follow-ups
/// carry the bank's order id and `orgOrderId` = the merchant's order, so every row can be
/// matched to the merchant's own records.
fn history_row(e: &LedgerEntry) -> Value {
    let mut v = json!({
        "txnCode": e.txn_code,
        "txnDateTime": e.time,
        "maskedCardNumber": e.masked_pan,
        "batchNumber": e.batch_number,
        "stan": e.stan,
        "txnStatus": report_status(e),
        "amount": amount_number(e.amount_minor),
        "currencyCode": e.currency,
        "currencyLabel": currency_label(e.currency),
        "installmentCount": e.install_count,
        "installmentLabel": if e.install_count > 1 {
            e.install_count.to_string()
        } else {
            "Peşin".to_string()
        },
        "ccbRewardAmount": 0,
        "pcbRewardAmount": 0,
        "xcbRewardAmount": 0,
        "preAuthCloseAmount": amount_number(e.pre_auth_closed_minor.unwrap_or(0)),
    });
    let o = v.as_object_mut().expect("an object");
    let mut put = |k: &str, x: Option<Value>| {
        if let Some(x) = x {
            o.insert(k.to_string(), x);
        }
    };
    if e.status != EntryStatus::TechnicallyReversed {
        put("responseCode", Some(json!(e.response_code)));
        put("responseMessage", Some(json!(e.response_message)));
        put(
            "hostResponseCode",
            e.host_response_code.clone().map(Value::from),
        );
        put(
            "hostResponseMessage",
            e.host_message.clone().map(Value::from),
        );
        put("authCode", e.auth_code.clone().map(Value::from));
    }
    put("orderId", e.order_id.clone().map(Value::from));
    put("orgOrderId", e.org_order_id.clone().map(Value::from));
    put(
        "rrn",
        e.rrn
            .as_deref()
            .and_then(|r| r.parse::<u64>().ok())
            .map(Value::from),
    );
    if e.batch_number != 0 {
        put("settlementId", Some(json!(format!("sim-{}", e.id))));
    }
    put(
        "preAuthCloseDate",
        e.pre_auth_close_time.clone().map(Value::from),
    );
    v
}

/// The history report: a range of at most one day, or a batch number.
pub(crate) fn history(h: &mut HostState, t: &SimTerminal, req: &Value, now: &Now) -> Answer {
    let report = &req["report"];
    let booked = |e: &&LedgerEntry| {
        // Planned instalments were never sent; a held id has no visible record.
        e.terminal_safe_id == t.terminal_safe_id
            && !matches!(
                e.status,
                EntryStatus::Waiting | EntryStatus::Cancelled | EntryStatus::Held
            )
    };
    let rows: Vec<&LedgerEntry> = if let Some(batch) = report["batchNumber"].as_u64() {
        h.ledger()
            .iter()
            .filter(booked)
            .filter(|e| u64::from(e.batch_number) == batch)
            .collect()
    } else {
        let (Some(start), Some(end)) = (
            report["startDateTime"].as_str(),
            report["endDateTime"].as_str(),
        ) else {
            return Answer::missing("startDateTime");
        };
        let (Some(s), Some(e)) = (parse_date_time(start), parse_date_time(end)) else {
            return Answer::pattern("startDateTime");
        };
        if e < s || s.saturating_add(jiff::Span::new().days(1)) < e {
            return Answer::http_error(400, "400", "Tarih aralığı en fazla 1 gün olabilir");
        }
        // Booking times and the range are both Istanbul wall-clock times, so a row belongs to
        // the Istanbul day of its txnDateTime whatever the clock's zone. Both ends included.
        h.ledger()
            .iter()
            .filter(booked)
            .filter(|x| parse_date_time(&x.time).is_some_and(|at| s <= at && at <= e))
            .collect()
    };
    let mut v = json!({
        "requestId": format!("VPS{}", now.text.replace(['-', 'T', ':', '.'], "")),
        "terminal": {"merchantSafeId": t.merchant_safe_id, "terminalSafeId": t.terminal_safe_id},
        "txnDateTime": now.text,
    });
    if rows.len() > REPORT_LIMIT {
        v["responseCode"] = json!("VPS-2235");
        v["responseMessage"] = json!("Toplam kayıt sayısı aşıldı. Batch No girerek ilerleyiniz.");
        return Answer::ok(v);
    }
    let data = json!({
        "txnDateTime": now.text,
        "terminal": {"merchantSafeId": t.merchant_safe_id, "terminalSafeId": t.terminal_safe_id},
        "txnDetailList": rows.into_iter().map(history_row).collect::<Vec<_>>(),
    });
    v["responseCode"] = json!("VPS-0000");
    v["responseMessage"] = json!("SUCCESSFUL");
    v["data"] = json!(encode_report_data(
        &serde_json::to_vec(&data).expect("json")
    ));
    Answer::ok(v)
}

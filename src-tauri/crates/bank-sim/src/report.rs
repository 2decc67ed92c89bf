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

fn history_row(e: &LedgerEntry) -> Value {
    let status = match e.status {
        EntryStatus::Approved => "Başarılı",
        EntryStatus::Declined => "Başarısız",
        _ => "İptal",
    };
    json!({
        "txnCode": e.txn_code,
        "responseCode": e.response_code,
        "responseMessage": e.response_message,
        "hostResponseCode": e.host_response_code,
        "hostResponseMessage": e.host_message,
        "orderId": e.order_id,
        "orgOrderId": e.org_order_id,
        "authCode": e.auth_code,
        "rrn": e.rrn.as_deref().and_then(|r| r.parse::<u64>().ok()),
        "amount": amount_number(e.amount_minor),
        "currencyCode": e.currency,
        "installmentCount": e.install_count,
        "batchNumber": e.batch_number,
        "maskedCardNumber": e.masked_pan,
        "txnDateTime": e.time,
        "txnStatus": status,
    })
}

/// The history report: a range of at most one day, or a batch number.
pub(crate) fn history(h: &mut HostState, t: &SimTerminal, req: &Value, now: &Now) -> Answer {
    let report = &req["report"];
    let booked = |e: &&LedgerEntry| {
        e.terminal_safe_id == t.terminal_safe_id
            && !matches!(e.status, EntryStatus::Waiting | EntryStatus::Cancelled)
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
        h.ledger()
            .iter()
            .filter(booked)
            .filter(|x| x.time.as_str() >= start && x.time.as_str() <= end)
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

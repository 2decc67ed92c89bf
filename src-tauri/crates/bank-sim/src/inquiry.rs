//! The order inquiry (1010): every row of an order, or of a recurring order's instalments.

use serde_json::{Value, json};

use crate::host::{Answer, HostState, amount_number, reply_head};
use crate::ledger::{EntryStatus, LedgerEntry};
use crate::txn::Ctx;

/// `txnStatus`. R stands for a reversal: the host's own ("Teknik İptal"), or a full refund when
/// the inquiry lists refunds; an inquiry that omits them leaves a refunded row N.
fn txn_status(e: &LedgerEntry, lists_refunds: bool) -> &'static str {
    match e.status {
        EntryStatus::Voided => "V",
        EntryStatus::TechnicallyReversed => "R",
        EntryStatus::Approved if e.suspicious => "S",
        EntryStatus::Approved
            if lists_refunds && e.refunded_minor > 0 && e.refunded_minor >= gross(e) =>
        {
            "R"
        }
        _ => "N",
    }
}

fn gross(e: &LedgerEntry) -> i64 {
    if e.txn_code == "1004" {
        e.pre_auth_closed_minor.unwrap_or(e.amount_minor)
    } else {
        e.amount_minor
    }
}

/// An inquiry row as the real host writes it (with refunds listed).
pub fn inquiry_row(e: &LedgerEntry) -> Value {
    row(e, true)
}

fn row(e: &LedgerEntry, lists_refunds: bool) -> Value {
    let mut v = json!({
        "txnCode": e.txn_code,
        "amount": amount_number(e.amount_minor),
        "currencyCode": e.currency,
        "installCount": e.install_count,
        "maskedCardNumber": e.masked_pan,
    });
    if e.status == EntryStatus::Waiting || e.status == EntryStatus::Cancelled {
        // A planned instalment that was never sent to the issuer.
    } else {
        v["responseCode"] = json!(e.response_code);
        v["responseMessage"] = json!(e.response_message);
        v["hostResponseCode"] = json!(e.host_response_code);
        v["hostMessage"] = json!(e.host_message);
        v["orderId"] = json!(e.order_id);
        v["orgOrderId"] = json!(e.org_order_id);
        v["authCode"] = json!(e.auth_code);
        v["rrn"] = json!(e.rrn);
        v["stan"] = json!(e.stan);
        v["batchNumber"] = json!(e.batch_number);
        v["txnDateTime"] = json!(e.time);
        v["txnStatus"] = json!(txn_status(e, lists_refunds));
        v["settlementId"] = json!(format!("sim-{}", e.id));
        v["pcbRewardAmount"] = json!(0);
        v["ccbRewardAmount"] = json!(0);
        v["xcbRewardAmount"] = json!(0);
    }
    if e.status == EntryStatus::TechnicallyReversed {
        // The host reversed it before any answer was recorded, as its report shows such rows:
        // no response or host code and no authorisation code.
        for k in [
            "responseCode",
            "responseMessage",
            "hostResponseCode",
            "hostMessage",
            "authCode",
        ] {
            if let Some(o) = v.as_object_mut() {
                o.remove(k);
            }
        }
    }
    if e.txn_code == "1004" && matches!(e.status, EntryStatus::Approved | EntryStatus::Voided) {
        v["preAuthStatus"] = json!(if e.pre_auth_closed_minor.is_some() {
            "C"
        } else {
            "O"
        });
        v["preAuthCloseAmount"] = amount_number(e.pre_auth_closed_minor.unwrap_or(0));
        v["preAuthCloseDate"] = json!(
            e.pre_auth_close_time
                .clone()
                .unwrap_or_else(|| "1900-01-01T00:00:00.000".into())
        );
    }
    if let Some(n) = e.recurring_order {
        v["requestType"] = json!("R");
        v["orderTrackId"] = json!(e.order_track_id);
        v["recurringOrder"] = json!(n);
        v["plannedDateTime"] = json!(e.planned_time);
        v["tryCount"] = json!(0);
        let status = match (e.txn_code.as_str(), e.status) {
            ("1000", EntryStatus::Approved) => Some("S"),
            ("1000", EntryStatus::Waiting) => Some("W"),
            ("1000", EntryStatus::Voided) => Some("V"),
            ("1000", EntryStatus::Cancelled) => Some("C"),
            _ => None,
        };
        if let Some(s) = status {
            v["requestStatus"] = json!(s);
        }
        if let Some(c) = &e.cancel_time {
            v["cancelDate"] = json!(c);
        }
    }
    v
}

/// 1010 by `orderId` (the order and its follow-ups) or `orderTrackId` (every instalment). A held
/// id is not found; with `inquiry_omits_refunds` refund rows are left out.
pub(crate) fn inquiry(h: &mut HostState, ctx: &Ctx) -> Result<Answer, Answer> {
    let order = &ctx.req["order"];
    let t = &ctx.terminal.terminal_safe_id;
    let lists_refunds = !ctx.rules.inquiry_omits_refunds;
    let (id, mut rows): (String, Vec<&LedgerEntry>) =
        if let Some(track) = order["orderTrackId"].as_str() {
            (
                track.to_string(),
                h.rows_for(t, track)
                    .into_iter()
                    .filter(|e| e.order_track_id.as_deref() == Some(track))
                    .collect(),
            )
        } else if let Some(oid) = order["orderId"].as_str() {
            (oid.to_string(), h.rows_for(t, oid))
        } else {
            return Err(Answer::missing("orderId"));
        };
    rows.retain(|e| e.status != EntryStatus::Held && (lists_refunds || e.txn_code != "1002"));
    if rows.is_empty() {
        return Ok(Answer::ok(reply_head(
            ctx.txn_code,
            ctx.terminal,
            ctx.now,
            "VPS-1123",
            &format!("İşlem bulunamadı. Sipariş Numarası : {id}"),
        )));
    }
    let mut v = reply_head(ctx.txn_code, ctx.terminal, ctx.now, "VPS-0000", "BAŞARILI");
    v["txnDetailList"] = Value::Array(rows.into_iter().map(|e| row(e, lists_refunds)).collect());
    Ok(Answer::ok(v))
}

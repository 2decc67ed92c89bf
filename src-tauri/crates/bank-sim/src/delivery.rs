//! What the client receives for a processed request under the faults drawn for it. When several
//! are drawn, the first that applies wins, in this order: a held id (504), a host reversal
//! (dropped), a dropped reply (the drop card, `drop_after_booking`, then `drop_follow_up_reply`
//! for 1002/1003/1005), a suspicious booking (504), HTTP 500, an unlisted responseCode, a
//! truncated body.

use axum::http::StatusCode;
use serde_json::{Value, json};

use crate::faults::FaultPlan;
use crate::host::{Answer, HostState};

/// The reply, or its absence.
#[derive(Debug)]
pub(crate) enum Delivery {
    /// Close the connection without a reply.
    Drop,
    /// An HTML error page, as a proxy in front of the host would send.
    Page(StatusCode, &'static str),
    /// A JSON body.
    Json(StatusCode, Value),
    /// A JSON body cut in half (unparsable).
    Truncated(StatusCode, String),
}

/// The responseCode no catalogue knows.
pub const UNLISTED_CODE: &str = "VPS-9997";
/// Its message.
pub const UNLISTED_MESSAGE: &str = "Beklenmeyen hata";

const GATEWAY_TIMEOUT: &str = "<html><body>504 Gateway Timeout</body></html>";
const INTERNAL_ERROR: &str = "<html><body>500 Internal Server Error</body></html>";

fn is_follow_up(txn_code: Option<&str>) -> bool {
    matches!(txn_code, Some("1002" | "1003" | "1005"))
}

fn books(txn_code: Option<&str>) -> bool {
    matches!(txn_code, Some("1000" | "1002" | "1003" | "1004" | "1005"))
}

/// The reply head of `answer` with the unlisted code and no host code.
fn unlisted(answer: &Value) -> Value {
    let mut v = json!({
        "txnCode": answer["txnCode"],
        "responseCode": UNLISTED_CODE,
        "responseMessage": UNLISTED_MESSAGE,
        "txnDateTime": answer["txnDateTime"],
        "terminal": answer["terminal"],
    });
    if let Some(order) = answer.get("order") {
        v["order"] = order.clone();
    }
    v
}

/// Decides the delivery; a suspicious booking or a host reversal is written to `host` here.
pub(crate) fn decide(host: &mut HostState, plan: &FaultPlan, answer: &Answer) -> Delivery {
    let txn_code = answer.txn_code.as_deref();
    if answer.held {
        return Delivery::Page(StatusCode::GATEWAY_TIMEOUT, GATEWAY_TIMEOUT);
    }
    if plan.technical_reversal
        && let Some(id) = answer.booked
        && host.reverse_technically(id)
    {
        return Delivery::Drop;
    }
    if answer.drop_connection || plan.drop_after || (plan.drop_follow_up && is_follow_up(txn_code))
    {
        return Delivery::Drop;
    }
    if plan.suspicious {
        if let Some(id) = answer.booked {
            host.mark_suspicious(id);
        }
        return Delivery::Page(StatusCode::GATEWAY_TIMEOUT, GATEWAY_TIMEOUT);
    }
    if plan.error_after {
        return Delivery::Page(StatusCode::INTERNAL_SERVER_ERROR, INTERNAL_ERROR);
    }
    let status = StatusCode::from_u16(answer.status).unwrap_or(StatusCode::OK);
    if plan.unlisted && status == StatusCode::OK && books(txn_code) {
        return Delivery::Json(status, unlisted(&answer.body));
    }
    if plan.malformed {
        let full = serde_json::to_string(&answer.body).unwrap_or_default();
        let cut: String = full.chars().take(full.chars().count() / 2).collect();
        return Delivery::Truncated(status, cut);
    }
    Delivery::Json(status, answer.body.clone())
}

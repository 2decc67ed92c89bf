//! Refusals that never reach the issuer: pre-host answers (`rrn` "0", batch 0), held order ids,
//! and host-level declines of follow-ups.

use serde_json::{Value, json};

use crate::cards::host_message;
use crate::host::{Answer, HostState, reply_head};
use crate::ledger::{EntryStatus, LedgerEntry};
use crate::txn::Ctx;

/// A reply for an answer that never reached the issuer.
pub(crate) fn pre_host(ctx: &Ctx, code: &str, message: &str, order: Value) -> Answer {
    let mut v = reply_head(ctx.txn_code, ctx.terminal, ctx.now, code, message);
    v["transaction"] = json!({"stan": 0, "rrn": "0", "batchNumber": 0});
    if !order.is_null() {
        v["order"] = order;
    }
    Answer::ok(v)
}

pub(crate) fn duplicate(ctx: &Ctx, id: &str, order: Value) -> Answer {
    pre_host(
        ctx,
        "VPS-1013",
        &format!("Sipariş Numarası : {id} tekil olmalıdır"),
        order,
    )
}

pub(crate) fn not_found(ctx: &Ctx, order: Value) -> Answer {
    pre_host(ctx, "VPS-1007", "Orjinal İşlem bulunamadı", order)
}

pub(crate) fn already_voided(ctx: &Ctx, order: Value) -> Answer {
    pre_host(ctx, "VPS-1008", "Daha önce iptal edilmiş işlem", order)
}

/// A host-level decline of a follow-up (no row booked): VPS-1005 with the host code.
pub(crate) fn host_refusal(ctx: &Ctx, host_code: &str, order: Value) -> Answer {
    let mut v = reply_head(
        ctx.txn_code,
        ctx.terminal,
        ctx.now,
        "VPS-1005",
        "Provizyon Hatası",
    );
    v["hostResponseCode"] = json!(host_code);
    v["hostMessage"] = json!(host_message(host_code));
    v["transaction"] = json!({"stan": 0, "rrn": "0", "batchNumber": 0});
    v["order"] = order;
    Answer::ok(v)
}

/// Reserves the order id of `row` without a visible record (fault `hold_without_record`).
/// Nothing reaches the issuer; the server answers HTTP 504.
pub(crate) fn hold(h: &mut HostState, mut row: LedgerEntry) -> Answer {
    row.status = EntryStatus::Held;
    h.book(row);
    let mut a = Answer::ok(Value::Null);
    a.held = true;
    a
}

//! Refusals that never reach the issuer: pre-host answers (`rrn` "0", batch 0), some of which
//! the host records and so spend the order id, held ids, and host-level declines of follow-ups.

use serde_json::{Value, json};
use tahsildar_akbank::card::Brand;

use crate::cards::{host_message, is_not_onus};
use crate::host::{Answer, HostState, Rules, reply_head};
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

/// What the host refuses before the issuer for a card and an instalment count, recording the
/// refusal (Akbank's history fixtures list such rows as "Başarısız" with batch 0): VPS-1066 for
/// a scheme the terminal does not take (American Express), VPS-1044 for instalments on a card
/// of another bank.
pub(crate) fn before_issuer(
    pan: &str,
    install: u64,
    rules: &Rules,
) -> Option<(&'static str, &'static str)> {
    if Brand::from_digits(pan) == Brand::Amex {
        return Some(("VPS-1066", "Bu kart şeması desteklenmemektedir."));
    }
    if install > 1 && is_not_onus(pan, rules.mastercard_test_card_not_onus) {
        return Some(("VPS-1044", "Not-Onus Kart hatalı taksit"));
    }
    None
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

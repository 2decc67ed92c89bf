//! Follow-up transactions on earlier ones: post-auth, refund, void, cancel of pending instalments.

use serde_json::{Value, json};

use crate::cards::host_message;
use crate::fields::{amount, order_id, track_id};
use crate::host::{Answer, HostState, reply_head};
use crate::ledger::{EntryStatus, LedgerEntry};
use crate::refusals::{already_voided, host_refusal, not_found, pre_host};
use crate::txn::{Ctx, entry, issue, issued_reply, sale_reply};

/// The original row of a follow-up: by orderId (a sale or pre-auth), or by orderTrackId plus
/// `recurring.recurringOrder` (a charged instalment).
fn original(h: &HostState, ctx: &Ctx) -> Result<(Option<u64>, Value), Answer> {
    let t = &ctx.terminal.terminal_safe_id;
    if ctx.req["order"]["orderTrackId"].is_string() {
        let track = track_id(ctx.req)?;
        let n = ctx.req["recurring"]["recurringOrder"].as_u64();
        let order = json!({"orderTrackId": track});
        let Some(n) = n else {
            return Err(Answer::missing("recurringOrder"));
        };
        let id = h
            .rows_for(t, &track)
            .into_iter()
            .find(|e| e.recurring_order == Some(n as u32) && e.txn_code == "1000")
            .map(|e| e.id);
        return Ok((id, order));
    }
    let oid = order_id(ctx.req)?;
    let id = h
        .rows_for(t, &oid)
        .into_iter()
        .find(|e| {
            e.order_id.as_deref() == Some(oid.as_str())
                && matches!(e.txn_code.as_str(), "1000" | "1004")
        })
        .map(|e| e.id);
    Ok((id, json!({"orderId": oid})))
}

/// 1005: closes an open pre-auth.
pub(crate) fn post_auth(h: &mut HostState, ctx: &Ctx) -> Result<Answer, Answer> {
    let oid = order_id(ctx.req)?;
    let (minor, currency) = amount(ctx.req)?;
    let order = json!({"orderId": oid});
    let pre = h
        .rows_for(&ctx.terminal.terminal_safe_id, &oid)
        .into_iter()
        .find(|e| e.order_id.as_deref() == Some(oid.as_str()) && e.txn_code == "1004")
        .cloned();
    let Some(pre) = pre else {
        return Ok(not_found(ctx, order));
    };
    match pre.status {
        EntryStatus::Voided | EntryStatus::TechnicallyReversed => {
            return Ok(already_voided(ctx, order));
        }
        EntryStatus::Approved => {}
        _ => return Ok(not_found(ctx, order)),
    }
    if pre.pre_auth_closed_minor.is_some() {
        return Ok(host_refusal(ctx, "12", order));
    }
    if minor > pre.amount_minor || currency != pre.currency {
        return Ok(host_refusal(ctx, "13", order));
    }
    let iss = issue(h, "00");
    let mut e = entry(ctx, &iss, "1005", minor, currency);
    e.auth_code = pre.auth_code.clone();
    e.order_id = Some(h.dice.uuid());
    e.org_order_id = Some(oid.clone());
    e.masked_pan = pre.masked_pan.clone();
    e.install_count = pre.install_count;
    h.book(e);
    let now = ctx.now.text.clone();
    h.ledger.update(pre.id, |p| {
        p.pre_auth_closed_minor = Some(minor);
        p.pre_auth_close_time = Some(now);
    });
    let mut v = sale_reply(ctx, &iss, order);
    v["transaction"]["authCode"] = json!(pre.auth_code);
    Ok(Answer::ok(v))
}

/// What a sale or closed pre-auth has captured, net of refunds.
fn captured(e: &LedgerEntry) -> i64 {
    let gross = if e.txn_code == "1004" {
        e.pre_auth_closed_minor.unwrap_or(0)
    } else {
        e.amount_minor
    };
    gross - e.refunded_minor
}

/// 1002: full (no `transaction`) or partial refund, never above what remains captured.
pub(crate) fn refund(h: &mut HostState, ctx: &Ctx) -> Result<Answer, Answer> {
    let (id, order) = original(h, ctx)?;
    let requested = if ctx.req.get("transaction").is_some() {
        Some(amount(ctx.req)?)
    } else {
        None
    };
    let Some(id) = id else {
        return Ok(not_found(ctx, order));
    };
    let orig = h.ledger.get(id).clone();
    match orig.status {
        EntryStatus::Voided | EntryStatus::TechnicallyReversed => {
            return Ok(already_voided(ctx, order));
        }
        EntryStatus::Approved => {}
        _ => return Ok(not_found(ctx, order)),
    }
    if orig.txn_code == "1004" && orig.pre_auth_closed_minor.is_none() {
        // An open pre-authorization cannot be refunded (void it instead).
        return Ok(host_refusal(ctx, "12", order));
    }
    let remaining = captured(&orig);
    let (minor, currency) = requested.unwrap_or((remaining, orig.currency));
    if currency != orig.currency || minor > remaining || remaining <= 0 {
        return Ok(host_refusal(ctx, "13", order));
    }
    let iss = issue(h, "00");
    let mut e = entry(ctx, &iss, "1002", minor, currency);
    e.order_id = Some(h.dice.uuid());
    e.org_order_id = orig.org_order_id.clone().or(orig.order_id.clone());
    e.order_track_id = orig.order_track_id.clone();
    e.recurring_order = orig.recurring_order;
    e.masked_pan = orig.masked_pan.clone();
    h.book(e);
    h.ledger.update(id, |o| o.refunded_minor += minor);
    Ok(Answer::ok(issued_reply(ctx, &iss, order, ctx.now.batch)))
}

/// 1003: voids an approved sale, open pre-auth or charged instalment. A captured pre-auth loses
/// its capture: by default, as on Akbank's test host, only the post-auth (1005) row is voided and
/// the pre-auth reopens with its hold (`preAuthStatus` O, close amount 0), so a second void
/// releases the pre-auth and a third gets VPS-1008; with `void_after_capture_voids_pre_auth`
/// both rows are voided at once. A row the host reversed itself gets VPS-1008 too.
pub(crate) fn void(h: &mut HostState, ctx: &Ctx) -> Result<Answer, Answer> {
    let (id, order) = original(h, ctx)?;
    let Some(id) = id else {
        return Ok(not_found(ctx, order));
    };
    let orig = h.ledger.get(id).clone();
    match orig.status {
        EntryStatus::Voided | EntryStatus::TechnicallyReversed => {
            return Ok(already_voided(ctx, order));
        }
        EntryStatus::Approved => {}
        _ => return Ok(not_found(ctx, order)),
    }
    if orig.refunded_minor > 0 {
        // Part of it was already refunded; a void would pay back twice.
        return Ok(host_refusal(ctx, "12", order));
    }
    let iss = issue(h, "00");
    let captures: Vec<u64> = h
        .rows_for(
            &ctx.terminal.terminal_safe_id,
            orig.order_id.as_deref().unwrap_or_default(),
        )
        .into_iter()
        .filter(|e| e.txn_code == "1005" && e.status == EntryStatus::Approved)
        .map(|e| e.id)
        .collect();
    let captured = orig.txn_code == "1004" && orig.pre_auth_closed_minor.is_some();
    if captured && !ctx.rules.void_after_capture_voids_pre_auth {
        h.ledger.update(id, |p| {
            p.pre_auth_closed_minor = None;
            p.pre_auth_close_time = None;
        });
    } else {
        h.ledger.update(id, |o| o.status = EntryStatus::Voided);
    }
    for f in captures {
        h.ledger.update(f, |o| o.status = EntryStatus::Voided);
    }
    let mut v = reply_head(ctx.txn_code, ctx.terminal, ctx.now, iss.code, iss.message);
    v["hostResponseCode"] = json!("00");
    v["hostMessage"] = json!(host_message("00"));
    v["order"] = order;
    Ok(Answer::ok(v))
}

/// 1013: cancels one waiting instalment, or all of them.
pub(crate) fn cancel_recurring(h: &mut HostState, ctx: &Ctx) -> Result<Answer, Answer> {
    let track = track_id(ctx.req)?;
    let order = json!({"orderTrackId": track});
    let n = match &ctx.req["recurring"]["recurringOrder"] {
        Value::Null => None,
        v => Some(
            v.as_u64()
                .ok_or_else(|| Answer::pattern("recurringOrder"))? as u32,
        ),
    };
    let waiting: Vec<u64> = h
        .rows_for(&ctx.terminal.terminal_safe_id, &track)
        .into_iter()
        .filter(|e| e.status == EntryStatus::Waiting && (n.is_none() || e.recurring_order == n))
        .map(|e| e.id)
        .collect();
    if waiting.is_empty() {
        return Ok(pre_host(ctx, "VPS-1059", "Planlı İşlem bulunamadı", order));
    }
    let now = ctx.now.text.clone();
    for id in waiting {
        let t = now.clone();
        h.ledger.update(id, |e| {
            e.status = EntryStatus::Cancelled;
            e.cancel_time = Some(t);
        });
    }
    let mut v = reply_head(ctx.txn_code, ctx.terminal, ctx.now, "VPS-0000", "BAŞARILI");
    v["order"] = order;
    Ok(Answer::ok(v))
}

//! New transactions (sale, pre-auth, recurring sale) and the booking and reply builders shared
//! with the follow-ups.

use serde_json::{Value, json};
use tahsildar_akbank::card::mask_digits;

use crate::cards::{CardVerdict, host_message, verdict};
use crate::config::SimTerminal;
use crate::fields::{amount, card, order_id, small_int, track_id};
use crate::host::{Answer, HostState, Now, Rules, reply_head};
use crate::ledger::{EntryStatus, LedgerEntry};
use crate::refusals::{before_issuer, duplicate, hold, pre_host};

/// The request being handled.
pub(crate) struct Ctx<'a> {
    pub(crate) terminal: &'a SimTerminal,
    pub(crate) req: &'a Value,
    pub(crate) now: &'a Now,
    pub(crate) txn_code: &'a str,
    pub(crate) rules: &'a Rules,
}

pub(crate) struct Issued {
    pub(crate) code: &'static str,
    pub(crate) message: &'static str,
    pub(crate) host: String,
    pub(crate) auth: String,
    pub(crate) rrn: String,
    pub(crate) stan: u32,
}

pub(crate) fn issue(h: &mut HostState, host_code: &str) -> Issued {
    let approved = host_code == "00";
    let stan = h.next_stan();
    let rrn = h.dice.digits(12);
    Issued {
        code: if approved { "VPS-0000" } else { "VPS-1005" },
        message: if approved {
            "BAŞARILI"
        } else {
            "Provizyon Hatası"
        },
        host: host_code.to_string(),
        auth: if approved {
            h.dice.digits(6)
        } else {
            "000000".into()
        },
        rrn,
        stan,
    }
}

/// A row of this request before any issuer answer: no codes, no RRN, batch 0 (as the host
/// writes a refusal that never reached the issuer). Declined until stamped.
pub(crate) fn bare_entry(ctx: &Ctx, txn_code: &str, amount: i64, currency: u16) -> LedgerEntry {
    LedgerEntry {
        id: 0,
        terminal_safe_id: ctx.terminal.terminal_safe_id.clone(),
        txn_code: txn_code.to_string(),
        order_id: None,
        org_order_id: None,
        order_track_id: None,
        recurring_order: None,
        amount_minor: amount,
        currency,
        install_count: 1,
        masked_pan: String::new(),
        status: EntryStatus::Declined,
        refunded_minor: 0,
        response_code: String::new(),
        response_message: String::new(),
        host_response_code: None,
        host_message: None,
        auth_code: None,
        rrn: None,
        stan: 0,
        batch_number: 0,
        time: ctx.now.text.clone(),
        planned_time: None,
        cancel_time: None,
        pre_auth_closed_minor: None,
        pre_auth_close_time: None,
        suspicious: false,
    }
}

/// A row with the issuer's answer.
pub(crate) fn entry(
    ctx: &Ctx,
    iss: &Issued,
    txn_code: &str,
    amount: i64,
    currency: u16,
) -> LedgerEntry {
    LedgerEntry {
        status: if iss.code == "VPS-0000" {
            EntryStatus::Approved
        } else {
            EntryStatus::Declined
        },
        response_code: iss.code.to_string(),
        response_message: iss.message.to_string(),
        host_response_code: Some(iss.host.clone()),
        host_message: Some(host_message(&iss.host).to_string()),
        auth_code: Some(iss.auth.clone()),
        rrn: Some(iss.rrn.clone()),
        stan: iss.stan,
        batch_number: ctx.now.batch,
        ..bare_entry(ctx, txn_code, amount, currency)
    }
}

pub(crate) fn issued_reply(ctx: &Ctx, iss: &Issued, order: Value, batch: u32) -> Value {
    let mut v = reply_head(ctx.txn_code, ctx.terminal, ctx.now, iss.code, iss.message);
    v["hostResponseCode"] = json!(iss.host);
    v["hostMessage"] = json!(host_message(&iss.host));
    v["order"] = order;
    v["transaction"] =
        json!({"authCode": iss.auth, "stan": iss.stan, "rrn": iss.rrn, "batchNumber": batch});
    v
}

pub(crate) fn sale_reply(ctx: &Ctx, iss: &Issued, order: Value) -> Value {
    let mut v = issued_reply(ctx, iss, order, ctx.now.batch);
    v["card"] = json!({"cardHolderName": ""});
    v["campaign"] = json!({"additionalInstallCount": 0, "deferingDate": "", "deferingMonth": 0});
    v
}

fn verdict_code(v: CardVerdict) -> &'static str {
    match v {
        CardVerdict::Approve | CardVerdict::ApproveThenDrop => "00",
        CardVerdict::Decline(c) => c,
    }
}

/// 1000 and 1004.
pub(crate) fn sale(h: &mut HostState, ctx: &Ctx) -> Result<Answer, Answer> {
    let id = order_id(ctx.req)?;
    let (minor, currency) = amount(ctx.req)?;
    let card = card(ctx.req, ctx.now)?;
    let install = small_int(ctx.req, "transaction", "installCount", 0..=12, 1)?.max(1);
    small_int(ctx.req, "transaction", "motoInd", 0..=1, 0)?;
    let order = json!({"orderId": id});
    if !h.rows_for(&ctx.terminal.terminal_safe_id, &id).is_empty() {
        return Ok(duplicate(ctx, &id, order));
    }
    let mut row = bare_entry(ctx, ctx.txn_code, minor, currency);
    row.order_id = Some(id.clone());
    row.org_order_id = Some(id.clone());
    row.install_count = install as u32;
    row.masked_pan = mask_digits(&card.pan);
    if ctx.rules.hold_without_record {
        return Ok(hold(h, row));
    }
    if let Some((code, message)) = before_issuer(&card.pan, install, ctx.rules) {
        // Refused before the issuer, yet recorded: the id is spent, the report lists the row.
        row.response_code = code.into();
        row.response_message = message.into();
        h.book(row);
        return Ok(pre_host(ctx, code, message, order));
    }
    let v = verdict(&card.pan, card.expired);
    let iss = issue(h, verdict_code(v));
    let mut e = entry(ctx, &iss, ctx.txn_code, minor, currency);
    e.order_id = row.order_id;
    e.org_order_id = row.org_order_id;
    e.install_count = row.install_count;
    e.masked_pan = row.masked_pan;
    let booked = h.book(e);
    let mut a = Answer::ok(sale_reply(ctx, &iss, order));
    a.drop_connection = v == CardVerdict::ApproveThenDrop;
    a.booked = Some(booked);
    Ok(a)
}

/// 1000 with `recurring`, keyed by `orderTrackId`.
pub(crate) fn recurring_sale(h: &mut HostState, ctx: &Ctx) -> Result<Answer, Answer> {
    let track = track_id(ctx.req)?;
    let (minor, currency) = amount(ctx.req)?;
    let card = card(ctx.req, ctx.now)?;
    let order = json!({"orderTrackId": track});
    if !ctx.terminal.recurring_allowed {
        return Ok(pre_host(
            ctx,
            "VPS-1061",
            "Bu üye işyerinin planlı ve tekrarlayan işlem yetkisi yoktur",
            order,
        ));
    }
    let r = &ctx.req["recurring"];
    let interval = r["frequencyInterval"]
        .as_u64()
        .filter(|n| (1..=99).contains(n));
    let cycle = r["frequencyCycle"]
        .as_str()
        .filter(|c| matches!(*c, "D" | "W" | "M" | "Y"));
    let count = r["numberOfPayments"]
        .as_u64()
        .filter(|n| (2..=120).contains(n));
    let (Some(interval), Some(cycle), Some(count)) = (interval, cycle, count) else {
        return Ok(pre_host(
            ctx,
            "VPS-1055",
            "Eksik veya geçersiz tekrarlayan ödeme alanları",
            order,
        ));
    };
    if !h
        .rows_for(&ctx.terminal.terminal_safe_id, &track)
        .is_empty()
    {
        return Ok(duplicate(ctx, &track, order));
    }
    let v = verdict(&card.pan, card.expired);
    let iss = issue(h, verdict_code(v));
    let approved = iss.code == "VPS-0000";
    let masked = mask_digits(&card.pan);
    let mut first = entry(ctx, &iss, "1000", minor, currency);
    first.order_id = Some(track.clone());
    first.org_order_id = Some(track.clone());
    first.order_track_id = Some(track.clone());
    first.recurring_order = Some(1);
    first.masked_pan = masked.clone();
    first.planned_time = Some(ctx.now.text.clone());
    let booked = h.book(first);
    if approved {
        for n in 2..=count {
            let k = (n - 1) * interval;
            let span = match cycle {
                "D" => jiff::Span::new().days(k as i64),
                "W" => jiff::Span::new().weeks(k as i64),
                "M" => jiff::Span::new().months(k as i64),
                _ => jiff::Span::new().years(k as i64),
            };
            let planned = ctx
                .now
                .zoned
                .checked_add(span)
                .map(|z| z.strftime("%Y-%m-%dT%H:%M:%S%.3f").to_string())
                .unwrap_or_default();
            let mut w = entry(ctx, &iss, "1000", minor, currency);
            w.status = EntryStatus::Waiting;
            w.order_track_id = Some(track.clone());
            w.recurring_order = Some(n as u32);
            w.masked_pan = masked.clone();
            w.planned_time = Some(planned);
            w.response_code = String::new();
            w.response_message = String::new();
            w.host_response_code = None;
            w.host_message = None;
            w.auth_code = None;
            w.rrn = None;
            w.stan = 0;
            w.time = String::new();
            h.book(w);
        }
    }
    let mut a = Answer::ok(sale_reply(
        ctx,
        &iss,
        json!({"orderId": track, "orderTrackId": track}),
    ));
    a.drop_connection = v == CardVerdict::ApproveThenDrop;
    a.booked = Some(booked);
    Ok(a)
}

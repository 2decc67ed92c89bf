//! Transactions that change the ledger: sale, pre/post-auth, refund, void, recurring.

use serde_json::{Value, json};
use tahsildar_akbank::card::mask_digits;
use tahsildar_akbank::money::wire_to_minor;

use crate::cards::{CardVerdict, host_message, verdict};
use crate::config::SimTerminal;
use crate::host::{Answer, HostState, Now, reply_head};
use crate::ledger::{EntryStatus, LedgerEntry};

/// The request being handled.
pub(crate) struct Ctx<'a> {
    pub(crate) terminal: &'a SimTerminal,
    pub(crate) req: &'a Value,
    pub(crate) now: &'a Now,
    pub(crate) txn_code: &'a str,
}

const CURRENCIES: [u16; 6] = [949, 840, 978, 826, 392, 643];

fn id_ok(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 64
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// `transaction.amount` (string `^\d+\.\d{2}$`) and `currencyCode`.
fn amount(req: &Value) -> Result<(i64, u16), Answer> {
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

fn order_id(req: &Value) -> Result<String, Answer> {
    match &req["order"]["orderId"] {
        Value::Null => Err(Answer::missing("orderId")),
        Value::String(s) if id_ok(s) => Ok(s.clone()),
        _ => Err(Answer::pattern("orderId")),
    }
}

fn track_id(req: &Value) -> Result<String, Answer> {
    match &req["order"]["orderTrackId"] {
        Value::Null => Err(Answer::missing("orderTrackId")),
        Value::String(s) if id_ok(s) => Ok(s.clone()),
        _ => Err(Answer::pattern("orderTrackId")),
    }
}

struct CardIn {
    pan: String,
    expired: bool,
}

fn card(req: &Value, now: &Now) -> Result<CardIn, Answer> {
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

fn small_int(
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

/// A reply for an answer that never reached the issuer.
fn pre_host(ctx: &Ctx, code: &str, message: &str, order: Value) -> Answer {
    let mut v = reply_head(ctx.txn_code, ctx.terminal, ctx.now, code, message);
    v["transaction"] = json!({"stan": 0, "rrn": "0", "batchNumber": 0});
    if !order.is_null() {
        v["order"] = order;
    }
    Answer::ok(v)
}

fn duplicate(ctx: &Ctx, id: &str, order: Value) -> Answer {
    pre_host(
        ctx,
        "VPS-1013",
        &format!("Sipariş Numarası : {id} tekil olmalıdır"),
        order,
    )
}

fn not_found(ctx: &Ctx, order: Value) -> Answer {
    pre_host(ctx, "VPS-1007", "Orjinal İşlem bulunamadı", order)
}

fn already_voided(ctx: &Ctx, order: Value) -> Answer {
    pre_host(ctx, "VPS-1008", "Daha önce iptal edilmiş işlem", order)
}

/// A host-level decline of a follow-up (no row booked): VPS-1005 with the host code.
fn host_refusal(ctx: &Ctx, host_code: &str, order: Value) -> Answer {
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

struct Issued {
    code: &'static str,
    message: &'static str,
    host: String,
    auth: String,
    rrn: String,
    stan: u32,
}

fn issue(h: &mut HostState, host_code: &str) -> Issued {
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

fn entry(ctx: &Ctx, iss: &Issued, txn_code: &str, amount: i64, currency: u16) -> LedgerEntry {
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
        status: if iss.code == "VPS-0000" {
            EntryStatus::Approved
        } else {
            EntryStatus::Declined
        },
        refunded_minor: 0,
        response_code: iss.code.to_string(),
        response_message: iss.message.to_string(),
        host_response_code: Some(iss.host.clone()),
        host_message: Some(host_message(&iss.host).to_string()),
        auth_code: Some(iss.auth.clone()),
        rrn: Some(iss.rrn.clone()),
        stan: iss.stan,
        batch_number: ctx.now.batch,
        time: ctx.now.text.clone(),
        planned_time: None,
        cancel_time: None,
        pre_auth_closed_minor: None,
        pre_auth_close_time: None,
    }
}

fn issued_reply(ctx: &Ctx, iss: &Issued, order: Value, batch: u32) -> Value {
    let mut v = reply_head(ctx.txn_code, ctx.terminal, ctx.now, iss.code, iss.message);
    v["hostResponseCode"] = json!(iss.host);
    v["hostMessage"] = json!(host_message(&iss.host));
    v["order"] = order;
    v["transaction"] =
        json!({"authCode": iss.auth, "stan": iss.stan, "rrn": iss.rrn, "batchNumber": batch});
    v
}

fn sale_reply(ctx: &Ctx, iss: &Issued, order: Value) -> Value {
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
    let v = verdict(&card.pan, card.expired);
    let iss = issue(h, verdict_code(v));
    let mut e = entry(ctx, &iss, ctx.txn_code, minor, currency);
    e.order_id = Some(id.clone());
    e.org_order_id = Some(id.clone());
    e.install_count = install as u32;
    e.masked_pan = mask_digits(&card.pan);
    h.book(e);
    let mut a = Answer::ok(sale_reply(ctx, &iss, order));
    a.drop_connection = v == CardVerdict::ApproveThenDrop;
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
    h.book(first);
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
    Ok(a)
}

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
        EntryStatus::Voided => return Ok(already_voided(ctx, order)),
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
        EntryStatus::Voided => return Ok(already_voided(ctx, order)),
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

/// 1003: voids an approved sale, pre-auth (with its post-auth) or charged instalment.
pub(crate) fn void(h: &mut HostState, ctx: &Ctx) -> Result<Answer, Answer> {
    let (id, order) = original(h, ctx)?;
    let Some(id) = id else {
        return Ok(not_found(ctx, order));
    };
    let orig = h.ledger.get(id).clone();
    match orig.status {
        EntryStatus::Voided => return Ok(already_voided(ctx, order)),
        EntryStatus::Approved => {}
        _ => return Ok(not_found(ctx, order)),
    }
    if orig.refunded_minor > 0 {
        // Part of it was already refunded; a void would pay back twice.
        return Ok(host_refusal(ctx, "12", order));
    }
    let iss = issue(h, "00");
    h.ledger.update(id, |o| o.status = EntryStatus::Voided);
    let follow_ups: Vec<u64> = h
        .rows_for(
            &ctx.terminal.terminal_safe_id,
            orig.order_id.as_deref().unwrap_or_default(),
        )
        .into_iter()
        .filter(|e| e.txn_code == "1005" && e.status == EntryStatus::Approved)
        .map(|e| e.id)
        .collect();
    for f in follow_ups {
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

//! `report summary|ledger|arrears|upcoming`: the accounts, as people read them or (with
//! `--json`) as scripts read them, amounts as two-decimal strings per currency.

use clap::Subcommand;
use serde_json::{Map, Value, json};
use tahsildar_core::reports::Figure;
use tahsildar_core::reports::arrears::{ArrearsPage, ArrearsQuery, arrears};
use tahsildar_core::reports::ledger::{Ledger, LedgerEntry, LedgerQuery, ledger};
use tahsildar_core::reports::summary::{PeriodSummary, SummaryQuery, summary};
use tahsildar_core::reports::upcoming::{Upcoming, UpcomingQuery, upcoming};
use tahsildar_core::{Lang, Session};
use tahsildar_core::{customer, plan};

use crate::args::Cli;
use crate::commands::{Result, sign_in, store_id};
use crate::output::Output;

/// The accounts: who owes what and what came in.
#[derive(Debug, Subcommand)]
pub enum ReportCommand {
    /// What was due, collected, declined, pending, refunded and voided of the payments due in
    /// a period, with the collection rate, by day and the bank's reasons for the declines.
    Summary {
        #[arg(long, value_name = "STORE")]
        store: Option<String>,
        #[arg(long, value_name = "YYYY-MM-DD")]
        from: String,
        #[arg(long, value_name = "YYYY-MM-DD")]
        to: String,
    },
    /// A customer's ledger: every due, charge, decline, void and refund with the balance.
    Ledger {
        #[arg(long, value_name = "STORE")]
        store: String,
        #[arg(long = "ref", value_name = "REF")]
        reference: String,
        /// The day the ledger is drawn up to (YYYY-MM-DD); today by default.
        #[arg(long, value_name = "YYYY-MM-DD")]
        as_of: Option<String>,
    },
    /// The customers who owe, with the oldest unpaid due date and the amounts by age.
    Arrears {
        #[arg(long, value_name = "STORE")]
        store: Option<String>,
        #[arg(long, value_name = "YYYY-MM-DD")]
        as_of: Option<String>,
    },
    /// What falls due in the coming days, and the payments whose card will have expired.
    Upcoming {
        #[arg(long, value_name = "STORE")]
        store: Option<String>,
        /// Days ahead, today included (1 to 92).
        #[arg(long, value_name = "N", default_value_t = 7)]
        days: u16,
    },
}

fn store_of(session: &Session, name: &Option<String>) -> Result<Option<i64>> {
    name.as_deref().map(|s| store_id(session, s)).transpose()
}

fn day(field: &'static str, text: &Option<String>) -> Result<Option<jiff::civil::Date>> {
    Ok(text
        .as_deref()
        .map(|t| plan::parse_date(field, t))
        .transpose()?)
}

pub(crate) fn summary_query(
    session: &Session,
    store: &Option<String>,
    from: &str,
    to: &str,
) -> Result<SummaryQuery> {
    Ok(SummaryQuery {
        store_id: store_of(session, store)?,
        from: plan::parse_date("from", from)?,
        to: plan::parse_date("to", to)?,
    })
}

pub(crate) fn ledger_query(
    session: &Session,
    store: &str,
    reference: &str,
    as_of: &Option<String>,
) -> Result<LedgerQuery> {
    let store = store_id(session, store)?;
    let customer_id = session
        .vault()
        .db()
        .read(|c| customer::find_by_reference(c, store, reference))?;
    Ok(LedgerQuery {
        customer_id,
        as_of: day("as of", as_of)?,
        plan_id: None,
    })
}

pub(crate) fn arrears_query(
    session: &Session,
    store: &Option<String>,
    as_of: &Option<String>,
) -> Result<ArrearsQuery> {
    Ok(ArrearsQuery {
        store_id: store_of(session, store)?,
        as_of: day("as of", as_of)?,
        limit: Some(tahsildar_core::reports::arrears::MAX_PAGE),
        ..ArrearsQuery::default()
    })
}

pub fn run(cli: &Cli, out: &Output, command: &ReportCommand) -> Result<()> {
    let session = sign_in(cli)?;
    match command {
        ReportCommand::Summary { store, from, to } => {
            let report = summary(&session, &summary_query(&session, store, from, to)?)?;
            let text = summary_text(&report, out.lang);
            out.result(text.clone(), text, summary_json(&report, out.lang))
        }
        ReportCommand::Ledger {
            store,
            reference,
            as_of,
        } => {
            let report = ledger(&session, &ledger_query(&session, store, reference, as_of)?)?;
            let text = ledger_text(&report, out.lang);
            out.result(text.clone(), text, ledger_json(&report, out.lang))
        }
        ReportCommand::Arrears { store, as_of } => {
            let report = arrears(&session, &arrears_query(&session, store, as_of)?)?;
            let text = arrears_text(&report, out.lang);
            out.result(text.clone(), text, arrears_json(&report))
        }
        ReportCommand::Upcoming { store, days } => {
            let query = UpcomingQuery {
                store_id: store_of(&session, store)?,
                days: Some(*days),
            };
            let report = upcoming(&session, &query)?;
            let text = upcoming_text(&report, out.lang);
            out.result(text.clone(), text, upcoming_json(&report))
        }
    }
}

/// "1234.50".
fn wire(minor: i64) -> String {
    let sign = if minor < 0 { "-" } else { "" };
    format!(
        "{sign}{}.{:02}",
        minor.unsigned_abs() / 100,
        minor.unsigned_abs() % 100
    )
}

/// "1.234,50 TRY" (Turkish) or "1,234.50 TRY".
fn money(lang: Lang, minor: i64, currency: &str) -> String {
    format!("{} {currency}", lang.amount(minor))
}

fn figure(f: &Figure) -> Value {
    json!({ "count": f.count, "amount": wire(f.minor) })
}

/// `{ "TRY": value, ... }`.
fn per_currency<T>(
    items: &[T],
    currency: impl Fn(&T) -> &str,
    value: impl Fn(&T) -> Value,
) -> Value {
    let mut map = Map::new();
    for item in items {
        map.insert(currency(item).to_string(), value(item));
    }
    Value::Object(map)
}

fn summary_json(r: &PeriodSummary, lang: Lang) -> Value {
    let pick = |f: fn(&tahsildar_core::reports::summary::Totals) -> &Figure| {
        per_currency(&r.totals, |t| t.currency.as_str(), |t| figure(f(t)))
    };
    json!({
        "from": r.from,
        "to": r.to,
        "due": pick(|t| &t.due),
        "collected": pick(|t| &t.collected),
        "declined": pick(|t| &t.declined),
        "pending": pick(|t| &t.pending),
        "refunded": pick(|t| &t.refunded),
        "voided": pick(|t| &t.voided),
        "cancelled": pick(|t| &t.cancelled),
        "collection_rate": per_currency(&r.totals, |t| t.currency.as_str(),
            |t| json!({ "amount": t.rate_amount, "count": t.rate_count })),
        "by_day": r.by_day.iter().map(|d| json!({
            "day": d.day, "currency": d.currency, "due": figure(&d.due), "collected": figure(&d.collected),
        })).collect::<Vec<_>>(),
        "by_month": r.by_month.iter().map(|d| json!({
            "month": d.day, "currency": d.currency, "due": figure(&d.due), "collected": figure(&d.collected),
        })).collect::<Vec<_>>(),
        "declines": r.declines.iter().map(|d| json!({
            "vps_code": d.vps_code, "host_code": d.host_code, "reason": d.text.get(lang),
            "attempts": d.attempts, "payments": d.payments,
        })).collect::<Vec<_>>(),
        "by_kind": r.by_kind.iter().map(|k| json!({
            "kind": k.kind, "currency": k.currency, "due": figure(&k.due), "collected": figure(&k.collected),
        })).collect::<Vec<_>>(),
        "by_batch": r.by_batch.iter().map(|b| json!({
            "batch": b.batch_id, "file": b.file_name, "currency": b.currency,
            "due": figure(&b.due), "collected": figure(&b.collected),
        })).collect::<Vec<_>>(),
    })
}

fn summary_text(r: &PeriodSummary, lang: Lang) -> String {
    let mut lines = vec![lang.pick(
        format!("{} – {} arasında vadesi gelen ödemeler", r.from, r.to),
        format!("Payments due from {} to {}", r.from, r.to),
    )];
    if r.totals.is_empty() {
        lines.push(lang.pick("Bu dönemde ödeme yok.", "No payments in this period."));
    }
    for t in &r.totals {
        let row = |tr: &str, en: &str, f: &Figure| {
            format!(
                "  {:<12} {:>5}  {}",
                lang.pick(tr, en),
                f.count,
                money(lang, f.minor, &t.currency)
            )
        };
        lines.push(format!("{}:", t.currency));
        lines.push(row("Vadesi gelen", "Due", &t.due));
        lines.push(row("Tahsil", "Collected", &t.collected));
        lines.push(row("Reddedilen", "Declined", &t.declined));
        lines.push(row("Bekleyen", "Pending", &t.pending));
        lines.push(row("İade", "Refunded", &t.refunded));
        lines.push(row("İptal (banka)", "Voided", &t.voided));
        lines.push(format!(
            "  {}: %{:.1}",
            lang.pick("Tahsilat oranı", "Collection rate"),
            t.rate_amount * 100.0
        ));
    }
    for d in &r.declines {
        lines.push(format!(
            "  {} {}: {} — {}",
            d.host_code
                .as_deref()
                .or(d.vps_code.as_deref())
                .unwrap_or("-"),
            lang.pick("red", "declined"),
            d.attempts,
            d.text.get(lang)
        ));
    }
    lines.join("\n")
}

fn ledger_json(r: &Ledger, lang: Lang) -> Value {
    let total = |f: fn(&tahsildar_core::reports::ledger::LedgerTotals) -> i64| {
        per_currency(&r.totals, |t| t.currency.as_str(), |t| json!(wire(f(t))))
    };
    json!({
        "customer": { "id": r.customer.id, "ref": r.customer.reference, "name": r.customer.name },
        "as_of": r.as_of,
        "lines": r.lines.iter().map(|l| json!({
            "date": l.date, "entry": l.entry, "payment": l.payment_id, "currency": l.currency,
            "amount": wire(l.amount_minor), "balance": wire(l.balance_minor), "owed": l.owed,
            "masked_pan": l.masked_pan, "order_id": l.order_id,
            "host_code": l.host_code, "vps_code": l.vps_code,
            "reason": l.reason.as_ref().map(|t| t.get(lang)),
        })).collect::<Vec<_>>(),
        "due": total(|t| t.due_minor),
        "paid": total(|t| t.paid_minor),
        "refunded": total(|t| t.refunded_minor),
        "arrears": total(|t| t.arrears_minor),
        "balance": total(|t| t.balance_minor),
    })
}

fn entry_word(entry: LedgerEntry, lang: Lang) -> String {
    let (tr, en) = match entry {
        LedgerEntry::Due => ("Tahakkuk", "Due"),
        LedgerEntry::Charge => ("Tahsilat", "Charge"),
        LedgerEntry::Decline => ("Red", "Declined"),
        LedgerEntry::Void => ("İptal", "Void"),
        LedgerEntry::Refund => ("İade", "Refund"),
    };
    lang.pick(tr, en)
}

fn ledger_text(r: &Ledger, lang: Lang) -> String {
    let mut lines = vec![format!(
        "{} {} — {} {}",
        r.customer.reference,
        r.customer.name,
        lang.pick("ekstre,", "ledger as of"),
        r.as_of
    )];
    for l in &r.lines {
        lines.push(format!(
            "{}  {:<10} {:>16}  {:>16}{}",
            l.date,
            entry_word(l.entry, lang),
            money(lang, l.amount_minor, &l.currency),
            money(lang, l.balance_minor, &l.currency),
            l.reason
                .as_ref()
                .map(|t| format!("  {}", t.get(lang)))
                .unwrap_or_default()
        ));
    }
    for t in &r.totals {
        lines.push(lang.pick(
            format!(
                "{}: tahakkuk {}, tahsil {}, iade {}, gecikmiş {}",
                t.currency,
                lang.amount(t.due_minor),
                lang.amount(t.paid_minor),
                lang.amount(t.refunded_minor),
                lang.amount(t.arrears_minor)
            ),
            format!(
                "{}: due {}, paid {}, refunded {}, arrears {}",
                t.currency,
                lang.amount(t.due_minor),
                lang.amount(t.paid_minor),
                lang.amount(t.refunded_minor),
                lang.amount(t.arrears_minor)
            ),
        ));
    }
    lines.join("\n")
}

fn arrears_json(r: &ArrearsPage) -> Value {
    json!({
        "as_of": r.as_of,
        "customers": r.rows.iter().map(|c| json!({
            "id": c.customer_id, "ref": c.reference, "name": c.name, "store": c.store,
            "currency": c.currency, "arrears": wire(c.arrears_minor), "payments": c.payments,
            "oldest_due": c.oldest_due,
            "buckets": {
                "0-30": wire(c.ageing.days_0_30), "31-60": wire(c.ageing.days_31_60),
                "61-90": wire(c.ageing.days_61_90), "90+": wire(c.ageing.days_over_90),
            },
        })).collect::<Vec<_>>(),
        "total": per_currency(&r.totals, |t| t.currency.as_str(),
            |t| json!({ "arrears": wire(t.arrears_minor), "customers": t.customers })),
    })
}

fn arrears_text(r: &ArrearsPage, lang: Lang) -> String {
    let mut lines = vec![lang.pick(
        format!("{} itibarıyla borçlular", r.as_of),
        format!("Arrears as of {}", r.as_of),
    )];
    if r.rows.is_empty() {
        lines.push(lang.pick("Gecikmiş ödeme yok.", "Nobody owes anything."));
    }
    for c in &r.rows {
        lines.push(format!(
            "{:<12} {:<28} {:>16}  {} {}",
            c.reference,
            c.name,
            money(lang, c.arrears_minor, &c.currency),
            lang.pick("en eski", "oldest"),
            c.oldest_due
        ));
    }
    lines.join("\n")
}

fn upcoming_json(r: &Upcoming) -> Value {
    json!({
        "from": r.from,
        "to": r.to,
        "days": r.days.iter().map(|d| json!({
            "day": d.day, "currency": d.currency, "count": d.due.count, "amount": wire(d.due.minor),
        })).collect::<Vec<_>>(),
        "expiring": r.expiring.iter().map(|e| json!({
            "payment": e.payment_id, "ref": e.reference, "name": e.name, "due_date": e.due_date,
            "amount": wire(e.amount_minor), "currency": e.currency, "masked_pan": e.masked_pan,
            "valid_through": e.valid_through,
        })).collect::<Vec<_>>(),
    })
}

fn upcoming_text(r: &Upcoming, lang: Lang) -> String {
    let mut lines = vec![lang.pick(
        format!("{} – {} arasında vadesi gelecekler", r.from, r.to),
        format!("Falling due from {} to {}", r.from, r.to),
    )];
    for d in &r.days {
        lines.push(format!(
            "{}  {:>5}  {}",
            d.day,
            d.due.count,
            money(lang, d.due.minor, &d.currency)
        ));
    }
    for e in &r.expiring {
        lines.push(lang.pick(
            format!(
                "Kartın süresi dolmuş olacak: {} {} ({}, son gün {}) — vade {}",
                e.reference, e.name, e.masked_pan, e.valid_through, e.due_date
            ),
            format!(
                "Card will have expired: {} {} ({}, last day {}) — due {}",
                e.reference, e.name, e.masked_pan, e.valid_through, e.due_date
            ),
        ));
    }
    lines.join("\n")
}

//! The exported tables: what each report looks like as rows and columns, headers in the
//! user's language.

use super::sheet::{Cell, Column, Sheet};
use crate::audit::AuditRow;
use crate::i18n::Lang;
use crate::payments::PaymentRow;
use crate::reports::Figure;
use crate::reports::arrears::ArrearsRow;
use crate::reports::ledger::{Ledger, LedgerEntry};
use crate::reports::summary::PeriodSummary;

fn columns(lang: Lang, list: &[(&str, &str, Column)]) -> Vec<(String, Column)> {
    list.iter()
        .map(|(tr, en, kind)| (lang.pick(*tr, *en), *kind))
        .collect()
}

pub(crate) fn payments(rows: &[PaymentRow], lang: Lang) -> Sheet {
    let mut sheet = Sheet::new(
        lang.pick("Ödemeler", "Payments"),
        columns(
            lang,
            &[
                ("No", "No", Column::Count),
                ("Mağaza", "Store", Column::Text),
                ("Müşteri no", "Customer ref", Column::Text),
                ("Müşteri", "Customer", Column::Text),
                ("Vade", "Due date", Column::Date),
                ("Tutar", "Amount", Column::Money),
                ("Para birimi", "Currency", Column::Text),
                ("Durum", "Status", Column::Text),
                ("Kart", "Card", Column::Text),
                ("Sipariş no", "Order id", Column::Text),
                ("Banka kodu", "Bank code", Column::Text),
                ("Deneme", "Attempts", Column::Count),
            ],
        ),
    );
    for p in rows {
        sheet.rows.push(vec![
            Cell::Count(p.id),
            Cell::text(&p.store),
            Cell::text(&p.customer_ref),
            Cell::text(&p.customer_name),
            Cell::day(&p.due_date),
            Cell::Money(p.amount_minor, p.currency.clone()),
            Cell::text(&p.currency),
            Cell::text(p.status.text().get(lang)),
            Cell::maybe(p.masked_pan.clone()),
            Cell::maybe(p.order_id.clone()),
            Cell::maybe(p.host_code.clone().or(p.vps_code.clone())),
            Cell::Count(p.attempts),
        ]);
    }
    sheet
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

pub(crate) fn ledger(ledger: &Ledger, lang: Lang) -> Sheet {
    let mut sheet = Sheet::new(
        format!(
            "{} {}",
            lang.pick("Ekstre", "Ledger"),
            ledger.customer.reference
        ),
        columns(
            lang,
            &[
                ("Tarih", "Date", Column::Date),
                ("İşlem", "Entry", Column::Text),
                ("Tutar", "Amount", Column::Money),
                ("Bakiye", "Balance", Column::Money),
                ("Gecikmiş", "Owed", Column::Text),
                ("Kart", "Card", Column::Text),
                ("Sipariş no", "Order id", Column::Text),
                ("Açıklama", "Reason", Column::Text),
            ],
        ),
    );
    for l in &ledger.lines {
        sheet.rows.push(vec![
            Cell::day(&l.date),
            Cell::text(entry_word(l.entry, lang)),
            Cell::Money(l.amount_minor, l.currency.clone()),
            Cell::Money(l.balance_minor, l.currency.clone()),
            if l.owed {
                Cell::text(lang.pick("evet", "yes"))
            } else {
                Cell::Empty
            },
            Cell::maybe(l.masked_pan.clone()),
            Cell::maybe(l.order_id.clone()),
            Cell::maybe(l.reason.as_ref().map(|t| t.get(lang))),
        ]);
    }
    sheet
}

pub(crate) fn arrears(rows: &[ArrearsRow], lang: Lang) -> Sheet {
    let mut sheet = Sheet::new(
        lang.pick("Borçlular", "Arrears"),
        columns(
            lang,
            &[
                ("Müşteri no", "Customer ref", Column::Text),
                ("Müşteri", "Customer", Column::Text),
                ("Mağaza", "Store", Column::Text),
                ("Gecikmiş", "Arrears", Column::Money),
                ("Ödeme", "Payments", Column::Count),
                ("En eski vade", "Oldest due", Column::Date),
                ("0-30 gün", "0-30 days", Column::Money),
                ("31-60 gün", "31-60 days", Column::Money),
                ("61-90 gün", "61-90 days", Column::Money),
                ("90+ gün", "90+ days", Column::Money),
            ],
        ),
    );
    for r in rows {
        let money = |minor: i64| Cell::Money(minor, r.currency.clone());
        sheet.rows.push(vec![
            Cell::text(&r.reference),
            Cell::text(&r.name),
            Cell::text(&r.store),
            money(r.arrears_minor),
            Cell::Count(r.payments),
            Cell::day(&r.oldest_due),
            money(r.ageing.days_0_30),
            money(r.ageing.days_31_60),
            money(r.ageing.days_61_90),
            money(r.ageing.days_over_90),
        ]);
    }
    sheet
}

pub(crate) fn summary(s: &PeriodSummary, lang: Lang) -> Vec<Sheet> {
    let mut totals = Sheet::new(
        lang.pick("Özet", "Summary"),
        columns(
            lang,
            &[
                ("Para birimi", "Currency", Column::Text),
                ("Kalem", "Item", Column::Text),
                ("Adet", "Count", Column::Count),
                ("Tutar", "Amount", Column::Money),
            ],
        ),
    );
    for t in &s.totals {
        let items: [(&str, &str, &Figure); 7] = [
            ("Vadesi gelen", "Due", &t.due),
            ("Tahsil edilen", "Collected", &t.collected),
            ("Reddedilen", "Declined", &t.declined),
            ("Bekleyen", "Pending", &t.pending),
            ("İade edilen", "Refunded", &t.refunded),
            ("Bankada iptal", "Voided", &t.voided),
            ("İptal edilen", "Cancelled", &t.cancelled),
        ];
        for (tr, en, f) in items {
            totals.rows.push(vec![
                Cell::text(&t.currency),
                Cell::text(lang.pick(tr, en)),
                Cell::Count(f.count),
                Cell::Money(f.minor, t.currency.clone()),
            ]);
        }
        totals.rows.push(vec![
            Cell::text(&t.currency),
            Cell::text(lang.pick("Tahsilat oranı (tutar)", "Collection rate (amount)")),
            Cell::Rate(t.rate_amount),
            Cell::Empty,
        ]);
    }
    let mut days = Sheet::new(
        lang.pick("Günlere göre", "By day"),
        columns(
            lang,
            &[
                ("Gün", "Day", Column::Date),
                ("Para birimi", "Currency", Column::Text),
                ("Vadesi gelen adet", "Due count", Column::Count),
                ("Vadesi gelen", "Due", Column::Money),
                ("Tahsil adet", "Collected count", Column::Count),
                ("Tahsil edilen", "Collected", Column::Money),
            ],
        ),
    );
    for d in &s.by_day {
        days.rows.push(vec![
            Cell::day(&d.day),
            Cell::text(&d.currency),
            Cell::Count(d.due.count),
            Cell::Money(d.due.minor, d.currency.clone()),
            Cell::Count(d.collected.count),
            Cell::Money(d.collected.minor, d.currency.clone()),
        ]);
    }
    let due_and_collected = |first: (&str, &str, Column)| {
        columns(
            lang,
            &[
                first,
                ("Para birimi", "Currency", Column::Text),
                ("Vadesi gelen adet", "Due count", Column::Count),
                ("Vadesi gelen", "Due", Column::Money),
                ("Tahsil adet", "Collected count", Column::Count),
                ("Tahsil edilen", "Collected", Column::Money),
            ],
        )
    };
    let figures = |name: Cell, currency: &str, due: &Figure, collected: &Figure| {
        vec![
            name,
            Cell::text(currency),
            Cell::Count(due.count),
            Cell::Money(due.minor, currency.to_string()),
            Cell::Count(collected.count),
            Cell::Money(collected.minor, currency.to_string()),
        ]
    };
    let mut months = Sheet::new(
        lang.pick("Aylara göre", "By month"),
        due_and_collected(("Ay", "Month", Column::Text)),
    );
    for m in &s.by_month {
        months.rows.push(figures(
            Cell::text(&m.day),
            &m.currency,
            &m.due,
            &m.collected,
        ));
    }
    let mut kinds = Sheet::new(
        lang.pick("Tahsilat türüne göre", "By kind"),
        due_and_collected(("Tür", "Kind", Column::Text)),
    );
    for k in &s.by_kind {
        let name = Cell::text(k.kind.text().get(lang));
        kinds
            .rows
            .push(figures(name, &k.currency, &k.due, &k.collected));
    }
    let mut batches = Sheet::new(
        lang.pick("Aktarımlara göre", "By import"),
        due_and_collected(("Dosya", "File", Column::Text)),
    );
    for b in &s.by_batch {
        let name = Cell::text(format!("{} (#{})", b.file_name, b.batch_id));
        batches
            .rows
            .push(figures(name, &b.currency, &b.due, &b.collected));
    }
    let mut declines = Sheet::new(
        lang.pick("Red nedenleri", "Declines"),
        columns(
            lang,
            &[
                ("Banka kodu", "Bank code", Column::Text),
                ("Açıklama", "Meaning", Column::Text),
                ("Deneme", "Attempts", Column::Count),
                ("Ödeme", "Payments", Column::Count),
            ],
        ),
    );
    for d in &s.declines {
        declines.rows.push(vec![
            Cell::maybe(d.host_code.clone().or(d.vps_code.clone())),
            Cell::text(d.text.get(lang)),
            Cell::Count(d.attempts),
            Cell::Count(d.payments),
        ]);
    }
    let mut runs = Sheet::new(
        lang.pick("Çalıştırmalar", "Runs"),
        columns(
            lang,
            &[
                ("Başladı", "Started", Column::Text),
                ("Bitti", "Finished", Column::Text),
                ("Mağaza", "Store", Column::Text),
                ("Ödeme", "Payments", Column::Count),
                ("Onaylanan", "Approved", Column::Count),
                ("Reddedilen", "Declined", Column::Count),
                ("İlgi bekleyen", "Attention", Column::Count),
                ("Sonraya kalan", "Left for later", Column::Count),
                (
                    "İptal, iade, kapama",
                    "Voids, refunds, captures",
                    Column::Count,
                ),
            ],
        ),
    );
    for r in &s.runs {
        runs.rows.push(vec![
            Cell::text(local_time(&r.started_at)),
            Cell::text(local_time(&r.finished_at)),
            Cell::text(
                r.store
                    .clone()
                    .unwrap_or_else(|| lang.pick("Tüm mağazalar", "Every store")),
            ),
            Cell::Count(r.payments),
            Cell::Count(r.approved),
            Cell::Count(r.declined),
            Cell::Count(r.attention),
            Cell::Count(r.unresolved),
            Cell::Count(r.follow_ups),
        ]);
    }
    vec![totals, days, months, kinds, batches, declines, runs]
}

/// `DD.MM.YYYY HH:MM:SS` in Istanbul of a stored UTC instant (kept as it is if it is not one).
fn local_time(at: &str) -> String {
    at.parse::<jiff::Timestamp>().map_or_else(
        |_| at.to_string(),
        |t| {
            t.to_zoned_datetime(crate::plan::time_zone())
                .strftime("%d.%m.%Y %H:%M:%S")
                .to_string()
        },
    )
}

pub(crate) fn audit(rows: &[AuditRow], lang: Lang) -> Sheet {
    let mut sheet = Sheet::new(
        lang.pick("Denetim kaydı", "Audit log"),
        columns(
            lang,
            &[
                ("No", "No", Column::Count),
                ("Zaman", "Time", Column::Text),
                ("Kullanıcı", "User", Column::Text),
                ("İşlem", "Action", Column::Text),
                ("Mağaza", "Store", Column::Text),
                ("Nesne", "Object", Column::Text),
                ("Sonuç", "Result", Column::Text),
                ("Kaynak", "Origin", Column::Text),
                ("Ayrıntı", "Details", Column::Text),
            ],
        ),
    );
    for e in rows {
        sheet.rows.push(vec![
            Cell::Count(e.seq),
            Cell::text(local_time(&e.at)),
            Cell::maybe(e.user_name.clone()),
            Cell::text(e.action_text.get(lang)),
            Cell::maybe(e.store.clone()),
            Cell::text(&e.object),
            Cell::text(e.result_text.get(lang)),
            Cell::text(e.origin_text.get(lang)),
            Cell::text(&e.detail),
        ]);
    }
    sheet
}

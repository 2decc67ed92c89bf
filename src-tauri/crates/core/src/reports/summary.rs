//! A period's summary: for the payments due between two dates, per currency, what was due,
//! collected, declined, still pending, voided and cancelled, what was refunded of it and the
//! collection rate; the same by day and by month, by kind of plan and by import batch; and the
//! bank's reasons for the declines.
//!
//! The figures come from `payment_day_totals` and `decline_day_totals`, the totals per due day
//! that the vault's triggers keep (migration 0012), so a summary reads a few rows per day
//! rather than every payment of the period.

use std::collections::BTreeMap;

use jiff::civil::Date;
use rusqlite::params;
use serde::{Deserialize, Serialize};
use tahsildar_akbank::catalogue;

use super::runs::{RunRecord, runs};
use super::{Figure, Standing, currency_alpha, rate, scope};
use crate::auth::Session;
use crate::error::{Error, Result};
use crate::i18n::Text;
use crate::payments::PaymentStatus;
use crate::plan::CollectionKind;

/// Which payments the summary covers: those due from `from` to `to`, both included.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SummaryQuery {
    pub store_id: Option<i64>,
    /// `YYYY-MM-DD`.
    #[cfg_attr(feature = "specta", specta(type = String))]
    pub from: Date,
    #[cfg_attr(feature = "specta", specta(type = String))]
    pub to: Date,
}

/// The figures of one currency.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Totals {
    pub currency: String,
    /// Collected, declined and pending together: what was to be collected.
    pub due: Figure,
    pub collected: Figure,
    /// Tried and declined: waiting for a retry or an operator.
    pub declined: Figure,
    /// Not tried yet, being sent, or held by a pre-authorisation.
    pub pending: Figure,
    /// Charged, then voided: not due.
    pub voided: Figure,
    /// Cancelled before they were collected: not due.
    pub cancelled: Figure,
    /// Refunded of what was collected (count: payments with a refund).
    pub refunded: Figure,
    /// Collected ÷ due, by amount and by count.
    pub rate_amount: f64,
    pub rate_count: f64,
}

impl Totals {
    fn count(&mut self, row: &StatusRow) {
        let figure = match Standing::of(row.status) {
            Standing::Collected => &mut self.collected,
            Standing::Declined => &mut self.declined,
            Standing::Open | Standing::InHand => &mut self.pending,
            Standing::Voided => &mut self.voided,
            Standing::Cancelled => &mut self.cancelled,
        };
        figure.count += row.count;
        figure.minor += row.counted_minor();
        if Standing::of(row.status).is_due() {
            self.due.count += row.count;
            self.due.minor += row.minor;
        }
        if row.refunded > 0 {
            self.refunded.count += row.refunded_payments;
            self.refunded.minor += row.refunded;
        }
    }

    fn finish(mut self) -> Totals {
        self.rate_amount = rate(self.collected.minor, self.due.minor);
        self.rate_count = rate(self.collected.count, self.due.count);
        self
    }
}

/// Due and collected on one day (`YYYY-MM-DD`) or in one month (`YYYY-MM`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct DayTotals {
    pub day: String,
    pub currency: String,
    pub due: Figure,
    pub collected: Figure,
}

/// One reason the bank gave for declines.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct DeclineReason {
    pub vps_code: Option<String>,
    pub host_code: Option<String>,
    /// What the code means, from the bank's code catalogue.
    pub text: Text,
    pub attempts: i64,
    pub payments: i64,
}

/// Due and collected of one kind of plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct KindTotals {
    pub kind: CollectionKind,
    pub currency: String,
    pub due: Figure,
    pub collected: Figure,
}

/// Due and collected of one import batch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct BatchTotals {
    pub batch_id: i64,
    pub file_name: String,
    pub currency: String,
    pub due: Figure,
    pub collected: Figure,
}

/// The summary of a period.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct PeriodSummary {
    pub from: String,
    pub to: String,
    /// One entry per currency, by currency code.
    pub totals: Vec<Totals>,
    pub by_day: Vec<DayTotals>,
    pub by_month: Vec<DayTotals>,
    /// Most frequent first.
    pub declines: Vec<DeclineReason>,
    pub by_kind: Vec<KindTotals>,
    pub by_batch: Vec<BatchTotals>,
    /// The collection runs that started in the period, oldest first.
    pub runs: Vec<RunRecord>,
}

/// Payments of one status (on a day, of a kind or batch): how many, their amount, what was
/// charged of them (a pre-authorisation may be captured for less) and refunded.
struct StatusRow {
    status: PaymentStatus,
    count: i64,
    minor: i64,
    charged: i64,
    refunded: i64,
    refunded_payments: i64,
}

impl StatusRow {
    /// The columns `status, count, amount, charged, refunded, refunded payments` from `first`.
    fn read(r: &rusqlite::Row<'_>, first: usize) -> rusqlite::Result<StatusRow> {
        Ok(StatusRow {
            status: r.get(first)?,
            count: r.get(first + 1)?,
            minor: r.get(first + 2)?,
            charged: r.get(first + 3)?,
            refunded: r.get(first + 4)?,
            refunded_payments: r.get(first + 5)?,
        })
    }

    /// The amount of its standing: what came in for collected payments, else the amount.
    fn counted_minor(&self) -> i64 {
        match Standing::of(self.status) {
            Standing::Collected => self.charged,
            _ => self.minor,
        }
    }

    /// Adds it to a due/collected pair.
    fn add_to(&self, due: &mut Figure, collected: &mut Figure) {
        let standing = Standing::of(self.status);
        if standing.is_due() {
            due.count += self.count;
            due.minor += self.minor;
        }
        if standing == Standing::Collected {
            collected.count += self.count;
            collected.minor += self.charged;
        }
    }
}

/// The columns of a [`StatusRow`] over the day totals `t` of a group.
const STATUS_COLUMNS: &str = "t.status, sum(t.payments), sum(t.amount_minor), sum(t.charged_minor),
    sum(t.refunded_minor), sum(t.refunded_payments)";

fn check(query: &SummaryQuery) -> Result<()> {
    if query.from > query.to {
        return Err(Error::invalid(
            "from",
            Text::new(
                format!(
                    "Başlangıç tarihi ({}) bitişten ({}) sonra olamaz.",
                    query.from.strftime("%d.%m.%Y"),
                    query.to.strftime("%d.%m.%Y")
                ),
                format!(
                    "The start date ({}) cannot be after the end date ({}).",
                    query.from.strftime("%d.%m.%Y"),
                    query.to.strftime("%d.%m.%Y")
                ),
            ),
        ));
    }
    Ok(())
}

/// The summary of the payments due in the period, in the stores the user may see.
pub fn summary(session: &Session, query: &SummaryQuery) -> Result<PeriodSummary> {
    check(query)?;
    let day_stores = scope::stores(session, query.store_id, "t.store_id")?;
    let run_stores = scope::stores(session, query.store_id, "r.store_id")?;
    let (from, to) = (query.from.to_string(), query.to.to_string());
    session.vault().db().read(|c| {
        // One row per day, currency and status: the totals, days and months fold from it.
        let mut stmt = c.prepare(&format!(
            "SELECT t.due_date, t.currency, {STATUS_COLUMNS}
             FROM payment_day_totals t
             WHERE {day_stores} AND t.due_date BETWEEN ?1 AND ?2
             GROUP BY t.due_date, t.currency, t.status"
        ))?;
        let mut totals: BTreeMap<String, Totals> = BTreeMap::new();
        let mut days: BTreeMap<(String, String), DayTotals> = BTreeMap::new();
        let mut months: BTreeMap<(String, String), DayTotals> = BTreeMap::new();
        let mut rows = stmt.query(params![from, to])?;
        while let Some(r) = rows.next()? {
            let day: String = r.get(0)?;
            let currency = currency_alpha(r.get(1)?);
            let row = StatusRow::read(r, 2)?;
            totals
                .entry(currency.clone())
                .or_insert_with(|| Totals {
                    currency: currency.clone(),
                    ..Totals::default()
                })
                .count(&row);
            let month = day[..7].to_string();
            for (map, key) in [(&mut days, day), (&mut months, month)] {
                let entry = map
                    .entry((key.clone(), currency.clone()))
                    .or_insert_with(|| DayTotals {
                        day: key,
                        currency: currency.clone(),
                        due: Figure::default(),
                        collected: Figure::default(),
                    });
                row.add_to(&mut entry.due, &mut entry.collected);
            }
        }
        Ok(PeriodSummary {
            from: from.clone(),
            to: to.clone(),
            totals: totals.into_values().map(Totals::finish).collect(),
            by_day: days.into_values().collect(),
            by_month: months.into_values().collect(),
            declines: declines(c, &day_stores, &from, &to)?,
            by_kind: by_kind(c, &day_stores, &from, &to)?,
            by_batch: by_batch(c, &day_stores, &from, &to)?,
            runs: runs(c, &run_stores, query.from, query.to)?,
        })
    })
}

/// The bank's reasons for the declines of the period's payments, most frequent first.
fn declines(
    c: &rusqlite::Connection,
    stores: &str,
    from: &str,
    to: &str,
) -> Result<Vec<DeclineReason>> {
    let mut stmt = c.prepare(&format!(
        "SELECT nullif(t.vps_code, ''), nullif(t.host_code, ''), sum(t.attempts), sum(t.payments)
         FROM decline_day_totals t
         WHERE {stores} AND t.due_date BETWEEN ?1 AND ?2
         GROUP BY t.vps_code, t.host_code HAVING sum(t.attempts) > 0
         ORDER BY sum(t.attempts) DESC, t.host_code, t.vps_code"
    ))?;
    let rows = stmt.query_map(params![from, to], |r| {
        let (vps, host): (Option<String>, Option<String>) = (r.get(0)?, r.get(1)?);
        let info = catalogue::describe(vps.as_deref().unwrap_or_default(), host.as_deref());
        Ok(DeclineReason {
            text: Text::new(info.tr, info.en),
            vps_code: vps,
            host_code: host,
            attempts: r.get(2)?,
            payments: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<std::result::Result<_, _>>()?)
}

fn by_kind(
    c: &rusqlite::Connection,
    stores: &str,
    from: &str,
    to: &str,
) -> Result<Vec<KindTotals>> {
    let mut stmt = c.prepare(&format!(
        "SELECT t.kind, t.currency, {STATUS_COLUMNS}
         FROM payment_day_totals t
         WHERE {stores} AND t.due_date BETWEEN ?1 AND ?2
         GROUP BY t.kind, t.currency, t.status"
    ))?;
    let mut out: BTreeMap<(String, String), KindTotals> = BTreeMap::new();
    let mut rows = stmt.query(params![from, to])?;
    while let Some(r) = rows.next()? {
        let kind: CollectionKind = r.get(0)?;
        let currency = currency_alpha(r.get(1)?);
        let entry = out
            .entry((kind.as_str().to_string(), currency.clone()))
            .or_insert_with(|| KindTotals {
                kind,
                currency,
                due: Figure::default(),
                collected: Figure::default(),
            });
        StatusRow::read(r, 2)?.add_to(&mut entry.due, &mut entry.collected);
    }
    Ok(out.into_values().collect())
}

fn by_batch(
    c: &rusqlite::Connection,
    stores: &str,
    from: &str,
    to: &str,
) -> Result<Vec<BatchTotals>> {
    let mut stmt = c.prepare(&format!(
        "SELECT b.id, b.file_name, t.currency, {STATUS_COLUMNS}
         FROM payment_day_totals t JOIN import_batches b ON b.id = t.batch_id
         WHERE {stores} AND t.due_date BETWEEN ?1 AND ?2
         GROUP BY b.id, t.currency, t.status"
    ))?;
    let mut out: BTreeMap<(i64, String), BatchTotals> = BTreeMap::new();
    let mut rows = stmt.query(params![from, to])?;
    while let Some(r) = rows.next()? {
        let batch_id: i64 = r.get(0)?;
        let currency = currency_alpha(r.get(2)?);
        let entry = out
            .entry((batch_id, currency.clone()))
            .or_insert_with(|| BatchTotals {
                batch_id,
                file_name: String::new(),
                currency,
                due: Figure::default(),
                collected: Figure::default(),
            });
        entry.file_name = r.get(1)?;
        StatusRow::read(r, 3)?.add_to(&mut entry.due, &mut entry.collected);
    }
    Ok(out.into_values().collect())
}

//! The arrears list (borçlular): customers who owe as of a day, with the oldest unpaid due date
//! and the amount by age (0–30, 31–60, 61–90, over 90 days), per currency; sorted and paged in
//! the database, with the totals over all pages.

use jiff::civil::Date;
use rusqlite::params;
use serde::{Deserialize, Serialize};

use super::{Standing, currency_alpha, scope, statuses_where};
use crate::auth::Session;
use crate::engine::attempt_state::AttemptState;
use crate::error::Result;
use crate::plan::{CollectionKind, ProvisionKind, time_zone, today};

/// The most rows one page may hold.
pub const MAX_PAGE: u32 = 500;

/// What the list is sorted by; ties by customer reference, so pages never overlap.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum ArrearsSort {
    /// The largest arrears first.
    #[default]
    Amount,
    /// The oldest unpaid due date first.
    Oldest,
    Name,
    Reference,
}

/// Whose arrears, as of which day.
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default)]
pub struct ArrearsQuery {
    pub store_id: Option<i64>,
    /// `YYYY-MM-DD`; today when left out.
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub as_of: Option<Date>,
    /// Only payments of plans of this kind.
    pub kind: Option<CollectionKind>,
    pub sort: ArrearsSort,
    pub offset: u32,
    /// Rows on the page, 1..=[`MAX_PAGE`] (default 100).
    pub limit: Option<u32>,
}

/// The arrears by how long they have been due.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Ageing {
    /// Due 0 to 30 days ago.
    pub days_0_30: i64,
    pub days_31_60: i64,
    pub days_61_90: i64,
    /// Due more than 90 days ago.
    pub days_over_90: i64,
}

/// One customer's arrears in one currency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ArrearsRow {
    pub customer_id: i64,
    pub reference: String,
    pub name: String,
    pub store_id: i64,
    pub store: String,
    pub currency: String,
    pub arrears_minor: i64,
    /// Payments owed.
    pub payments: i64,
    /// `YYYY-MM-DD`.
    pub oldest_due: String,
    pub ageing: Ageing,
}

/// The arrears of one currency over the whole list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ArrearsTotal {
    pub currency: String,
    pub arrears_minor: i64,
    pub customers: i64,
    pub payments: i64,
    pub ageing: Ageing,
}

/// One page of the arrears list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ArrearsPage {
    pub as_of: String,
    /// Rows (customer and currency) over all pages.
    pub total: i64,
    pub offset: u32,
    pub rows: Vec<ArrearsRow>,
    pub totals: Vec<ArrearsTotal>,
}

/// The payments owed as of `?1` (a day), with their customer and age in days. When the day is
/// today or later, a payment's status says whether it was collected; for a day in the past, a
/// charge that came after it does not count (`?2`: the end of the day, UTC).
fn owed_sql(stores: &str, past: bool) -> String {
    let collected = if past {
        format!(
            "p.status NOT IN ({not_due}) AND NOT EXISTS (SELECT 1 FROM attempts a
               WHERE a.payment_id = p.id AND a.state = '{approved}' AND a.voided = 0
                 AND (a.kind = '{sale}' OR a.captured_minor IS NOT NULL) AND a.finished_at < ?2)",
            not_due = statuses_where(|s| !s.is_due()),
            approved = AttemptState::Approved,
            sale = ProvisionKind::Sale,
        )
    } else {
        format!("p.status IN ({})", statuses_where(Standing::owes))
    };
    format!(
        "SELECT pl.customer_id, p.currency, p.amount_minor, p.due_date,
            CAST(julianday(?1) - julianday(p.due_date) AS INTEGER) AS age
         FROM payments p JOIN plans pl ON pl.id = p.plan_id
         WHERE {stores} AND p.due_date <= ?1 AND (?3 IS NULL OR pl.kind = ?3) AND {collected}"
    )
}

const AGEING: &str = "sum(CASE WHEN o.age <= 30 THEN o.amount_minor ELSE 0 END),
    sum(CASE WHEN o.age BETWEEN 31 AND 60 THEN o.amount_minor ELSE 0 END),
    sum(CASE WHEN o.age BETWEEN 61 AND 90 THEN o.amount_minor ELSE 0 END),
    sum(CASE WHEN o.age > 90 THEN o.amount_minor ELSE 0 END)";

fn ageing(r: &rusqlite::Row<'_>, first: usize) -> rusqlite::Result<Ageing> {
    Ok(Ageing {
        days_0_30: r.get(first)?,
        days_31_60: r.get(first + 1)?,
        days_61_90: r.get(first + 2)?,
        days_over_90: r.get(first + 3)?,
    })
}

/// One page of the customers who owe as of the day, in the stores the user may see.
pub fn arrears(session: &Session, query: &ArrearsQuery) -> Result<ArrearsPage> {
    let limit = query.limit.unwrap_or(100);
    if !(1..=MAX_PAGE).contains(&limit) {
        return Err(crate::paging::page_size_refused(limit, MAX_PAGE));
    }
    let stores = scope::stores(session, query.store_id, "p.store_id")?;
    let today = today(session.vault().clock().as_ref());
    let as_of = query.as_of.unwrap_or(today);
    let end_of_day = as_of
        .tomorrow()
        .ok()
        .and_then(|d| d.to_zoned_datetime(time_zone()).ok())
        .map(|z| z.timestamp().to_string())
        .unwrap_or_default();
    let owed = owed_sql(&stores, as_of < today);
    let order = match query.sort {
        ArrearsSort::Amount => "sum(o.amount_minor) DESC",
        ArrearsSort::Oldest => "min(o.due_date)",
        ArrearsSort::Name => "c.sort_key",
        ArrearsSort::Reference => "c.reference",
    };
    let day = as_of.to_string();
    let kind = query.kind;
    session.vault().db().read(|c| {
        let total: i64 = c.query_row(
            &format!("SELECT count(*) FROM (SELECT 1 FROM ({owed}) o GROUP BY o.customer_id, o.currency)"),
            params![day, end_of_day, kind],
            |r| r.get(0),
        )?;
        let mut stmt = c.prepare(&format!(
            "SELECT c.id, c.reference, c.name, c.store_id, s.name, o.currency, sum(o.amount_minor),
                count(*), min(o.due_date), {AGEING}
             FROM ({owed}) o JOIN customers c ON c.id = o.customer_id JOIN stores s ON s.id = c.store_id
             GROUP BY c.id, o.currency
             ORDER BY {order}, c.reference, o.currency LIMIT ?4 OFFSET ?5"
        ))?;
        let rows = stmt
            .query_map(
                params![day, end_of_day, kind, limit, query.offset],
                |r| {
                    Ok(ArrearsRow {
                        customer_id: r.get(0)?,
                        reference: r.get(1)?,
                        name: r.get(2)?,
                        store_id: r.get(3)?,
                        store: r.get(4)?,
                        currency: currency_alpha(r.get(5)?),
                        arrears_minor: r.get(6)?,
                        payments: r.get(7)?,
                        oldest_due: r.get(8)?,
                        ageing: ageing(r, 9)?,
                    })
                },
            )?
            .collect::<std::result::Result<Vec<_>, _>>()?;
        let mut stmt = c.prepare(&format!(
            "SELECT o.currency, sum(o.amount_minor), count(DISTINCT o.customer_id), count(*), {AGEING}
             FROM ({owed}) o GROUP BY o.currency ORDER BY o.currency"
        ))?;
        let totals = stmt
            .query_map(params![day, end_of_day, kind], |r| {
                Ok(ArrearsTotal {
                    currency: currency_alpha(r.get(0)?),
                    arrears_minor: r.get(1)?,
                    customers: r.get(2)?,
                    payments: r.get(3)?,
                    ageing: ageing(r, 4)?,
                })
            })?
            .collect::<std::result::Result<Vec<_>, _>>()?;
        Ok(ArrearsPage {
            as_of: day.clone(),
            total,
            offset: query.offset,
            rows,
            totals,
        })
    })
}

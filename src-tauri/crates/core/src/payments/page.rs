//! One page of the payments list, filtered and sorted in the database, so that a vault of a
//! million payments shows a page as fast as one of a thousand: each sort walks one index that
//! carries the columns the filters check, a page in the second half of the list is read from
//! its end, the total comes from the day totals when the filters allow, a customer or a search
//! narrows to the customer's plans first, and the latest-attempt columns are read only for the
//! page.

use rusqlite::types::Value;
use serde::Serialize;

use super::{PaymentRow, PaymentStatus, SELECT, from_row};
use crate::auth::{Permission, Session};
use crate::error::{Error, Result};
use crate::i18n::Text;
use crate::paging::Window;

/// The most rows one page may hold.
pub const MAX_PAGE: u32 = 500;

/// What a page is sorted by; ties are broken by payment id, so pages never overlap.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum PaymentSort {
    #[default]
    DueDate,
    Amount,
    Status,
    Customer,
}

impl PaymentSort {
    /// `due_date`, `amount`, `status`, `customer`.
    pub fn parse(text: &str) -> Result<PaymentSort> {
        match text {
            "due_date" => Ok(PaymentSort::DueDate),
            "amount" => Ok(PaymentSort::Amount),
            "status" => Ok(PaymentSort::Status),
            "customer" => Ok(PaymentSort::Customer),
            other => Err(crate::paging::not_one_of(
                "sort",
                other,
                &["due_date", "amount", "status", "customer"],
            )),
        }
    }

    fn column(self) -> &'static str {
        match self {
            PaymentSort::DueDate => "p.due_date",
            PaymentSort::Amount => "p.amount_minor",
            PaymentSort::Status => "p.status {dir}, p.due_date",
            PaymentSort::Customer => "p.customer_key",
        }
    }
}

/// Which payments a page shows, in which order, from which row.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default)]
pub struct PaymentQuery {
    pub store_id: Option<i64>,
    /// Any of these statuses (none: all).
    pub statuses: Vec<PaymentStatus>,
    /// `YYYY-MM-DD`.
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub due_from: Option<jiff::civil::Date>,
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub due_to: Option<jiff::civil::Date>,
    pub customer_id: Option<i64>,
    pub plan_id: Option<i64>,
    /// The import batch the payment's plan came from.
    pub batch_id: Option<i64>,
    /// Part of the customer's reference or name (in any case: "ayşe" finds "AYŞE"), or an
    /// order id.
    pub search: Option<String>,
    /// The search also ignores the letters Turkish adds to Latin ("Ayse" finds "Ayşe").
    pub accent_free: bool,
    pub sort: PaymentSort,
    pub descending: bool,
    pub offset: u32,
    /// Rows on the page, 1..=[`MAX_PAGE`] (default 100).
    pub limit: Option<u32>,
}

/// One page and the number of payments that match the filters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct PaymentPage {
    pub total: u64,
    pub offset: u32,
    pub rows: Vec<PaymentRow>,
}

/// What a query's filters are read from, and how.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Source {
    /// The payments: a search (or a customer, a plan) finds its plans' payments first, and
    /// what it found is sorted.
    Payments,
    /// The payments, walked in order along the sort's index, every filter checked on the way:
    /// for a search that matches many payments, which would cost more to sort.
    PaymentsInOrder,
    /// The totals per due day (`payment_day_totals`: store, status, due date and import batch,
    /// but no customer or plan).
    DayTotals,
}

/// A search matching more than this share of the vault's payments (1/n) is walked in order.
const WALKED_SEARCH: u64 = 16;

impl PaymentQuery {
    /// The filters name no customer, plan or search: the day totals can count the payments
    /// (which file the payments of no batch under batch 0).
    fn counted_by_day(&self) -> bool {
        self.customer_id.is_none()
            && self.plan_id.is_none()
            && self.batch_id.is_none_or(|id| id > 0)
            && self.search.as_deref().is_none_or(|t| t.trim().is_empty())
    }
}

/// The WHERE clause and its parameters, in order, over `source` (aliased `p`).
///
/// On the payments, a filter on a column the sort's index does not lead with is written `+p.x`:
/// SQLite then cannot pick another index for it (and sort its rows after), but walks the sort's
/// index in order and checks the filter on the columns that index carries.
fn conditions(
    query: &PaymentQuery,
    visible: Option<&[i64]>,
    source: Source,
) -> (String, Vec<Value>) {
    let mut clauses: Vec<String> = Vec::new();
    let mut values: Vec<Value> = Vec::new();
    fn push(clauses: &mut Vec<String>, values: &mut Vec<Value>, clause: &str, value: Value) {
        values.push(value);
        clauses.push(clause.replace('?', &format!("?{}", values.len())));
    }
    let checked = |column: &str, leads: bool| {
        if source != Source::DayTotals && !leads {
            format!("+p.{column}")
        } else {
            format!("p.{column}")
        }
    };
    let store = checked("store_id", false);
    let status = checked("status", query.sort == PaymentSort::Status);
    let due = checked(
        "due_date",
        matches!(query.sort, PaymentSort::DueDate | PaymentSort::Status),
    );
    if let Some(ids) = visible {
        // Store ids come from the database as integers: safe to write into the statement.
        let list: Vec<String> = ids.iter().map(i64::to_string).collect();
        clauses.push(format!("{store} IN ({})", list.join(",")));
    }
    if let Some(id) = query.store_id {
        push(
            &mut clauses,
            &mut values,
            &format!("{store} = ?"),
            Value::Integer(id),
        );
    }
    if !query.statuses.is_empty() {
        let mut marks = Vec::new();
        for status in &query.statuses {
            values.push(Value::Text(status.as_str().to_string()));
            marks.push(format!("?{}", values.len()));
        }
        clauses.push(format!("{status} IN ({})", marks.join(",")));
    }
    if let Some(d) = query.due_from {
        push(
            &mut clauses,
            &mut values,
            &format!("{due} >= ?"),
            Value::Text(d.to_string()),
        );
    }
    if let Some(d) = query.due_to {
        push(
            &mut clauses,
            &mut values,
            &format!("{due} <= ?"),
            Value::Text(d.to_string()),
        );
    }
    if let Some(id) = query.batch_id {
        // A batch may hold a hundred thousand payments: the sort's index is walked, checking
        // the plan on it, rather than sorting them all.
        let clause = match source {
            Source::Payments | Source::PaymentsInOrder => {
                "+p.plan_id IN (SELECT id FROM plans WHERE batch_id = ?)"
            }
            Source::DayTotals => "p.batch_id = ?",
        };
        push(&mut clauses, &mut values, clause, Value::Integer(id));
    }
    // Conditions on the plan or the customer are subqueries, so that the common page (no such
    // filter) reads one index of the payments alone.
    if let Some(id) = query.customer_id {
        push(
            &mut clauses,
            &mut values,
            "p.plan_id IN (SELECT id FROM plans WHERE customer_id = ?)",
            Value::Integer(id),
        );
    }
    if let Some(id) = query.plan_id {
        push(
            &mut clauses,
            &mut values,
            "p.plan_id = ?",
            Value::Integer(id),
        );
    }
    if let Some(text) = query
        .search
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
    {
        // Customers by their folded texts (a hundred thousand at most, not the payments), then
        // their payments by plan; a text that could be an order id (Latin letters and digits
        // with dashes) also finds that order id whole, as typed or in capitals. Walked in order,
        // these are checked on each payment instead.
        let walked = if source == Source::PaymentsInOrder {
            "+"
        } else {
            ""
        };
        let (column, folded) = crate::paging::text_search(text, query.accent_free);
        values.push(Value::Text(folded));
        let c = values.len();
        let by_customer = format!(
            "{walked}p.plan_id IN (SELECT sp.id FROM plans sp JOIN customers sc ON sc.id = sp.customer_id
                  WHERE sc.{column} LIKE ?{c} ESCAPE '\\')"
        );
        if crate::engine::order_id::could_be_ours(text) {
            values.push(Value::Text(text.to_string()));
            values.push(Value::Text(text.to_ascii_uppercase()));
            let (o, u) = (values.len() - 1, values.len());
            clauses.push(format!(
                "({by_customer}
              OR {walked}p.id IN (SELECT sa.payment_id FROM attempts sa WHERE sa.order_id IN (?{o}, ?{u})))"
            ));
        } else {
            clauses.push(by_customer);
        }
    }
    let sql = if clauses.is_empty() {
        String::new()
    } else {
        format!("WHERE {}", clauses.join(" AND "))
    };
    (sql, values)
}

fn check(query: &PaymentQuery) -> Result<u32> {
    if let (Some(from), Some(to)) = (query.due_from, query.due_to)
        && from > to
    {
        let (from, to) = (from.strftime("%d.%m.%Y"), to.strftime("%d.%m.%Y"));
        return Err(Error::invalid(
            "due date",
            Text::new(
                format!("Vade aralığının başı ({from}) sonundan ({to}) sonra."),
                format!("The due date range starts ({from}) after it ends ({to})."),
            ),
        ));
    }
    if query
        .search
        .as_ref()
        .is_some_and(|s| s.chars().count() > crate::paging::MAX_SEARCH_CHARS)
    {
        return Err(crate::paging::search_too_long());
    }
    let limit = query.limit.unwrap_or(100);
    if !(1..=MAX_PAGE).contains(&limit) {
        return Err(crate::paging::page_size_refused(limit, MAX_PAGE));
    }
    Ok(limit)
}

/// The ids of the payments that match, in the query's order: all of them, or `limit` from
/// `offset` (a [`Window`]).
fn ordered_ids(
    conn: &rusqlite::Connection,
    query: &PaymentQuery,
    filter: &str,
    mut values: Vec<Value>,
    window: Option<Window>,
) -> Result<Vec<i64>> {
    let sql = ids_sql(query, filter, values.len(), window);
    if let Some(w) = window {
        values.push(Value::Integer(w.limit as i64));
        values.push(Value::Integer(w.offset as i64));
    }
    let mut stmt = conn.prepare(&sql)?;
    let mut ids: Vec<i64> = stmt
        .query_map(rusqlite::params_from_iter(values.iter()), |r| r.get(0))?
        .collect::<std::result::Result<_, _>>()?;
    if window.is_some_and(|w| w.reversed) {
        ids.reverse();
    }
    Ok(ids)
}

/// The statement behind [`ordered_ids`], whose filter has `params` parameters; a window's limit
/// and offset follow them.
fn ids_sql(query: &PaymentQuery, filter: &str, params: usize, window: Option<Window>) -> String {
    let reversed = window.is_some_and(|w| w.reversed);
    let direction = if query.descending != reversed {
        "DESC"
    } else {
        "ASC"
    };
    let order = query.sort.column().replace("{dir}", direction);
    let mut sql = format!(
        "SELECT p.id FROM payments p {filter} ORDER BY {order} {direction}, p.id {direction}"
    );
    if window.is_some() {
        sql.push_str(&format!(" LIMIT ?{} OFFSET ?{}", params + 1, params + 2));
    }
    sql
}

/// How many payments match: from the day totals when the filters allow it (a few rows per due
/// day instead of every payment), else by counting the matching payments.
fn count(
    conn: &rusqlite::Connection,
    query: &PaymentQuery,
    visible: Option<&[i64]>,
) -> Result<u64> {
    let (sql, values) = count_sql(query, visible);
    let total: i64 = conn.query_row(&sql, rusqlite::params_from_iter(values.iter()), |r| {
        r.get(0)
    })?;
    Ok(total as u64)
}

/// The statement behind [`count`] and its parameters.
fn count_sql(query: &PaymentQuery, visible: Option<&[i64]>) -> (String, Vec<Value>) {
    let (filter, values) = conditions(query, visible, Source::Payments);
    if filter.is_empty() || !query.counted_by_day() {
        return (format!("SELECT count(*) FROM payments p {filter}"), values);
    }
    let (filter, values) = conditions(query, visible, Source::DayTotals);
    (
        format!("SELECT coalesce(sum(p.payments), 0) FROM payment_day_totals p {filter}"),
        values,
    )
}

/// The rows of these payments, in this order.
fn rows_of(conn: &rusqlite::Connection, ids: &[i64]) -> Result<Vec<PaymentRow>> {
    let mut one = conn.prepare_cached(&format!("{SELECT} WHERE p.id = ?1"))?;
    let mut rows = Vec::with_capacity(ids.len());
    for id in ids {
        rows.push(one.query_row([id], from_row)?);
    }
    Ok(rows)
}

/// The stores the user may see (`view_reports`; `None`: all) under a checked query, and its
/// page size.
fn visible_stores(session: &Session, query: &PaymentQuery) -> Result<(Option<Vec<i64>>, u32)> {
    if let Some(id) = query.store_id {
        session.require(Permission::ViewReports, Some(id))?;
    }
    let limit = check(query)?;
    Ok((session.stores_with(Permission::ViewReports)?, limit))
}

/// One page of the payments the user may see (`view_reports`), with the total that match.
pub fn page(session: &Session, query: &PaymentQuery) -> Result<PaymentPage> {
    let (visible, limit) = visible_stores(session, query)?;
    session.vault().db().read(|conn| {
        // One snapshot: the page is cut from the list the total counts.
        let snapshot = conn.unchecked_transaction()?;
        let total = count(&snapshot, query, visible.as_deref())?;
        let ids = match Window::of(u64::from(query.offset), u64::from(limit), total) {
            Some(window) => {
                let source = source_of_page(&snapshot, query, total)?;
                let (filter, values) = conditions(query, visible.as_deref(), source);
                ordered_ids(&snapshot, query, &filter, values, Some(window))?
            }
            None => Vec::new(),
        };
        Ok(PaymentPage {
            total,
            offset: query.offset,
            rows: rows_of(&snapshot, &ids)?,
        })
    })
}

/// How a page's rows are read: a search that matched many of the vault's payments is walked in
/// order rather than sorted.
fn source_of_page(conn: &rusqlite::Connection, query: &PaymentQuery, total: u64) -> Result<Source> {
    if query.counted_by_day() {
        return Ok(Source::Payments);
    }
    let search = query
        .search
        .as_deref()
        .is_some_and(|t| !t.trim().is_empty());
    // All payments from their totals per day: a few rows a day, not a count of every payment.
    let all: i64 = conn.query_row(
        "SELECT coalesce(sum(payments), 0) FROM payment_day_totals",
        [],
        |r| r.get(0),
    )?;
    Ok(
        if search && total.saturating_mul(WALKED_SEARCH) > all as u64 {
            Source::PaymentsInOrder
        } else {
            Source::Payments
        },
    )
}

/// Every payment that matches the filters (whatever `offset` and `limit` say), in the query's
/// order, read in one pass.
pub fn all(session: &Session, query: &PaymentQuery) -> Result<Vec<PaymentRow>> {
    let (visible, _) = visible_stores(
        session,
        &PaymentQuery {
            limit: None,
            ..query.clone()
        },
    )?;
    session.vault().db().read(|conn| {
        let (filter, values) = conditions(query, visible.as_deref(), Source::Payments);
        let ids = ordered_ids(conn, query, &filter, values, None)?;
        rows_of(conn, &ids)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conditions_number_their_parameters_in_order() {
        let query = PaymentQuery {
            store_id: Some(3),
            statuses: vec![PaymentStatus::Paid, PaymentStatus::Attention],
            search: Some("Ayse-12".into()),
            ..PaymentQuery::default()
        };
        let (sql, values) = conditions(&query, Some(&[1, 3]), Source::Payments);
        assert!(sql.contains("+p.store_id IN (1,3)"));
        assert!(sql.contains("+p.store_id = ?1"));
        assert!(sql.contains("+p.status IN (?2,?3)"));
        assert!(sql.contains("sc.search_text LIKE ?4"));
        assert!(sql.contains("sa.order_id IN (?5, ?6)"));
        assert_eq!(values.len(), 6);
    }

    #[test]
    fn a_search_that_cannot_be_an_order_id_looks_up_no_attempts() {
        for text in ["Ayşe", "Site Yönetimi", "Demir", "%"] {
            let query = PaymentQuery {
                search: Some(text.into()),
                ..PaymentQuery::default()
            };
            let (sql, values) = conditions(&query, None, Source::Payments);
            assert!(!sql.contains("attempts"), "{text}: {sql}");
            assert_eq!(values.len(), 1, "{text}");
        }
    }

    #[test]
    fn rejects_a_backwards_range_and_oversized_pages() {
        let backwards = PaymentQuery {
            due_from: Some(jiff::civil::date(2026, 12, 1)),
            due_to: Some(jiff::civil::date(2026, 11, 1)),
            ..PaymentQuery::default()
        };
        assert!(check(&backwards).is_err());
        let huge = PaymentQuery {
            limit: Some(MAX_PAGE + 1),
            ..PaymentQuery::default()
        };
        assert!(check(&huge).is_err());
        assert_eq!(check(&PaymentQuery::default()).unwrap(), 100);
    }

    fn plan_of(conn: &rusqlite::Connection, sql: &str, values: &[Value]) -> String {
        crate::vault::db::query_plan(conn, sql, values).join("\n")
    }

    /// The page's and the total's plans of a query, over the stores 1 and 2.
    fn plans(conn: &rusqlite::Connection, query: &PaymentQuery) -> (String, String) {
        plans_from(conn, query, Source::Payments)
    }

    fn plans_from(
        conn: &rusqlite::Connection,
        query: &PaymentQuery,
        source: Source,
    ) -> (String, String) {
        let visible = Some(&[1, 2][..]);
        let (filter, mut values) = conditions(query, visible, source);
        let window = Window::of(600, 100, 1_000);
        let sql = ids_sql(query, &filter, values.len(), window);
        values.extend([Value::Integer(100), Value::Integer(399)]);
        let page = plan_of(conn, &sql, &values);
        let (sql, values) = count_sql(query, visible);
        (page, plan_of(conn, &sql, &values))
    }

    #[test]
    fn every_sort_under_the_screens_filters_walks_one_index_without_sorting() {
        let conn = crate::vault::db::migrated_in_memory();
        let filtered = [
            PaymentQuery::default(),
            PaymentQuery {
                store_id: Some(1),
                statuses: vec![PaymentStatus::Paid, PaymentStatus::Attention],
                due_from: Some(jiff::civil::date(2026, 1, 1)),
                due_to: Some(jiff::civil::date(2026, 12, 31)),
                ..PaymentQuery::default()
            },
            PaymentQuery {
                statuses: vec![PaymentStatus::Scheduled],
                batch_id: Some(7),
                ..PaymentQuery::default()
            },
        ];
        let sorts = [
            (PaymentSort::DueDate, "payments_by_due_date"),
            (PaymentSort::Amount, "payments_by_amount"),
            (PaymentSort::Status, "payments_by_status"),
            (PaymentSort::Customer, "payments_by_customer_key"),
        ];
        for base in &filtered {
            for (sort, index) in sorts {
                for descending in [false, true] {
                    let query = PaymentQuery {
                        sort,
                        descending,
                        ..base.clone()
                    };
                    let (page, _) = plans(&conn, &query);
                    assert!(
                        page.contains(&format!("USING COVERING INDEX {index}")),
                        "{query:?}:\n{page}"
                    );
                    assert!(!page.contains("TEMP B-TREE"), "{query:?}:\n{page}");
                    // The total adds up the day totals.
                    let (total, _) = count_sql(&query, Some(&[1, 2]));
                    assert!(total.contains("FROM payment_day_totals"), "{total}");
                }
            }
        }
    }

    #[test]
    fn a_search_that_matched_many_walks_the_sorts_index_without_sorting() {
        let conn = crate::vault::db::migrated_in_memory();
        for (sort, index) in [
            (PaymentSort::DueDate, "payments_by_due_date"),
            (PaymentSort::Customer, "payments_by_customer_key"),
        ] {
            let query = PaymentQuery {
                search: Some("yılmaz".into()),
                sort,
                ..PaymentQuery::default()
            };
            let (page, _) = plans_from(&conn, &query, Source::PaymentsInOrder);
            assert!(
                page.contains(&format!("SCAN p USING COVERING INDEX {index}")),
                "{page}"
            );
            assert!(!page.contains("TEMP B-TREE"), "{page}");
        }
    }

    #[test]
    fn a_customer_a_plan_or_a_search_narrows_by_plan_before_reading_payments() {
        let conn = crate::vault::db::migrated_in_memory();
        let narrowed = [
            PaymentQuery {
                customer_id: Some(5),
                ..PaymentQuery::default()
            },
            PaymentQuery {
                plan_id: Some(5),
                statuses: vec![PaymentStatus::Paid],
                ..PaymentQuery::default()
            },
            PaymentQuery {
                search: Some("ayşe".into()),
                accent_free: true,
                store_id: Some(1),
                ..PaymentQuery::default()
            },
        ];
        for base in &narrowed {
            for sort in [
                PaymentSort::DueDate,
                PaymentSort::Amount,
                PaymentSort::Customer,
            ] {
                let query = PaymentQuery {
                    sort,
                    ..base.clone()
                };
                let (page, total) = plans(&conn, &query);
                for plan in [&page, &total] {
                    assert!(
                        plan.lines()
                            .filter(|l| l.contains(" p "))
                            .all(|l| l.starts_with("SEARCH p USING")),
                        "{query:?}:\n{plan}"
                    );
                }
            }
        }
    }
}

//! One page of the payments list, filtered and sorted in the database, so that a list of
//! 100,000 payments costs the same to show as one of a hundred: the filters narrow the rows,
//! the sort runs on an index, and the latest-attempt columns are read only for the page.

use rusqlite::types::Value;
use serde::Serialize;

use super::{PaymentRow, PaymentStatus, SELECT, from_row};
use crate::auth::{Permission, Session};
use crate::error::{Error, Result};
use crate::i18n::Text;

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
            PaymentSort::Customer => "c.sort_key",
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

/// The WHERE clause and its parameters, in order.
fn conditions(query: &PaymentQuery, visible: Option<&[i64]>) -> (String, Vec<Value>) {
    let mut clauses: Vec<String> = Vec::new();
    let mut values: Vec<Value> = Vec::new();
    fn push(clauses: &mut Vec<String>, values: &mut Vec<Value>, clause: &str, value: Value) {
        values.push(value);
        clauses.push(clause.replace('?', &format!("?{}", values.len())));
    }
    if let Some(ids) = visible {
        // Store ids come from the database as integers: safe to write into the statement.
        let list: Vec<String> = ids.iter().map(i64::to_string).collect();
        clauses.push(format!("p.store_id IN ({})", list.join(",")));
    }
    if let Some(id) = query.store_id {
        push(
            &mut clauses,
            &mut values,
            "p.store_id = ?",
            Value::Integer(id),
        );
    }
    if !query.statuses.is_empty() {
        let mut marks = Vec::new();
        for status in &query.statuses {
            values.push(Value::Text(status.as_str().to_string()));
            marks.push(format!("?{}", values.len()));
        }
        clauses.push(format!("p.status IN ({})", marks.join(",")));
    }
    if let Some(d) = query.due_from {
        push(
            &mut clauses,
            &mut values,
            "p.due_date >= ?",
            Value::Text(d.to_string()),
        );
    }
    if let Some(d) = query.due_to {
        push(
            &mut clauses,
            &mut values,
            "p.due_date <= ?",
            Value::Text(d.to_string()),
        );
    }
    // Conditions on the plan or the customer are subqueries, so that the common page (no such
    // filter, sorted by a payment column) reads the payments table and its index alone.
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
    if let Some(id) = query.batch_id {
        push(
            &mut clauses,
            &mut values,
            "p.plan_id IN (SELECT id FROM plans WHERE batch_id = ?)",
            Value::Integer(id),
        );
    }
    if let Some(text) = query
        .search
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
    {
        // Customers by their folded texts; order ids (Latin letters and digits) as typed.
        let (column, folded) = crate::paging::text_search(text, query.accent_free);
        values.push(Value::Text(folded));
        values.push(Value::Text(crate::paging::text_search(text, true).1));
        let (c, o) = (values.len() - 1, values.len());
        clauses.push(format!(
            "(p.plan_id IN (SELECT sp.id FROM plans sp JOIN customers sc ON sc.id = sp.customer_id
                  WHERE sc.{column} LIKE ?{c} ESCAPE '\\')
              OR p.id IN (SELECT sa.payment_id FROM attempts sa WHERE sa.order_id LIKE ?{o} ESCAPE '\\'))"
        ));
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

/// The ids of the payments that match, in the query's order; `window`: `(limit, offset)`.
fn ordered_ids(
    conn: &rusqlite::Connection,
    query: &PaymentQuery,
    filter: &str,
    mut values: Vec<Value>,
    window: Option<(u32, u32)>,
) -> Result<Vec<i64>> {
    let direction = if query.descending { "DESC" } else { "ASC" };
    // Only the customer sort needs the customer's row beside the payment's.
    let from = if query.sort == PaymentSort::Customer {
        "FROM payments p JOIN plans pl ON pl.id = p.plan_id JOIN customers c ON c.id = pl.customer_id"
    } else {
        "FROM payments p"
    };
    let order = query.sort.column().replace("{dir}", direction);
    let mut sql =
        format!("SELECT p.id {from} {filter} ORDER BY {order} {direction}, p.id {direction}");
    if let Some((limit, offset)) = window {
        values.push(Value::Integer(i64::from(limit)));
        values.push(Value::Integer(i64::from(offset)));
        let n = values.len();
        sql.push_str(&format!(" LIMIT ?{} OFFSET ?{n}", n - 1));
    }
    let mut stmt = conn.prepare(&sql)?;
    let ids = stmt
        .query_map(rusqlite::params_from_iter(values.iter()), |r| r.get(0))?
        .collect::<std::result::Result<_, _>>()?;
    Ok(ids)
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

/// The filter of a query over the stores the user may see (`view_reports`), and its page size.
fn visible_filter(session: &Session, query: &PaymentQuery) -> Result<(String, Vec<Value>, u32)> {
    if let Some(id) = query.store_id {
        session.require(Permission::ViewReports, Some(id))?;
    }
    let limit = check(query)?;
    let visible = session.stores_with(Permission::ViewReports)?;
    let (filter, values) = conditions(query, visible.as_deref());
    Ok((filter, values, limit))
}

/// One page of the payments the user may see (`view_reports`), with the total that match.
pub fn page(session: &Session, query: &PaymentQuery) -> Result<PaymentPage> {
    let (filter, values, limit) = visible_filter(session, query)?;
    session.vault().db().read(|conn| {
        let total: i64 = conn.query_row(
            &format!("SELECT count(*) FROM payments p {filter}"),
            rusqlite::params_from_iter(values.iter()),
            |r| r.get(0),
        )?;
        let ids = ordered_ids(conn, query, &filter, values, Some((limit, query.offset)))?;
        Ok(PaymentPage {
            total: total as u64,
            offset: query.offset,
            rows: rows_of(conn, &ids)?,
        })
    })
}

/// Every payment that matches the filters (whatever `offset` and `limit` say), in the query's
/// order, read in one pass.
pub fn all(session: &Session, query: &PaymentQuery) -> Result<Vec<PaymentRow>> {
    let (filter, values, _) = visible_filter(
        session,
        &PaymentQuery {
            limit: None,
            ..query.clone()
        },
    )?;
    session.vault().db().read(|conn| {
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
            search: Some("Ayşe".into()),
            ..PaymentQuery::default()
        };
        let (sql, values) = conditions(&query, Some(&[1, 3]));
        assert!(sql.contains("p.store_id IN (1,3)"));
        assert!(sql.contains("p.store_id = ?1"));
        assert!(sql.contains("p.status IN (?2,?3)"));
        assert!(sql.contains("sc.search_text LIKE ?4"));
        assert!(sql.contains("sa.order_id LIKE ?5"));
        assert_eq!(values.len(), 5);
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
}

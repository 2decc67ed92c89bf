//! Finding customers and looking at one: a paged, searchable list; the detail with cards
//! (masked, brand, expiry, primary or alternate, signed instruction and its scan), plans and
//! payments; and the cards that expire soon.

use std::sync::LazyLock;

use rusqlite::params_from_iter;
use rusqlite::types::Value;
use serde::Serialize;

use crate::auth::{Permission, Session};
use crate::error::{Error, Result};
use crate::paging::Window;
use crate::payments::PaymentStatus;
use crate::payments::page::{PaymentPage, PaymentQuery, PaymentSort, page};
use crate::plan::terms::{CollectionKind, PlanStatus};
use crate::stored::sql_list;
use crate::vault::Vault;

use super::CustomerStatus;
use super::instruction_scan::{self, InstructionScan};

/// The most customers one page may hold.
pub const MAX_PAGE: u32 = 500;

/// Which customers to list.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default)]
pub struct CustomerQuery {
    pub store_id: Option<i64>,
    /// Part of the reference, name, e-mail or phone, in any case ("ayşe" finds "AYŞE").
    pub search: Option<String>,
    /// The search also ignores the letters Turkish adds to Latin ("Ayse" finds "Ayşe").
    pub accent_free: bool,
    /// Archived customers are listed too (otherwise only active ones).
    pub include_archived: bool,
    pub sort: CustomerSort,
    pub offset: u32,
    /// Default 100, at most [`MAX_PAGE`].
    pub limit: Option<u32>,
}

/// The order of the customers list; ties by id.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Deserialize, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum CustomerSort {
    #[default]
    Reference,
    /// In Turkish alphabetical order (Ç after C, Ş after S, I before İ).
    Name,
}

/// A customer as listed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct CustomerSummary {
    pub id: i64,
    pub store_id: i64,
    pub store: String,
    pub reference: String,
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    /// Cards in use.
    pub cards: i64,
    pub primary_masked_pan: Option<String>,
    /// Payments not yet settled (scheduled, retry_wait, processing, attention).
    pub open_payments: i64,
    pub status: CustomerStatus,
}

/// One page of customers and how many match.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct CustomerPage {
    pub total: u64,
    pub offset: u32,
    pub rows: Vec<CustomerSummary>,
}

/// A card as shown in the customer's detail: masked, with its expiry and instruction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct CardDetail {
    pub id: i64,
    pub masked_pan: String,
    pub brand: String,
    pub holder: Option<String>,
    /// `MM/YY`.
    pub expiry: String,
    /// The last day the card can be charged.
    pub valid_through: String,
    pub expired: bool,
    /// 0 = primary, then alternates in order.
    pub position: i64,
    pub instruction_date: Option<String>,
    pub instruction_ref: Option<String>,
    /// The scan of the signed instruction, if attached (what it is, never its bytes).
    pub instruction_scan: Option<InstructionScan>,
}

/// A plan as shown in the customer's detail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct PlanSummary {
    pub id: i64,
    pub kind: CollectionKind,
    pub amount_minor: i64,
    pub currency: String,
    pub installments: i64,
    pub start_date: String,
    /// `1m`, `2w`, `10d` for recurring plans.
    pub cadence: Option<String>,
    pub end_count: Option<i64>,
    pub end_date: Option<String>,
    pub description: Option<String>,
    pub status: PlanStatus,
    pub payments: i64,
    pub paid: i64,
}

/// Everything about one customer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct CustomerDetail {
    pub id: i64,
    pub store_id: i64,
    pub store: String,
    pub reference: String,
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub notes: Option<String>,
    pub status: CustomerStatus,
    pub cards: Vec<CardDetail>,
    pub plans: Vec<PlanSummary>,
    /// The newest payments first (the first page; the payments list shows the rest).
    pub payments: PaymentPage,
}

/// A card in use whose last valid day falls within the window (or has passed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ExpiringCard {
    pub card_id: i64,
    pub customer_id: i64,
    pub customer_ref: String,
    pub customer_name: String,
    pub store_id: i64,
    pub masked_pan: String,
    pub brand: String,
    pub expiry: String,
    pub valid_through: String,
    pub expired: bool,
    pub position: i64,
    /// The customer's next payment still to be charged, if any.
    pub next_due_date: Option<String>,
}

/// A customer as listed, with its cards in use, first card and payments still open.
static SUMMARY: LazyLock<String> = LazyLock::new(|| {
    format!(
        "SELECT c.id, c.store_id, s.name, c.reference, c.name, c.email, c.phone,
            (SELECT count(*) FROM cards k WHERE k.customer_id = c.id AND k.removed_at IS NULL),
            (SELECT masked_pan FROM cards k WHERE k.customer_id = c.id AND k.removed_at IS NULL ORDER BY position LIMIT 1),
            (SELECT count(*) FROM plans pl JOIN payments p ON p.plan_id = pl.id WHERE pl.customer_id = c.id
               AND p.status IN ({open})),
            c.status
        FROM customers c JOIN stores s ON s.id = c.store_id",
        open = sql_list(&[
            PaymentStatus::Scheduled,
            PaymentStatus::RetryWait,
            PaymentStatus::Processing,
            PaymentStatus::Attention
        ])
    )
});

fn summary_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<CustomerSummary> {
    Ok(CustomerSummary {
        id: r.get(0)?,
        store_id: r.get(1)?,
        store: r.get(2)?,
        reference: r.get(3)?,
        name: r.get(4)?,
        email: r.get(5)?,
        phone: r.get(6)?,
        cards: r.get(7)?,
        primary_masked_pan: r.get(8)?,
        open_payments: r.get(9)?,
        status: r.get(10)?,
    })
}

fn store_filter(visible: Option<&[i64]>) -> String {
    match visible {
        None => "1".into(),
        // Ids come from the database as integers: safe to write into the statement.
        Some(ids) => format!(
            "c.store_id IN ({})",
            ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",")
        ),
    }
}

/// The WHERE clause of the customers list and its parameters: only the filters asked for, so
/// that the list of every customer is a walk of the sort's index that checks nothing, and its
/// total a bare count.
fn list_filter(
    query: &CustomerQuery,
    visible: Option<&[i64]>,
    text: Option<&str>,
) -> (String, Vec<Value>) {
    // The store is checked on the sort's index (`+`), never looked up in another index whose
    // rows would then need sorting.
    let mut clauses = Vec::new();
    let mut values = Vec::new();
    if let Some(ids) = visible {
        clauses.push(format!("+{}", store_filter(Some(ids))));
    }
    if let Some(id) = query.store_id {
        values.push(Value::Integer(id));
        clauses.push(format!("+c.store_id = ?{}", values.len()));
    }
    if !query.include_archived {
        clauses.push(format!(
            "+c.status IN ({})",
            sql_list(&[CustomerStatus::Active])
        ));
    }
    if let Some((column, pattern)) = text.map(|t| crate::paging::text_search(t, query.accent_free))
    {
        values.push(Value::Text(pattern));
        clauses.push(format!("c.{column} LIKE ?{} ESCAPE '\\'", values.len()));
    }
    let filter = if clauses.is_empty() {
        String::new()
    } else {
        format!("WHERE {}", clauses.join(" AND "))
    };
    (filter, values)
}

/// The ids of a page of customers, in the query's order (backwards when `reversed`), under a
/// filter of `params` parameters; the page's limit and offset follow them.
fn ids_sql(query: &CustomerQuery, filter: &str, params: usize, reversed: bool) -> String {
    let direction = if reversed { "DESC" } else { "ASC" };
    let order = match query.sort {
        CustomerSort::Reference => format!("c.reference {direction}, c.id {direction}"),
        CustomerSort::Name => format!("c.sort_key {direction}, c.id {direction}"),
    };
    format!(
        "SELECT c.id FROM customers c {filter} ORDER BY {order} LIMIT ?{} OFFSET ?{}",
        params + 1,
        params + 2
    )
}

/// One page of the customers the user may see (`view_reports`), by reference.
pub fn search(session: &Session, query: &CustomerQuery) -> Result<CustomerPage> {
    if let Some(id) = query.store_id {
        session.require(Permission::ViewReports, Some(id))?;
    }
    let limit = query.limit.unwrap_or(100);
    if !(1..=MAX_PAGE).contains(&limit) {
        return Err(crate::paging::page_size_refused(limit, MAX_PAGE));
    }
    let text = query
        .search
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty());
    if text.is_some_and(|t| t.chars().count() > crate::paging::MAX_SEARCH_CHARS) {
        return Err(crate::paging::search_too_long());
    }
    let visible = session.stores_with(Permission::ViewReports)?;
    let (filter, values) = list_filter(query, visible.as_deref(), text);
    session.vault().db().read(|conn| {
        // One snapshot: the page is cut from the list the total counts.
        let snapshot = conn.unchecked_transaction()?;
        let total: i64 = snapshot.query_row(
            &format!("SELECT count(*) FROM customers c {filter}"),
            params_from_iter(values.iter()),
            |r| r.get(0),
        )?;
        let total = total as u64;
        let Some(window) = Window::of(u64::from(query.offset), u64::from(limit), total) else {
            return Ok(CustomerPage {
                total,
                offset: query.offset,
                rows: Vec::new(),
            });
        };
        // The page's ids from the sort's index alone (it carries the store), then their rows:
        // the customers skipped on the way are never read.
        let mut stmt = snapshot.prepare(&ids_sql(query, &filter, values.len(), window.reversed))?;
        let mut values = values;
        values.push(Value::Integer(window.limit as i64));
        values.push(Value::Integer(window.offset as i64));
        let mut ids = stmt
            .query_map(params_from_iter(values.iter()), |r| r.get::<_, i64>(0))?
            .collect::<std::result::Result<Vec<_>, _>>()?;
        if window.reversed {
            ids.reverse();
        }
        let mut one = snapshot.prepare_cached(&format!("{} WHERE c.id = ?1", *SUMMARY))?;
        let rows = ids
            .iter()
            .map(|id| one.query_row([id], summary_row))
            .collect::<std::result::Result<Vec<_>, _>>()?;
        Ok(CustomerPage {
            total,
            offset: query.offset,
            rows,
        })
    })
}

/// One customer as listed; needs `view_reports` on its store.
pub fn summary(session: &Session, customer_id: i64) -> Result<CustomerSummary> {
    let found = session
        .vault()
        .db()
        .read(|c| {
            Ok(c.query_row(
                &format!("{} WHERE c.id = ?1", *SUMMARY),
                [customer_id],
                summary_row,
            )?)
        })
        .map_err(|_| Error::not_found("customer", customer_id))?;
    session.require(Permission::ViewReports, Some(found.store_id))?;
    Ok(found)
}

/// The card's expiry, opened from its sealed field.
pub(crate) fn expiry_of(
    vault: &Vault,
    card_id: i64,
    sealed: &[u8],
) -> Result<tahsildar_akbank::Expiry> {
    let plain = vault
        .keys()
        .open(sealed, &super::card::aad(card_id, "expiry"))?;
    let text = std::str::from_utf8(&plain).map_err(|_| Error::SealedValueInvalid)?;
    tahsildar_akbank::Expiry::parse(text).map_err(|_| Error::SealedValueInvalid)
}

/// The last day of the expiry month.
pub(crate) fn valid_through(expiry: tahsildar_akbank::Expiry) -> jiff::civil::Date {
    jiff::civil::date(expiry.year as i16, expiry.month as i8, 1).last_of_month()
}

fn cards_of(vault: &Vault, customer_id: i64, today: jiff::civil::Date) -> Result<Vec<CardDetail>> {
    type Raw = (
        i64,
        String,
        String,
        Option<String>,
        i64,
        Option<String>,
        Option<String>,
        Vec<u8>,
    );
    let raw: Vec<Raw> = vault.db().read(|c| {
        let mut stmt = c.prepare(
            "SELECT id, masked_pan, brand, holder, position, instruction_date, instruction_ref, expiry_sealed
             FROM cards WHERE customer_id = ?1 AND removed_at IS NULL ORDER BY position",
        )?;
        let rows = stmt.query_map([customer_id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?))
        })?;
        Ok(rows.collect::<std::result::Result<Vec<_>, _>>()?)
    })?;
    raw.into_iter()
        .map(
            |(
                id,
                masked_pan,
                brand,
                holder,
                position,
                instruction_date,
                instruction_ref,
                sealed,
            )| {
                let expiry = expiry_of(vault, id, &sealed)?;
                let instruction_scan = vault.db().read(|c| instruction_scan::of_card(c, id))?;
                Ok(CardDetail {
                    id,
                    masked_pan,
                    brand,
                    holder,
                    expiry: expiry.to_string(),
                    valid_through: valid_through(expiry).to_string(),
                    expired: expiry.is_expired_on(today),
                    position,
                    instruction_date,
                    instruction_ref,
                    instruction_scan,
                })
            },
        )
        .collect()
}

fn plans_of(conn: &rusqlite::Connection, customer_id: i64) -> Result<Vec<PlanSummary>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT pl.id, pl.kind, pl.amount_minor, pl.currency, pl.installments, pl.start_date, pl.cadence,
            pl.end_count, pl.end_date, pl.description, pl.status,
            (SELECT count(*) FROM payments p WHERE p.plan_id = pl.id),
            (SELECT count(*) FROM payments p WHERE p.plan_id = pl.id AND p.status IN ({paid}))
         FROM plans pl WHERE pl.customer_id = ?1 ORDER BY pl.id DESC",
        paid = sql_list(&[PaymentStatus::Paid, PaymentStatus::PartiallyRefunded])
    ))?;
    let rows = stmt.query_map([customer_id], |r| {
        let currency: u16 = r.get(3)?;
        Ok(PlanSummary {
            id: r.get(0)?,
            kind: r.get(1)?,
            amount_minor: r.get(2)?,
            currency: tahsildar_akbank::Currency::from_code(currency)
                .map(|c| c.alpha())
                .unwrap_or("?")
                .to_string(),
            installments: r.get(4)?,
            start_date: r.get(5)?,
            cadence: r.get(6)?,
            end_count: r.get(7)?,
            end_date: r.get(8)?,
            description: r.get(9)?,
            status: r.get(10)?,
            payments: r.get(11)?,
            paid: r.get(12)?,
        })
    })?;
    Ok(rows.collect::<std::result::Result<Vec<_>, _>>()?)
}

/// One customer with cards, plans and the newest payments; needs `view_reports` on its store.
pub fn detail(session: &Session, id: i64) -> Result<CustomerDetail> {
    let vault = session.vault();
    let (customer, store) = vault.db().read(|c| {
        let customer = super::load(c, id)?;
        let store: String = c.query_row(
            "SELECT name FROM stores WHERE id = ?1",
            [customer.store_id],
            |r| r.get(0),
        )?;
        Ok((customer, store))
    })?;
    session.require(Permission::ViewReports, Some(customer.store_id))?;
    let today = crate::plan::today(vault.clock().as_ref());
    let cards = cards_of(vault, id, today)?;
    let plans = vault.db().read(|c| plans_of(c, id))?;
    let payments = page(
        session,
        &PaymentQuery {
            customer_id: Some(id),
            sort: PaymentSort::DueDate,
            descending: true,
            limit: Some(200),
            ..PaymentQuery::default()
        },
    )?;
    Ok(CustomerDetail {
        id,
        store_id: customer.store_id,
        store,
        reference: customer.reference,
        name: customer.name,
        email: customer.email,
        phone: customer.phone,
        notes: customer.notes,
        status: customer.status,
        cards,
        plans,
        payments,
    })
}

/// Cards in use (of active customers the user may see) that can no longer be charged by
/// `today + within_days`, soonest first, expired ones included.
pub fn expiring_cards(
    session: &Session,
    store_id: Option<i64>,
    within_days: u16,
) -> Result<Vec<ExpiringCard>> {
    if let Some(id) = store_id {
        session.require(Permission::ViewReports, Some(id))?;
    }
    let visible = session.stores_with(Permission::ViewReports)?;
    let vault = session.vault();
    let today = crate::plan::today(vault.clock().as_ref());
    let horizon = today
        .checked_add(jiff::Span::new().days(i64::from(within_days)))
        .map_err(|e| Error::Internal(e.to_string()))?;
    type Raw = (ExpiringCard, Vec<u8>);
    let raw: Vec<Raw> = vault.db().read(|c| {
        let mut stmt = c.prepare(&format!(
            "SELECT k.id, c.id, c.reference, c.name, c.store_id, k.masked_pan, k.brand, k.position, k.expiry_sealed
             FROM cards k JOIN customers c ON c.id = k.customer_id
             WHERE k.removed_at IS NULL AND {} AND (?1 IS NULL OR c.store_id = ?1)
               AND c.status IN ({})",
            store_filter(visible.as_deref()),
            sql_list(&[CustomerStatus::Active])
        ))?;
        let rows = stmt.query_map([store_id], |r| {
            Ok((
                ExpiringCard {
                    card_id: r.get(0)?,
                    customer_id: r.get(1)?,
                    customer_ref: r.get(2)?,
                    customer_name: r.get(3)?,
                    store_id: r.get(4)?,
                    masked_pan: r.get(5)?,
                    brand: r.get(6)?,
                    position: r.get(7)?,
                    next_due_date: None,
                    expiry: String::new(),
                    valid_through: String::new(),
                    expired: false,
                },
                r.get(8)?,
            ))
        })?;
        Ok(rows.collect::<std::result::Result<Vec<_>, _>>()?)
    })?;
    // Every expiry is sealed, so each card's is opened here; the next due date is looked up
    // only for the few that expire.
    let mut out = Vec::new();
    for (mut card, sealed) in raw {
        let expiry = expiry_of(vault, card.card_id, &sealed)?;
        let last = valid_through(expiry);
        if last > horizon {
            continue;
        }
        card.expiry = expiry.to_string();
        card.valid_through = last.to_string();
        card.expired = last < today;
        out.push(card);
    }
    vault.db().read(|c| {
        // `+p.status`: the next due date is found through the customer's plans; taken through
        // the status index instead it read most of the payments once per card.
        let mut next_due = c.prepare(&format!(
            "SELECT min(p.due_date) FROM plans pl JOIN payments p ON p.plan_id = pl.id
             WHERE pl.customer_id = ?1 AND +p.status IN ({})",
            sql_list(&[
                PaymentStatus::Scheduled,
                PaymentStatus::RetryWait,
                PaymentStatus::Attention
            ]),
        ))?;
        for card in &mut out {
            card.next_due_date = next_due.query_row([card.customer_id], |r| r.get(0))?;
        }
        Ok(())
    })?;
    out.sort_by(|a, b| {
        (a.valid_through.as_str(), a.card_id).cmp(&(b.valid_through.as_str(), b.card_id))
    });
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_through_is_the_last_day_of_the_month() {
        let feb = tahsildar_akbank::Expiry::new(2, 2028).unwrap();
        assert_eq!(valid_through(feb), jiff::civil::date(2028, 2, 29));
        let dec = tahsildar_akbank::Expiry::new(12, 30).unwrap();
        assert_eq!(valid_through(dec), jiff::civil::date(2030, 12, 31));
    }

    #[test]
    fn a_page_of_customers_walks_the_sorts_index_without_sorting() {
        let conn = crate::vault::db::migrated_in_memory();
        for (sort, index) in [
            (CustomerSort::Reference, "customers_by_reference"),
            (CustomerSort::Name, "customers_by_sort_key"),
        ] {
            for (visible, store_id) in [(None, None), (Some(&[1, 2][..]), None), (None, Some(2))] {
                for reversed in [false, true] {
                    let query = CustomerQuery {
                        sort,
                        store_id,
                        ..CustomerQuery::default()
                    };
                    let (filter, values) = list_filter(&query, visible, None);
                    let sql = ids_sql(&query, &filter, values.len(), reversed);
                    let mut window = values.clone();
                    window.extend([Value::Integer(100), Value::Integer(0)]);
                    assert_eq!(
                        crate::vault::db::query_plan(&conn, &sql, &window),
                        [format!("SCAN c USING COVERING INDEX {index}")],
                        "{sql}"
                    );
                }
            }
        }
    }
}

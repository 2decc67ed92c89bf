//! The audit log as the window and the command line read it: filtered by user, action, store
//! and Istanbul days, newest first, one page at a time. An entry belongs to the store of what
//! it was done to (a store, customer, card, plan, payment, attempt or import batch); a user
//! granted `view_audit` on some stores sees those stores' entries, and only a grant on every
//! store shows the entries that belong to no store (sign-ins, users, the vault, exports).
//! Details are masked again as they are read, so a PAN never reaches the screen or a file.

use jiff::civil::Date;
use rusqlite::types::Value;
use serde::{Deserialize, Serialize};

use super::{AuditAction, AuditResult, Origin, scrub};
use crate::auth::{Permission, Session};
use crate::error::{Error, Result};
use crate::i18n::Text;

/// The most rows one page may hold.
pub const MAX_PAGE: u32 = 500;

/// The store an entry belongs to, from its object (`payment:88` → the payment's store), or NULL.
const ENTRY_STORE: &str = "(CASE substr(l.object, 1, instr(l.object, ':') - 1)
    WHEN 'store' THEN CAST(substr(l.object, 7) AS INTEGER)
    WHEN 'customer' THEN (SELECT store_id FROM customers WHERE id = CAST(substr(l.object, 10) AS INTEGER))
    WHEN 'card' THEN (SELECT cu.store_id FROM cards ca JOIN customers cu ON cu.id = ca.customer_id
                      WHERE ca.id = CAST(substr(l.object, 6) AS INTEGER))
    WHEN 'plan' THEN (SELECT store_id FROM plans WHERE id = CAST(substr(l.object, 6) AS INTEGER))
    WHEN 'payment' THEN (SELECT store_id FROM payments WHERE id = CAST(substr(l.object, 9) AS INTEGER))
    WHEN 'attempt' THEN (SELECT p.store_id FROM attempts a JOIN payments p ON p.id = a.payment_id
                         WHERE a.id = CAST(substr(l.object, 9) AS INTEGER))
    WHEN 'batch' THEN (SELECT store_id FROM import_batches WHERE id = CAST(substr(l.object, 7) AS INTEGER))
    END)";

/// Which entries a page shows, from which row; every filter is optional.
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default)]
pub struct AuditQuery {
    /// Entries by this user.
    pub user_id: Option<i64>,
    pub action: Option<AuditAction>,
    /// Entries that belong to this store.
    pub store_id: Option<i64>,
    /// First day, `YYYY-MM-DD` in Istanbul.
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub from: Option<Date>,
    /// Last day, included.
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub to: Option<Date>,
    pub offset: u32,
    /// Rows on the page, 1..=[`MAX_PAGE`] (default 100).
    pub limit: Option<u32>,
}

/// One entry as listed, masked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct AuditRow {
    pub seq: i64,
    /// The instant (UTC, RFC 3339).
    pub at: String,
    pub user_id: Option<i64>,
    pub user_name: Option<String>,
    /// The stable code, e.g. `payment.refund`.
    pub action: String,
    pub action_text: Text,
    /// What it was done to, e.g. `payment:88`.
    pub object: String,
    pub store_id: Option<i64>,
    pub store: Option<String>,
    /// `ok`, `failed` or `denied`.
    pub result: String,
    pub result_text: Text,
    /// `app`, `cli` or `scheduler`.
    pub origin: String,
    pub origin_text: Text,
    /// The entry's facts as JSON, masked.
    pub detail: String,
}

/// One page and the number of entries that match the filters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct AuditPage {
    pub total: u64,
    pub offset: u32,
    pub rows: Vec<AuditRow>,
}

/// An action the filter offers, with its words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct AuditActionChoice {
    pub action: AuditAction,
    pub text: Text,
}

/// A user who appears in the entries the viewer may see.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct AuditUser {
    pub user_id: i64,
    pub user_name: String,
}

/// What the filters offer: every action, and the users found in the visible entries.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct AuditChoices {
    pub actions: Vec<AuditActionChoice>,
    pub users: Vec<AuditUser>,
}

/// The stores whose entries the user may read (`None`: every entry); refused without any
/// `view_audit` grant.
pub(crate) fn visible_stores(session: &Session) -> Result<Option<Vec<i64>>> {
    match session.stores_with(Permission::ViewAudit)? {
        Some(ids) if ids.is_empty() => {
            session.require(Permission::ViewAudit, None)?;
            Ok(None)
        }
        visible => Ok(visible),
    }
}

/// The instant an Istanbul day starts, as the prefix of the stored RFC 3339 text (no `Z`, so
/// that it sorts before every entry of that second, with or without fractions).
fn day_start(day: Date) -> String {
    let start = crate::plan::time_zone()
        .to_ambiguous_timestamp(day.to_datetime(jiff::civil::Time::midnight()))
        .compatible()
        .unwrap_or(jiff::Timestamp::UNIX_EPOCH);
    start.strftime("%Y-%m-%dT%H:%M:%S").to_string()
}

/// The WHERE clause and its parameters, in order.
fn conditions(query: &AuditQuery, visible: Option<&[i64]>) -> (String, Vec<Value>) {
    let mut clauses: Vec<String> = Vec::new();
    let mut values: Vec<Value> = Vec::new();
    if let Some(ids) = visible {
        // Store ids come from the database as integers: safe to write into the statement.
        let list: Vec<String> = ids.iter().map(i64::to_string).collect();
        clauses.push(format!("{ENTRY_STORE} IN ({})", list.join(",")));
    }
    let mut push = |clause: &str, value: Value| {
        values.push(value);
        clauses.push(clause.replace('?', &format!("?{}", values.len())));
    };
    if let Some(id) = query.store_id {
        push(&format!("{ENTRY_STORE} = ?"), Value::Integer(id));
    }
    if let Some(id) = query.user_id {
        push("l.user_id = ?", Value::Integer(id));
    }
    if let Some(action) = query.action {
        push("l.action = ?", Value::Text(action.code().to_string()));
    }
    if let Some(day) = query.from {
        push("l.at >= ?", Value::Text(day_start(day)));
    }
    if let Some(day) = query.to {
        let next = day.tomorrow().unwrap_or(day);
        push("l.at < ?", Value::Text(day_start(next)));
    }
    let sql = if clauses.is_empty() {
        String::new()
    } else {
        format!("WHERE {}", clauses.join(" AND "))
    };
    (sql, values)
}

fn check(query: &AuditQuery) -> Result<u32> {
    if let (Some(from), Some(to)) = (query.from, query.to)
        && from > to
    {
        let (from, to) = (from.strftime("%d.%m.%Y"), to.strftime("%d.%m.%Y"));
        return Err(Error::invalid(
            "date",
            Text::new(
                format!("Tarih aralığının başı ({from}) sonundan ({to}) sonra."),
                format!("The date range starts ({from}) after it ends ({to})."),
            ),
        ));
    }
    let limit = query.limit.unwrap_or(100);
    if !(1..=MAX_PAGE).contains(&limit) {
        return Err(crate::paging::page_size_refused(limit, MAX_PAGE));
    }
    Ok(limit)
}

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<AuditRow> {
    let action: String = r.get(4)?;
    let result: String = r.get(7)?;
    let origin: String = r.get(8)?;
    Ok(AuditRow {
        seq: r.get(0)?,
        at: r.get(1)?,
        user_id: r.get(2)?,
        user_name: r.get::<_, Option<String>>(3)?.map(|n| scrub(&n)),
        action_text: AuditAction::text_of(&action),
        action,
        object: scrub(&r.get::<_, String>(5)?),
        store_id: r.get(9)?,
        store: r.get(10)?,
        result_text: AuditResult::text_of(&result),
        result,
        origin_text: Origin::text_of(&origin),
        origin,
        detail: scrub(&r.get::<_, String>(6)?),
    })
}

/// One page of the entries the user may see (`view_audit`), newest first, with the total.
pub fn page(session: &Session, query: &AuditQuery) -> Result<AuditPage> {
    if let Some(id) = query.store_id {
        session.require(Permission::ViewAudit, Some(id))?;
    }
    let limit = check(query)?;
    let visible = visible_stores(session)?;
    let (filter, mut values) = conditions(query, visible.as_deref());
    session.vault().db().read(|conn| {
        let total: i64 = conn.query_row(
            &format!("SELECT count(*) FROM audit_log l {filter}"),
            rusqlite::params_from_iter(values.iter()),
            |r| r.get(0),
        )?;
        values.push(Value::Integer(i64::from(limit)));
        values.push(Value::Integer(i64::from(query.offset)));
        let n = values.len();
        let sql = format!(
            "SELECT e.seq, e.at, e.user_id, e.user_name, e.action, e.object, e.detail, e.result,
                    e.origin, e.store_id, s.name
             FROM (SELECT l.*, {ENTRY_STORE} AS store_id FROM audit_log l {filter}
                   ORDER BY l.seq DESC LIMIT ?{} OFFSET ?{n}) e
             LEFT JOIN stores s ON s.id = e.store_id
             ORDER BY e.seq DESC",
            n - 1
        );
        let mut stmt = conn.prepare(&sql)?;
        let rows = stmt
            .query_map(rusqlite::params_from_iter(values.iter()), from_row)?
            .collect::<std::result::Result<Vec<_>, _>>()?;
        Ok(AuditPage {
            total: total as u64,
            offset: query.offset,
            rows,
        })
    })
}

/// Every entry that matches (all pages), newest first: what an export writes.
pub fn all(session: &Session, query: &AuditQuery) -> Result<Vec<AuditRow>> {
    let mut q = query.clone();
    q.offset = 0;
    q.limit = Some(MAX_PAGE);
    let mut rows = Vec::new();
    loop {
        let page = page(session, &q)?;
        let done = page.rows.len() < MAX_PAGE as usize;
        rows.extend(page.rows);
        if done {
            return Ok(rows);
        }
        q.offset += MAX_PAGE;
    }
}

/// The actions and users the filters offer.
pub fn choices(session: &Session) -> Result<AuditChoices> {
    let visible = visible_stores(session)?;
    let (filter, values) = conditions(&AuditQuery::default(), visible.as_deref());
    let users = session.vault().db().read(|conn| {
        let mut stmt = conn.prepare(&format!(
            "SELECT l.user_id, max(l.user_name) FROM audit_log l {filter}
             {} l.user_id IS NOT NULL GROUP BY l.user_id ORDER BY 2 COLLATE NOCASE",
            if filter.is_empty() { "WHERE" } else { "AND" }
        ))?;
        let rows = stmt
            .query_map(rusqlite::params_from_iter(values.iter()), |r| {
                Ok(AuditUser {
                    user_id: r.get(0)?,
                    user_name: r.get::<_, Option<String>>(1)?.unwrap_or_default(),
                })
            })?
            .collect::<std::result::Result<Vec<_>, _>>()?;
        Ok(rows)
    })?;
    let actions = AuditAction::ALL
        .iter()
        .map(|&action| AuditActionChoice {
            action,
            text: action.text(),
        })
        .collect();
    Ok(AuditChoices { actions, users })
}

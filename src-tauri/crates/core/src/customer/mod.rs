//! Customers of a store: who pays, under the store's own reference number, their cards and the
//! scans of their signed instructions.

mod archive;
pub mod card;
mod card_order;
pub mod instruction_scan;
pub mod search;

use rusqlite::{OptionalExtension, params};
use serde::Serialize;
use tahsildar_words::turkish;

use crate::audit::{AuditAction, AuditResult};
use crate::auth::{Permission, Session};
use crate::error::{Error, Result};
use crate::i18n::Text;

pub(crate) use archive::require_active;
pub use archive::{ArchiveOutcome, CustomerStatus, archive, unarchive};
pub use card::{CardInfo, NewCard};
pub use card_order::{remove_card, replace_card, set_primary_card};

/// A customer as entered.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct NewCustomer {
    /// The store's own reference (member or flat number), unique within the store.
    pub reference: String,
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub notes: Option<String>,
}

/// A customer with its cards (masked).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Customer {
    pub id: i64,
    pub store_id: i64,
    pub reference: String,
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub notes: Option<String>,
    pub status: CustomerStatus,
    pub cards: Vec<CardInfo>,
}

fn clean(text: &Option<String>) -> Option<String> {
    text.as_ref()
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty())
}

/// The rule a customer field (`reference`, `name`, `e-mail`, `phone`) breaks, as a sentence
/// in both languages; manual entry and the import report share it.
pub(crate) fn rule_text(field: &str) -> Text {
    match field {
        "reference" => Text::new(
            "Abone/referans numarası 1 ile 64 görünür karakter olmalı.",
            "The reference must be 1 to 64 visible characters.",
        ),
        "name" => Text::new(
            "Ad soyad 1 ile 200 görünür karakter olmalı.",
            "The name must be 1 to 200 visible characters.",
        ),
        "e-mail" => Text::new(
            "E-posta adresi geçersiz.",
            "The e-mail address is not valid.",
        ),
        _ => Text::new(
            "Telefon numarası geçersiz (7 ile 15 rakam; + - ( ) ve boşluk olabilir).",
            "The phone number is not valid (7 to 15 digits; + - ( ) and spaces allowed).",
        ),
    }
}

fn refused(field: &'static str) -> Error {
    Error::invalid(field, rule_text(field))
}

/// The rules of a customer as entered (manual entry and imports).
pub(crate) fn check(new: &NewCustomer) -> Result<()> {
    let reference = new.reference.trim();
    if reference.is_empty()
        || reference.chars().count() > 64
        || reference.chars().any(char::is_control)
    {
        return Err(refused("reference"));
    }
    let name = new.name.trim();
    if name.is_empty() || name.chars().count() > 200 || name.chars().any(char::is_control) {
        return Err(refused("name"));
    }
    if let Some(email) = clean(&new.email) {
        let ok = email.len() <= 254
            && email
                .split_once('@')
                .is_some_and(|(l, d)| !l.is_empty() && d.contains('.') && !d.starts_with('.'))
            && !email.chars().any(char::is_whitespace);
        if !ok {
            return Err(refused("e-mail"));
        }
    }
    if let Some(phone) = clean(&new.phone) {
        let digits = phone.chars().filter(char::is_ascii_digit).count();
        let allowed = phone
            .chars()
            .all(|c| c.is_ascii_digit() || " +-()".contains(c));
        if !allowed || !(7..=15).contains(&digits) {
            return Err(refused("phone"));
        }
    }
    Ok(())
}

/// Adds a customer to a store. Needs `create_collections` on the store.
pub fn add(session: &Session, store_id: i64, new: &NewCustomer) -> Result<Customer> {
    session.require(Permission::CreateCollections, Some(store_id))?;
    check(new)?;
    let vault = session.vault();
    let now = vault.clock().now().to_string();
    let reference = new.reference.trim().to_string();
    let id = vault.write_audited(|tx, _| {
        let store_exists: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM stores WHERE id = ?1)",
            [store_id],
            |r| r.get(0),
        )?;
        if !store_exists {
            return Err(Error::StoreNotFound(store_id.to_string()));
        }
        let taken: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM customers WHERE store_id = ?1 AND reference = ?2)",
            params![store_id, reference],
            |r| r.get(0),
        )?;
        if taken {
            return Err(reference_taken(&reference));
        }
        let id = insert(tx, store_id, new, &now)?;
        let record = session
            .record(
                AuditAction::CustomerAdd,
                format!("customer:{id}"),
                AuditResult::Ok,
            )
            .with_detail(serde_json::json!({ "store": store_id, "reference": reference }));
        Ok((id, record))
    })?;
    vault.db().read(|c| load(c, id))
}

/// Changes a customer's reference, name, e-mail, phone and notes (its cards, plans and
/// payments stay). Needs `create_collections` on the customer's store; audited with the fields
/// that changed.
pub fn update(session: &Session, id: i64, edited: &NewCustomer) -> Result<Customer> {
    check(edited)?;
    let vault = session.vault();
    let before = vault.db().read(|c| load(c, id))?;
    session.require(Permission::CreateCollections, Some(before.store_id))?;
    let now = vault.clock().now().to_string();
    let reference = edited.reference.trim().to_string();
    let (email, phone, notes) = (
        clean(&edited.email),
        clean(&edited.phone),
        clean(&edited.notes),
    );
    let changed: Vec<&str> = [
        ("reference", before.reference != reference),
        ("name", before.name != edited.name.trim()),
        ("e-mail", before.email != email),
        ("phone", before.phone != phone),
        ("notes", before.notes != notes),
    ]
    .into_iter()
    .filter_map(|(field, differs)| differs.then_some(field))
    .collect();
    if changed.is_empty() {
        return Ok(before);
    }
    vault.write_audited(|tx, _| {
        let taken: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM customers WHERE store_id = ?1 AND reference = ?2 AND id <> ?3)",
            params![before.store_id, reference, id],
            |r| r.get(0),
        )?;
        if taken {
            return Err(reference_taken(&reference));
        }
        let keys = SearchKeys::of(&reference, edited.name.trim(), &email, &phone);
        tx.execute(
            "UPDATE customers SET reference = ?2, name = ?3, email = ?4, phone = ?5, notes = ?6,
                 updated_at = ?7, search_text = ?8, search_plain = ?9, sort_key = ?10
             WHERE id = ?1",
            params![
                id,
                reference,
                edited.name.trim(),
                email,
                phone,
                notes,
                now,
                keys.text,
                keys.plain,
                keys.sort
            ],
        )?;
        let record = session
            .record(
                AuditAction::CustomerUpdate,
                format!("customer:{id}"),
                AuditResult::Ok,
            )
            .with_detail(serde_json::json!({ "store": before.store_id, "changed": changed }));
        Ok(((), record))
    })?;
    vault.db().read(|c| load(c, id))
}

/// The reference is used by another customer of the store.
fn reference_taken(reference: &str) -> Error {
    Error::invalid(
        "reference",
        Text::new(
            format!("{reference} abone/referans numarası bu mağazada zaten kullanılıyor."),
            format!("The reference {reference} is already used in this store."),
        ),
    )
}

/// Writes a checked customer row inside `tx`; returns its id. Manual entry and imports both
/// add customers through here.
pub(crate) fn insert(
    tx: &rusqlite::Transaction,
    store_id: i64,
    new: &NewCustomer,
    now: &str,
) -> Result<i64> {
    let (email, phone) = (clean(&new.email), clean(&new.phone));
    let keys = SearchKeys::of(new.reference.trim(), new.name.trim(), &email, &phone);
    tx.prepare_cached(
        "INSERT INTO customers (store_id, reference, name, email, phone, notes, created_at, updated_at,
             search_text, search_plain, sort_key)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7, ?8, ?9, ?10)",
    )?
    .execute(params![
        store_id,
        new.reference.trim(),
        new.name.trim(),
        email,
        phone,
        clean(&new.notes),
        now,
        keys.text,
        keys.plain,
        keys.sort
    ])?;
    Ok(tx.last_insert_rowid())
}

/// What a search and the order by name read of a customer: its reference, name, e-mail and
/// phone folded as Turkish is (and again without the Turkish letters), and its name's key in
/// Turkish alphabetical order.
struct SearchKeys {
    text: String,
    plain: String,
    sort: String,
}

impl SearchKeys {
    fn of(reference: &str, name: &str, email: &Option<String>, phone: &Option<String>) -> Self {
        let all = [
            Some(reference),
            Some(name),
            email.as_deref(),
            phone.as_deref(),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join("\u{1f}");
        SearchKeys {
            text: turkish::lower(&all),
            plain: turkish::plain(&all),
            sort: turkish::sort_key(name),
        }
    }
}

/// Fills the search keys of every customer (migration 16, for the customers written before).
pub(crate) fn fill_search_keys(tx: &rusqlite::Transaction) -> Result<()> {
    type Row = (i64, String, String, Option<String>, Option<String>);
    let rows: Vec<Row> = tx
        .prepare("SELECT id, reference, name, email, phone FROM customers")?
        .query_map([], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })?
        .collect::<std::result::Result<_, _>>()?;
    let mut update = tx.prepare(
        "UPDATE customers SET search_text = ?2, search_plain = ?3, sort_key = ?4 WHERE id = ?1",
    )?;
    for (id, reference, name, email, phone) in rows {
        let keys = SearchKeys::of(&reference, &name, &email, &phone);
        update.execute(params![id, keys.text, keys.plain, keys.sort])?;
    }
    Ok(())
}

const SELECT_CUSTOMER: &str =
    "SELECT id, store_id, reference, name, email, phone, notes, status FROM customers";

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Customer> {
    Ok(Customer {
        id: r.get(0)?,
        store_id: r.get(1)?,
        reference: r.get(2)?,
        name: r.get(3)?,
        email: r.get(4)?,
        phone: r.get(5)?,
        notes: r.get(6)?,
        status: r.get(7)?,
        cards: Vec::new(),
    })
}

pub(crate) fn load(conn: &rusqlite::Connection, id: i64) -> Result<Customer> {
    let mut customer = conn
        .query_row(&format!("{SELECT_CUSTOMER} WHERE id = ?1"), [id], from_row)
        .optional()?
        .ok_or_else(|| Error::not_found("customer", id))?;
    customer.cards = card::list_of(conn, id)?;
    Ok(customer)
}

/// The id of the customer with `reference` in a store.
pub fn find_by_reference(
    conn: &rusqlite::Connection,
    store_id: i64,
    reference: &str,
) -> Result<i64> {
    conn.query_row(
        "SELECT id FROM customers WHERE store_id = ?1 AND reference = ?2",
        params![store_id, reference.trim()],
        |r| r.get(0),
    )
    .optional()?
    .ok_or_else(|| Error::not_found("customer", reference.trim()))
}

/// One customer, with `view_reports` on its store.
pub fn get(session: &Session, id: i64) -> Result<Customer> {
    let customer = session.vault().db().read(|c| load(c, id))?;
    session.require(Permission::ViewReports, Some(customer.store_id))?;
    Ok(customer)
}

/// Customers of one store or of every store the user may see, by store and reference.
pub fn list(session: &Session, store_id: Option<i64>) -> Result<Vec<Customer>> {
    if let Some(id) = store_id {
        session.require(Permission::ViewReports, Some(id))?;
    }
    let visible = session.stores_with(Permission::ViewReports)?;
    session.vault().db().read(|c| {
        let mut stmt = c.prepare(&format!(
            "{SELECT_CUSTOMER} WHERE (?1 IS NULL OR store_id = ?1) ORDER BY store_id, reference"
        ))?;
        let rows = stmt.query_map([store_id], from_row)?;
        let mut out = Vec::new();
        for row in rows {
            let mut customer = row?;
            if visible
                .as_ref()
                .is_some_and(|ids| !ids.contains(&customer.store_id))
            {
                continue;
            }
            customer.cards = card::list_of(c, customer.id)?;
            out.push(customer);
        }
        Ok(out)
    })
}

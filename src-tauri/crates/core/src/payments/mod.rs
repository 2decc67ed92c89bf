//! Reading payments: the list with filters and paging, and the attention queue.

pub mod page;
pub mod queue;
pub mod retry;
pub mod status;
pub mod timeline;

pub use status::PaymentStatus;

use serde::Serialize;
use tahsildar_akbank::Currency;
use tahsildar_akbank::money::minor_to_wire;

use crate::auth::{Permission, Session};
use crate::engine::attempt_state::AttemptState;
use crate::error::{Error, Result};

/// One payment as listed: its latest attempt's codes, masked card only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct PaymentRow {
    pub id: i64,
    pub plan_id: i64,
    pub store: String,
    pub store_id: i64,
    pub customer_ref: String,
    pub customer_name: String,
    /// "1234.50".
    pub amount: String,
    pub amount_minor: i64,
    pub currency: String,
    pub due_date: String,
    pub status: PaymentStatus,
    pub next_try_on: Option<String>,
    pub masked_pan: Option<String>,
    /// Latest attempt.
    pub attempt_id: Option<i64>,
    pub order_id: Option<String>,
    pub attempt_state: Option<AttemptState>,
    pub vps_code: Option<String>,
    pub host_code: Option<String>,
    pub message: Option<String>,
    /// Number of attempts sent for this payment.
    pub attempts: i64,
    /// Why an operator must act.
    pub attention: Option<String>,
}

const SELECT: &str = "SELECT p.id, p.plan_id, s.name, p.store_id, c.reference, c.name, p.amount_minor, p.currency,
        p.due_date, p.status, p.next_try_on,
        COALESCE(ca.masked_pan, (SELECT masked_pan FROM cards WHERE customer_id = c.id AND removed_at IS NULL ORDER BY position LIMIT 1)),
        a.id, a.order_id, a.state, a.vps_code, a.host_code, COALESCE(a.message, a.review_reason),
        (SELECT count(*) FROM attempts x WHERE x.payment_id = p.id), p.attention
    FROM payments p
    JOIN plans pl ON pl.id = p.plan_id
    JOIN customers c ON c.id = pl.customer_id
    JOIN stores s ON s.id = p.store_id
    LEFT JOIN attempts a ON a.id = (SELECT max(id) FROM attempts y WHERE y.payment_id = p.id)
    LEFT JOIN cards ca ON ca.id = COALESCE(a.card_id, p.card_id)";

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<PaymentRow> {
    let minor: i64 = r.get(6)?;
    let currency: u16 = r.get(7)?;
    Ok(PaymentRow {
        id: r.get(0)?,
        plan_id: r.get(1)?,
        store: r.get(2)?,
        store_id: r.get(3)?,
        customer_ref: r.get(4)?,
        customer_name: r.get(5)?,
        amount: minor_to_wire(minor),
        amount_minor: minor,
        currency: Currency::from_code(currency)
            .map(|c| c.alpha())
            .unwrap_or("?")
            .to_string(),
        due_date: r.get(8)?,
        status: r.get(9)?,
        next_try_on: r.get(10)?,
        masked_pan: r.get(11)?,
        attempt_id: r.get(12)?,
        order_id: r.get(13)?,
        attempt_state: r.get(14)?,
        vps_code: r.get(15)?,
        host_code: r.get(16)?,
        message: r.get(17)?,
        attempts: r.get(18)?,
        attention: r.get(19)?,
    })
}

/// The attention queue: payments an operator must act on, oldest first.
pub fn attention(session: &Session, store_id: Option<i64>) -> Result<Vec<PaymentRow>> {
    page::all(
        session,
        &page::PaymentQuery {
            store_id,
            statuses: vec![PaymentStatus::Attention],
            ..page::PaymentQuery::default()
        },
    )
}

/// One payment.
pub fn get(session: &Session, id: i64) -> Result<PaymentRow> {
    let row = session
        .vault()
        .db()
        .read(|c| Ok(c.query_row(&format!("{SELECT} WHERE p.id = ?1"), [id], from_row)?))
        .map_err(|_| Error::not_found("payment", id))?;
    session.require(Permission::ViewReports, Some(row.store_id))?;
    Ok(row)
}

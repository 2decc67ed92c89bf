//! Receipts (dekont): a one-page A5 PDF for each approved sale, refund or void, the way the
//! office hands it to a customer who paid by Mail Order: the store and its Akbank terminal, when
//! the bank answered (Istanbul time), the customer, the masked card number and its brand, the
//! amount in figures and in Turkish words, the installments, the order id, auth code and RRN.
//! One file holds the receipts of a selection, a page each: one attempt or payment, an import
//! batch, or a range of days.
//!
//! A sale is an approved attempt taken as a sale, or the capture of a pre-authorisation (the
//! money came in then); refunds and voids are the approved follow-ups of an attempt. Reading
//! receipts needs `view_reports` and covers the stores the user holds it on; every file saved
//! is audited. Card numbers appear masked only, as the vault keeps them beside the sealed card.

pub mod pdf;
pub mod words;

use std::path::Path;

use jiff::civil::Date;
use jiff::{Timestamp, ToSpan};
use rusqlite::OptionalExtension;
use serde::{Deserialize, Serialize};
use tahsildar_akbank::Currency;

use crate::audit::{AuditAction, AuditResult};
use crate::auth::{Permission, Session};
use crate::engine::attempt_state::AttemptState;
use crate::engine::follow_up::{FollowUpKind, FollowUpState};
use crate::error::{Error, Result};
use crate::i18n::{Lang, Text};
use crate::plan::{ProvisionKind, time_zone};
use crate::reports::scope;
use crate::stored::sql_list;

/// What a receipt records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum ReceiptKind {
    /// The bank approved a sale (or captured a pre-authorisation).
    Sale,
    /// Money given back.
    Refund,
    /// A sale cancelled at the bank on its day.
    Void,
}

impl ReceiptKind {
    /// The kind as a receipt names it: "Satış" / "Sale", "İade" / "Refund", "İptal" / "Void".
    pub fn text(self) -> Text {
        match self {
            ReceiptKind::Sale => Text::new("Satış", "Sale"),
            ReceiptKind::Refund => Text::new("İade", "Refund"),
            ReceiptKind::Void => Text::new("İptal", "Void"),
        }
    }
}

/// Which receipts a file holds.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "by", rename_all = "snake_case")]
pub enum ReceiptSelection {
    /// The receipts of one attempt: its sale and its refunds and voids (`kind`: those only).
    Attempt {
        attempt_id: i64,
        #[serde(default)]
        kind: Option<ReceiptKind>,
    },
    /// The receipts of every attempt of one payment (`kind`: those only).
    Payment {
        payment_id: i64,
        #[serde(default)]
        kind: Option<ReceiptKind>,
    },
    /// The receipts of the payments an import batch brought.
    Batch { batch_id: i64 },
    /// The sales, refunds and voids the bank approved from `from` to `to` (Istanbul days, both
    /// included), of one store or of every store the user may see.
    Period {
        #[serde(default)]
        store_id: Option<i64>,
        /// `YYYY-MM-DD`.
        #[cfg_attr(feature = "specta", specta(type = String))]
        from: Date,
        #[cfg_attr(feature = "specta", specta(type = String))]
        to: Date,
    },
}

impl ReceiptSelection {
    /// What the audit log names as the object.
    fn object(&self) -> String {
        match self {
            ReceiptSelection::Attempt { attempt_id, .. } => format!("attempt:{attempt_id}"),
            ReceiptSelection::Payment { payment_id, .. } => format!("payment:{payment_id}"),
            ReceiptSelection::Batch { batch_id } => format!("batch:{batch_id}"),
            ReceiptSelection::Period { store_id, from, to } => match store_id {
                Some(s) => format!("store:{s}:{from}..{to}"),
                None => format!("{from}..{to}"),
            },
        }
    }
}

/// What one receipt shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Receipt {
    pub kind: ReceiptKind,
    pub attempt_id: i64,
    /// The refund, void or capture, for a receipt of a follow-up.
    pub follow_up_id: Option<i64>,
    pub payment_id: i64,
    pub store_id: i64,
    pub store: String,
    /// The store's Akbank merchant and terminal identifiers, as stored (none when empty).
    pub merchant_id: Option<String>,
    pub terminal_id: Option<String>,
    /// When the bank answered (UTC, RFC 3339).
    pub at: String,
    /// The same in Istanbul, `DD.MM.YYYY HH:MM`.
    pub local_time: String,
    pub customer_ref: String,
    pub customer_name: String,
    pub masked_pan: String,
    pub card_brand: String,
    pub amount_minor: i64,
    pub currency: String,
    /// 1: a single payment (tek çekim).
    pub installments: i64,
    /// The order id the bank knows this transaction by.
    pub order_id: String,
    /// The sale's order id, on a refund or void whose own id differs.
    pub sale_order_id: Option<String>,
    pub auth_code: Option<String>,
    pub rrn: Option<String>,
    /// The bank's batch (gün sonu) number of a sale; none on a refund, void or capture.
    pub batch_number: Option<String>,
}

impl Receipt {
    /// The currency of the amount.
    pub fn currency(&self) -> Currency {
        self.currency.parse().unwrap_or_default()
    }

    /// The amount as this language writes it, with the lira sign for TRY: `1.234,50 ₺`.
    pub fn amount_text(&self, lang: Lang) -> String {
        let figures = lang.amount(self.amount_minor);
        match self.currency() {
            Currency::Try => format!("{figures} ₺"),
            other => format!("{figures} {}", other.alpha()),
        }
    }

    /// The amount in Turkish words.
    pub fn amount_words(&self) -> String {
        words::amount(self.amount_minor, self.currency())
    }
}

/// The transactions a receipt may be given for: approved sales and approved follow-ups (a
/// capture counts as the sale of its pre-authorisation, under the auth code the bank gave the
/// pre-authorisation), as rows of one shape.
fn transactions() -> String {
    format!(
        "SELECT 'attempt' AS src, a.id AS attempt_id, NULL AS follow_up_id, a.payment_id,
             a.finished_at AS at, a.amount_minor, a.order_id, NULL AS sale_order_id,
             a.auth_code, a.rrn, a.card_id, a.installments, a.currency, a.batch_number
         FROM attempts a
         WHERE a.state = {approved} AND a.kind = {sale}
         UNION ALL
         SELECT v.kind, v.attempt_id, v.id, a.payment_id, v.finished_at, v.amount_minor,
             COALESCE(v.order_id, a.order_id), a.order_id,
             CASE WHEN v.kind = {capture} THEN a.auth_code END, NULL, a.card_id,
             a.installments, a.currency, NULL
         FROM reversals v JOIN attempts a ON a.id = v.attempt_id
         WHERE v.state = {done} AND v.kind IN ({follow_ups})",
        approved = sql_list(&[AttemptState::Approved]),
        sale = sql_list(&[ProvisionKind::Sale]),
        capture = sql_list(&[FollowUpKind::Capture]),
        done = sql_list(&[FollowUpState::Approved]),
        follow_ups = sql_list(&[
            FollowUpKind::Refund,
            FollowUpKind::Void,
            FollowUpKind::Capture
        ]),
    )
}

/// `DD.MM.YYYY HH:MM` in Istanbul of a stored UTC time.
fn local_time(at: &Timestamp) -> String {
    at.to_zoned_datetime(time_zone())
        .strftime("%d.%m.%Y %H:%M")
        .to_string()
}

fn nonempty(text: String) -> Option<String> {
    (!text.trim().is_empty()).then_some(text)
}

/// The stores, days and kinds a query keeps.
struct Filter {
    /// An SQL condition on the columns of [`transactions`] (`t.`), payments (`p.`) and stores.
    condition: String,
    params: Vec<rusqlite::types::Value>,
    kind: Option<ReceiptKind>,
    /// Istanbul days, both included.
    days: Option<(Date, Date)>,
}

/// The receipts of `filter`, in the order the bank answered.
fn load(session: &Session, filter: &Filter) -> Result<Vec<Receipt>> {
    let sql = format!(
        "SELECT t.src, t.attempt_id, t.follow_up_id, t.payment_id, t.at, t.amount_minor,
             t.order_id, t.sale_order_id, t.auth_code, t.rrn, t.installments, t.currency,
             p.store_id, s.name, s.merchant_safe_id, s.terminal_safe_id,
             c.reference, c.name, k.masked_pan, k.brand, t.batch_number
         FROM ({tx}) t
         JOIN payments p ON p.id = t.payment_id
         JOIN plans pl ON pl.id = p.plan_id
         JOIN customers c ON c.id = pl.customer_id
         JOIN stores s ON s.id = p.store_id
         JOIN cards k ON k.id = t.card_id
         WHERE t.at IS NOT NULL AND {condition}
         ORDER BY t.at, t.attempt_id, t.follow_up_id",
        tx = transactions(),
        condition = filter.condition,
    );
    let rows = session.vault().db().read(|c| {
        let mut stmt = c.prepare(&sql)?;
        let mut rows = stmt.query(rusqlite::params_from_iter(filter.params.iter()))?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            let src: String = r.get(0)?;
            let kind = match FollowUpKind::parse(&src) {
                None | Some(FollowUpKind::Capture) => ReceiptKind::Sale,
                Some(FollowUpKind::Refund) => ReceiptKind::Refund,
                Some(FollowUpKind::Void) => ReceiptKind::Void,
            };
            let at: String = r.get(4)?;
            let Ok(stamp) = at.parse::<Timestamp>() else {
                continue;
            };
            let order_id: String = r.get(6)?;
            let sale_order_id: Option<String> = r.get(7)?;
            out.push((
                stamp,
                Receipt {
                    kind,
                    attempt_id: r.get(1)?,
                    follow_up_id: r.get(2)?,
                    payment_id: r.get(3)?,
                    store_id: r.get(12)?,
                    store: r.get(13)?,
                    merchant_id: nonempty(r.get(14)?),
                    terminal_id: nonempty(r.get(15)?),
                    local_time: local_time(&stamp),
                    at,
                    customer_ref: r.get(16)?,
                    customer_name: r.get(17)?,
                    masked_pan: r.get(18)?,
                    card_brand: r.get(19)?,
                    amount_minor: r.get(5)?,
                    currency: crate::reports::currency_alpha(r.get(11)?),
                    installments: r.get(10)?,
                    sale_order_id: sale_order_id.filter(|s| *s != order_id),
                    order_id,
                    auth_code: r.get(8)?,
                    rrn: r.get(9)?,
                    batch_number: r.get::<_, Option<i64>>(20)?.map(|n| n.to_string()),
                },
            ));
        }
        Ok(out)
    })?;
    let tz = time_zone();
    Ok(rows
        .into_iter()
        .filter(|(_, r)| filter.kind.is_none_or(|k| k == r.kind))
        .filter(|(at, _)| {
            filter.days.is_none_or(|(from, to)| {
                let day = at.to_zoned_datetime(tz.clone()).date();
                from <= day && day <= to
            })
        })
        .map(|(_, r)| r)
        .collect())
}

/// The store of a payment, of an attempt's payment or of a batch.
fn store_of(session: &Session, sql: &str, what: &'static str, id: i64) -> Result<i64> {
    session
        .vault()
        .db()
        .read(|c| Ok(c.query_row(sql, [id], |r| r.get(0)).optional()?))?
        .ok_or_else(|| Error::not_found(what, id))
}

/// `view_reports` on some store, for a selection over every store the user may see.
fn some_store(session: &Session) -> Result<()> {
    match session.stores_with(Permission::ViewReports)? {
        Some(ids) if ids.is_empty() => Err(Error::PermissionDenied {
            permission: Permission::ViewReports.as_str(),
            store: None,
        }),
        _ => Ok(()),
    }
}

fn nothing_for(what: &'static str, id: i64) -> Error {
    Error::wrong_state(
        what,
        id,
        Text::new(
            "onaylanmış bir satışı, iadesi ya da iptali yok; dekont düzenlenemez",
            "it has no approved sale, refund or void to give a receipt for",
        ),
    )
}

fn check_days(from: Date, to: Date) -> Result<()> {
    if from > to {
        return Err(Error::invalid(
            "from",
            Text::new(
                format!(
                    "Başlangıç tarihi ({}) bitişten ({}) sonra olamaz.",
                    from.strftime("%d.%m.%Y"),
                    to.strftime("%d.%m.%Y")
                ),
                format!(
                    "The start date ({}) cannot be after the end date ({}).",
                    from.strftime("%d.%m.%Y"),
                    to.strftime("%d.%m.%Y")
                ),
            ),
        ));
    }
    Ok(())
}

/// The receipts of a selection, in the order the bank answered; needs `view_reports` on the
/// stores they belong to. A selection with no receipt is refused with the reason.
pub fn receipts(session: &Session, selection: &ReceiptSelection) -> Result<Vec<Receipt>> {
    use rusqlite::types::Value;
    let (filter, empty) = match selection {
        ReceiptSelection::Attempt { attempt_id, kind } => {
            let store = store_of(
                session,
                "SELECT p.store_id FROM attempts a JOIN payments p ON p.id = a.payment_id
                 WHERE a.id = ?1",
                "attempt",
                *attempt_id,
            )?;
            session.require(Permission::ViewReports, Some(store))?;
            (
                Filter {
                    condition: "t.attempt_id = ?1".into(),
                    params: vec![Value::Integer(*attempt_id)],
                    kind: *kind,
                    days: None,
                },
                nothing_for("attempt", *attempt_id),
            )
        }
        ReceiptSelection::Payment { payment_id, kind } => {
            let store = store_of(
                session,
                "SELECT store_id FROM payments WHERE id = ?1",
                "payment",
                *payment_id,
            )?;
            session.require(Permission::ViewReports, Some(store))?;
            (
                Filter {
                    condition: "t.payment_id = ?1".into(),
                    params: vec![Value::Integer(*payment_id)],
                    kind: *kind,
                    days: None,
                },
                nothing_for("payment", *payment_id),
            )
        }
        ReceiptSelection::Batch { batch_id } => {
            let store = store_of(
                session,
                "SELECT store_id FROM import_batches WHERE id = ?1",
                "batch",
                *batch_id,
            )?;
            session.require(Permission::ViewReports, Some(store))?;
            (
                Filter {
                    condition: "p.batch_id = ?1".into(),
                    params: vec![Value::Integer(*batch_id)],
                    kind: None,
                    days: None,
                },
                nothing_for("batch", *batch_id),
            )
        }
        ReceiptSelection::Period { store_id, from, to } => {
            check_days(*from, *to)?;
            if store_id.is_none() {
                some_store(session)?;
            }
            let stores = scope::stores(session, *store_id, "p.store_id")?;
            // Stored times are UTC: a day of margin on each side, the exact Istanbul days after.
            let start = from
                .saturating_sub(1.day())
                .to_zoned_datetime(time_zone())
                .map_err(|e| Error::Internal(e.to_string()))?
                .timestamp();
            let end = to
                .saturating_add(2.days())
                .to_zoned_datetime(time_zone())
                .map_err(|e| Error::Internal(e.to_string()))?
                .timestamp();
            let (first, last) = (from.strftime("%d.%m.%Y"), to.strftime("%d.%m.%Y"));
            (
                Filter {
                    condition: format!("{stores} AND t.at >= ?1 AND t.at < ?2"),
                    params: vec![Value::Text(start.to_string()), Value::Text(end.to_string())],
                    kind: None,
                    days: Some((*from, *to)),
                },
                Error::invalid(
                    "from",
                    Text::new(
                        format!(
                            "{first} ile {last} arasında onaylanmış bir satış, iade ya da iptal yok; dekont düzenlenmedi."
                        ),
                        format!(
                            "No sale, refund or void was approved between {first} and {last}; no receipt was made."
                        ),
                    ),
                ),
            )
        }
    };
    let found = load(session, &filter)?;
    if found.is_empty() {
        return Err(empty);
    }
    Ok(found)
}

/// What a receipt file holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ReceiptSummary {
    /// Receipts, a page each.
    pub receipts: i64,
    pub bytes: i64,
}

/// Writes the receipts of `selection` as one PDF to `out` (replacing it), labels in `lang`;
/// needs `view_reports`, audited.
pub fn save(
    session: &Session,
    selection: &ReceiptSelection,
    lang: Lang,
    out: &Path,
) -> Result<ReceiptSummary> {
    let found = receipts(session, selection)?;
    let bytes = pdf::render(&found, lang)?;
    let mut file = crate::paths::create_private(out, true)?;
    std::io::Write::write_all(&mut file, &bytes).map_err(|e| Error::io(out, e))?;
    let summary = ReceiptSummary {
        receipts: found.len() as i64,
        bytes: bytes.len() as i64,
    };
    let attempts: Vec<i64> = found
        .iter()
        .filter(|r| r.follow_up_id.is_none())
        .map(|r| r.attempt_id)
        .collect();
    let follow_ups: Vec<i64> = found.iter().filter_map(|r| r.follow_up_id).collect();
    session.vault().audit(
        session
            .record(AuditAction::Receipt, selection.object(), AuditResult::Ok)
            .with_detail(serde_json::json!({
                "receipts": summary.receipts, "attempts": attempts, "follow_ups": follow_ups,
            })),
    )?;
    tracing::info!(
        selection = selection.object(),
        receipts = summary.receipts,
        "receipts written"
    );
    Ok(summary)
}

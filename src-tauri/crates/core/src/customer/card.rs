//! Cards on file: the PAN and expiry sealed at field level (bound to the card row), a keyed
//! fingerprint for duplicates, and the masked number in clear for display. The clear number
//! is opened only by the engine, right before a request is built.

use rusqlite::{OptionalExtension, Transaction, params};
use secrecy::{ExposeSecret, SecretString};
use serde::Serialize;
use tahsildar_akbank::{Brand, Card, Expiry, Pan};
use zeroize::Zeroizing;

use crate::audit::{AuditAction, AuditResult};
use crate::auth::{Permission, Session};
use crate::error::{Error, Result};
use crate::i18n::Text;
use crate::vault::Vault;
use crate::vault::keys::Keys;

/// A card as entered. The PAN stays in a secret type.
pub struct NewCard {
    pub pan: SecretString,
    /// `MM/YY`, `MMYY` or `MM/YYYY`.
    pub expiry: String,
    pub holder: Option<String>,
    /// Added after the existing cards instead of becoming the primary one.
    pub alternate: bool,
    /// Date of the customer's signed mail-order instruction.
    pub instruction_date: Option<jiff::civil::Date>,
    pub instruction_ref: Option<String>,
}

impl std::fmt::Debug for NewCard {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NewCard")
            .field("pan", &"<redacted>")
            .field("holder", &self.holder)
            .field("alternate", &self.alternate)
            .finish_non_exhaustive()
    }
}

/// A card as shown: masked only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CardInfo {
    pub id: i64,
    pub customer_id: i64,
    pub masked_pan: String,
    pub brand: String,
    pub holder: Option<String>,
    /// 0 = primary, then alternates in order.
    pub position: i64,
}

/// A checked card, ready to be sealed.
pub(crate) struct CheckedCard {
    pub pan: Pan,
    pub expiry: Expiry,
    pub holder: Option<String>,
}

/// Why a card as entered cannot be taken. Manual entry and imports share these rules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum CardRule {
    /// Wrong length or check digit.
    InvalidNumber,
    /// Not Visa, Mastercard, Troy or American Express (the masked number).
    UnknownBrand(String),
    /// The expiry is not a month/year.
    ExpiryUnreadable(String),
    /// The expiry lies in the past.
    Expired(String),
    /// The holder's name is too long or holds control characters.
    HolderInvalid,
    /// The signed instruction is dated after today (its date).
    InstructionInFuture(String),
    /// The instruction's reference is too long or holds control characters.
    InstructionRefInvalid,
}

impl CardRule {
    /// The field the rule is about, as named in [`Error::InvalidInput`].
    pub(crate) fn field(&self) -> &'static str {
        match self {
            CardRule::InvalidNumber | CardRule::UnknownBrand(_) => "card number",
            CardRule::ExpiryUnreadable(_) | CardRule::Expired(_) => "expiry",
            CardRule::HolderInvalid => "holder",
            CardRule::InstructionInFuture(_) => "instruction date",
            CardRule::InstructionRefInvalid => "instruction reference",
        }
    }

    /// The rule as a sentence in both languages; manual entry and the import report share it.
    pub(crate) fn text(&self) -> Text {
        match self {
            CardRule::InvalidNumber => Text::new(
                "Kart numarası geçersiz (uzunluk ya da kontrol hanesi tutmuyor).",
                "The card number is not valid (length or check digit).",
            ),
            CardRule::UnknownBrand(masked) => Text::new(
                format!(
                    "{masked}: yalnızca Visa, Mastercard, Troy ve American Express kartları kabul edilir."
                ),
                format!(
                    "{masked}: only Visa, Mastercard, Troy and American Express cards are accepted."
                ),
            ),
            CardRule::ExpiryUnreadable(text) => Text::new(
                format!("Son kullanma tarihi '{text}' bir ay/yıl değil (ör. 08/29)."),
                format!("The expiry '{text}' is not a month/year like 08/29."),
            ),
            CardRule::Expired(expiry_text) => Text::new(
                format!("Kartın son kullanma tarihi ({expiry_text}) geçmiş."),
                format!("The card expired ({expiry_text})."),
            ),
            CardRule::HolderInvalid => Text::new(
                "Kart sahibi adı en çok 100 görünür karakter olabilir.",
                "The card holder's name is at most 100 visible characters.",
            ),
            CardRule::InstructionInFuture(date) => Text::new(
                format!(
                    "Talimat tarihi ({date}) bugünden sonra olamaz; imzalı talimatın tarihini girin."
                ),
                format!(
                    "The instruction date ({date}) cannot be after today; enter the date the instruction was signed."
                ),
            ),
            CardRule::InstructionRefInvalid => Text::new(
                "Talimat numarası en çok 64 görünür karakter olabilir.",
                "The instruction reference is at most 64 visible characters.",
            ),
        }
    }

    pub(crate) fn to_error(&self) -> Error {
        Error::invalid(self.field(), self.text())
    }
}

/// Luhn, a known brand by BIN, an expiry not yet past on `today`, an instruction signed by
/// `today`.
pub(crate) fn check(new: &NewCard, today: jiff::civil::Date) -> Result<CheckedCard> {
    let card = check_parts(
        new.pan.expose_secret(),
        &new.expiry,
        new.holder.as_deref(),
        today,
    )
    .map_err(|rule| rule.to_error())?;
    check_instruction(new.instruction_date, new.instruction_ref.as_deref(), today)
        .map_err(|rule| rule.to_error())?;
    Ok(card)
}

/// The signed mail-order instruction's date is not after `today`, and its reference is at most
/// 64 visible characters (the import checks its rows with it).
pub(crate) fn check_instruction(
    date: Option<jiff::civil::Date>,
    reference: Option<&str>,
    today: jiff::civil::Date,
) -> std::result::Result<(), CardRule> {
    if let Some(date) = date.filter(|d| *d > today) {
        return Err(CardRule::InstructionInFuture(
            date.strftime("%d.%m.%Y").to_string(),
        ));
    }
    if reference
        .map(str::trim)
        .is_some_and(|r| r.chars().count() > 64 || r.chars().any(char::is_control))
    {
        return Err(CardRule::InstructionRefInvalid);
    }
    Ok(())
}

/// [`check`] on the parts of a card (the import checks its rows with it).
pub(crate) fn check_parts(
    pan: &str,
    expiry: &str,
    holder: Option<&str>,
    today: jiff::civil::Date,
) -> std::result::Result<CheckedCard, CardRule> {
    let pan = Pan::parse(pan).map_err(|_| CardRule::InvalidNumber)?;
    if pan.brand() == Brand::Unknown {
        return Err(CardRule::UnknownBrand(pan.masked().to_string()));
    }
    let expiry =
        Expiry::parse(expiry).map_err(|_| CardRule::ExpiryUnreadable(expiry.trim().to_string()))?;
    if expiry.is_expired_on(today) {
        return Err(CardRule::Expired(expiry.to_string()));
    }
    let holder = holder
        .map(|h| h.trim().to_string())
        .filter(|h| !h.is_empty());
    if holder
        .as_ref()
        .is_some_and(|h| h.chars().count() > 100 || h.chars().any(char::is_control))
    {
        return Err(CardRule::HolderInvalid);
    }
    Ok(CheckedCard {
        pan,
        expiry,
        holder,
    })
}

pub(super) fn aad(card_id: i64, field: &str) -> Vec<u8> {
    format!("card:{card_id}:{field}").into_bytes()
}

/// Inserts a checked card for a customer inside `tx`; returns its id.
pub(crate) fn insert(
    tx: &Transaction,
    keys: &Keys,
    customer_id: i64,
    card: &CheckedCard,
    new: &NewCard,
    now: &str,
) -> Result<i64> {
    super::require_active(tx, customer_id)?;
    let fingerprint = keys.fingerprint(card.pan.expose());
    let duplicate: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM cards WHERE customer_id = ?1 AND pan_fingerprint = ?2 AND removed_at IS NULL)",
        params![customer_id, fingerprint.as_slice()],
        |r| r.get(0),
    )?;
    if duplicate {
        let masked = card.pan.masked();
        return Err(Error::invalid(
            "card number",
            Text::new(
                format!("{masked} numaralı kart bu müşteride zaten kayıtlı."),
                format!("The card {masked} is already on file for this customer."),
            ),
        ));
    }
    let position: i64 = if new.alternate {
        tx.query_row(
            "SELECT COALESCE(MAX(position) + 1, 0) FROM cards WHERE customer_id = ?1 AND removed_at IS NULL",
            [customer_id],
            |r| r.get(0),
        )?
    } else {
        tx.execute(
            "UPDATE cards SET position = position + 1 WHERE customer_id = ?1 AND removed_at IS NULL",
            [customer_id],
        )?;
        0
    };
    let placed = PlacedCard {
        id: None,
        customer_id,
        position,
        fingerprint: &fingerprint,
        instruction_date: new.instruction_date,
        instruction_ref: new.instruction_ref.as_deref(),
    };
    insert_sealed(tx, keys, card, &placed, now)
}

/// The id the next card row takes. The row's id is known before it is written (the caller
/// holds the write lock), so the sealed fields are bound to it in the same INSERT.
pub(crate) fn next_id(tx: &Transaction) -> Result<i64> {
    Ok(tx
        .prepare_cached("SELECT COALESCE(MAX(id), 0) + 1 FROM cards")?
        .query_row([], |r| r.get(0))?)
}

/// Where a checked card goes: its id (the next free one when `None`; see [`next_id`]), its
/// customer, its position among the customer's cards (the caller has made room) and its
/// fingerprint.
pub(crate) struct PlacedCard<'a> {
    pub id: Option<i64>,
    pub customer_id: i64,
    pub position: i64,
    pub fingerprint: &'a [u8; 32],
    pub instruction_date: Option<jiff::civil::Date>,
    pub instruction_ref: Option<&'a str>,
}

/// Writes a card row with its PAN and expiry sealed to the row; returns its id. Manual entry
/// and imports both store cards through here.
pub(crate) fn insert_sealed(
    tx: &Transaction,
    keys: &Keys,
    card: &CheckedCard,
    placed: &PlacedCard<'_>,
    now: &str,
) -> Result<i64> {
    let id = match placed.id {
        Some(id) => id,
        None => next_id(tx)?,
    };
    let pan_sealed = keys.seal(card.pan.expose().as_bytes(), &aad(id, "pan"));
    let expiry_sealed = keys.seal(card.expiry.to_mmyy().as_bytes(), &aad(id, "expiry"));
    tx.prepare_cached(
        "INSERT INTO cards (id, customer_id, pan_sealed, expiry_sealed, pan_fingerprint, masked_pan, brand,
             holder, position, instruction_date, instruction_ref, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    )?
    .execute(params![
        id,
        placed.customer_id,
        pan_sealed,
        expiry_sealed,
        placed.fingerprint.as_slice(),
        card.pan.masked(),
        card.pan.brand().name(),
        card.holder,
        placed.position,
        placed.instruction_date.map(|d| d.to_string()),
        placed.instruction_ref.map(str::trim),
        now
    ])?;
    Ok(id)
}

/// Adds a card to a customer. Needs `create_collections` on the customer's store.
pub fn add(session: &Session, customer_id: i64, new: &NewCard) -> Result<CardInfo> {
    let vault = session.vault();
    let store_id = store_of_customer(vault, customer_id)?;
    session.require(Permission::CreateCollections, Some(store_id))?;
    let today = crate::plan::today(vault.clock().as_ref());
    let checked = check(new, today)?;
    let now = vault.clock().now().to_string();
    let id = vault.write_audited(|tx, keys| {
        let id = insert(tx, keys, customer_id, &checked, new, &now)?;
        let record = session
            .record(AuditAction::CardAdd, format!("card:{id}"), AuditResult::Ok)
            .with_detail(serde_json::json!({
                "customer": customer_id,
                "masked_pan": checked.pan.masked(),
                "alternate": new.alternate,
            }));
        Ok((id, record))
    })?;
    vault.db().read(|c| load(c, id))
}

fn store_of_customer(vault: &Vault, customer_id: i64) -> Result<i64> {
    vault.db().read(|c| {
        c.query_row(
            "SELECT store_id FROM customers WHERE id = ?1",
            [customer_id],
            |r| r.get(0),
        )
        .optional()?
        .ok_or_else(|| Error::not_found("customer", customer_id))
    })
}

const SELECT_CARD: &str = "SELECT id, customer_id, masked_pan, brand, holder, position FROM cards";

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<CardInfo> {
    Ok(CardInfo {
        id: r.get(0)?,
        customer_id: r.get(1)?,
        masked_pan: r.get(2)?,
        brand: r.get(3)?,
        holder: r.get(4)?,
        position: r.get(5)?,
    })
}

pub(crate) fn load(conn: &rusqlite::Connection, id: i64) -> Result<CardInfo> {
    conn.query_row(&format!("{SELECT_CARD} WHERE id = ?1"), [id], from_row)
        .optional()?
        .ok_or_else(|| Error::not_found("card", id))
}

/// The customer's cards in use, primary first.
pub(crate) fn list_of(conn: &rusqlite::Connection, customer_id: i64) -> Result<Vec<CardInfo>> {
    let mut stmt = conn.prepare(&format!(
        "{SELECT_CARD} WHERE customer_id = ?1 AND removed_at IS NULL ORDER BY position"
    ))?;
    let rows = stmt.query_map([customer_id], from_row)?;
    Ok(rows.collect::<std::result::Result<Vec<_>, _>>()?)
}

/// The card after `card_id` in the customer's order, if any.
pub(crate) fn next_after(conn: &rusqlite::Connection, card_id: i64) -> Result<Option<i64>> {
    Ok(conn
        .query_row(
            "SELECT n.id FROM cards c JOIN cards n ON n.customer_id = c.customer_id AND n.removed_at IS NULL
             AND n.position > c.position WHERE c.id = ?1 ORDER BY n.position LIMIT 1",
            [card_id],
            |r| r.get(0),
        )
        .optional()?)
}

/// Opens a card for one request. The engine calls this right before sending.
pub(crate) fn open(vault: &Vault, card_id: i64) -> Result<Card> {
    let (pan_sealed, expiry_sealed, holder): (Vec<u8>, Vec<u8>, Option<String>) =
        vault.db().read(|c| {
            c.query_row(
                "SELECT pan_sealed, expiry_sealed, holder FROM cards WHERE id = ?1",
                [card_id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?
            .ok_or_else(|| Error::not_found("card", card_id))
        })?;
    let pan = vault.keys().open(&pan_sealed, &aad(card_id, "pan"))?;
    let pan =
        Zeroizing::new(String::from_utf8(pan.to_vec()).map_err(|_| Error::SealedValueInvalid)?);
    let expiry = vault.keys().open(&expiry_sealed, &aad(card_id, "expiry"))?;
    let expiry = std::str::from_utf8(&expiry).map_err(|_| Error::SealedValueInvalid)?;
    Ok(Card {
        pan: Pan::parse(&pan).map_err(|_| Error::SealedValueInvalid)?,
        expiry: Expiry::parse(expiry).map_err(|_| Error::SealedValueInvalid)?,
        cvv: None,
        holder,
    })
}

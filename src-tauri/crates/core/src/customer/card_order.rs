//! Which of a customer's cards is charged: choosing the primary card, removing a card and
//! replacing one with its renewal. A removed (or replaced) card stays in the vault for the
//! history of the payments it paid, and is never charged again: payments waiting on it go back
//! to the customer's primary card (or to the card that replaced it).

use rusqlite::{OptionalExtension, Transaction, params};

use crate::audit::{AuditAction, AuditResult};
use crate::auth::{Permission, Session};
use crate::error::{Error, Result};
use crate::i18n::Text;
use crate::payments::PaymentStatus;
use crate::stored::sql_list;

use super::card::{CardInfo, NewCard, check, insert, list_of, load};
use crate::vault::keys::Keys;

/// The customer and store of a card in use; a removed card is refused.
fn card_in_use(tx: &Transaction, card_id: i64) -> Result<(i64, i64)> {
    let (customer_id, store_id, removed): (i64, i64, bool) = tx
        .query_row(
            "SELECT k.customer_id, c.store_id, k.removed_at IS NOT NULL
             FROM cards k JOIN customers c ON c.id = k.customer_id WHERE k.id = ?1",
            [card_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?
        .ok_or_else(|| Error::not_found("card", card_id))?;
    if removed {
        return Err(Error::wrong_state(
            "card",
            card_id,
            Text::new("kart kaldırılmış", "the card has been removed"),
        ));
    }
    Ok((customer_id, store_id))
}

/// Numbers the customer's cards in use 0, 1, 2... in this order.
fn renumber(tx: &Transaction, ids: &[i64]) -> Result<()> {
    for (position, id) in ids.iter().enumerate() {
        tx.execute(
            "UPDATE cards SET position = ?1 WHERE id = ?2",
            params![position as i64, id],
        )?;
    }
    Ok(())
}

/// Runs a change to a customer's cards under `replace_card` on its store, audited.
fn change(
    session: &Session,
    card_id: i64,
    action: AuditAction,
    f: impl FnOnce(&Transaction, &Keys, i64, &str) -> Result<serde_json::Value>,
) -> Result<Vec<CardInfo>> {
    let vault = session.vault();
    let now = vault.clock().now().to_string();
    let customer_id = vault.write_audited(|tx, keys| {
        let (customer_id, store_id) = card_in_use(tx, card_id)?;
        session.require(Permission::ReplaceCard, Some(store_id))?;
        let mut detail = f(tx, keys, customer_id, &now)?;
        detail["customer"] = customer_id.into();
        detail["masked_pan"] = load(tx, card_id)?.masked_pan.into();
        let record = session
            .record(action, format!("card:{card_id}"), AuditResult::Ok)
            .with_detail(detail);
        Ok((customer_id, record))
    })?;
    vault.db().read(|c| list_of(c, customer_id))
}

/// Makes the card the customer's primary one (charged first); the others keep their order
/// after it. Returns the customer's cards in use, primary first.
pub fn set_primary_card(session: &Session, card_id: i64) -> Result<Vec<CardInfo>> {
    change(
        session,
        card_id,
        AuditAction::CardPrimary,
        |tx, _, customer_id, _| {
            let mut order: Vec<i64> = list_of(tx, customer_id)?.iter().map(|c| c.id).collect();
            order.retain(|&id| id != card_id);
            order.insert(0, card_id);
            renumber(tx, &order)?;
            Ok(serde_json::json!({}))
        },
    )
}

/// Removes the card: it is kept for the history and never charged again. Payments waiting on
/// it (not yet tried on it, or waiting for a retry) go back to the customer's primary card; a
/// payment being sent on it now is refused, to be settled first. Returns the customer's cards
/// in use, primary first.
pub fn remove_card(session: &Session, card_id: i64) -> Result<Vec<CardInfo>> {
    change(
        session,
        card_id,
        AuditAction::CardRemove,
        |tx, _, customer_id, now| {
            let moved = retire(tx, card_id, None, now)?;
            let rest: Vec<i64> = list_of(tx, customer_id)?.iter().map(|c| c.id).collect();
            renumber(tx, &rest)?;
            Ok(serde_json::json!({ "payments_moved": moved }))
        },
    )
}

/// Replaces the card with a new one in one step (an expiring card with its renewal): the new
/// card takes the old one's place (a primary card's successor is primary), the old one is
/// removed as by [`remove_card`], and the payments waiting on the old card go to the new one.
/// Returns the customer's cards in use, primary first.
pub fn replace_card(session: &Session, card_id: i64, new: &NewCard) -> Result<Vec<CardInfo>> {
    let today = crate::plan::today(session.vault().clock().as_ref());
    let checked = check(new, today)?;
    change(
        session,
        card_id,
        AuditAction::CardReplace,
        |tx, keys, customer_id, now| {
            let at = load(tx, card_id)?.position;
            let entry = NewCard {
                pan: new.pan.clone(),
                expiry: new.expiry.clone(),
                holder: new.holder.clone(),
                alternate: true,
                instruction_date: new.instruction_date,
                instruction_ref: new.instruction_ref.clone(),
            };
            let new_id = insert(tx, keys, customer_id, &checked, &entry, now)?;
            let moved = retire(tx, card_id, Some(new_id), now)?;
            let mut order: Vec<i64> = list_of(tx, customer_id)?
                .iter()
                .map(|c| c.id)
                .filter(|&id| id != new_id)
                .collect();
            order.insert((at as usize).min(order.len()), new_id);
            renumber(tx, &order)?;
            Ok(serde_json::json!({
                "new_card": new_id,
                "new_masked_pan": checked.pan.masked(),
                "payments_moved": moved,
            }))
        },
    )
}

/// Takes the card out of use inside `tx`: refused while a payment is being sent on it or holds
/// a pre-authorisation on it; the payments waiting on it move to `successor` (the customer's
/// primary card when `None`) with their decline count on the old card cleared. Returns how many
/// moved.
fn retire(tx: &Transaction, card_id: i64, successor: Option<i64>, now: &str) -> Result<usize> {
    let busy: bool = tx.query_row(
        &format!(
            "SELECT EXISTS (SELECT 1 FROM payments WHERE card_id = ?1 AND status IN ({}))",
            sql_list(&[PaymentStatus::Processing, PaymentStatus::Authorized])
        ),
        [card_id],
        |r| r.get(0),
    )?;
    if busy {
        return Err(Error::wrong_state(
            "card",
            card_id,
            Text::new(
                "bir ödeme şu anda bu kartla gönderiliyor ya da bu kartta provizyonu var; önce sonuçlanmasını bekleyin",
                "a payment is being sent on this card or holds a pre-authorisation on it: let it finish first",
            ),
        ));
    }
    tx.execute(
        "UPDATE cards SET removed_at = ?2 WHERE id = ?1",
        params![card_id, now],
    )?;
    Ok(tx.execute(
        &format!(
            "UPDATE payments SET card_id = ?3, soft_declines = 0, first_soft_decline = NULL,
                 updated_at = ?2
             WHERE card_id = ?1 AND status IN ({})",
            sql_list(&[
                PaymentStatus::Scheduled,
                PaymentStatus::RetryWait,
                PaymentStatus::Attention
            ])
        ),
        params![card_id, now, successor],
    )?)
}

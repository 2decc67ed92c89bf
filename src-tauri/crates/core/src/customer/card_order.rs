//! Which of a customer's cards is charged: choosing the primary card and removing a card. A
//! removed card stays in the vault for the history of the payments it paid, and is never
//! charged again: payments waiting on it go back to the customer's primary card.

use rusqlite::{OptionalExtension, Transaction, params};

use crate::audit::{AuditAction, AuditResult};
use crate::auth::{Permission, Session};
use crate::error::{Error, Result};
use crate::i18n::Text;
use crate::payments::PaymentStatus;
use crate::stored::sql_list;

use super::card::{CardInfo, list_of, load};

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
    f: impl FnOnce(&Transaction, i64, &str) -> Result<serde_json::Value>,
) -> Result<Vec<CardInfo>> {
    let vault = session.vault();
    let now = vault.clock().now().to_string();
    let customer_id = vault.write_audited(|tx, _| {
        let (customer_id, store_id) = card_in_use(tx, card_id)?;
        session.require(Permission::ReplaceCard, Some(store_id))?;
        let mut detail = f(tx, customer_id, &now)?;
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
        |tx, customer_id, _| {
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
        |tx, customer_id, now| {
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
            let moved = tx.execute(
                &format!(
                "UPDATE payments SET card_id = NULL, soft_declines = 0, first_soft_decline = NULL,
                     updated_at = ?2
                 WHERE card_id = ?1 AND status IN ({})",
                sql_list(&[
                    PaymentStatus::Scheduled,
                    PaymentStatus::RetryWait,
                    PaymentStatus::Attention
                ])
            ),
                params![card_id, now],
            )?;
            let rest: Vec<i64> = list_of(tx, customer_id)?.iter().map(|c| c.id).collect();
            renumber(tx, &rest)?;
            Ok(serde_json::json!({ "payments_moved": moved }))
        },
    )
}

//! "Retry with another card": an operator enters a new card for one payment (from the
//! attention queue, or one waiting for a retry); the next run charges it with that card.

use rusqlite::{OptionalExtension, named_params, params};

use crate::audit::{AuditAction, AuditResult};
use crate::auth::{Permission, Session};
use crate::customer::card::{self, CardInfo, NewCard};
use crate::engine::attempt_state::AttemptState;
use crate::error::{Error, Result};
use crate::i18n::Text;
use crate::payments::PaymentStatus;
use crate::payments::status;
use crate::stored::sql_list;

/// Position of a card entered for one payment only: after every card of the customer, and
/// removed from the customer's list at once.
const ONE_PAYMENT_POSITION: i64 = 1_000_000;

/// Puts a new card on a payment and makes it due today. With `keep_on_file` the card becomes
/// the customer's primary card; otherwise it is used for this payment only. Needs
/// `replace_card` on the store.
pub fn retry_with_card(
    session: &Session,
    payment_id: i64,
    new: &NewCard,
    keep_on_file: bool,
) -> Result<CardInfo> {
    let vault = session.vault();
    let (store_id, customer_id, status): (i64, i64, PaymentStatus) = vault.db().read(|c| {
        c.query_row(
            "SELECT p.store_id, pl.customer_id, p.status FROM payments p JOIN plans pl ON pl.id = p.plan_id WHERE p.id = ?1",
            [payment_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?
        .ok_or_else(|| Error::not_found("payment", payment_id))
    })?;
    session.require(Permission::ReplaceCard, Some(store_id))?;
    may_change_card(payment_id, status)?;
    let today = crate::plan::today(vault.clock().as_ref());
    let checked = card::check(new, today)?;
    let now = vault.clock().now().to_string();
    let card_id = vault.write_audited(|tx, keys| {
        // Again inside the transaction: a run may have taken the payment meanwhile.
        let status: PaymentStatus = tx.query_row(
            "SELECT status FROM payments WHERE id = ?1",
            [payment_id],
            |r| r.get(0),
        )?;
        may_change_card(payment_id, status)?;
        let open: bool = tx.query_row(
            &format!(
                "SELECT EXISTS (SELECT 1 FROM attempts WHERE payment_id = ?1 AND state NOT IN ({}))",
                sql_list(&AttemptState::FINAL)
            ),
            [payment_id],
            |r| r.get(0),
        )?;
        if open {
            return Err(Error::wrong_state(
                "payment",
                payment_id,
                Text::new(
                    "son denemesine bankadan kesin yanıt gelmedi; önce mutabakat yapın",
                    "its last attempt has no final answer from the bank yet: reconcile it first",
                ),
            ));
        }
        let entry = NewCard {
            pan: new.pan.clone(),
            expiry: new.expiry.clone(),
            holder: new.holder.clone(),
            alternate: !keep_on_file,
            instruction_date: new.instruction_date,
            instruction_ref: new.instruction_ref.clone(),
        };
        let card_id = card::insert(tx, keys, customer_id, &checked, &entry, &now)?;
        if !keep_on_file {
            tx.execute(
                "UPDATE cards SET position = ?1, removed_at = ?2 WHERE id = ?3",
                params![ONE_PAYMENT_POSITION, now, card_id],
            )?;
        }
        let from: Vec<PaymentStatus> = PaymentStatus::ALL
            .into_iter()
            .filter(|s| s.may_change_card())
            .collect();
        status::transition(
            tx,
            "id = :id",
            &from,
            PaymentStatus::Scheduled,
            "card_id = :card, next_try_on = :today, soft_declines = 0, first_soft_decline = NULL,
                 attention = NULL, updated_at = :now",
            named_params! {":id": payment_id, ":card": card_id, ":today": today.to_string(), ":now": now},
        )?;
        let record = session
            .record(
                AuditAction::CardReplace,
                format!("payment:{payment_id}"),
                AuditResult::Ok,
            )
            .with_detail(
                serde_json::json!({ "card": card_id, "masked_pan": checked.pan.masked(),
                "kept_on_file": keep_on_file }),
            );
        Ok((card_id, record))
    })?;
    vault.db().read(|c| card::load(c, card_id))
}

fn may_change_card(payment_id: i64, status: PaymentStatus) -> Result<()> {
    if status.may_change_card() {
        return Ok(());
    }
    let state = status.text();
    Err(Error::wrong_state(
        "payment",
        payment_id,
        Text::new(
            format!(
                "durumu \"{}\"; yalnızca ilgi bekleyen, yeniden denenecek ya da planlanmış ödemelerin kartı değişir",
                state.tr()
            ),
            format!(
                "it is \"{}\"; only a payment that needs attention, waits for a retry or is scheduled can change card",
                state.en()
            ),
        ),
    ))
}

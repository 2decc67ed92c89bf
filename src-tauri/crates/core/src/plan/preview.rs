//! The summary shown before a plan is saved: how many payments it makes, the first due dates
//! and amounts, the last date and the total, checked exactly as saving would check them.

use rusqlite::OptionalExtension;
use serde::Serialize;

use super::terms::{CollectionKind, NewPlan, PlanKind, amounts, check, due_dates};
use crate::auth::{Permission, Session};
use crate::error::{Error, Result};
use crate::i18n::Text;

/// How many due dates the summary lists.
pub const SHOWN: usize = 12;

/// One payment the plan would make.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct PreviewPayment {
    pub due_date: String,
    pub amount_minor: i64,
}

/// What saving the plan would produce.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct PlanPreview {
    pub customer_id: i64,
    pub store_id: i64,
    pub kind: CollectionKind,
    pub currency: String,
    /// Bank installments of the one sale (1 unless an installment sale).
    pub installments: i64,
    pub count: u32,
    pub total_minor: i64,
    /// The first [`SHOWN`] payments.
    pub first: Vec<PreviewPayment>,
    pub last_due_date: String,
    /// The last payment's amount (merchant instalments carry the remainder on it).
    pub last_amount_minor: i64,
    /// The store allows at most this many installments.
    pub max_installments: i64,
}

/// Checks a plan as [`super::create`] would and returns its payments without saving anything.
/// Needs `create_collections` on the customer's store.
pub fn preview(session: &Session, plan: &NewPlan) -> Result<PlanPreview> {
    let vault = session.vault();
    let (store_id, max_installments): (i64, i64) = vault.db().read(|c| {
        c.query_row(
            "SELECT c.store_id, s.max_installments FROM customers c JOIN stores s ON s.id = c.store_id WHERE c.id = ?1",
            [plan.customer_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?
        .ok_or_else(|| Error::not_found("customer", plan.customer_id))
    })?;
    session.require(Permission::CreateCollections, Some(store_id))?;
    let today = super::today(vault.clock().as_ref());
    check(plan, max_installments, today)?;
    let dates = due_dates(plan);
    let last = dates.last().ok_or_else(|| {
        Error::invalid(
            "schedule",
            Text::new("Planda hiç ödeme yok.", "The plan has no payment."),
        )
    })?;
    let installments = match plan.kind {
        PlanKind::Installment(n) => i64::from(n),
        _ => 1,
    };
    let parts = amounts(plan);
    Ok(PlanPreview {
        customer_id: plan.customer_id,
        store_id,
        kind: plan.kind.collection_kind(),
        currency: plan.currency.alpha().to_string(),
        installments,
        count: dates.len() as u32,
        total_minor: parts.iter().sum(),
        first: dates
            .iter()
            .zip(&parts)
            .take(SHOWN)
            .map(|(d, amount)| PreviewPayment {
                due_date: d.to_string(),
                amount_minor: *amount,
            })
            .collect(),
        last_amount_minor: parts.last().copied().unwrap_or(plan.amount_minor),
        last_due_date: last.to_string(),
        max_installments,
    })
}

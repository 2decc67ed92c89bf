//! A new collection: one-off sale, bank installment sale or recurring plan. The same input is
//! first previewed (the payments it would make, checked exactly as saving checks them) and
//! then saved.

use serde::{Deserialize, Serialize};
use specta::Type;
use tahsildar_core::Text;
use tahsildar_core::plan::{self, NewPlan, PlanKind, schedule};
use tauri::State;

use super::customers::date;
use crate::error::{CommandError, ShellError};
use crate::state::AppState;

/// What kind of collection.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum CollectionKind {
    OneOff,
    Installment,
    Recurring,
}

/// A collection as entered.
#[derive(Debug, Clone, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct CollectionInput {
    pub customer_id: i64,
    /// As typed: `1.234,56`.
    pub amount: String,
    /// TRY (default), USD, EUR, GBP.
    pub currency: Option<String>,
    /// `YYYY-MM-DD`; today when empty.
    pub start_date: Option<String>,
    pub kind: CollectionKind,
    /// Installment sales: 2..the store's maximum.
    pub installments: Option<u8>,
    /// Recurring: `1m`, `2w`, `10d`.
    pub cadence: Option<String>,
    /// Recurring: how many payments, or ...
    pub count: Option<u32>,
    /// ... the last date (`YYYY-MM-DD`).
    pub until: Option<String>,
    pub description: Option<String>,
}

/// One payment the collection would make.
#[derive(Debug, Clone, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct PreviewPaymentView {
    pub due_date: String,
    pub amount_minor: i64,
}

/// The summary shown before saving.
#[derive(Debug, Clone, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct CollectionPreview {
    pub kind: String,
    pub currency: String,
    pub installments: u32,
    pub count: u32,
    pub total_minor: i64,
    pub first: Vec<PreviewPaymentView>,
    pub last_due_date: String,
    pub max_installments: u32,
}

/// A saved collection: its plan and the payments it made.
#[derive(Debug, Clone, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct CollectionCreated {
    pub plan_id: i64,
    pub payment_ids: Vec<i64>,
    pub first_due_date: Option<String>,
}

fn invalid(field: &'static str, detail: Text) -> ShellError {
    tahsildar_core::Error::invalid(field, detail).into()
}

fn to_plan(input: &CollectionInput, today: jiff::civil::Date) -> Result<NewPlan, ShellError> {
    let amount_minor = plan::parse_amount(&input.amount)?;
    let currency_text = input.currency.as_deref().unwrap_or("TRY");
    let currency = plan::parse_currency(currency_text)?;

    let start = match input.start_date.as_deref().filter(|d| !d.trim().is_empty()) {
        Some(d) => date("date", d)?,
        None => today,
    };
    let kind = match input.kind {
        CollectionKind::OneOff => PlanKind::OneOff,
        CollectionKind::Installment => {
            PlanKind::Installment(input.installments.ok_or_else(|| {
                invalid(
                    "installments",
                    Text::new(
                        "Taksit sayısını girin.",
                        "Enter the number of installments.",
                    ),
                )
            })?)
        }
        CollectionKind::Recurring => {
            let cadence: schedule::Cadence = input
                .cadence
                .as_deref()
                .unwrap_or("1m")
                .parse()
                .map_err(plan::terms::schedule_problem_error)?;
            let end = match (
                input.count,
                input.until.as_deref().filter(|u| !u.trim().is_empty()),
            ) {
                (Some(n), None) => schedule::PlanEnd::Count(n),
                (None, Some(u)) => schedule::PlanEnd::Until(date("until", u)?),
                _ => {
                    return Err(invalid(
                        "schedule",
                        Text::new(
                            "Ya ödeme sayısını ya da son tarihi girin.",
                            "Enter either a number of payments or a last date.",
                        ),
                    ));
                }
            };
            PlanKind::Recurring(
                schedule::Schedule::new(start, cadence, end)
                    .map_err(plan::terms::schedule_problem_error)?,
            )
        }
    };
    Ok(NewPlan {
        customer_id: input.customer_id,
        amount_minor,
        currency,
        start,
        kind,
        description: input.description.clone().filter(|d| !d.trim().is_empty()),
    })
}

/// The payments a collection would make, without saving; needs `create_collections`.
#[tauri::command]
#[specta::specta]
pub async fn preview_collection(
    state: State<'_, AppState>,
    input: CollectionInput,
) -> Result<CollectionPreview, CommandError> {
    state
        .blocking(move |s| {
            let session = s.session()?;
            let today = plan::today(session.vault().clock().as_ref());
            let p = plan::preview(&session, &to_plan(&input, today)?)?;
            Ok(CollectionPreview {
                kind: p.kind,
                currency: p.currency,
                installments: u32::try_from(p.installments).unwrap_or(1),
                count: p.count,
                total_minor: p.total_minor,
                first: p
                    .first
                    .into_iter()
                    .map(|x| PreviewPaymentView {
                        due_date: x.due_date,
                        amount_minor: x.amount_minor,
                    })
                    .collect(),
                last_due_date: p.last_due_date,
                max_installments: u32::try_from(p.max_installments).unwrap_or(0),
            })
        })
        .await
}

/// Saves a collection and its payments; needs `create_collections` on the customer's store.
#[tauri::command]
#[specta::specta]
pub async fn create_collection(
    state: State<'_, AppState>,
    input: CollectionInput,
) -> Result<CollectionCreated, CommandError> {
    state
        .blocking(move |s| {
            let session = s.session()?;
            let today = plan::today(session.vault().clock().as_ref());
            let info = plan::create(&session, &to_plan(&input, today)?)?;
            Ok(CollectionCreated {
                plan_id: info.id,
                first_due_date: info.payments.first().map(|(_, d)| d.clone()),
                payment_ids: info.payments.into_iter().map(|(id, _)| id).collect(),
            })
        })
        .await
}

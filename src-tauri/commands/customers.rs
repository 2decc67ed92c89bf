//! Customers and their cards: the searchable list, one customer in full, adding a customer,
//! adding a card. Card numbers arrive once, go straight into a secret type and never come back:
//! every view carries the masked number only.

use super::count;
use secrecy::SecretString;
use serde::{Deserialize, Serialize};
use specta::Type;
use tahsildar_core::customer::search::{
    self, CardDetail, CustomerQuery, CustomerSummary, PlanSummary,
};
use tahsildar_core::customer::{self, NewCard, NewCustomer};
use tauri::State;

use super::payments::PaymentPageView;
use crate::error::{CommandError, ShellError};
use crate::state::AppState;

/// Which customers to list.
#[derive(Debug, Clone, Default, Deserialize, Type)]
#[serde(rename_all = "camelCase", default)]
pub struct CustomerQueryInput {
    pub store_id: Option<i64>,
    pub search: Option<String>,
    pub offset: u32,
    pub limit: Option<u32>,
}

/// A customer as listed.
#[derive(Debug, Clone, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct CustomerRowView {
    pub id: i64,
    pub store_id: i64,
    pub store: String,
    pub reference: String,
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub cards: u32,
    pub primary_masked_pan: Option<String>,
    pub open_payments: u32,
}

impl From<CustomerSummary> for CustomerRowView {
    fn from(c: CustomerSummary) -> Self {
        CustomerRowView {
            id: c.id,
            store_id: c.store_id,
            store: c.store,
            reference: c.reference,
            name: c.name,
            email: c.email,
            phone: c.phone,
            cards: count(c.cards),
            primary_masked_pan: c.primary_masked_pan,
            open_payments: count(c.open_payments),
        }
    }
}

/// One page of customers.
#[derive(Debug, Clone, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct CustomerPageView {
    pub total: u32,
    pub offset: u32,
    pub rows: Vec<CustomerRowView>,
}

/// A card on file: masked number, brand, expiry, order, signed instruction.
#[derive(Debug, Clone, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct CardView {
    pub id: i64,
    pub masked_pan: String,
    pub brand: String,
    pub holder: Option<String>,
    /// `MM/YY`.
    pub expiry: String,
    pub valid_through: String,
    pub expired: bool,
    /// True for the primary card; the others are alternates in order.
    pub primary: bool,
    pub position: u32,
    pub instruction_date: Option<String>,
    pub instruction_ref: Option<String>,
}

impl From<CardDetail> for CardView {
    fn from(c: CardDetail) -> Self {
        CardView {
            id: c.id,
            masked_pan: c.masked_pan,
            brand: c.brand,
            holder: c.holder,
            expiry: c.expiry,
            valid_through: c.valid_through,
            expired: c.expired,
            primary: c.position == 0,
            position: count(c.position),
            instruction_date: c.instruction_date,
            instruction_ref: c.instruction_ref,
        }
    }
}

/// A plan of the customer.
#[derive(Debug, Clone, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct PlanView {
    pub id: i64,
    /// one_off, installment, recurring.
    pub kind: String,
    pub amount_minor: i64,
    pub currency: String,
    pub installments: u32,
    pub start_date: String,
    pub cadence: Option<String>,
    pub end_count: Option<u32>,
    pub end_date: Option<String>,
    pub description: Option<String>,
    /// active, paused, cancelled, completed.
    pub status: String,
    pub payments: u32,
    pub paid: u32,
}

impl From<PlanSummary> for PlanView {
    fn from(p: PlanSummary) -> Self {
        PlanView {
            id: p.id,
            kind: p.kind,
            amount_minor: p.amount_minor,
            currency: p.currency,
            installments: count(p.installments),
            start_date: p.start_date,
            cadence: p.cadence,
            end_count: p.end_count.map(count),
            end_date: p.end_date,
            description: p.description,
            status: p.status,
            payments: count(p.payments),
            paid: count(p.paid),
        }
    }
}

/// One customer with cards, plans and the newest payments.
#[derive(Debug, Clone, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct CustomerDetailView {
    pub id: i64,
    pub store_id: i64,
    pub store: String,
    pub reference: String,
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub notes: Option<String>,
    pub cards: Vec<CardView>,
    pub plans: Vec<PlanView>,
    pub payments: PaymentPageView,
}

/// A new customer.
#[derive(Debug, Clone, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct NewCustomerInput {
    pub store_id: i64,
    pub reference: String,
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub notes: Option<String>,
}

/// A card as typed. `number` goes into a secret at once; it is never echoed, logged or stored
/// in clear.
#[derive(Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct NewCardInput {
    pub number: String,
    /// `MM/YY`.
    pub expiry: String,
    pub holder: Option<String>,
    /// Add after the existing cards instead of becoming the primary card.
    #[serde(default)]
    pub alternate: bool,
    /// `YYYY-MM-DD`, the date of the signed mail-order instruction.
    pub instruction_date: Option<String>,
    pub instruction_ref: Option<String>,
}

impl std::fmt::Debug for NewCardInput {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NewCardInput")
            .field("number", &"<redacted>")
            .field("holder", &self.holder)
            .field("alternate", &self.alternate)
            .finish_non_exhaustive()
    }
}

/// Reads `YYYY-MM-DD` for a named field.
pub(crate) fn date(field: &'static str, text: &str) -> Result<jiff::civil::Date, ShellError> {
    Ok(tahsildar_core::plan::parse_date(field, text)?)
}

impl NewCardInput {
    /// The core's card; the number moves into a secret without a copy left behind here.
    pub(crate) fn into_card(self) -> Result<NewCard, ShellError> {
        let instruction_date = self
            .instruction_date
            .as_deref()
            .filter(|d| !d.trim().is_empty())
            .map(|d| date("instruction date", d))
            .transpose()?;
        Ok(NewCard {
            pan: SecretString::from(self.number),
            expiry: self.expiry,
            holder: self.holder,
            alternate: self.alternate,
            instruction_date,
            instruction_ref: self.instruction_ref.filter(|r| !r.trim().is_empty()),
        })
    }
}

/// One page of the customers the user may see, searchable by reference, name, e-mail, phone.
#[tauri::command]
#[specta::specta]
pub async fn search_customers(
    state: State<'_, AppState>,
    query: CustomerQueryInput,
) -> Result<CustomerPageView, CommandError> {
    state
        .blocking(move |s| {
            let page = search::search(
                &s.session()?,
                &CustomerQuery {
                    store_id: query.store_id,
                    search: query.search,
                    offset: query.offset,
                    limit: query.limit,
                },
            )?;
            Ok(CustomerPageView {
                total: count(page.total),
                offset: page.offset,
                rows: page.rows.into_iter().map(Into::into).collect(),
            })
        })
        .await
}

/// One customer with cards (masked), plans and payments; needs `view_reports` on its store.
#[tauri::command]
#[specta::specta]
pub async fn customer_detail(
    state: State<'_, AppState>,
    id: i64,
) -> Result<CustomerDetailView, CommandError> {
    state
        .blocking(move |s| {
            let d = search::detail(&s.session()?, id)?;
            Ok(CustomerDetailView {
                id: d.id,
                store_id: d.store_id,
                store: d.store,
                reference: d.reference,
                name: d.name,
                email: d.email,
                phone: d.phone,
                notes: d.notes,
                cards: d.cards.into_iter().map(Into::into).collect(),
                plans: d.plans.into_iter().map(Into::into).collect(),
                payments: d.payments.into(),
            })
        })
        .await
}

/// Adds a customer to a store; needs `create_collections` there. Returns the new id.
#[tauri::command]
#[specta::specta]
pub async fn add_customer(
    state: State<'_, AppState>,
    input: NewCustomerInput,
) -> Result<CustomerRowView, CommandError> {
    state
        .blocking(move |s| {
            let session = s.session()?;
            let c = customer::add(
                &session,
                input.store_id,
                &NewCustomer {
                    reference: input.reference,
                    name: input.name,
                    email: input.email,
                    phone: input.phone,
                    notes: input.notes,
                },
            )?;
            let page = search::search(
                &session,
                &CustomerQuery {
                    store_id: Some(c.store_id),
                    search: Some(c.reference.clone()),
                    ..CustomerQuery::default()
                },
            )?;
            page.rows
                .into_iter()
                .find(|row| row.id == c.id)
                .map(Into::into)
                .ok_or_else(|| ShellError::Internal("the new customer was not found".into()))
        })
        .await
}

/// Adds a card to a customer; needs `create_collections` on its store. Returns it masked.
#[tauri::command]
#[specta::specta]
pub async fn add_card(
    state: State<'_, AppState>,
    customer_id: i64,
    card: NewCardInput,
) -> Result<CardView, CommandError> {
    state
        .blocking(move |s| {
            let session = s.session()?;
            let new = card.into_card()?;
            let added = customer::card::add(&session, customer_id, &new)?;
            drop(new);
            let detail = search::detail(&session, customer_id)?;
            detail
                .cards
                .into_iter()
                .find(|c| c.id == added.id)
                .map(Into::into)
                .ok_or_else(|| ShellError::Internal("the new card was not found".into()))
        })
        .await
}

//! Customers and their cards: the searchable list, one customer in full, adding, changing and
//! archiving a customer, adding a card, choosing the primary card, replacing and removing one.
//! Every answer carries masked card numbers only.

use tahsildar_core::customer::search::{
    self, CardDetail, CustomerDetail, CustomerPage, CustomerQuery, CustomerSummary,
};
use tahsildar_core::customer::{self, ArchiveOutcome, NewCustomer};
use tauri::State;

use super::card_input::NewCardInput;
use crate::error::{CommandError, ShellError};
use crate::state::AppState;

/// One page of the customers the user may see, searchable by reference, name, e-mail, phone.
#[tauri::command]
#[specta::specta]
pub async fn search_customers(
    state: State<'_, AppState>,
    query: CustomerQuery,
) -> Result<CustomerPage, CommandError> {
    state
        .blocking(move |s| Ok(search::search(&s.session()?, &query)?))
        .await
}

/// One customer with cards (masked), plans and payments; needs `view_reports` on its store.
#[tauri::command]
#[specta::specta]
pub async fn customer_detail(
    state: State<'_, AppState>,
    id: i64,
) -> Result<CustomerDetail, CommandError> {
    state
        .blocking(move |s| Ok(search::detail(&s.session()?, id)?))
        .await
}

/// Adds a customer to a store; needs `create_collections` there. Returns it as listed.
#[tauri::command]
#[specta::specta]
pub async fn add_customer(
    state: State<'_, AppState>,
    store_id: i64,
    customer: NewCustomer,
) -> Result<CustomerSummary, CommandError> {
    state
        .blocking(move |s| {
            let session = s.session()?;
            let added = customer::add(&session, store_id, &customer)?;
            Ok(search::summary(&session, added.id)?)
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
) -> Result<CardDetail, CommandError> {
    state
        .blocking(move |s| {
            let session = s.session()?;
            let new = card.into_card()?;
            let added = customer::card::add(&session, customer_id, &new)?;
            drop(new);
            search::detail(&session, customer_id)?
                .cards
                .into_iter()
                .find(|c| c.id == added.id)
                .ok_or_else(|| ShellError::Internal("the new card was not found".into()))
        })
        .await
}

/// Changes a customer's reference, name, e-mail, phone and notes; needs `create_collections` on
/// its store. Returns it as listed.
#[tauri::command]
#[specta::specta]
pub async fn update_customer(
    state: State<'_, AppState>,
    id: i64,
    customer: NewCustomer,
) -> Result<CustomerSummary, CommandError> {
    state
        .blocking(move |s| {
            let session = s.session()?;
            customer::update(&session, id, &customer)?;
            Ok(search::summary(&session, id)?)
        })
        .await
}

/// Makes a card the customer's primary one; needs `replace_card` on its store. Returns the
/// customer's detail.
#[tauri::command]
#[specta::specta]
pub async fn set_primary_card(
    state: State<'_, AppState>,
    card_id: i64,
) -> Result<CustomerDetail, CommandError> {
    state
        .blocking(move |s| {
            let session = s.session()?;
            let cards = customer::set_primary_card(&session, card_id)?;
            Ok(search::detail(&session, cards[0].customer_id)?)
        })
        .await
}

/// Removes a card (kept for the history, never charged again); needs `replace_card` on its
/// store. Returns the customer's detail.
#[tauri::command]
#[specta::specta]
pub async fn remove_card(
    state: State<'_, AppState>,
    customer_id: i64,
    card_id: i64,
) -> Result<CustomerDetail, CommandError> {
    state
        .blocking(move |s| {
            let session = s.session()?;
            customer::remove_card(&session, card_id)?;
            Ok(search::detail(&session, customer_id)?)
        })
        .await
}

/// Replaces a card with a new one in one step (an expiring card with its renewal); needs
/// `replace_card` on its store. Returns the customer's detail.
#[tauri::command]
#[specta::specta]
pub async fn replace_card(
    state: State<'_, AppState>,
    customer_id: i64,
    card_id: i64,
    card: NewCardInput,
) -> Result<CustomerDetail, CommandError> {
    state
        .blocking(move |s| {
            let session = s.session()?;
            let new = card.into_card()?;
            customer::replace_card(&session, card_id, &new)?;
            drop(new);
            Ok(search::detail(&session, customer_id)?)
        })
        .await
}

/// Archives a customer (its running plans cancelled, its history kept, never charged again);
/// needs `create_collections` on its store.
#[tauri::command]
#[specta::specta]
pub async fn archive_customer(
    state: State<'_, AppState>,
    id: i64,
) -> Result<ArchiveOutcome, CommandError> {
    state
        .blocking(move |s| Ok(customer::archive(&s.session()?, id)?))
        .await
}

/// Takes a customer out of the archive; needs `create_collections` on its store.
#[tauri::command]
#[specta::specta]
pub async fn unarchive_customer(state: State<'_, AppState>, id: i64) -> Result<(), CommandError> {
    state
        .blocking(move |s| Ok(customer::unarchive(&s.session()?, id)?))
        .await
}

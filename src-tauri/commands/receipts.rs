//! Receipts (core's `receipt`): the approved sales, refunds and voids of a selection as one
//! PDF, a page each. Needs `view_reports` on their stores; every file saved is audited.

use tahsildar_core::receipt::{ReceiptSelection, save};
use tauri::State;

use super::save_dialog::save_path;
use crate::error::CommandError;
use crate::state::AppState;

/// What a receipt file held.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, specta::Type)]
pub struct SavedReceipts {
    /// The file's name, without its folder.
    pub file_name: String,
    /// Receipts, a page each.
    pub receipts: i64,
}

/// Saves the receipts of `selection` as a PDF where the user chooses in the native save dialog
/// (`null` when the dialog was closed); needs `view_reports`, audited.
#[tauri::command]
#[specta::specta]
pub async fn save_receipt(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
    selection: ReceiptSelection,
) -> Result<Option<SavedReceipts>, CommandError> {
    state.blocking(|s| s.session().map(|_| ())).await?;
    let lang = state.lang();
    let stem = lang.pick("dekont", "receipt");
    let suggested = match &selection {
        ReceiptSelection::Attempt { attempt_id, .. } => format!("{stem}-{attempt_id}.pdf"),
        ReceiptSelection::Payment { payment_id, .. } => {
            format!("{stem}-{}-{payment_id}.pdf", lang.pick("odeme", "payment"))
        }
        ReceiptSelection::Batch { batch_id } => {
            format!("{stem}-{}-{batch_id}.pdf", lang.pick("parti", "batch"))
        }
        ReceiptSelection::Period { from, to, .. } if from == to => format!("{stem}-{from}.pdf"),
        ReceiptSelection::Period { from, to, .. } => format!("{stem}-{from}-{to}.pdf"),
    };
    let path = save_path(app, suggested, "PDF", &["pdf"])
        .await
        .map_err(|e| state.error(e))?;
    let Some(path) = path else { return Ok(None) };
    let file_name = super::import_files::file_name(&path);
    let written = state
        .blocking(move |s| Ok(save(&s.session()?, &selection, s.lang(), &path)?))
        .await?;
    Ok(Some(SavedReceipts {
        file_name,
        receipts: written.receipts,
    }))
}

//! A card as typed in the window, for adding it to a customer or retrying a payment with it.
//! The number goes into a secret at once; it is never echoed, logged or stored in clear, and
//! every answer carries the masked number only.

use secrecy::SecretString;
use serde::Deserialize;
use specta::Type;
use tahsildar_core::customer::NewCard;

use crate::error::ShellError;

/// A card as typed.
#[derive(Deserialize, Type)]
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

impl NewCardInput {
    /// The core's card; the number moves into a secret without a copy left behind here.
    pub(crate) fn into_card(self) -> Result<NewCard, ShellError> {
        let instruction_date = self
            .instruction_date
            .as_deref()
            .filter(|d| !d.trim().is_empty())
            .map(|d| tahsildar_core::plan::parse_date("instruction date", d))
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

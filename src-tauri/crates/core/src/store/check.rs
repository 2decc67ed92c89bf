//! "Test connection" for a store: an inquiry (1010) for a made-up order id. An inquiry books
//! nothing; the answer shows whether the host is reachable and accepts the terminal's
//! credentials, explained through the bank's code catalogue in both languages.

use std::time::Duration;

use serde::Serialize;
use tahsildar_akbank::{CodeInfo, InquiryOutcome, OrderRef, describe};

use crate::auth::{Permission, Session};
use crate::engine::BankDirectory;
use crate::error::Result;
use crate::i18n::Text;

/// What the connection test found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum ConnectionVerdict {
    /// The host answered and accepted the credentials.
    Ok,
    /// The host answered but refused the terminal or its signature.
    Refused,
    /// Nothing reached the host, or no usable answer came back.
    Unreachable,
}

/// The answer of a connection test.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ConnectionCheck {
    pub verdict: ConnectionVerdict,
    /// The host's code, e.g. `VPS-1123`, when it answered.
    pub code: Option<String>,
    /// What the answer means and what to do.
    pub explanation: Text,
    /// The host the inquiry went to.
    pub host: String,
}

fn text(info: CodeInfo) -> Text {
    Text::new(info.tr, info.en)
}

/// The catalogue's words for a code, and that the credentials work.
fn works(code: &str) -> Text {
    let info = describe(code, None);
    Text::new(
        format!("{} Bağlantı ve üye işyeri bilgileri doğru.", info.tr),
        format!(
            "{} The connection and the terminal's credentials work.",
            info.en
        ),
    )
}

/// Turns an inquiry's outcome into a verdict, the host's code and its explanation.
pub fn judge(outcome: &InquiryOutcome) -> (ConnectionVerdict, Option<String>, Text) {
    match outcome {
        InquiryOutcome::NotFound(_) => (
            ConnectionVerdict::Ok,
            Some("VPS-1123".into()),
            works("VPS-1123"),
        ),
        InquiryOutcome::Found(inquiry) => (
            ConnectionVerdict::Ok,
            Some(inquiry.response_code.clone()),
            works(&inquiry.response_code),
        ),
        InquiryOutcome::Failed(inquiry) => (
            ConnectionVerdict::Refused,
            Some(inquiry.response_code.clone()),
            text(describe(&inquiry.response_code, None)),
        ),
        InquiryOutcome::Rejected(error) => {
            let info = error.info();
            (
                ConnectionVerdict::Refused,
                Some(info.code.to_string()),
                text(info),
            )
        }
        InquiryOutcome::Throttled { .. } => (
            ConnectionVerdict::Ok,
            Some("429".into()),
            Text::new(
                "Banka yanıt verdi ama şu an çok fazla istek var (429). Biraz sonra yeniden deneyin.",
                "The bank answered but is busy (429). Try again in a moment.",
            ),
        ),
        InquiryOutcome::NotSent(reason) | InquiryOutcome::Unknown(reason) => (
            ConnectionVerdict::Unreachable,
            None,
            Text::new(
                format!(
                    "Bankaya ulaşılamadı ({reason}). İnternet bağlantısını ve sunucu adresini denetleyin."
                ),
                format!(
                    "The bank could not be reached ({reason}). Check the network and the host address."
                ),
            ),
        ),
    }
}

/// Sends an inquiry for a made-up order id with the store's credentials. Needs
/// `manage_stores` on the store.
pub async fn check_connection(
    session: &Session,
    bank: &BankDirectory,
    store_id: i64,
) -> Result<ConnectionCheck> {
    session.require(Permission::ManageStores, Some(store_id))?;
    super::get(session, store_id)?;
    let client = bank.client_for(
        session.vault(),
        store_id,
        Duration::from_secs(15),
        Duration::from_secs(5),
    )?;
    let order = format!("CHECK-{:X}", jiff::Timestamp::now().as_nanosecond());
    let outcome = client.inquiry(&OrderRef::OrderId(order)).await;
    let (verdict, code, explanation) = judge(&outcome);
    Ok(ConnectionCheck {
        verdict,
        code,
        explanation,
        host: client.base_url().to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unknown_order_means_the_credentials_work() {
        let (verdict, code, text) = judge(&InquiryOutcome::NotFound("x".into()));
        assert_eq!(verdict, ConnectionVerdict::Ok);
        assert_eq!(code.as_deref(), Some("VPS-1123"));
        assert!(text.en().contains("credentials work"), "{text}");
        assert!(text.tr().contains("bilgileri doğru"), "{}", text.tr());
    }

    #[test]
    fn a_refusal_is_explained_from_the_catalogue() {
        let rejected = InquiryOutcome::Rejected(tahsildar_akbank::ApiError {
            http_status: 401,
            code: "401".into(),
            message: "Unauthorized".into(),
        });
        let (verdict, code, text) = judge(&rejected);
        assert_eq!(verdict, ConnectionVerdict::Refused);
        assert_eq!(code.as_deref(), Some("401"));
        assert!(!text.tr().is_empty());
    }

    #[test]
    fn nothing_sent_is_unreachable() {
        let (verdict, code, _) = judge(&InquiryOutcome::NotSent("refused".into()));
        assert_eq!(verdict, ConnectionVerdict::Unreachable);
        assert_eq!(code, None);
    }
}

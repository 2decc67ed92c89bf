//! "Test connection" for a store: an inquiry (1010) for a made-up order id. An inquiry books
//! nothing; the answer shows whether the host is reachable and accepts the terminal's
//! credentials, explained through akbank's code catalogue. Also the sandbox's test cards.

use std::time::Duration;

use serde::Serialize;
use specta::Type;
use tahsildar_akbank::{CodeInfo, InquiryOutcome, OrderRef, describe};
use tahsildar_bank_sim::cards;
use tahsildar_core::{Lang, Permission, store};
use tauri::State;

use crate::error::CommandError;
use crate::state::AppState;

/// What the connection test found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum ConnectionVerdict {
    /// The host answered and accepted the credentials.
    Ok,
    /// The host answered but refused the terminal or its signature.
    Refused,
    /// Nothing reached the host, or no usable answer came back.
    Unreachable,
}

/// The answer of a connection test, explained in the UI language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct ConnectionCheck {
    pub verdict: ConnectionVerdict,
    /// The host's code, e.g. `VPS-1123`, when it answered.
    pub code: Option<String>,
    /// What the answer means and what to do.
    pub explanation: String,
    /// The host the inquiry went to.
    pub host: String,
}

fn explain(info: CodeInfo, lang: Lang) -> String {
    lang.pick(info.tr, info.en)
}

/// Turns an inquiry's outcome into a verdict with its explanation.
pub fn judge(outcome: &InquiryOutcome, lang: Lang) -> (ConnectionVerdict, Option<String>, String) {
    let ok_note = lang.pick(
        " Bağlantı ve üye işyeri bilgileri doğru.",
        " The connection and the terminal's credentials work.",
    );
    match outcome {
        InquiryOutcome::NotFound(_) => (
            ConnectionVerdict::Ok,
            Some("VPS-1123".into()),
            explain(describe("VPS-1123", None), lang) + &ok_note,
        ),
        InquiryOutcome::Found(inquiry) => (
            ConnectionVerdict::Ok,
            Some(inquiry.response_code.clone()),
            explain(describe(&inquiry.response_code, None), lang) + &ok_note,
        ),
        InquiryOutcome::Failed(inquiry) => (
            ConnectionVerdict::Refused,
            Some(inquiry.response_code.clone()),
            explain(describe(&inquiry.response_code, None), lang),
        ),
        InquiryOutcome::Rejected(error) => {
            let info = error.info();
            (
                ConnectionVerdict::Refused,
                Some(info.code.to_string()),
                explain(info, lang),
            )
        }
        InquiryOutcome::Throttled { .. } => (
            ConnectionVerdict::Ok,
            Some("429".into()),
            lang.pick(
                "Banka yanıt verdi ama şu an çok fazla istek var (429). Biraz sonra yeniden deneyin.",
                "The bank answered but is busy (429). Try again in a moment.",
            ),
        ),
        InquiryOutcome::NotSent(reason) | InquiryOutcome::Unknown(reason) => (
            ConnectionVerdict::Unreachable,
            None,
            lang.pick(
                format!("Bankaya ulaşılamadı ({reason}). İnternet bağlantısını ve sunucu adresini denetleyin."),
                format!("The bank could not be reached ({reason}). Check the network and the host address."),
            ),
        ),
    }
}

/// Sends an inquiry for a made-up order id with the store's credentials. Needs
/// `manage_stores` on the store.
#[tauri::command]
#[specta::specta]
pub async fn test_store_connection(
    state: State<'_, AppState>,
    id: i64,
) -> Result<ConnectionCheck, CommandError> {
    let client = state
        .blocking(move |s| {
            let session = s.session()?;
            session.require(Permission::ManageStores, Some(id))?;
            store::get(&session, id)?;
            let bank = s.bank()?;
            Ok(bank.client_for(
                session.vault(),
                id,
                Duration::from_secs(15),
                Duration::from_secs(5),
            )?)
        })
        .await?;
    let order = format!("CHECK-{:X}", jiff::Timestamp::now().as_nanosecond());
    let outcome = client.inquiry(&OrderRef::OrderId(order)).await;
    let (verdict, code, explanation) = judge(&outcome, state.lang());
    Ok(ConnectionCheck {
        verdict,
        code,
        explanation,
        host: client.base_url().to_string(),
    })
}

/// One of the sandbox bank's test cards and what it does.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct TestCard {
    /// A public test number of the built-in simulator, never a real card.
    pub number: String,
    /// The host code it gets (`00` approves).
    pub host_code: String,
    /// What happens, in the UI language.
    pub outcome: String,
}

fn test_card(number: &str, host_code: &str, lang: Lang) -> TestCard {
    TestCard {
        number: number.to_string(),
        host_code: host_code.to_string(),
        outcome: explain(
            describe(
                if host_code == "00" {
                    "VPS-0000"
                } else {
                    "VPS-1005"
                },
                Some(host_code),
            ),
            lang,
        ),
    }
}

/// The sandbox bank's test cards (any future expiry), for the sandbox store's page.
pub fn sandbox_cards(lang: Lang) -> Vec<TestCard> {
    let mut list: Vec<TestCard> = cards::APPROVED
        .iter()
        .map(|n| test_card(n, "00", lang))
        .collect();
    list.push(test_card(cards::DECLINE_05, "05", lang));
    list.push(test_card(cards::DECLINE_51, "51", lang));
    list.push(test_card(cards::DECLINE_54, "54", lang));
    list.push(test_card(cards::DECLINE_14, "14", lang));
    list.push(TestCard {
        number: cards::BOOK_THEN_DROP.to_string(),
        host_code: "00".into(),
        outcome: lang.pick(
            "Onaylanır ama yanıt gelmeden bağlantı kopar: sonuç sorgulamayla bulunur.",
            "Approved, but the connection drops before the reply: the result is found by inquiry.",
        ),
    });
    list
}

/// The sandbox's test cards; for any signed-in user.
#[tauri::command]
#[specta::specta]
pub async fn sandbox_test_cards(state: State<'_, AppState>) -> Result<Vec<TestCard>, CommandError> {
    state
        .blocking(|s| {
            s.session()?;
            Ok(sandbox_cards(s.lang()))
        })
        .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unknown_order_means_the_credentials_work() {
        let (verdict, code, text) = judge(&InquiryOutcome::NotFound("x".into()), Lang::En);
        assert_eq!(verdict, ConnectionVerdict::Ok);
        assert_eq!(code.as_deref(), Some("VPS-1123"));
        assert!(text.contains("credentials work"), "{text}");
    }

    #[test]
    fn a_refusal_is_explained_from_the_catalogue() {
        let rejected = InquiryOutcome::Rejected(tahsildar_akbank::ApiError {
            http_status: 401,
            code: "401".into(),
            message: "Unauthorized".into(),
        });
        let (verdict, code, text) = judge(&rejected, Lang::Tr);
        assert_eq!(verdict, ConnectionVerdict::Refused);
        assert_eq!(code.as_deref(), Some("401"));
        assert!(!text.is_empty());
    }

    #[test]
    fn nothing_sent_is_unreachable() {
        let (verdict, code, _) = judge(&InquiryOutcome::NotSent("refused".into()), Lang::En);
        assert_eq!(verdict, ConnectionVerdict::Unreachable);
        assert_eq!(code, None);
    }

    #[test]
    fn the_sandbox_cards_say_what_they_do() {
        let list = sandbox_cards(Lang::En);
        assert_eq!(list.len(), 7);
        let declined_51 = list
            .iter()
            .find(|c| c.number == "4000000000009995")
            .unwrap();
        assert_eq!(declined_51.host_code, "51");
        let approved = list
            .iter()
            .find(|c| c.number == "4355093000315232")
            .unwrap();
        assert_ne!(approved.outcome, declined_51.outcome);
    }
}

//! The simulated bank behind sandbox stores, started in this process on a loopback port with
//! its ledger in the data folder, so a later run (or the other program) can still inquire
//! about, void or refund what an earlier one charged. And its test cards, for the sandbox
//! store's page.

use std::path::Path;

use serde::Serialize;
use tahsildar_akbank::describe;
use tahsildar_bank_sim::{SimConfig, SimHandle, Simulator, cards};
use tahsildar_core::{BankDirectory, Text};

use crate::error::{Error, Result};

/// The ledger file of the built-in simulator, beside the database.
pub const LEDGER_FILE: &str = "sandbox-ledger.jsonl";

/// The running simulator; it stops when dropped.
pub struct Sandbox {
    handle: SimHandle,
}

impl std::fmt::Debug for Sandbox {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Sandbox")
            .field("base_url", &self.handle.base_url())
            .finish()
    }
}

impl Sandbox {
    /// Starts the simulator with its ledger in `data_dir`.
    pub async fn start(data_dir: &Path) -> Result<Sandbox> {
        let config = SimConfig {
            seed: jiff::Timestamp::now().as_nanosecond() as u64,
            ledger_path: Some(data_dir.join(LEDGER_FILE)),
            ..SimConfig::default()
        };
        let handle = Simulator::start(config)
            .await
            .map_err(|e| Error::Sandbox(e.to_string()))?;
        Ok(Sandbox { handle })
    }

    /// Its address, e.g. `http://127.0.0.1:41234`.
    pub fn base_url(&self) -> String {
        self.handle.base_url()
    }

    /// The bank directory that sends sandbox stores here.
    pub fn bank(&self) -> BankDirectory {
        BankDirectory::new(Some(self.base_url()))
    }
}

/// One of the sandbox bank's test cards and what it does.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct TestCard {
    /// A public test number of the built-in simulator, never a real card.
    pub number: String,
    /// The host code it gets (`00` approves).
    pub host_code: String,
    /// What happens.
    pub outcome: Text,
}

fn card(number: &str, host_code: &str) -> TestCard {
    let vps = if host_code == "00" {
        "VPS-0000"
    } else {
        "VPS-1005"
    };
    let info = describe(vps, Some(host_code));
    TestCard {
        number: number.to_string(),
        host_code: host_code.to_string(),
        outcome: Text::new(info.tr, info.en),
    }
}

/// The sandbox bank's test cards (any future expiry, any security code).
pub fn test_cards() -> Vec<TestCard> {
    let mut list: Vec<TestCard> = cards::APPROVED.iter().map(|n| card(n, "00")).collect();
    list.push(card(cards::DECLINE_05, "05"));
    list.push(card(cards::DECLINE_51, "51"));
    list.push(card(cards::DECLINE_54, "54"));
    list.push(card(cards::DECLINE_14, "14"));
    list.push(TestCard {
        number: cards::BOOK_THEN_DROP.to_string(),
        host_code: "00".into(),
        outcome: Text::new(
            "Onaylanır ama yanıt gelmeden bağlantı kopar: sonuç sorgulamayla bulunur.",
            "Approved, but the connection drops before the reply: the result is found by inquiry.",
        ),
    });
    list
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_test_cards_say_what_they_do() {
        let list = test_cards();
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

    #[tokio::test]
    async fn the_sandbox_listens_on_loopback_and_keeps_its_ledger_in_the_data_folder() {
        let dir = std::env::temp_dir().join(format!("tahsildar-app-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let sandbox = Sandbox::start(&dir).await.unwrap();
        assert!(sandbox.base_url().starts_with("http://127.0.0.1:"));
        assert_eq!(sandbox.bank().sandbox_base_url, Some(sandbox.base_url()));
        drop(sandbox);
        std::fs::remove_dir_all(&dir).ok();
    }
}

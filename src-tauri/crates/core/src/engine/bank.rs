//! Which bank host each store talks to: Akbank's test or live host, a configured URL, or for
//! sandbox stores the local simulator whose address the caller (app or CLI) provides.

use std::time::Duration;

use tahsildar_akbank::{Client, ClientConfig, Credentials};

use crate::error::{Error, Result};
use crate::i18n::Text;
use crate::store::{self, Environment};
use crate::vault::Vault;

/// Builds bank clients for stores.
#[derive(Debug, Clone, Default)]
pub struct BankDirectory {
    /// Base URL of the simulator that sandbox stores without their own URL use.
    pub sandbox_base_url: Option<String>,
}

impl BankDirectory {
    pub fn new(sandbox_base_url: Option<String>) -> BankDirectory {
        BankDirectory { sandbox_base_url }
    }

    /// A client for a store, with its credentials opened.
    pub fn client_for(
        &self,
        vault: &Vault,
        store_id: i64,
        timeout: Duration,
        connect: Duration,
    ) -> Result<Client> {
        let (environment, base_url): (Environment, Option<String>) = vault.db().read(|c| {
            Ok(c.query_row(
                "SELECT environment, base_url FROM stores WHERE id = ?1",
                [store_id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?)
        })?;
        let base = base_url
            .or_else(|| match environment {
                Environment::Sandbox => self.sandbox_base_url.clone(),
                Environment::Test | Environment::Live => {
                    environment.default_base_url().map(str::to_string)
                }
            })
            .ok_or_else(|| Error::BankUnavailable {
                store: store_id,
                detail: Text::new(
                    "bu deneme (sandbox) mağazası için çalışan bir banka benzetimi yok",
                    "no simulator is running for this sandbox store",
                ),
            })?;
        let creds = store::credentials_for_engine(vault, store_id)?;
        let credentials = Credentials {
            terminal: tahsildar_akbank::Terminal {
                merchant_safe_id: creds.merchant_safe_id,
                terminal_safe_id: creds.terminal_safe_id,
            },
            secret_key: creds.secret_key,
        };
        let mut config = ClientConfig::new(base, credentials);
        config.timeout = timeout;
        config.connect_timeout = connect;
        Client::new(config).map_err(|e| Error::BankUnavailable {
            store: store_id,
            detail: Text::new(
                format!("bağlantı hazırlanamadı; teknik ayrıntı: {e}"),
                format!("the connection could not be set up; technical detail: {e}"),
            ),
        })
    }
}

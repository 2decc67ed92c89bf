//! The simulated bank behind sandbox stores. Without `--sandbox-url` the CLI starts it in this
//! process for the length of the command, keeping its ledger in the data folder, so a later
//! command can still inquire about, void or refund what an earlier one charged.

use std::path::Path;

use tahsildar_bank_sim::{SimConfig, SimHandle, Simulator};
use tahsildar_core::BankDirectory;

use crate::error::CliError;

/// The ledger file of the built-in simulator, beside the database.
pub const LEDGER_FILE: &str = "sandbox-ledger.jsonl";

/// The bank directory for this command, and the simulator to keep alive while it runs.
pub async fn bank_directory(
    data_dir: &Path,
    sandbox_url: &Option<String>,
) -> Result<(BankDirectory, Option<SimHandle>), CliError> {
    if let Some(url) = sandbox_url {
        return Ok((BankDirectory::new(Some(url.clone())), None));
    }
    let seed = jiff::Timestamp::now().as_nanosecond() as u64;
    let config = SimConfig {
        seed,
        ledger_path: Some(data_dir.join(LEDGER_FILE)),
        ..SimConfig::default()
    };
    let sim = Simulator::start(config)
        .await
        .map_err(|e| CliError::SandboxBank(e.to_string()))?;
    Ok((BankDirectory::new(Some(sim.base_url())), Some(sim)))
}

//! The simulated bank behind sandbox stores. Without `--sandbox-url` the CLI starts it in this
//! process for the length of the command, keeping its ledger in the data folder, so a later
//! command can still inquire about, void or refund what an earlier one charged.

use std::path::Path;

use tahsildar_app::Sandbox;
use tahsildar_core::BankDirectory;

use crate::error::CliError;

/// The bank directory for this command, and the simulator to keep alive while it runs.
pub async fn bank_directory(
    data_dir: &Path,
    sandbox_url: &Option<String>,
) -> Result<(BankDirectory, Option<Sandbox>), CliError> {
    if let Some(url) = sandbox_url {
        return Ok((BankDirectory::new(Some(url.clone())), None));
    }
    let sandbox = Sandbox::start(data_dir)
        .await
        .map_err(|e| CliError::SandboxBank(e.to_string()))?;
    Ok((sandbox.bank(), Some(sandbox)))
}

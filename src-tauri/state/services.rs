//! What runs beside an open vault: the built-in sandbox bank, the collection engine and its
//! background scheduler. Started right after the vault opens; the scheduler acts on its own
//! behalf (the audit log names it), not for whoever happens to be signed in.

use std::path::Path;
use std::sync::Arc;

use tahsildar_bank_sim::{SimConfig, SimHandle, Simulator};
use tahsildar_core::engine::scheduler::{self, SchedulerHandle};
use tahsildar_core::{BankDirectory, Engine, EngineActor, EngineConfig, Vault};

use crate::error::ShellError;

/// The ledger file of the built-in simulator, beside the database (the CLI uses the same one).
pub const LEDGER_FILE: &str = "sandbox-ledger.jsonl";

/// `TAHSILDAR_FAST_RETRIES=1` uses the short waits of the test suites, as the CLI does.
fn engine_config() -> EngineConfig {
    if std::env::var("TAHSILDAR_FAST_RETRIES").as_deref() == Ok("1") {
        EngineConfig::fast()
    } else {
        EngineConfig::default()
    }
}

/// The engine, its scheduler and the simulator they send sandbox payments to.
pub struct Services {
    pub engine: Engine,
    pub scheduler: Arc<SchedulerHandle>,
    sandbox: Option<SimHandle>,
}

impl std::fmt::Debug for Services {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Services")
            .field("engine", &self.engine)
            .field("sandbox", &self.sandbox.as_ref().map(SimHandle::base_url))
            .finish_non_exhaustive()
    }
}

impl Services {
    /// Starts the simulator (ledger in the data folder), takes the engine lock of the data
    /// folder (failing with `engine_busy` when another app or CLI holds it) and spawns the
    /// scheduler on the current tokio runtime.
    pub async fn start(vault: Arc<Vault>) -> Result<Services, ShellError> {
        let sandbox = start_sandbox(vault.dir().root()).await?;
        let bank = BankDirectory::new(Some(sandbox.base_url()));
        let engine = Engine::start(vault, bank, engine_config(), EngineActor::scheduler())?;
        let scheduler = Arc::new(scheduler::spawn(engine.clone()));
        Ok(Services {
            engine,
            scheduler,
            sandbox: Some(sandbox),
        })
    }

    /// The simulator's address, for sandbox stores.
    pub fn sandbox_url(&self) -> Option<String> {
        self.sandbox.as_ref().map(SimHandle::base_url)
    }

    /// The bank directory the engine uses (sandbox stores go to the built-in simulator).
    pub fn bank(&self) -> BankDirectory {
        BankDirectory::new(self.sandbox_url())
    }
}

async fn start_sandbox(data_dir: &Path) -> Result<SimHandle, ShellError> {
    let seed = jiff::Timestamp::now().as_nanosecond() as u64;
    let config = SimConfig {
        seed,
        ledger_path: Some(data_dir.join(LEDGER_FILE)),
        ..SimConfig::default()
    };
    Simulator::start(config)
        .await
        .map_err(|e| ShellError::SandboxBank(e.to_string()))
}

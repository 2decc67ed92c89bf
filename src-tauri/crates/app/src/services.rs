//! What runs beside an open vault in the app: the built-in sandbox bank, the collection engine
//! with its background scheduler, and the automatic backups' timer. Started right after the vault opens; the scheduler acts on its
//! own behalf (the audit log names it), not for whoever happens to be signed in.

use std::sync::Arc;

use tahsildar_core::engine::scheduler::{self, SchedulerHandle};
use tahsildar_core::{BankDirectory, Engine, EngineActor, EngineConfig, Vault};

use crate::backups::BackupTimer;
use crate::error::Result;
use crate::sandbox::Sandbox;

/// The engine, its scheduler and the simulator they send sandbox payments to.
pub struct Services {
    pub engine: Engine,
    pub scheduler: Arc<SchedulerHandle>,
    pub backups: BackupTimer,
    sandbox: Sandbox,
}

impl std::fmt::Debug for Services {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Services")
            .field("engine", &self.engine)
            .field("sandbox", &self.sandbox)
            .finish_non_exhaustive()
    }
}

impl Services {
    /// Starts the simulator (ledger in the data folder), takes the engine lock of the data
    /// folder (failing with `engine_busy` when another app or CLI holds it) and spawns the
    /// scheduler and the backups' timer on the current tokio runtime. The engine's settings come from
    /// [`EngineConfig::from_env`].
    pub async fn start(vault: Arc<Vault>) -> Result<Services> {
        let sandbox = Sandbox::start(vault.dir().root()).await?;
        let engine = Engine::start(
            vault,
            sandbox.bank(),
            EngineConfig::from_env(),
            EngineActor::scheduler(),
        )?;
        let scheduler = Arc::new(scheduler::spawn(engine.clone()));
        let backups = BackupTimer::spawn(engine.vault().clone());
        Ok(Services {
            engine,
            scheduler,
            backups,
            sandbox,
        })
    }

    /// The bank directory the engine uses (sandbox stores go to the built-in simulator).
    pub fn bank(&self) -> BankDirectory {
        self.sandbox.bank()
    }
}

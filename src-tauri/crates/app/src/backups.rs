//! The automatic daily backups' timer: beside the engine, it asks core every minute (and when the
//! settings change) whether today's backup is due, and lets core write, name and rotate it.
//! Stops when dropped.

use std::sync::Arc;
use std::time::Duration;

use tahsildar_core::vault::backup_schedule::run_if_due;
use tahsildar_core::{KdfParams, Vault};
use tokio::sync::Notify;
use tokio::task::JoinHandle;

/// How often the timer looks.
pub const TICK: Duration = Duration::from_secs(60);

/// A running timer.
pub struct BackupTimer {
    wake: Arc<Notify>,
    task: JoinHandle<()>,
}

impl std::fmt::Debug for BackupTimer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BackupTimer").finish_non_exhaustive()
    }
}

impl BackupTimer {
    /// Starts the timer on the current tokio runtime; the first look is at once.
    pub fn spawn(vault: Arc<Vault>) -> BackupTimer {
        let wake = Arc::new(Notify::new());
        let woken = wake.clone();
        let task = tokio::spawn(async move {
            loop {
                let vault = vault.clone();
                // What failed is recorded in the vault and shown in Settings.
                let _ = tokio::task::spawn_blocking(move || run_if_due(&vault, KdfParams::DEFAULT))
                    .await;
                tokio::select! {
                    _ = tokio::time::sleep(TICK) => {}
                    _ = woken.notified() => {}
                }
            }
        });
        BackupTimer { wake, task }
    }

    /// Looks again now (the settings changed).
    pub fn check_now(&self) {
        self.wake.notify_one();
    }
}

impl Drop for BackupTimer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

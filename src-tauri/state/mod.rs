//! The app's state, managed by Tauri: the data folder, the open vault (none until it is created
//! or unlocked), the signed-in session (none when signed out), the engine with its scheduler and
//! the sandbox bank, and the UI language. Commands reach it as `State<'_, AppState>`.
//!
//! Every command follows one pattern (see `commands/mod.rs`):
//! `state.blocking(|s| { let session = s.session()?; core_fn(&session, ..)?; Ok(dto) }).await`

use std::sync::{Arc, Mutex, MutexGuard};

use secrecy::SecretString;
use tahsildar_core::engine::scheduler::SchedulerHandle;
use tahsildar_core::{Auth, DataDir, Engine, Lang, Origin, RunProgress, Session, Vault};
use tokio::sync::watch;

use crate::error::{CommandError, ShellError};

pub use tahsildar_app::{LEDGER_FILE, Services};

/// Called with the progress of a freshly started engine (the shell forwards it to the UI).
pub type ProgressHook = Box<dyn Fn(watch::Receiver<RunProgress>) + Send + Sync>;

/// Called after who is signed in, the open vault or the UI language changed (the shell shows
/// them in the tray).
pub type ChangeHook = Box<dyn Fn() + Send + Sync>;

/// An open vault with its sign-in service and what runs beside it.
struct Opened {
    vault: Arc<Vault>,
    auth: Auth,
    /// The engine and scheduler, or why they could not start (e.g. the CLI holds the lock).
    services: Result<Arc<Services>, Arc<ShellError>>,
}

struct Inner {
    data_dir: DataDir,
    lang: Mutex<Lang>,
    opened: Mutex<Option<Opened>>,
    session: Mutex<Option<Session>>,
    /// The user of the last session, so a re-authentication can be offered for the same name.
    last_user: Mutex<Option<String>>,
    /// A recovery key not yet shown (the vault was created but the administrator was not).
    pending_recovery: Mutex<Option<SecretString>>,
    /// Serialises opening the vault and starting the engine.
    opening: tokio::sync::Mutex<()>,
    on_progress: Mutex<Option<ProgressHook>>,
    on_change: Mutex<Option<ChangeHook>>,
}

/// The state every command shares. Cheap to clone.
#[derive(Clone)]
pub struct AppState {
    inner: Arc<Inner>,
}

impl std::fmt::Debug for AppState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AppState")
            .field("data_dir", &self.inner.data_dir)
            .finish_non_exhaustive()
    }
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl AppState {
    pub fn new(data_dir: DataDir, lang: Lang) -> AppState {
        AppState {
            inner: Arc::new(Inner {
                data_dir,
                lang: Mutex::new(lang),
                opened: Mutex::new(None),
                session: Mutex::new(None),
                last_user: Mutex::new(None),
                pending_recovery: Mutex::new(None),
                opening: tokio::sync::Mutex::new(()),
                on_progress: Mutex::new(None),
                on_change: Mutex::new(None),
            }),
        }
    }

    /// Sets what to do with the progress of each engine started from now on.
    pub fn on_progress(&self, hook: ProgressHook) {
        *lock(&self.inner.on_progress) = Some(hook);
    }

    /// Sets what to do after who is signed in, the open vault or the language changed.
    pub fn on_change(&self, hook: ChangeHook) {
        *lock(&self.inner.on_change) = Some(hook);
    }

    fn changed(&self) {
        if let Some(hook) = lock(&self.inner.on_change).as_ref() {
            hook();
        }
    }

    pub fn data_dir(&self) -> &DataDir {
        &self.inner.data_dir
    }

    /// The UI language: the language of every message a command returns.
    pub fn lang(&self) -> Lang {
        *lock(&self.inner.lang)
    }

    pub fn set_lang(&self, lang: Lang) {
        *lock(&self.inner.lang) = lang;
        self.changed();
    }

    /// Turns a shell or core error into what the UI receives, in the current language.
    pub fn error(&self, err: impl Into<ShellError>) -> CommandError {
        CommandError::new(&err.into(), self.lang())
    }

    /// Runs blocking work (database, Argon2, keyring) off the async runtime and maps its error.
    pub async fn blocking<T, F>(&self, work: F) -> Result<T, CommandError>
    where
        T: Send + 'static,
        F: FnOnce(&AppState) -> Result<T, ShellError> + Send + 'static,
    {
        let state = self.clone();
        match tokio::task::spawn_blocking(move || work(&state)).await {
            Ok(result) => result.map_err(|e| self.error(e)),
            Err(join) => Err(self.error(ShellError::Internal(if join.is_panic() {
                "a task stopped unexpectedly".to_string()
            } else {
                "a task was cancelled".to_string()
            }))),
        }
    }

    /// Holds the gate while the vault is opened and the engine started, so two calls never
    /// open it twice.
    pub async fn opening(&self) -> tokio::sync::MutexGuard<'_, ()> {
        self.inner.opening.lock().await
    }

    /// True once a vault is open in this process.
    pub fn is_open(&self) -> bool {
        lock(&self.inner.opened).is_some()
    }

    /// The open vault.
    pub fn vault(&self) -> Result<Arc<Vault>, ShellError> {
        lock(&self.inner.opened)
            .as_ref()
            .map(|o| o.vault.clone())
            .ok_or_else(|| self.closed_error())
    }

    /// The sign-in service of the open vault.
    pub fn auth(&self) -> Result<Auth, ShellError> {
        lock(&self.inner.opened)
            .as_ref()
            .map(|o| o.auth.clone())
            .ok_or_else(|| self.closed_error())
    }

    fn closed_error(&self) -> ShellError {
        if self.inner.data_dir.has_vault() {
            ShellError::VaultLocked
        } else {
            ShellError::NotSetUp
        }
    }

    /// Keeps an opened vault and starts the sandbox bank, the engine and the scheduler beside
    /// it. When they cannot start the vault stays usable and `engine()` says why.
    pub async fn install(&self, vault: Vault) {
        self.install_shared(Arc::new(vault)).await
    }

    /// As `install`, for a vault already shared (one put back after a failed restore).
    pub async fn install_shared(&self, vault: Arc<Vault>) {
        let services = Services::start(vault.clone())
            .await
            .map(Arc::new)
            .map_err(|e| Arc::new(ShellError::from(e)));
        if let Ok(services) = &services
            && let Some(hook) = lock(&self.inner.on_progress).as_ref()
        {
            hook(services.engine.progress());
        }
        let auth = Auth::new(vault.clone());
        *lock(&self.inner.opened) = Some(Opened {
            vault,
            auth,
            services,
        });
        self.changed();
    }

    fn services(&self) -> Result<Arc<Services>, ShellError> {
        let opened = lock(&self.inner.opened);
        let opened = opened.as_ref().ok_or_else(|| self.closed_error())?;
        match &opened.services {
            Ok(services) => Ok(services.clone()),
            Err(why) => Err(ShellError::EngineUnavailable(why.message(self.lang()))),
        }
    }

    /// The collection engine of the open vault.
    pub fn engine(&self) -> Result<Engine, ShellError> {
        Ok(self.services()?.engine.clone())
    }

    /// The background scheduler (pause, resume, run now, progress).
    pub fn scheduler(&self) -> Result<Arc<SchedulerHandle>, ShellError> {
        Ok(self.services()?.scheduler.clone())
    }

    /// The sandbox bank's address and the bank directory, for reversals and inquiries.
    pub fn bank(&self) -> Result<tahsildar_core::BankDirectory, ShellError> {
        Ok(self.services()?.bank())
    }

    /// Why the engine is not running, if it is not.
    pub fn engine_problem(&self) -> Option<CommandError> {
        let opened = lock(&self.inner.opened);
        match opened.as_ref().map(|o| &o.services) {
            Some(Err(why)) => Some(CommandError::new(why, self.lang())),
            _ => None,
        }
    }

    /// The signed-in session. Each call counts as activity; after 15 idle minutes it fails
    /// with `session_expired` (sign in again, the screen keeps its input), and with
    /// `signed_out` when nobody is signed in.
    pub fn session(&self) -> Result<Session, ShellError> {
        let session = lock(&self.inner.session)
            .clone()
            .ok_or(ShellError::SignedOut)?;
        session.touch()?;
        Ok(session)
    }

    /// The signed-in session without counting as activity (for status displays).
    pub fn current_session(&self) -> Option<Session> {
        lock(&self.inner.session).clone()
    }

    /// Signs a user in; replaces any earlier session of this window.
    pub fn sign_in(&self, name: &str, password: &SecretString) -> Result<Session, ShellError> {
        let session = self.auth()?.sign_in(name, password, Origin::App)?;
        *lock(&self.inner.last_user) = Some(session.user_name().to_string());
        if let Some(old) = lock(&self.inner.session).replace(session.clone())
            && old.id() != session.id()
        {
            let _ = old.sign_out();
        }
        self.changed();
        Ok(session)
    }

    /// Ends the session, if any.
    pub fn sign_out(&self) -> Result<(), ShellError> {
        *lock(&self.inner.last_user) = None;
        let session = lock(&self.inner.session).take();
        self.changed();
        if let Some(session) = session {
            session.sign_out()?;
        }
        Ok(())
    }

    /// The name of the user whose session this window last had (kept after it expires).
    pub fn last_user(&self) -> Option<String> {
        lock(&self.inner.last_user).clone()
    }

    /// Keeps a recovery key that could not be shown yet.
    pub fn keep_recovery_key(&self, key: SecretString) {
        *lock(&self.inner.pending_recovery) = Some(key);
    }

    /// Takes the recovery key kept by `keep_recovery_key`, once.
    pub fn take_recovery_key(&self) -> Option<SecretString> {
        lock(&self.inner.pending_recovery).take()
    }

    /// Before a restore replaces the vault's files: signs the window out, stops the scheduler
    /// and the backups' timer, and lets go of the vault and its engine (the engine lock is free
    /// once the scheduler's current run ends). Returns the vault, to put back if the restore
    /// fails.
    pub async fn close_for_restore(&self) -> Option<Arc<Vault>> {
        *lock(&self.inner.last_user) = None;
        lock(&self.inner.session).take();
        let opened = lock(&self.inner.opened).take();
        self.changed();
        let opened = opened?;
        if let Ok(services) = &opened.services {
            services
                .scheduler
                .send(tahsildar_core::engine::scheduler::SchedulerCommand::Stop)
                .await;
        }
        Some(opened.vault)
    }

    /// Asks the automatic backups' timer to look now (their settings changed).
    pub fn check_backups_now(&self) {
        if let Ok(services) = self.services() {
            services.backups.check_now();
        }
    }

    /// Stops the scheduler after its current payment; used when the app quits.
    pub async fn shut_down(&self) {
        let services = lock(&self.inner.opened)
            .as_ref()
            .and_then(|o| o.services.as_ref().ok().cloned());
        if let Some(services) = services {
            services
                .scheduler
                .send(tahsildar_core::engine::scheduler::SchedulerCommand::Stop)
                .await;
        }
    }
}

#[cfg(test)]
mod tests;

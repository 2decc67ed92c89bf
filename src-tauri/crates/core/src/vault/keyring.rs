//! The OS keyring through keyring-core. Every call runs on its own thread with a time limit: a
//! locked keyring may wait on an unlock prompt, and an unanswered prompt must end in a clear
//! error rather than a hang. Callers on an async runtime still use `spawn_blocking`.

use std::sync::{Arc, OnceLock, mpsc};
use std::time::Duration;

use keyring_core::{CredentialStore, Entry};

use crate::error::{Error, Result};
use crate::i18n::{Lang, Text};
use crate::vault::keys::DataKey;

/// Service name of every Tahsildar keyring entry; the user part is `vault-<vault id>`.
pub const KEYRING_SERVICE: &str = "tahsildar";
/// Default time limit of one keyring call.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
/// Overrides the time limit, in whole seconds.
pub const TIMEOUT_ENV: &str = "TAHSILDAR_KEYRING_TIMEOUT_SECS";

fn configured_timeout() -> Duration {
    std::env::var(TIMEOUT_ENV)
        .ok()
        .and_then(|v| v.parse::<u64>().ok())
        .filter(|&s| s > 0)
        .map(Duration::from_secs)
        .unwrap_or(DEFAULT_TIMEOUT)
}

/// A handle on a credential store (the platform store, or a test store).
#[derive(Clone)]
pub struct Keyring {
    source: Source,
    timeout: Duration,
}

#[derive(Clone)]
enum Source {
    /// The platform store, connected on first use (so a passphrase-mode vault never wakes
    /// the keyring daemon).
    Platform,
    Given(StoreResult),
}

/// Why a store could not be had.
#[derive(Clone)]
enum StoreError {
    Unavailable(Text),
    TimedOut(u64),
}

impl From<StoreError> for Error {
    fn from(e: StoreError) -> Error {
        match e {
            StoreError::Unavailable(why) => Error::KeyringUnavailable(why),
            StoreError::TimedOut(secs) => Error::KeyringTimeout(secs),
        }
    }
}

type StoreResult = std::result::Result<Arc<CredentialStore>, StoreError>;

impl std::fmt::Debug for Keyring {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Keyring")
            .field("platform", &matches!(self.source, Source::Platform))
            .field("timeout", &self.timeout)
            .finish()
    }
}

static PLATFORM: OnceLock<StoreResult> = OnceLock::new();

fn run_timed<T: Send + 'static>(
    timeout: Duration,
    f: impl FnOnce() -> T + Send + 'static,
) -> Result<T> {
    let (tx, rx) = mpsc::channel();
    std::thread::Builder::new()
        .name("tahsildar-keyring".into())
        .spawn(move || {
            let _ = tx.send(f());
        })
        .map_err(|e| Error::Internal(format!("keyring thread: {e}")))?;
    // On timeout the thread is left to finish or block on its own; its result is dropped.
    rx.recv_timeout(timeout)
        .map_err(|_| Error::KeyringTimeout(timeout.as_secs().max(1)))
}

fn platform_store() -> std::result::Result<Arc<CredentialStore>, Text> {
    #[cfg(target_os = "linux")]
    {
        zbus_secret_service_keyring_store::Store::new()
            .map(|s| s as Arc<CredentialStore>)
            .map_err(|e| describe(&e))
    }
    #[cfg(target_os = "macos")]
    {
        apple_native_keyring_store::keychain::Store::new()
            .map(|s| s as Arc<CredentialStore>)
            .map_err(|e| describe(&e))
    }
    #[cfg(target_os = "windows")]
    {
        windows_native_keyring_store::Store::new()
            .map(|s| s as Arc<CredentialStore>)
            .map_err(|e| describe(&e))
    }
    #[cfg(not(any(target_os = "linux", target_os = "macos", target_os = "windows")))]
    {
        Err(Text::new(
            "bu işletim sistemi için anahtarlık desteği yok",
            "no keyring store for this operating system",
        ))
    }
}

/// A short description of a keyring error, without any secret (none is ever in them).
fn describe(e: &keyring_core::Error) -> Text {
    let text = e.to_string();
    let lower = text.to_ascii_lowercase();
    if lower.contains("notfound") || (lower.contains("not found") && lower.contains("connection")) {
        Text::new("D-Bus oturum veri yolu yok", "no D-Bus session bus")
    } else if lower.contains("serviceunknown") {
        Text::new(
            "oturum veri yolunda Secret Service yok",
            "no Secret Service on the session bus",
        )
    } else {
        let short: String = text.chars().take(200).collect();
        Text::new(
            format!("teknik ayrıntı: {short}"),
            format!("technical detail: {short}"),
        )
    }
}

fn map_error(e: keyring_core::Error) -> Error {
    match e {
        keyring_core::Error::NoEntry => Error::KeyringEntryMissing,
        keyring_core::Error::NoStorageAccess(_) => Error::KeyringLocked,
        other => {
            let text = describe(&other);
            if text.en().to_ascii_lowercase().contains("locked") {
                Error::KeyringLocked
            } else {
                Error::KeyringUnavailable(text)
            }
        }
    }
}

impl Keyring {
    /// The platform store (Secret Service, Keychain, Credential Manager), created once per
    /// process and registered as keyring-core's default store. When it cannot be created
    /// (no session bus, no daemon) every call fails with `KeyringUnavailable`.
    pub fn platform() -> Keyring {
        Keyring {
            source: Source::Platform,
            timeout: configured_timeout(),
        }
    }

    /// Connects the platform store once per process (with the time limit) and registers it.
    fn platform_store_once() -> StoreResult {
        PLATFORM
            .get_or_init(|| {
                let store = match run_timed(configured_timeout(), platform_store) {
                    Ok(result) => result.map_err(StoreError::Unavailable),
                    Err(Error::KeyringTimeout(secs)) => Err(StoreError::TimedOut(secs)),
                    Err(other) => Err(StoreError::Unavailable(Text::new(
                        other.message(Lang::Tr),
                        other.message(Lang::En),
                    ))),
                };
                if let Ok(store) = &store {
                    keyring_core::set_default_store(store.clone());
                }
                store
            })
            .clone()
    }

    fn store(&self) -> StoreResult {
        match &self.source {
            Source::Platform => Self::platform_store_once(),
            Source::Given(store) => store.clone(),
        }
    }

    /// A keyring over a given store (for example `keyring_core::mock::Store` in unit tests).
    pub fn with_store(store: Arc<CredentialStore>) -> Keyring {
        Keyring {
            source: Source::Given(Ok(store)),
            timeout: DEFAULT_TIMEOUT,
        }
    }

    /// A keyring that is known to be unavailable, with the reason.
    pub fn unavailable(reason: Text) -> Keyring {
        Keyring {
            source: Source::Given(Err(StoreError::Unavailable(reason))),
            timeout: DEFAULT_TIMEOUT,
        }
    }

    pub fn with_timeout(mut self, timeout: Duration) -> Keyring {
        self.timeout = timeout;
        self
    }

    /// Whether the store can be reached (connects the platform store if not yet done).
    pub fn is_available(&self) -> bool {
        self.store().is_ok()
    }

    fn entry_call<T: Send + 'static>(
        &self,
        vault_id: &str,
        f: impl FnOnce(Entry) -> keyring_core::Result<T> + Send + 'static,
    ) -> Result<T> {
        let store = self.store().map_err(Error::from)?;
        let user = format!("vault-{vault_id}");
        run_timed(self.timeout, move || {
            let entry = Entry::new_in_store(&store, KEYRING_SERVICE, &user)?;
            f(entry)
        })?
        .map_err(map_error)
    }

    /// Stores the data key of vault `vault_id` (hex), replacing any previous value.
    pub fn store_key(&self, vault_id: &str, key: &DataKey) -> Result<()> {
        let hex = key.to_hex();
        self.entry_call(vault_id, move |entry| entry.set_password(&hex))
    }

    /// Reads the data key of vault `vault_id`.
    pub fn load_key(&self, vault_id: &str) -> Result<DataKey> {
        let text = self.entry_call(vault_id, |entry| {
            entry.get_password().map(zeroize::Zeroizing::new)
        })?;
        DataKey::from_hex(&text).ok_or_else(|| {
            Error::KeyringUnavailable(Text::new(
                "anahtarlıktaki kayıt bir Tahsildar anahtarı değil",
                "the keyring entry is not a Tahsildar key",
            ))
        })
    }

    /// Deletes the entry of vault `vault_id`; a missing entry is not an error.
    pub fn delete_key(&self, vault_id: &str) -> Result<()> {
        match self.entry_call(vault_id, |entry| entry.delete_credential()) {
            Err(Error::KeyringEntryMissing) => Ok(()),
            other => other,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mock_store_round_trip_and_missing_entry() {
        let keyring = Keyring::with_store(keyring_core::mock::Store::new().unwrap());
        let key = DataKey::generate();
        assert!(matches!(
            keyring.load_key("a"),
            Err(Error::KeyringEntryMissing)
        ));
        keyring.store_key("a", &key).unwrap();
        assert_eq!(keyring.load_key("a").unwrap().expose(), key.expose());
        keyring.delete_key("a").unwrap();
        assert!(matches!(
            keyring.load_key("a"),
            Err(Error::KeyringEntryMissing)
        ));
        keyring.delete_key("a").unwrap();
    }

    #[test]
    fn unavailable_store_says_why() {
        let keyring = Keyring::unavailable(Text::new(
            "D-Bus oturum veri yolu yok",
            "no D-Bus session bus",
        ));
        match keyring.load_key("a") {
            Err(Error::KeyringUnavailable(why)) => {
                assert!(why.tr().contains("D-Bus") && why.en().contains("D-Bus"))
            }
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn a_call_that_never_answers_times_out() {
        let started = std::time::Instant::now();
        let result = run_timed(Duration::from_millis(50), || {
            std::thread::sleep(Duration::from_secs(5))
        });
        assert!(matches!(result, Err(Error::KeyringTimeout(_))));
        assert!(started.elapsed() < Duration::from_secs(5));
    }
}

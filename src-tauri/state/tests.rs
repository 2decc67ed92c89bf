//! The app state against a real SQLCipher vault, the real engine lock and the in-process
//! simulator (passphrase protection with the fast test KDF, so no keyring is needed here).

use std::sync::Arc;

use jiff::SignedDuration;
use secrecy::SecretString;
use tahsildar_core::auth::users;
use tahsildar_core::{DataDir, KdfParams, Lang, Origin, Protection, TestClock, Vault};

use super::AppState;
use crate::error::ShellError;

const ADMIN: &str = "yonetici";
const PASSWORD: &str = "dogru-parola-123";

fn secret(text: &str) -> SecretString {
    SecretString::from(text.to_string())
}

/// A vault with an administrator in a fresh folder, and the clock it runs on.
fn vault_in(dir: &std::path::Path) -> (Vault, Arc<TestClock>) {
    let clock = Arc::new(TestClock::new("2026-11-27T09:00:00Z".parse().unwrap()));
    let protection = Protection::Passphrase {
        passphrase: secret("kasa-parolasi-uzun"),
        params: KdfParams::TEST_ONLY_FAST,
    };
    let (vault, _recovery) = Vault::create(&DataDir::new(dir), &protection, clock.clone()).unwrap();
    users::create_first_admin(&vault, ADMIN, &secret(PASSWORD), Origin::App).unwrap();
    (vault, clock)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn before_a_vault_is_open_everything_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let state = AppState::new(DataDir::new(dir.path()), Lang::En);
    assert!(matches!(state.vault(), Err(ShellError::NotSetUp)));
    assert!(matches!(state.session(), Err(ShellError::SignedOut)));
    assert!(matches!(state.engine(), Err(ShellError::NotSetUp)));
    std::fs::write(dir.path().join("vault.json"), b"{}").unwrap();
    assert!(matches!(state.vault(), Err(ShellError::VaultLocked)));
    let wire = state.error(ShellError::VaultLocked);
    assert_eq!(wire.code, "vault_locked");
    assert_eq!(wire.message, "The vault is locked. Unlock it first.");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sign_in_session_and_sign_out() {
    let dir = tempfile::tempdir().unwrap();
    let (vault, _clock) = vault_in(dir.path());
    let state = AppState::new(DataDir::new(dir.path()), Lang::Tr);
    state.install(vault).await;
    assert!(state.engine().is_ok(), "{:?}", state.engine_problem());

    let wrong = state
        .sign_in(ADMIN, &secret("yanlis-parola-000"))
        .unwrap_err();
    assert_eq!(wrong.code(), "auth_failed");
    assert!(matches!(state.session(), Err(ShellError::SignedOut)));

    let session = state.sign_in(ADMIN, &secret(PASSWORD)).unwrap();
    assert_eq!(session.user_name(), ADMIN);
    assert_eq!(state.session().unwrap().id(), session.id());
    assert_eq!(state.last_user().as_deref(), Some(ADMIN));

    state.sign_out().unwrap();
    assert!(matches!(state.session(), Err(ShellError::SignedOut)));
    assert_eq!(state.last_user(), None);
    // The old session is dead in core too, not just forgotten by the window.
    assert_eq!(session.touch().unwrap_err().code(), "session_expired");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fifteen_idle_minutes_expire_the_session_and_activity_keeps_it() {
    let dir = tempfile::tempdir().unwrap();
    let (vault, clock) = vault_in(dir.path());
    let state = AppState::new(DataDir::new(dir.path()), Lang::En);
    state.install(vault).await;
    state.sign_in(ADMIN, &secret(PASSWORD)).unwrap();

    clock.advance(SignedDuration::from_mins(14));
    state.session().unwrap();
    clock.advance(SignedDuration::from_mins(14));
    state.session().expect("each call counts as activity");

    clock.advance(SignedDuration::from_mins(16));
    let expired = state.session().unwrap_err();
    assert_eq!(expired.code(), "session_expired");
    let wire = state.error(expired);
    assert!(!wire.message.is_empty());
    // The name stays so the window can ask for the password again.
    assert_eq!(state.last_user().as_deref(), Some(ADMIN));
    state.sign_in(ADMIN, &secret(PASSWORD)).unwrap();
    state.session().unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_second_app_on_the_same_folder_opens_the_vault_but_not_the_engine() {
    let dir = tempfile::tempdir().unwrap();
    let (vault, _clock) = vault_in(dir.path());
    let first = AppState::new(DataDir::new(dir.path()), Lang::En);
    first.install(vault).await;
    first.engine().unwrap();

    let unlock = tahsildar_core::UnlockWith::Passphrase(secret("kasa-parolasi-uzun"));
    let again = Vault::open(
        &DataDir::new(dir.path()),
        &unlock,
        Arc::new(tahsildar_core::SystemClock),
    )
    .unwrap();
    let second = AppState::new(DataDir::new(dir.path()), Lang::En);
    second.install(again).await;
    second.sign_in(ADMIN, &secret(PASSWORD)).unwrap();
    let err = second.engine().unwrap_err();
    assert_eq!(err.code(), "engine_unavailable");
    let problem = second.engine_problem().expect("the reason is kept");
    assert_eq!(problem.code, "engine_busy");
    assert!(!problem.message.is_empty());
    first.shut_down().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_engine_runs_sandbox_payments_against_the_built_in_bank() {
    let dir = tempfile::tempdir().unwrap();
    let (vault, _clock) = vault_in(dir.path());
    let state = AppState::new(DataDir::new(dir.path()), Lang::En);
    state.install(vault).await;
    let summary = state.engine().unwrap().run(None).await.unwrap();
    assert_eq!(summary.payments, 0);
    assert!(
        summary.store_errors.is_empty(),
        "{:?}",
        summary.store_errors
    );
    assert!(dir.path().join(super::LEDGER_FILE).exists());
    // Every file the app made in the data folder is its owner's only.
    #[cfg(unix)]
    for entry in std::fs::read_dir(dir.path()).unwrap() {
        use std::os::unix::fs::PermissionsExt;
        let entry = entry.unwrap();
        let mode = entry.metadata().unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "{}: {mode:o}", entry.path().display());
    }
}

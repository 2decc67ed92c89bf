//! Unlocking with the recovery key and keeping the vault's key on this PC again, against a real
//! SQLCipher vault (passphrase protection with the fast test KDF, so no keyring is needed).

use tahsildar_core::{DataDir, KdfParams, Lang, TestClock};

use super::*;

const OLD_PASSPHRASE: &str = "eski-kasa-parolasi";
const NEW_PASSPHRASE: &str = "yeni-kasa-parolasi-2026";

fn secret(text: &str) -> SecretString {
    SecretString::from(text.to_string())
}

fn fast(passphrase: &str) -> Protection {
    Protection::Passphrase {
        passphrase: secret(passphrase),
        params: KdfParams::TEST_ONLY_FAST,
    }
}

/// A vault under `OLD_PASSPHRASE` in `dir`, closed again; returns its recovery key.
fn vault_in(dir: &std::path::Path) -> SecretString {
    let clock = Arc::new(TestClock::new("2026-11-27T09:00:00Z".parse().unwrap()));
    let (vault, recovery) =
        Vault::create(&DataDir::new(dir), &fast(OLD_PASSPHRASE), clock).unwrap();
    drop(vault);
    recovery
}

fn opens_with(dir: &std::path::Path, passphrase: &str) -> Result<Vault, tahsildar_core::Error> {
    Vault::open(
        &DataDir::new(dir),
        &UnlockWith::Passphrase(secret(passphrase)),
        Arc::new(SystemClock),
    )
}

#[test]
fn the_recovery_key_opens_the_vault_and_binds_it_to_a_new_passphrase() {
    let dir = tempfile::tempdir().unwrap();
    let recovery = vault_in(dir.path());
    let state = AppState::new(DataDir::new(dir.path()), Lang::Tr);

    let vault = open_with_recovery(&state, recovery, Some(fast(NEW_PASSPHRASE))).unwrap();
    assert_eq!(vault.meta().unlock, UnlockMethod::Passphrase);
    drop(vault);

    opens_with(dir.path(), NEW_PASSPHRASE).expect("the new passphrase opens the vault");
    let old = opens_with(dir.path(), OLD_PASSPHRASE).unwrap_err();
    assert_eq!(old.code(), "vault_wrong_passphrase");
}

#[test]
fn without_a_new_binding_the_vault_file_stays_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let recovery = vault_in(dir.path());
    let meta_path = DataDir::new(dir.path()).meta_path();
    let before = std::fs::read(&meta_path).unwrap();
    let state = AppState::new(DataDir::new(dir.path()), Lang::Tr);

    open_with_recovery(&state, recovery, None).unwrap();
    assert_eq!(std::fs::read(&meta_path).unwrap(), before);
    opens_with(dir.path(), OLD_PASSPHRASE).expect("the old passphrase still opens it");
}

#[test]
fn a_too_short_new_passphrase_is_refused_in_both_languages_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let recovery = vault_in(dir.path());
    let meta_path = DataDir::new(dir.path()).meta_path();
    let before = std::fs::read(&meta_path).unwrap();
    let state = AppState::new(DataDir::new(dir.path()), Lang::Tr);

    let err = open_with_recovery(&state, recovery.clone(), Some(fast("kisa"))).unwrap_err();
    let tr = state.error(err);
    assert_eq!(tr.code, "passphrase_too_short");
    assert!(tr.message.contains("en az 12"), "{}", tr.message);
    assert!(!tr.message.contains("kisa"), "{}", tr.message);
    let err = open_with_recovery(&state, recovery, Some(fast("kisa"))).unwrap_err();
    state.set_lang(Lang::En);
    let en = state.error(err);
    assert!(en.message.contains("at least 12"), "{}", en.message);

    assert_eq!(std::fs::read(&meta_path).unwrap(), before);
    opens_with(dir.path(), OLD_PASSPHRASE).expect("the old passphrase still opens it");
}

#[test]
fn a_wrong_recovery_key_is_refused_before_any_binding() {
    let dir = tempfile::tempdir().unwrap();
    vault_in(dir.path());
    let meta_path = DataDir::new(dir.path()).meta_path();
    let before = std::fs::read(&meta_path).unwrap();
    let state = AppState::new(DataDir::new(dir.path()), Lang::En);

    let other = tempfile::tempdir().unwrap();
    let foreign = vault_in(other.path());
    let err = open_with_recovery(&state, foreign, Some(fast(NEW_PASSPHRASE))).unwrap_err();
    assert_eq!(err.code(), "vault_wrong_key");
    assert_eq!(std::fs::read(&meta_path).unwrap(), before);
}

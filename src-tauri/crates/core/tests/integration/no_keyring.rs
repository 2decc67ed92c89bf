//! Without a session bus: keyring mode fails clearly, passphrase mode and the recovery key work.
//! The parent test re-runs this test binary without `DBUS_SESSION_BUS_ADDRESS`.

use std::process::Command;

use tahsildar_core::{DataDir, Error, Keyring, Lang, Origin, Protection, UnlockWith, Vault};

use crate::common::*;

#[test]
fn without_a_session_bus() {
    let runtime = tempfile::tempdir().unwrap();
    let out = Command::new(std::env::current_exe().unwrap())
        .args([
            "--ignored",
            "--exact",
            "no_keyring::child_without_session_bus",
            "--test-threads=1",
        ])
        .env_remove("DBUS_SESSION_BUS_ADDRESS")
        .env("XDG_RUNTIME_DIR", runtime.path())
        .env("TAHSILDAR_TEST_NO_BUS_CHILD", "1")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success() && stdout.contains("1 passed"),
        "child failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
#[ignore = "runs inside without_a_session_bus, in a child process that has no session bus"]
fn child_without_session_bus() {
    assert_eq!(
        std::env::var("TAHSILDAR_TEST_NO_BUS_CHILD").as_deref(),
        Ok("1")
    );
    assert!(std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_none());
    let tmp = tempfile::tempdir().unwrap();
    let dir = DataDir::new(tmp.path().join("data"));

    let keyring = Keyring::platform();
    assert!(!keyring.is_available());
    let err =
        Vault::create(&dir, &Protection::Keyring(keyring.clone()), system_clock()).unwrap_err();
    assert!(matches!(err, Error::KeyringUnavailable(_)), "{err:?}");
    // The way out in words; the CLI adds its own option (`--passphrase-env`) to the message.
    assert!(err.message(Lang::En).contains("choose passphrase mode"));
    assert!(!err.message(Lang::En).contains("--"));
    assert!(err.message(Lang::Tr).contains("parola"));
    assert!(
        !dir.db_path().exists() && !dir.meta_path().exists(),
        "nothing is created"
    );

    let (vault, recovery) = Vault::create(&dir, &fast_passphrase(), system_clock()).unwrap();
    put_card(&vault, PAN);
    drop(vault);
    let before = vault_hashes(&dir);
    let err = Vault::open(&dir, &UnlockWith::Keyring(keyring.clone()), system_clock()).unwrap_err();
    assert!(matches!(err, Error::PassphraseRequired));
    assert_eq!(vault_hashes(&dir), before);

    let mut vault = Vault::open(&dir, &UnlockWith::RecoveryKey(recovery), system_clock()).unwrap();
    assert_eq!(get_card(&vault, 1), PAN);
    // Moving this vault to the keyring fails clearly and changes nothing.
    let meta_before = file_hash(&dir.meta_path());
    let err = vault
        .rebind(&Protection::Keyring(keyring), Origin::Cli)
        .unwrap_err();
    assert!(matches!(err, Error::KeyringUnavailable(_)));
    assert_eq!(file_hash(&dir.meta_path()), meta_before);
    drop(vault);
    Vault::open(
        &dir,
        &UnlockWith::Passphrase(secret(PASSPHRASE)),
        system_clock(),
    )
    .unwrap();
}

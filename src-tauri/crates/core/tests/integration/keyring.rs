//! Against the real Secret Service (gnome-keyring in a private D-Bus session). These tests fail,
//! never skip, outside `scripts/keyring-session.sh`.

use tahsildar_core::vault::backup;
use tahsildar_core::{
    DataDir, DataKey, Error, KdfParams, Keyring, Origin, Protection, RestoreOptions, UnlockWith,
    Vault,
};

use crate::backup::{BACKUP_PASSPHRASE, snapshot};
use crate::common::*;

fn real_keyring() -> Keyring {
    assert!(
        std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some(),
        "no D-Bus session: run these tests through scripts/keyring-session.sh (e.g. scripts/keyring-session.sh cargo test -p tahsildar-core)"
    );
    let keyring = Keyring::platform();
    assert!(
        keyring.is_available(),
        "the Secret Service is not reachable: run through scripts/keyring-session.sh"
    );
    keyring
}

fn keyring_vault() -> (tempfile::TempDir, DataDir, Vault, secrecy::SecretString) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = DataDir::new(tmp.path().join("data"));
    let (vault, recovery) =
        Vault::create(&dir, &Protection::Keyring(real_keyring()), system_clock()).unwrap();
    (tmp, dir, vault, recovery)
}

fn assert_no_pan_on_disk(dir: &DataDir) {
    for name in ["tahsildar.db", "tahsildar.db-wal", "vault.json"] {
        if let Ok(bytes) = std::fs::read(dir.root().join(name)) {
            assert!(
                !contains(&bytes, PAN.as_bytes()),
                "the PAN is readable in {name}"
            );
            assert!(
                !contains(&bytes, b"SQLite format 3\0"),
                "a plaintext SQLite header in {name}"
            );
        }
    }
}

#[test]
fn create_close_reopen_with_the_real_secret_service() {
    let (_tmp, dir, vault, _) = keyring_vault();
    assert_eq!(vault.meta().unlock, tahsildar_core::UnlockMethod::Keyring);
    let id = put_card(&vault, PAN);
    // A clear PAN inside the database as well: only SQLCipher's page encryption protects it.
    vault
        .db()
        .write(|tx| {
            tx.execute_batch("CREATE TABLE clear_probe (pan TEXT)")?;
            tx.execute("INSERT INTO clear_probe VALUES (?1)", [PAN])?;
            Ok(())
        })
        .unwrap();
    assert!(
        std::fs::metadata(dir.root().join("tahsildar.db-wal"))
            .map(|m| m.len() > 0)
            .unwrap_or(false)
    );
    assert_no_pan_on_disk(&dir);
    let meta_text = std::fs::read_to_string(dir.meta_path()).unwrap();
    let key = real_keyring().load_key(vault.vault_id()).unwrap();
    assert!(!meta_text.contains(&hex::encode(key.expose())));
    let vault_id = vault.vault_id().to_string();
    drop(vault);
    assert_no_pan_on_disk(&dir);
    let header = &std::fs::read(dir.db_path()).unwrap()[..16];
    assert_ne!(header, b"SQLite format 3\0");

    let reopened = Vault::open(&dir, &UnlockWith::Keyring(real_keyring()), system_clock()).unwrap();
    assert_eq!(reopened.vault_id(), vault_id);
    assert_eq!(get_card(&reopened, id), PAN);
    assert!(reopened.db().integrity_ok().unwrap());
    assert_eq!(
        reopened.db().applied_migrations().unwrap(),
        vec![1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]
    );
    reopened.verify_audit().unwrap();
}

#[test]
fn a_deleted_keyring_entry_is_reported_and_the_recovery_key_rebinds() {
    let (_tmp, dir, vault, recovery) = keyring_vault();
    put_card(&vault, PAN);
    let vault_id = vault.vault_id().to_string();
    drop(vault);
    real_keyring().delete_key(&vault_id).unwrap();
    let before = vault_hashes(&dir);
    let err = Vault::open(&dir, &UnlockWith::Keyring(real_keyring()), system_clock()).unwrap_err();
    assert!(matches!(err, Error::KeyringEntryMissing), "{err:?}");
    assert!(
        err.message(tahsildar_core::Lang::En)
            .contains("recovery key")
    );
    assert_eq!(vault_hashes(&dir), before);

    let mut vault = Vault::open(&dir, &UnlockWith::RecoveryKey(recovery), system_clock()).unwrap();
    vault
        .rebind(&Protection::Keyring(real_keyring()), Origin::Cli)
        .unwrap();
    drop(vault);
    let reopened = Vault::open(&dir, &UnlockWith::Keyring(real_keyring()), system_clock()).unwrap();
    assert_eq!(get_card(&reopened, 1), PAN);
    reopened.verify_audit().unwrap();
}

#[test]
fn a_wrong_key_in_the_keyring_is_reported_and_the_file_untouched() {
    let (_tmp, dir, vault, _) = keyring_vault();
    let vault_id = vault.vault_id().to_string();
    drop(vault);
    real_keyring()
        .store_key(&vault_id, &DataKey::generate())
        .unwrap();
    let before = vault_hashes(&dir);
    let err = Vault::open(&dir, &UnlockWith::Keyring(real_keyring()), system_clock()).unwrap_err();
    assert!(matches!(err, Error::VaultWrongKey), "{err:?}");
    assert_eq!(vault_hashes(&dir), before);
}

#[test]
fn a_truncated_keyring_vault_is_reported_and_untouched() {
    let (_tmp, dir, vault, _) = keyring_vault();
    put_card(&vault, PAN);
    drop(vault);
    let bytes = std::fs::read(dir.db_path()).unwrap();
    std::fs::write(dir.db_path(), &bytes[..bytes.len() / 2 + 7]).unwrap();
    let before = vault_hashes(&dir);
    let err = Vault::open(&dir, &UnlockWith::Keyring(real_keyring()), system_clock()).unwrap_err();
    assert!(matches!(err, Error::VaultDamaged(_)), "{err:?}");
    assert_eq!(vault_hashes(&dir), before);
}

#[test]
fn backup_restores_on_a_second_data_directory_with_its_own_keyring_entry() {
    let (tmp, _dir, vault, _) = keyring_vault();
    let vault = std::sync::Arc::new(vault);
    tahsildar_core::auth::users::create_first_admin(
        &vault,
        "admin",
        &secret(ADMIN_PASSWORD),
        Origin::Cli,
    )
    .unwrap();
    put_card(&vault, PAN);
    let admin = tahsildar_core::Auth::new(vault.clone())
        .sign_in("admin", &secret(ADMIN_PASSWORD), Origin::Cli)
        .unwrap();
    let file = tmp.path().join("backup.tahsildar");
    let expected = snapshot(&vault);
    backup::backup(
        &admin,
        &file,
        &secret(BACKUP_PASSPHRASE),
        KdfParams::TEST_ONLY_FAST,
    )
    .unwrap();

    let other = tempfile::tempdir().unwrap();
    let dir2 = DataDir::new(other.path().join("second-pc"));
    let options = RestoreOptions {
        replace_existing: false,
        origin: Origin::Cli,
    };
    let (restored, info) = backup::restore(
        &dir2,
        &file,
        &secret(BACKUP_PASSPHRASE),
        &Protection::Keyring(real_keyring()),
        options,
        tahsildar_core::RestoreBy::BackupAdmin {
            name: "admin",
            password: &secret(ADMIN_PASSWORD),
        },
        system_clock(),
    )
    .unwrap();
    assert_ne!(
        info.vault_id,
        vault.vault_id(),
        "a new keyring entry for the new data directory"
    );
    assert_eq!(
        restored.meta().unlock,
        tahsildar_core::UnlockMethod::Keyring
    );
    assert_eq!(snapshot(&restored), expected);
    drop(restored);
    // Both entries exist independently; removing the first does not affect the second.
    real_keyring().delete_key(vault.vault_id()).unwrap();
    let reopened =
        Vault::open(&dir2, &UnlockWith::Keyring(real_keyring()), system_clock()).unwrap();
    assert_eq!(get_card(&reopened, 1), PAN);
    assert_eq!(snapshot(&reopened), expected);
}

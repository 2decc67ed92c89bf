//! Opening failures: each gives a clear error and leaves the files byte-for-byte untouched.

use tahsildar_core::{DataKey, Error, Lang, Protection, UnlockWith, Vault};

use crate::common::*;

fn passphrase_vault() -> (
    tempfile::TempDir,
    tahsildar_core::DataDir,
    secrecy::SecretString,
) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tahsildar_core::DataDir::new(tmp.path().join("data"));
    let (vault, recovery) = Vault::create(&dir, &fast_passphrase(), system_clock()).unwrap();
    put_card(&vault, PAN);
    drop(vault);
    (tmp, dir, recovery)
}

fn assert_untouched(
    dir: &tahsildar_core::DataDir,
    before: &[String],
    result: tahsildar_core::Result<Vault>,
    code: &str,
) {
    match result {
        Err(e) => {
            assert_eq!(e.code(), code, "unexpected error {e:?}");
            let tr = e.message(Lang::Tr);
            let en = e.message(Lang::En);
            assert!(!tr.is_empty() && !en.is_empty() && tr != en);
            assert!(!en.contains(PASSPHRASE) && !en.contains(PAN));
        }
        Ok(_) => panic!("expected {code}, the vault opened"),
    }
    assert_eq!(
        vault_hashes(dir),
        before,
        "a vault file changed after a failed open"
    );
}

#[test]
fn wrong_passphrase_leaves_the_file_untouched() {
    let (_tmp, dir, _) = passphrase_vault();
    let before = vault_hashes(&dir);
    let result = Vault::open(
        &dir,
        &UnlockWith::Passphrase(secret("not the passphrase")),
        system_clock(),
    );
    assert_untouched(&dir, &before, result, "vault_wrong_passphrase");
    let ok = Vault::open(
        &dir,
        &UnlockWith::Passphrase(secret(PASSPHRASE)),
        system_clock(),
    )
    .unwrap();
    assert_eq!(get_card(&ok, 1), PAN);
}

#[test]
fn default_kdf_parameters_wrap_and_unwrap() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tahsildar_core::DataDir::new(tmp.path().join("data"));
    let (vault, _) = Vault::create(
        &dir,
        &Protection::passphrase(secret(PASSPHRASE)),
        system_clock(),
    )
    .unwrap();
    let params = vault.meta().wrapped_key.as_ref().unwrap().params;
    assert_eq!(params, tahsildar_core::KdfParams::DEFAULT);
    drop(vault);
    let before = vault_hashes(&dir);
    let result = Vault::open(
        &dir,
        &UnlockWith::Passphrase(secret("wrong passphrase!")),
        system_clock(),
    );
    assert_untouched(&dir, &before, result, "vault_wrong_passphrase");
    Vault::open(
        &dir,
        &UnlockWith::Passphrase(secret(PASSPHRASE)),
        system_clock(),
    )
    .unwrap();
}

#[test]
fn truncated_file_is_reported_and_untouched() {
    let (_tmp, dir, recovery) = passphrase_vault();
    let bytes = std::fs::read(dir.db_path()).unwrap();
    std::fs::write(dir.db_path(), &bytes[..bytes.len() - 1000]).unwrap();
    let before = vault_hashes(&dir);
    let result = Vault::open(
        &dir,
        &UnlockWith::Passphrase(secret(PASSPHRASE)),
        system_clock(),
    );
    assert_untouched(&dir, &before, result, "vault_damaged");
    let result = Vault::open(&dir, &UnlockWith::RecoveryKey(recovery), system_clock());
    assert_untouched(&dir, &before, result, "vault_damaged");
}

#[test]
fn a_file_cut_at_a_page_boundary_is_reported_and_untouched() {
    let (_tmp, dir, _) = passphrase_vault();
    let bytes = std::fs::read(dir.db_path()).unwrap();
    assert!(bytes.len() >= 3 * 4096);
    std::fs::write(dir.db_path(), &bytes[..2 * 4096]).unwrap();
    let before = vault_hashes(&dir);
    let result = Vault::open(
        &dir,
        &UnlockWith::Passphrase(secret(PASSPHRASE)),
        system_clock(),
    );
    assert_untouched(&dir, &before, result, "vault_damaged");
}

#[test]
fn random_bytes_are_reported_and_untouched() {
    let (_tmp, dir, _) = passphrase_vault();
    let mut noise = vec![0u8; 8 * 4096];
    getrandom::fill(&mut noise).unwrap();
    std::fs::write(dir.db_path(), &noise).unwrap();
    let before = vault_hashes(&dir);
    let result = Vault::open(
        &dir,
        &UnlockWith::Passphrase(secret(PASSPHRASE)),
        system_clock(),
    );
    assert_untouched(&dir, &before, result, "vault_damaged");
}

#[test]
fn a_plain_sqlite_file_is_foreign_and_untouched() {
    let (_tmp, dir, _) = passphrase_vault();
    std::fs::remove_file(dir.db_path()).unwrap();
    {
        let conn = rusqlite::Connection::open(dir.db_path()).unwrap();
        conn.execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
            .unwrap();
    }
    let before = vault_hashes(&dir);
    let result = Vault::open(
        &dir,
        &UnlockWith::Passphrase(secret(PASSPHRASE)),
        system_clock(),
    );
    assert_untouched(&dir, &before, result, "vault_foreign");
}

#[test]
fn a_wrong_key_at_the_database_level_is_reported_and_untouched() {
    // The metadata check usually catches a wrong key first; here the file itself is tried.
    let (_tmp, dir, _) = passphrase_vault();
    let meta_path = dir.meta_path();
    let mut meta = tahsildar_core::VaultMeta::read(&meta_path).unwrap();
    let other = DataKey::generate();
    meta.wrapped_key = Some(
        tahsildar_core::vault::wrap::WrappedKey::wrap(
            &other,
            &secret(PASSPHRASE),
            tahsildar_core::KdfParams::TEST_ONLY_FAST,
            &meta.vault_id,
        )
        .unwrap(),
    );
    meta.write_atomic(&meta_path).unwrap();
    let before = vault_hashes(&dir);
    let result = Vault::open(
        &dir,
        &UnlockWith::Passphrase(secret(PASSPHRASE)),
        system_clock(),
    );
    assert_untouched(&dir, &before, result, "vault_wrong_key");
}

#[test]
fn a_missing_vault_is_never_created() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tahsildar_core::DataDir::new(tmp.path().join("nothing"));
    let result = Vault::open(
        &dir,
        &UnlockWith::Passphrase(secret(PASSPHRASE)),
        system_clock(),
    );
    assert!(matches!(result, Err(Error::VaultMissing(_))));
    assert!(!dir.db_path().exists() && !dir.meta_path().exists());
}

#[test]
fn creating_over_an_existing_vault_is_refused() {
    let (_tmp, dir, _) = passphrase_vault();
    let before = vault_hashes(&dir);
    let result = Vault::create(&dir, &fast_passphrase(), system_clock());
    assert!(matches!(result, Err(Error::VaultExists(_))));
    assert_eq!(vault_hashes(&dir), before);
}

#[test]
fn a_short_passphrase_is_refused_before_anything_is_written() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tahsildar_core::DataDir::new(tmp.path().join("data"));
    let protection = Protection::Passphrase {
        passphrase: secret("short"),
        params: tahsildar_core::KdfParams::TEST_ONLY_FAST,
    };
    let result = Vault::create(&dir, &protection, system_clock());
    assert!(matches!(result, Err(Error::PassphraseTooShort(12))));
    assert!(!dir.db_path().exists() && !dir.meta_path().exists());
}

#[cfg(unix)]
#[test]
fn a_new_data_directory_is_private_to_the_user() {
    use std::os::unix::fs::PermissionsExt;
    let (_tmp, dir, _) = passphrase_vault();
    let mode = std::fs::metadata(dir.root()).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o700);
}

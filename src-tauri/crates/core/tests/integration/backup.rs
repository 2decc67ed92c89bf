//! Backups and restores between data directories (passphrase mode here; the keyring variant is
//! in `keyring`).

use tahsildar_core::auth::users;
use tahsildar_core::store::{self, Environment, StoreSettings};
use tahsildar_core::vault::backup;
use tahsildar_core::{
    Auth, DataDir, Error, KdfParams, Origin, RestoreBy, RestoreOptions, UnlockWith, Vault,
    audit_log,
};

use crate::common::*;

pub const BACKUP_PASSPHRASE: &str = "backup passphrase 1";

/// A comparable picture of the data: stores, users, audit entries, test cards.
pub fn snapshot(vault: &Vault) -> Vec<String> {
    vault
        .db()
        .read(|c| {
            let mut out = Vec::new();
            for sql in [
                "SELECT id || '|' || name || '|' || environment || '|' || hex(secret_key_sealed) FROM stores ORDER BY id",
                "SELECT id || '|' || name || '|' || password_hash || '|' || role FROM users ORDER BY id",
                "SELECT user_id || '|' || IFNULL(store_id, '*') || '|' || permission FROM user_grants ORDER BY 1",
                "SELECT seq || '|' || action || '|' || hex(hash) FROM audit_log WHERE action <> 'vault.restore' ORDER BY seq",
                "SELECT id || '|' || hex(pan_sealed) || '|' || masked FROM test_cards ORDER BY id",
            ] {
                let mut stmt = c.prepare(sql)?;
                let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
                for row in rows {
                    out.push(row?);
                }
            }
            Ok(out)
        })
        .unwrap()
}

#[test]
fn backup_and_restore_into_another_data_directory() {
    let f = Fixture::new();
    put_card(&f.vault, PAN);
    store::create(
        &f.admin,
        "Şube",
        Environment::Test,
        &StoreSettings::default(),
    )
    .unwrap();
    let file = f._tmp.path().join("yedek.tahsildar");
    let entries_before = f.vault.verify_audit().unwrap();
    let before = snapshot(&f.vault);
    let summary = backup::backup(
        &f.admin,
        &file,
        &secret(BACKUP_PASSPHRASE),
        KdfParams::TEST_ONLY_FAST,
    )
    .unwrap();
    assert!(summary.bytes > 4096);
    let bytes = std::fs::read(&file).unwrap();
    assert!(!contains(&bytes, PAN.as_bytes()));
    assert!(!contains(&bytes, b"SQLite format 3"));

    let other = tempfile::tempdir().unwrap();
    let dir2 = DataDir::new(other.path().join("data"));
    let protection = tahsildar_core::Protection::Passphrase {
        passphrase: secret("other pc passphrase"),
        params: KdfParams::TEST_ONLY_FAST,
    };
    let options = RestoreOptions {
        replace_existing: false,
        origin: Origin::Cli,
    };
    let (restored, info) = backup::restore(
        &dir2,
        &file,
        &secret(BACKUP_PASSPHRASE),
        &protection,
        options,
        backup_admin(),
        system_clock(),
    )
    .unwrap();
    assert_ne!(info.vault_id, f.vault.vault_id());
    assert_eq!(info.source_vault_id, f.vault.vault_id());
    assert!(info.previous_db.is_none());
    assert_eq!(
        info.audit_entries,
        entries_before + 1,
        "+ the restore entry"
    );
    assert_eq!(snapshot(&restored), before);
    assert_eq!(get_card(&restored, 1), PAN);
    restored.verify_audit().unwrap();
    drop(restored);

    // It opens with this PC's passphrase, and the users sign in as before.
    let reopened = std::sync::Arc::new(
        Vault::open(
            &dir2,
            &UnlockWith::Passphrase(secret("other pc passphrase")),
            system_clock(),
        )
        .unwrap(),
    );
    let admin = Auth::new(reopened.clone())
        .sign_in("admin", &secret(ADMIN_PASSWORD), Origin::Cli)
        .unwrap();
    let entries = audit_log::recent(&admin, 3, None).unwrap();
    assert!(entries.iter().any(|e| e.action == "vault.restore"));
    assert_eq!(
        audit_log::verify(&admin).unwrap(),
        entries_before + 2,
        "+ restore + sign-in"
    );
}

#[test]
fn a_wrong_backup_passphrase_and_a_damaged_backup_are_refused() {
    let f = Fixture::new();
    let file = f._tmp.path().join("b.tahsildar");
    backup::backup(
        &f.admin,
        &file,
        &secret(BACKUP_PASSPHRASE),
        KdfParams::TEST_ONLY_FAST,
    )
    .unwrap();
    let other = tempfile::tempdir().unwrap();
    let dir2 = DataDir::new(other.path().join("data"));
    let options = RestoreOptions {
        replace_existing: false,
        origin: Origin::Cli,
    };
    let err = backup::restore(
        &dir2,
        &file,
        &secret("not the passphrase"),
        &fast_passphrase(),
        options,
        backup_admin(),
        system_clock(),
    )
    .unwrap_err();
    assert!(matches!(err, Error::BackupWrongPassphrase), "{err:?}");
    assert!(!dir2.db_path().exists() && !dir2.meta_path().exists());

    let bytes = std::fs::read(&file).unwrap();
    let cut = f._tmp.path().join("cut.tahsildar");
    std::fs::write(&cut, &bytes[..bytes.len() - 100]).unwrap();
    let err = backup::restore(
        &dir2,
        &cut,
        &secret(BACKUP_PASSPHRASE),
        &fast_passphrase(),
        options,
        backup_admin(),
        system_clock(),
    )
    .unwrap_err();
    assert!(matches!(err, Error::BackupInvalid(_)), "{err:?}");
    assert!(!dir2.db_path().exists() && !dir2.meta_path().exists());
}

#[test]
fn restoring_over_a_vault_needs_confirmation_and_keeps_the_old_file() {
    let f = Fixture::new();
    put_card(&f.vault, PAN);
    let file = f._tmp.path().join("b.tahsildar");
    let expected = snapshot(&f.vault);
    backup::backup(
        &f.admin,
        &file,
        &secret(BACKUP_PASSPHRASE),
        KdfParams::TEST_ONLY_FAST,
    )
    .unwrap();

    // A second, different vault in another directory.
    let other = tempfile::tempdir().unwrap();
    let dir2 = DataDir::new(other.path().join("data"));
    let (existing, _) = Vault::create(&dir2, &fast_passphrase(), system_clock()).unwrap();
    users::create_first_admin(&existing, "other", &secret(ADMIN_PASSWORD), Origin::App).unwrap();
    let existing = std::sync::Arc::new(existing);
    let other_admin = Auth::new(existing.clone())
        .sign_in("other", &secret(ADMIN_PASSWORD), Origin::App)
        .unwrap();
    let old_hash = file_hash(&dir2.db_path());

    let refuse = RestoreOptions {
        replace_existing: false,
        origin: Origin::Cli,
    };
    let err = backup::restore(
        &dir2,
        &file,
        &secret(BACKUP_PASSPHRASE),
        &fast_passphrase(),
        refuse,
        RestoreBy::AdminOfCurrent(&other_admin),
        system_clock(),
    )
    .unwrap_err();
    assert!(matches!(err, Error::RestoreNeedsConfirmation));
    assert_eq!(file_hash(&dir2.db_path()), old_hash);

    let confirm = RestoreOptions {
        replace_existing: true,
        origin: Origin::Cli,
    };
    // Not by the backup's administrator: by one of the vault it replaces.
    let err = backup::restore(
        &dir2,
        &file,
        &secret(BACKUP_PASSPHRASE),
        &fast_passphrase(),
        confirm,
        backup_admin(),
        system_clock(),
    )
    .unwrap_err();
    assert!(matches!(err, Error::PermissionDenied { .. }), "{err:?}");
    assert_eq!(file_hash(&dir2.db_path()), old_hash);
    let (restored, info) = backup::restore(
        &dir2,
        &file,
        &secret(BACKUP_PASSPHRASE),
        &fast_passphrase(),
        confirm,
        RestoreBy::AdminOfCurrent(&other_admin),
        system_clock(),
    )
    .unwrap();
    let kept = info.previous_db.expect("the old database is kept");
    assert!(
        kept.file_name()
            .unwrap()
            .to_string_lossy()
            .starts_with("tahsildar.db.before-restore-")
    );
    assert_eq!(file_hash(&kept), old_hash);
    assert_eq!(snapshot(&restored), expected);
}

/// The backup's own administrator, as on a new PC.
fn backup_admin() -> RestoreBy<'static> {
    static PASSWORD: std::sync::LazyLock<secrecy::SecretString> =
        std::sync::LazyLock::new(|| secret(ADMIN_PASSWORD));
    RestoreBy::BackupAdmin {
        name: "admin",
        password: &PASSWORD,
    }
}

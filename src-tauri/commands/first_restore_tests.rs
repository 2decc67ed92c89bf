//! A new PC restores a backup from the first-run screen: refused with a wrong administrator
//! (nothing left in the folder), then restored and signed in as the backup's administrator,
//! with the backup's customers; and never over a vault.

use secrecy::SecretString;
use tahsildar_core::vault::backup;
use tahsildar_core::{DataDir, KdfParams, Lang};

use super::{FirstRestore, restore_first};
use crate::commands::setup::UnlockChoice;
use crate::commands::test_world::{ADMIN, PASSWORD, World};
use crate::state::AppState;

const BACKUP_PASSPHRASE: &str = "yedek-parolasi-cok-uzun-1";

fn request(password: &str) -> FirstRestore {
    FirstRestore {
        passphrase: BACKUP_PASSPHRASE.into(),
        admin_name: ADMIN.into(),
        admin_password: password.into(),
        unlock: UnlockChoice::Passphrase {
            passphrase: "bu-bilgisayarin-kasa-parolasi".into(),
        },
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_pc_restores_a_backup_as_its_administrator() {
    let w = World::new().await;
    let out = tempfile::tempdir().unwrap();
    let file = out.path().join("yedek.tahsildar");
    backup::backup(
        &w.admin(),
        &file,
        &SecretString::from(BACKUP_PASSPHRASE.to_string()),
        KdfParams::TEST_ONLY_FAST,
    )
    .unwrap();

    let fresh = tempfile::tempdir().unwrap();
    let state = AppState::new(DataDir::new(fresh.path()), Lang::En);
    let refused = restore_first(&state, file.clone(), request("not-the-password-1"))
        .await
        .unwrap_err();
    assert_eq!(refused.code, "auth_failed", "{refused:?}");
    assert!(!state.is_open());
    assert!(
        !DataDir::new(fresh.path()).has_vault(),
        "a refused restore leaves no vault behind"
    );

    let session = restore_first(&state, file.clone(), request(PASSWORD))
        .await
        .unwrap();
    assert_eq!(session.user_name, ADMIN);
    let admin = state.current_session().expect("signed in");
    let customers = tahsildar_core::customer::list(&admin, None).unwrap();
    assert!(
        customers.iter().any(|c| c.reference == "D-1"),
        "the backup's customers are here"
    );

    let again = restore_first(&state, file, request(PASSWORD))
        .await
        .unwrap_err();
    assert_eq!(again.code, "already_set_up", "{again:?}");
}

//! Which stores a user's pickers can offer, against a real SQLCipher vault.

use std::sync::Arc;

use secrecy::SecretString;
use tahsildar_core::auth::users;
use tahsildar_core::{
    DataDir, Environment as CoreEnvironment, Grant, KdfParams, Lang, NewUser, Origin, Permission,
    Protection, Role, Scope, TestClock, Vault,
};

use tahsildar_core::Session;

use super::*;

const ADMIN: &str = "yonetici";
const PASSWORD: &str = "dogru-parola-123";

fn secret(text: &str) -> SecretString {
    SecretString::from(text.to_string())
}

fn names(views: &[Store]) -> Vec<&str> {
    views.iter().map(|v| v.name.as_str()).collect()
}

/// A vault with an administrator and two test stores besides the sandbox; returns the app
/// state signed in as the administrator, and the two stores' ids.
async fn two_stores(dir: &std::path::Path) -> (AppState, i64, i64) {
    let clock = Arc::new(TestClock::new("2026-11-27T09:00:00Z".parse().unwrap()));
    let protection = Protection::Passphrase {
        passphrase: secret("kasa-parolasi-uzun"),
        params: KdfParams::TEST_ONLY_FAST,
    };
    let (vault, _recovery) = Vault::create(&DataDir::new(dir), &protection, clock).unwrap();
    users::create_first_admin(&vault, ADMIN, &secret(PASSWORD), Origin::App).unwrap();
    let state = AppState::new(DataDir::new(dir), Lang::Tr);
    state.install(vault).await;
    let admin = state.sign_in(ADMIN, &secret(PASSWORD)).unwrap();
    let settings = StoreSettings::default();
    let a = store::create(&admin, "Site A", CoreEnvironment::Test, &settings).unwrap();
    let b = store::create(&admin, "Site B", CoreEnvironment::Test, &settings).unwrap();
    (state, a.id, b.id)
}

/// Adds a user whose only grant is `permission` on `store`, and signs them in.
fn only(state: &AppState, name: &str, permission: Permission, store: i64) -> Session {
    let admin = state.session().unwrap();
    users::add_user(
        &admin,
        &NewUser {
            name: name.into(),
            password: secret(PASSWORD),
            role: Role::Viewer,
            scope: Scope::Store(store),
        },
    )
    .unwrap();
    let grant = Grant {
        permission,
        scope: Scope::Store(store),
    };
    users::set_grants(&admin, name, &[grant]).unwrap();
    state.sign_in(name, &secret(PASSWORD)).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_import_only_user_sees_their_store_in_the_picker_and_no_other() {
    let dir = tempfile::tempdir().unwrap();
    let (state, a, b) = two_stores(dir.path()).await;
    let admin_views = store::list(&state.session().unwrap()).unwrap();
    assert_eq!(names(&admin_views).len(), 3, "{:?}", names(&admin_views));

    let importer = only(&state, "aktarici", Permission::ImportBatches, a);
    let views = store::list(&importer).unwrap();
    assert_eq!(names(&views), vec!["Site A"]);
    assert_eq!(views[0].id, a);
    assert_eq!(views[0].environment, Environment::Test);
    store::get(&importer, a).unwrap();
    assert_eq!(
        store::get(&importer, b).unwrap_err().code(),
        "permission_denied"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_user_who_only_creates_collections_sees_the_store_and_its_installment_cap() {
    let dir = tempfile::tempdir().unwrap();
    let (state, _a, b) = two_stores(dir.path()).await;
    let clerk = only(&state, "tahsilatci", Permission::CreateCollections, b);
    let views = store::list(&clerk).unwrap();
    assert_eq!(names(&views), vec!["Site B"]);
    assert!(views[0].max_installments >= 1);
    // Seeing a store is not managing it.
    let denied = store::update(
        &clerk,
        b,
        &StoreSettings {
            enabled: Some(false),
            ..StoreSettings::default()
        },
    )
    .unwrap_err();
    assert_eq!(denied.code(), "permission_denied");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_user_with_no_grant_left_sees_no_store() {
    let dir = tempfile::tempdir().unwrap();
    let (state, a, _b) = two_stores(dir.path()).await;
    only(&state, "eski", Permission::ImportBatches, a);
    let admin = state.sign_in(ADMIN, &secret(PASSWORD)).unwrap();
    users::set_grants(&admin, "eski", &[]).unwrap();
    let former = state.sign_in("eski", &secret(PASSWORD)).unwrap();
    assert!(store::list(&former).unwrap().is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_manager_of_one_store_sees_it_and_may_refund_there_but_not_manage_it() {
    let dir = tempfile::tempdir().unwrap();
    let (state, a, b) = two_stores(dir.path()).await;
    let admin = state.session().unwrap();
    users::add_user(
        &admin,
        &NewUser {
            name: "mudur".into(),
            password: secret(PASSWORD),
            role: Role::Manager,
            scope: Scope::Store(a),
        },
    )
    .unwrap();
    let listed = users::list_users(&admin).unwrap();
    let manager_info = listed.iter().find(|u| u.name == "mudur").unwrap();
    assert_eq!(
        manager_info.role,
        Role::Manager,
        "the role is stored as such"
    );

    let manager = state.sign_in("mudur", &secret(PASSWORD)).unwrap();
    assert_eq!(names(&store::list(&manager).unwrap()), vec!["Site A"]);
    manager.require(Permission::Refund, Some(a)).unwrap();
    manager.require(Permission::ViewAudit, Some(a)).unwrap();
    for (permission, store) in [
        (Permission::Refund, Some(b)),
        (Permission::ManageStores, Some(a)),
        (Permission::ManageUsers, None),
    ] {
        let denied = manager.require(permission, store).unwrap_err();
        assert_eq!(denied.code(), "permission_denied", "{permission:?}");
    }
}

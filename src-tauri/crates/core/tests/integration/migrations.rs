//! Schema migrations keep what is stored: the `users` rebuild for the manager role.

use std::sync::Arc;

use tahsildar_core::auth::users;
use tahsildar_core::store::{self, Environment, StoreSettings};
use tahsildar_core::{
    Auth, DataDir, NewUser, Origin, Permission, Role, Scope, UnlockWith, UserInfo, Vault,
};

use crate::common::*;

const USER_PASSWORD: &str = "user password 12";

fn by_name(list: &[UserInfo], name: &str) -> (Role, usize) {
    let user = list.iter().find(|u| u.name == name).unwrap();
    (user.role, user.grants.len())
}

#[test]
fn rebuilding_users_for_the_manager_role_keeps_every_user_grant_and_password() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = DataDir::new(tmp.path().join("data"));
    let (vault, _) = Vault::create(&dir, &fast_passphrase(), system_clock()).unwrap();
    users::create_first_admin(&vault, "admin", &secret(ADMIN_PASSWORD), Origin::App).unwrap();
    let vault = Arc::new(vault);
    let admin = Auth::new(vault.clone())
        .sign_in("admin", &secret(ADMIN_PASSWORD), Origin::App)
        .unwrap();
    let site = store::create(
        &admin,
        "Site A",
        Environment::Test,
        &StoreSettings::default(),
    )
    .unwrap();
    users::add_user(
        &admin,
        &NewUser {
            name: "operator-a".into(),
            password: secret(USER_PASSWORD),
            role: Role::Operator,
            scope: Scope::Store(site.id),
        },
    )
    .unwrap();
    let before = users::list_users(&admin).unwrap();
    // As if the vault had been made before the manager role: migration 8 runs again at the
    // next open, rebuilding a table that holds users, grants and foreign keys to it.
    vault
        .db()
        .write(|tx| {
            tx.execute("DELETE FROM schema_migrations WHERE version = 8", [])?;
            Ok(())
        })
        .unwrap();
    drop(admin);
    drop(vault);

    let reopened = Vault::open(
        &dir,
        &UnlockWith::Passphrase(secret(PASSPHRASE)),
        system_clock(),
    )
    .unwrap();
    assert_eq!(
        reopened.db().applied_migrations().unwrap(),
        vec![1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]
    );
    assert!(reopened.db().integrity_ok().unwrap());
    let auth = Auth::new(Arc::new(reopened));
    let admin = auth
        .sign_in("admin", &secret(ADMIN_PASSWORD), Origin::App)
        .unwrap();
    let after = users::list_users(&admin).unwrap();
    assert_eq!(after.len(), before.len());
    assert_eq!(by_name(&after, "admin"), by_name(&before, "admin"));
    assert_eq!(
        by_name(&after, "operator-a"),
        (Role::Operator, Role::Operator.permissions().len())
    );
    let operator = auth
        .sign_in("operator-a", &secret(USER_PASSWORD), Origin::App)
        .unwrap();
    operator
        .require(Permission::CreateCollections, Some(site.id))
        .unwrap();

    users::add_user(
        &admin,
        &NewUser {
            name: "manager-a".into(),
            password: secret(USER_PASSWORD),
            role: Role::Manager,
            scope: Scope::Store(site.id),
        },
    )
    .unwrap();
    let list = users::list_users(&admin).unwrap();
    assert_eq!(
        by_name(&list, "manager-a"),
        (Role::Manager, Role::Manager.permissions().len())
    );
}

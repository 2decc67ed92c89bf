//! The user commands against a real vault: a second store granted, a refusal beyond the acting
//! user's own permissions in the window's language, and a reset password chosen anew first.

use secrecy::SecretString;
use tahsildar_core::auth::users;
use tahsildar_core::{Grant, Lang, NewUser, Permission, Role, Scope, store};

use super::*;
use crate::commands::session::{change_password, choose_password};
use crate::commands::test_world::{ADMIN, PASSWORD, World, secret};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn grants_resets_and_the_new_password_chosen_first() {
    let w = World::new().await;
    let admin = w.admin();
    let second = store::create(
        &admin,
        "Şube",
        tahsildar_core::Environment::Test,
        &Default::default(),
    )
    .unwrap()
    .id;
    users::add_user(
        &admin,
        &NewUser {
            name: "ayse".into(),
            password: secret(PASSWORD),
            role: Role::Operator,
            scope: Scope::Store(w.store_id),
        },
    )
    .unwrap();
    let mut grants = Grant::preset(Role::Operator, Scope::Store(w.store_id));
    grants.extend(Grant::preset(Role::Operator, Scope::Store(second)));
    let listed = save_grants(&w.state, "ayse".into(), grants).await.unwrap();
    let ayse = listed.iter().find(|u| u.name == "ayse").unwrap();
    assert_eq!(ayse.role, Role::Operator);
    assert!(ayse.grants.iter().any(|g| g.scope == Scope::Store(second)));

    // A manager of users on one store cannot grant on another, nor act on the administrator.
    let mut own = Grant::preset(Role::Manager, Scope::Store(w.store_id));
    own.push(Grant {
        permission: Permission::ManageUsers,
        scope: Scope::Store(w.store_id),
    });
    users::set_grants(&w.admin(), "ayse", &own).unwrap();
    w.state.sign_in("ayse", &secret(PASSWORD)).unwrap();
    let refused = save_grants(
        &w.state,
        "ayse".into(),
        vec![Grant {
            permission: Permission::ViewReports,
            scope: Scope::Store(second),
        }],
    )
    .await
    .unwrap_err();
    assert_eq!(refused.code, "grant_beyond_own");
    assert!(
        refused.message.contains("raporları görme (Şube mağazası)"),
        "{}",
        refused.message
    );
    w.state.set_lang(Lang::En);
    let refused = reset(&w.state, ADMIN.into(), secret("taken over 1234"))
        .await
        .unwrap_err();
    assert_eq!(refused.code, "user_beyond_own");
    assert!(
        refused.message.starts_with("User yonetici holds"),
        "{}",
        refused.message
    );

    // The administrator resets; the user must choose a new password before anything else.
    w.admin();
    reset(&w.state, "ayse".into(), secret("temporary pass 1"))
        .await
        .unwrap();
    w.state
        .sign_in("ayse", &secret("temporary pass 1"))
        .unwrap();
    let blocked = list(&w.state).await.unwrap_err();
    assert_eq!(blocked.code, "password_change_required");
    let info = choose_password(&w.state, SecretString::from("ayse's own pass".to_string()))
        .await
        .unwrap();
    assert!(!info.must_change_password);
    assert!(!info.permissions.is_empty());

    // And changes it again herself, with the current one.
    let wrong = change_password(
        &w.state,
        secret("not the password"),
        secret("another pass 12"),
    )
    .await
    .unwrap_err();
    assert_eq!(wrong.field.as_deref(), Some("current password"));
    change_password(
        &w.state,
        secret("ayse's own pass"),
        secret("another pass 12"),
    )
    .await
    .unwrap();
    w.state.sign_in("ayse", &secret("another pass 12")).unwrap();
}

async fn list(state: &AppState) -> Result<Vec<UserInfo>, CommandError> {
    state
        .blocking(|s| Ok(users::list_users(&s.session()?)?))
        .await
}

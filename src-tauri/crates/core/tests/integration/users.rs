//! Managing users: per-store grants within what the acting user holds, password changes and
//! an administrator's reset that makes the user choose a new password first.

use tahsildar_core::auth::{session_info, users};
use tahsildar_core::store::{self, Environment, StoreSettings};
use tahsildar_core::{
    Error, Grant, Lang, NewUser, Origin, Permission, Role, Scope, Session, audit_log,
};

use crate::common::*;

const USER_PASSWORD: &str = "user password 12";

fn add(f: &Fixture, name: &str, role: Role, scope: Scope) -> Session {
    users::add_user(
        &f.admin,
        &NewUser {
            name: name.into(),
            password: secret(USER_PASSWORD),
            role,
            scope,
        },
    )
    .unwrap();
    f.auth
        .sign_in(name, &secret(USER_PASSWORD), Origin::App)
        .unwrap()
}

fn new_store(f: &Fixture, name: &str) -> i64 {
    store::create(&f.admin, name, Environment::Test, &StoreSettings::default())
        .unwrap()
        .id
}

fn on(permissions: &[Permission], scope: Scope) -> Vec<Grant> {
    permissions
        .iter()
        .map(|&permission| Grant { permission, scope })
        .collect()
}

fn grants_of(f: &Fixture, name: &str) -> Vec<Grant> {
    users::list_users(&f.admin)
        .unwrap()
        .into_iter()
        .find(|u| u.name == name)
        .unwrap()
        .grants
}

fn actions(f: &Fixture) -> Vec<String> {
    audit_log::recent(&f.admin, 1000, None)
        .unwrap()
        .into_iter()
        .map(|e| e.action)
        .collect()
}

/// A custom user who manages users and holds the manager's permissions on store `a` only.
fn store_manager(f: &Fixture, a: i64) -> Session {
    let session = add(f, "mudur-a", Role::Manager, Scope::Store(a));
    let mut grants = Grant::preset(Role::Manager, Scope::Store(a));
    grants.push(Grant {
        permission: Permission::ManageUsers,
        scope: Scope::Store(a),
    });
    assert_eq!(
        users::set_grants(&f.admin, "mudur-a", &grants).unwrap(),
        Role::Custom
    );
    session
}

#[test]
fn a_second_store_granted_is_seen_and_the_role_follows_the_grid() {
    let f = Fixture::new();
    let a = new_store(&f, "Merkez");
    let b = new_store(&f, "Şube");
    let op = add(&f, "ayse", Role::Operator, Scope::Store(a));
    let mut grants = Grant::preset(Role::Operator, Scope::Store(a));
    grants.extend(Grant::preset(Role::Operator, Scope::Store(b)));
    assert_eq!(
        users::set_grants(&f.admin, "ayse", &grants).unwrap(),
        Role::Operator
    );
    let seen: Vec<String> = store::list(&op)
        .unwrap()
        .into_iter()
        .map(|s| s.name)
        .collect();
    assert_eq!(seen, vec!["Merkez".to_string(), "Şube".to_string()]);
    op.require(Permission::CreateCollections, Some(b)).unwrap();
    // One permission less on one store: no preset any more.
    grants.retain(|g| !(g.permission == Permission::Export && g.scope == Scope::Store(b)));
    assert_eq!(
        users::set_grants(&f.admin, "ayse", &grants).unwrap(),
        Role::Custom
    );
    assert!(matches!(
        op.require(Permission::Export, Some(b)),
        Err(Error::PermissionDenied { .. })
    ));
    let info = users::list_users(&f.admin)
        .unwrap()
        .into_iter()
        .find(|u| u.name == "ayse")
        .unwrap();
    assert_eq!(info.role, Role::Custom);
    assert_eq!(info.grants.len(), grants.len());
    assert_eq!(
        actions(&f).first().map(String::as_str),
        Some("user.grants_change")
    );
}

#[test]
fn nobody_grants_on_a_store_or_a_permission_they_do_not_hold() {
    let f = Fixture::new();
    let a = new_store(&f, "Merkez");
    let b = new_store(&f, "Şube B");
    let manager = store_manager(&f, a);
    add(&f, "veli", Role::Viewer, Scope::Store(a));
    let before = grants_of(&f, "veli");
    let audited = actions(&f).len();

    // What they hold, on their store: allowed.
    let mut grants = before.clone();
    grants.push(Grant {
        permission: Permission::Refund,
        scope: Scope::Store(a),
    });
    users::set_grants(&manager, "veli", &grants).unwrap();
    assert!(grants_of(&f, "veli").contains(&grants[grants.len() - 1]));
    let before = grants_of(&f, "veli");
    let audited = audited + 1;
    assert_eq!(actions(&f).len(), audited);

    // Store B: refused, named, nothing written.
    let mut beyond = before.clone();
    beyond.push(Grant {
        permission: Permission::ViewReports,
        scope: Scope::Store(a),
    });
    beyond.push(Grant {
        permission: Permission::ViewReports,
        scope: Scope::Store(b),
    });
    let err = users::set_grants(&manager, "veli", &beyond).unwrap_err();
    assert_eq!(err.code(), "grant_beyond_own");
    assert_eq!(
        err.message(Lang::Tr),
        "Kendinizde olmayan bir yetkiyi veremez ya da geri alamazsınız: raporları görme (Şube B mağazası). Bunu o yetkiye sahip bir yönetici yapmalı."
    );
    assert_eq!(
        err.message(Lang::En),
        "You cannot grant or take away a permission you do not hold yourself: viewing reports (store Şube B). An administrator who holds it must do this."
    );
    assert_eq!(grants_of(&f, "veli"), before);

    // A permission they lack on their own store.
    let mut lacking = before.clone();
    lacking.push(Grant {
        permission: Permission::ManageStores,
        scope: Scope::Store(a),
    });
    let err = users::set_grants(&manager, "veli", &lacking).unwrap_err();
    assert!(
        err.message(Lang::Tr)
            .contains("mağaza yönetimi (Merkez mağazası)"),
        "{}",
        err.message(Lang::Tr)
    );
    assert!(
        err.message(Lang::En)
            .contains("managing stores (store Merkez)")
    );

    // Every store, and a preset beyond them.
    let everywhere = on(&[Permission::ViewReports], Scope::AllStores);
    let err = users::set_grants(&manager, "veli", &everywhere).unwrap_err();
    assert!(err.message(Lang::Tr).contains("(tüm mağazalar)"));
    assert!(err.message(Lang::En).contains("(every store)"));
    let err = users::set_role(&manager, "veli", Role::Admin, Scope::AllStores).unwrap_err();
    assert_eq!(err.code(), "grant_beyond_own");
    let err = users::add_user(
        &manager,
        &NewUser {
            name: "yeni".into(),
            password: secret(USER_PASSWORD),
            role: Role::Operator,
            scope: Scope::Store(b),
        },
    )
    .unwrap_err();
    assert_eq!(err.code(), "grant_beyond_own");
    assert!(
        users::list_users(&f.admin)
            .unwrap()
            .iter()
            .all(|u| u.name != "yeni")
    );

    // Taking away what they do not hold is refused as well: the admin's grants stay.
    let err = users::set_grants(&manager, "admin", &[]).unwrap_err();
    assert_eq!(err.code(), "grant_beyond_own");
    assert_eq!(grants_of(&f, "admin").len(), Permission::ALL.len());
    assert_eq!(grants_of(&f, "veli"), before);
    assert_eq!(actions(&f).len(), audited);
}

#[test]
fn nobody_resets_locks_or_disables_a_user_who_holds_more() {
    let f = Fixture::new();
    let a = new_store(&f, "Merkez");
    let manager = store_manager(&f, a);
    let err = users::reset_password(&manager, "admin", &secret("taken over 1234")).unwrap_err();
    assert_eq!(err.code(), "user_beyond_own");
    assert!(
        err.message(Lang::Tr)
            .starts_with("admin kullanıcısının sizde olmayan bir yetkisi var: "),
        "{}",
        err.message(Lang::Tr)
    );
    assert!(
        err.message(Lang::En)
            .starts_with("User admin holds a permission you do not: ")
    );
    assert!(matches!(
        users::set_disabled(&manager, "admin", true),
        Err(Error::UserBeyondOwn { .. })
    ));
    assert!(matches!(
        users::unlock_user(&manager, "admin"),
        Err(Error::UserBeyondOwn { .. })
    ));
    f.auth
        .sign_in("admin", &secret(ADMIN_PASSWORD), Origin::App)
        .unwrap();
    // A user within their reach: allowed.
    add(&f, "kasiyer", Role::Operator, Scope::Store(a));
    users::set_disabled(&manager, "kasiyer", true).unwrap();
    users::set_disabled(&manager, "kasiyer", false).unwrap();
    users::reset_password(&manager, "kasiyer", &secret("reset password 1")).unwrap();
}

#[test]
fn some_enabled_user_keeps_managing_users_everywhere() {
    let f = Fixture::new();
    let err = users::set_role(&f.admin, "admin", Role::Manager, Scope::AllStores).unwrap_err();
    assert_eq!(err.code(), "invalid_input");
    assert_eq!(
        err.message(Lang::Tr),
        "En az bir etkin kullanıcı tüm mağazalarda kullanıcı yönetimi yetkisini korumalı."
    );
    assert_eq!(
        err.message(Lang::En),
        "At least one enabled user must keep managing users on every store."
    );
    assert_eq!(grants_of(&f, "admin").len(), Permission::ALL.len());
    add(&f, "ikinci", Role::Admin, Scope::AllStores);
    users::set_role(&f.admin, "admin", Role::Manager, Scope::AllStores).unwrap();
}

#[test]
fn a_reset_password_must_be_replaced_before_anything_else() {
    let f = Fixture::new();
    add(&f, "ayse", Role::Operator, Scope::AllStores);
    users::reset_password(&f.admin, "ayse", &secret("temporary pass 1")).unwrap();
    assert!(actions(&f).contains(&"user.password_reset".to_string()));
    assert!(
        users::list_users(&f.admin)
            .unwrap()
            .iter()
            .any(|u| u.name == "ayse" && u.must_change_password)
    );
    assert!(
        f.auth
            .sign_in("ayse", &secret(USER_PASSWORD), Origin::App)
            .is_err()
    );
    let ayse = f
        .auth
        .sign_in("ayse", &secret("temporary pass 1"), Origin::App)
        .unwrap();
    assert!(ayse.must_change_password());
    let info = session_info(&ayse).unwrap();
    assert!(info.must_change_password);
    assert!(info.permissions.is_empty());
    let err = ayse.require(Permission::ViewReports, None).unwrap_err();
    assert_eq!(err.code(), "password_change_required");
    assert_eq!(
        err.message(Lang::Tr),
        "Parolanız bir yönetici tarafından sıfırlandı. Devam etmeden önce yeni bir parola seçin."
    );
    assert_eq!(
        err.message(Lang::En),
        "Your password was reset by an administrator. Choose a new password before going on."
    );
    assert!(matches!(
        store::list(&ayse),
        Err(Error::PasswordChangeRequired)
    ));

    // The reset one again, or too short: refused.
    let same = users::choose_new_password(&ayse, &secret("temporary pass 1")).unwrap_err();
    assert_eq!(
        same.message(Lang::Tr),
        "Yeni parola şu ankiyle aynı olamaz; başka bir parola seçin."
    );
    assert_eq!(
        same.message(Lang::En),
        "The new password cannot be the current one; choose another."
    );
    assert!(matches!(
        users::choose_new_password(&ayse, &secret("short")),
        Err(Error::PasswordTooShort(12))
    ));
    users::choose_new_password(&ayse, &secret("ayse's own pass")).unwrap();
    assert!(!ayse.must_change_password());
    ayse.require(Permission::ViewReports, None).unwrap();
    let again = f
        .auth
        .sign_in("ayse", &secret("ayse's own pass"), Origin::App)
        .unwrap();
    assert!(!again.must_change_password());
    assert!(!session_info(&again).unwrap().must_change_password);

    // Without a reset the current password is asked.
    let err = users::choose_new_password(&again, &secret("another pass 12")).unwrap_err();
    assert_eq!(
        err.message(Lang::En),
        "To change your password, also enter your current one."
    );
}

#[test]
fn changing_ones_own_password_needs_the_current_one() {
    let f = Fixture::new();
    let ayse = add(&f, "ayse", Role::Viewer, Scope::AllStores);
    let err = users::change_own_password(
        &ayse,
        &secret("not my password"),
        &secret("a new password 1"),
    )
    .unwrap_err();
    assert_eq!(err.message(Lang::Tr), "Şu anki parolanız yanlış.");
    assert_eq!(err.message(Lang::En), "Your current password is wrong.");
    assert!(matches!(
        users::change_own_password(&ayse, &secret(USER_PASSWORD), &secret("short")),
        Err(Error::PasswordTooShort(12))
    ));
    assert_eq!(
        users::change_own_password(&ayse, &secret(USER_PASSWORD), &secret(USER_PASSWORD))
            .unwrap_err()
            .code(),
        "invalid_input"
    );
    users::change_own_password(&ayse, &secret(USER_PASSWORD), &secret("a new password 1")).unwrap();
    f.auth
        .sign_in("ayse", &secret("a new password 1"), Origin::App)
        .unwrap();

    // One's own password is never reset, only changed.
    let err = users::reset_password(&f.admin, "admin", &secret("reset myself 12")).unwrap_err();
    assert!(err.message(Lang::Tr).contains("Parolamı değiştir"));
    assert!(err.message(Lang::En).contains("Change my password"));
}

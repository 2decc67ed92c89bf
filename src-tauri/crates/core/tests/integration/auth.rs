//! Sign-in, lockout, idle expiry and permission checks.

use jiff::SignedDuration;
use tahsildar_core::auth::users;
use tahsildar_core::store::{self, Environment, StoreSettings};
use tahsildar_core::vault::backup;
use tahsildar_core::{
    Error, Grant, KdfParams, Lang, NewUser, Origin, Permission, Role, Scope, Session, audit_log,
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

fn audit_actions(f: &Fixture) -> Vec<(String, String)> {
    audit_actions_as(&f.admin)
}

fn audit_actions_as(session: &Session) -> Vec<(String, String)> {
    audit_log::recent(session, 1000, None)
        .unwrap()
        .into_iter()
        .rev()
        .map(|e| (e.action, e.result))
        .collect()
}

#[test]
fn ten_failures_lock_for_thirty_minutes_and_an_admin_can_unlock() {
    let f = Fixture::new();
    add(&f, "ayse", Role::Operator, Scope::AllStores);
    for i in 1..10 {
        let err = f
            .auth
            .sign_in("ayse", &secret("wrong password!!"), Origin::App)
            .unwrap_err();
        assert!(matches!(err, Error::AuthFailed), "attempt {i}: {err:?}");
    }
    let err = f
        .auth
        .sign_in("ayse", &secret("wrong password!!"), Origin::App)
        .unwrap_err();
    assert!(matches!(err, Error::AuthLocked(_)), "{err:?}");
    let Error::AuthLocked(lock) = &err else {
        unreachable!()
    };
    assert_eq!(lock.minutes_left(), 30);
    let ends = lock.ends_at();
    assert_eq!(
        err.message(Lang::Tr),
        format!(
            "Çok sayıda hatalı deneme. Hesap kilitli; 30 dakika sonra yeniden deneyin ({ends}). Bir yönetici kilidi açabilir."
        )
    );
    assert!(
        err.message(Lang::En)
            .contains(&format!("try again in 30 minutes ({ends})")),
        "{}",
        err.message(Lang::En)
    );
    // Locked: even the right password is refused.
    let err = f
        .auth
        .sign_in("ayse", &secret(USER_PASSWORD), Origin::App)
        .unwrap_err();
    assert!(matches!(err, Error::AuthLocked(_)));
    // 29 minutes later still locked, for one more minute by the vault's clock; after 30 it
    // opens.
    f.clock.advance(SignedDuration::from_mins(29));
    let later = f
        .auth
        .sign_in("ayse", &secret(USER_PASSWORD), Origin::App)
        .unwrap_err();
    let Error::AuthLocked(lock) = &later else {
        panic!("{later:?}")
    };
    assert_eq!(lock.minutes_left(), 1);
    assert_eq!(lock.ends_at(), ends);
    assert!(later.message(Lang::Tr).contains("1 dakika sonra"));
    assert!(later.message(Lang::En).contains("in 1 minute ("));
    f.clock.advance(SignedDuration::from_mins(2));
    f.auth
        .sign_in("ayse", &secret(USER_PASSWORD), Origin::App)
        .unwrap();

    // Lock again and let the administrator unlock.
    for _ in 0..10 {
        let _ = f
            .auth
            .sign_in("ayse", &secret("wrong password!!"), Origin::App);
    }
    assert!(matches!(
        f.auth.sign_in("ayse", &secret(USER_PASSWORD), Origin::App),
        Err(Error::AuthLocked(_))
    ));
    // The administrator's own session has been idle for over 30 minutes: sign in again.
    assert!(matches!(
        users::unlock_user(&f.admin, "ayse"),
        Err(Error::SessionExpired)
    ));
    let admin = f
        .auth
        .sign_in("admin", &secret(ADMIN_PASSWORD), Origin::App)
        .unwrap();
    users::unlock_user(&admin, "ayse").unwrap();
    f.auth
        .sign_in("ayse", &secret(USER_PASSWORD), Origin::App)
        .unwrap();

    let actions = audit_actions_as(&admin);
    assert!(actions.iter().any(|(a, _)| a == "auth.lockout"));
    assert!(
        actions
            .iter()
            .any(|(a, r)| a == "auth.sign_in_failed" && r == "failed")
    );
    assert!(actions.iter().any(|(a, _)| a == "user.unlock"));
    assert!(
        actions
            .iter()
            .any(|(a, r)| a == "auth.sign_in" && r == "ok")
    );
    f.vault.verify_audit().unwrap();
}

#[test]
fn parallel_wrong_passwords_each_count_towards_the_lockout() {
    let f = Fixture::new();
    let operator = add(&f, "paralel", Role::Operator, Scope::AllStores);
    drop(operator);
    let auth = std::sync::Arc::new(f.auth.clone());
    let tries: Vec<_> = (0..10)
        .map(|_| {
            let auth = auth.clone();
            std::thread::spawn(move || {
                auth.sign_in("paralel", &secret("wrong password!!"), Origin::App)
                    .unwrap_err()
                    .code()
            })
        })
        .collect();
    let codes: Vec<&str> = tries.into_iter().map(|t| t.join().unwrap()).collect();
    assert!(codes.contains(&"auth_locked"), "{codes:?}");
    // Locked now: even the right password is refused.
    let err = f
        .auth
        .sign_in("paralel", &secret(USER_PASSWORD), Origin::App)
        .unwrap_err();
    assert_eq!(err.code(), "auth_locked");
}

#[test]
fn a_mistyped_user_name_is_kept_masked_in_the_audit_log() {
    let f = Fixture::new();
    // A password typed into the name field by mistake.
    f.auth
        .sign_in("Gizli-Parola-2026!", &secret(USER_PASSWORD), Origin::App)
        .unwrap_err();
    let logged: String = f
        .vault
        .db()
        .read(|c| {
            Ok(c.query_row(
                "SELECT object || detail FROM audit_log WHERE action = 'auth.sign_in_failed'
                 ORDER BY seq DESC LIMIT 1",
                [],
                |r| r.get(0),
            )?)
        })
        .unwrap();
    assert!(!logged.contains("Parola"), "{logged}");
    assert!(
        logged.starts_with("user_name:Gi**************{"),
        "{logged}"
    );
    assert!(logged.contains("\"typed_length\":18"), "{logged}");
}

#[test]
fn unknown_user_and_wrong_password_look_the_same() {
    let f = Fixture::new();
    let a = f
        .auth
        .sign_in("nobody", &secret(USER_PASSWORD), Origin::App)
        .unwrap_err();
    let b = f
        .auth
        .sign_in("admin", &secret("wrong password!!"), Origin::App)
        .unwrap_err();
    assert_eq!(a.code(), b.code());
    assert_eq!(
        a.message(tahsildar_core::Lang::En),
        b.message(tahsildar_core::Lang::En)
    );
}

#[test]
fn sessions_expire_after_fifteen_idle_minutes() {
    let f = Fixture::new();
    let s = f
        .auth
        .sign_in("admin", &secret(ADMIN_PASSWORD), Origin::App)
        .unwrap();
    f.clock.advance(SignedDuration::from_mins(14));
    s.require(Permission::ManageUsers, None).unwrap();
    f.clock.advance(SignedDuration::from_mins(14));
    s.require(Permission::ManageUsers, None).unwrap();
    f.clock
        .advance(SignedDuration::from_mins(15) + SignedDuration::from_secs(1));
    assert!(matches!(
        s.require(Permission::ManageUsers, None),
        Err(Error::SessionExpired)
    ));
    // Expired for good, even if time were to look fresh again.
    assert!(matches!(
        s.require(Permission::ViewReports, None),
        Err(Error::SessionExpired)
    ));
    assert!(matches!(users::list_users(&s), Err(Error::SessionExpired)));
}

#[test]
fn passwords_shorter_than_twelve_are_refused() {
    let f = Fixture::new();
    let err = users::add_user(
        &f.admin,
        &NewUser {
            name: "kisa".into(),
            password: secret("elevenchars"),
            role: Role::Viewer,
            scope: Scope::AllStores,
        },
    )
    .unwrap_err();
    assert!(matches!(err, Error::PasswordTooShort(12)));
}

fn is_denied<T: std::fmt::Debug>(r: tahsildar_core::Result<T>) -> bool {
    matches!(r, Err(Error::PermissionDenied { .. }))
}

#[test]
fn a_viewer_is_refused_every_changing_operation() {
    let f = Fixture::new();
    let viewer = add(&f, "izleyici", Role::Viewer, Scope::AllStores);
    let sandbox = store::list(&f.admin).unwrap()[0].id;
    let out = f._tmp.path().join("viewer.bak");
    assert!(is_denied(users::add_user(
        &viewer,
        &NewUser {
            name: "x".into(),
            password: secret(USER_PASSWORD),
            role: Role::Admin,
            scope: Scope::AllStores
        }
    )));
    assert!(is_denied(users::unlock_user(&viewer, "admin")));
    assert!(is_denied(users::set_disabled(&viewer, "admin", true)));
    assert!(is_denied(users::set_role(
        &viewer,
        "izleyici",
        Role::Admin,
        Scope::AllStores
    )));
    assert!(is_denied(users::set_grants(
        &viewer,
        "izleyici",
        &[Grant {
            permission: Permission::ManageUsers,
            scope: Scope::AllStores
        }]
    )));
    assert!(is_denied(users::reset_password(
        &viewer,
        "admin",
        &secret("new password 123")
    )));
    assert!(is_denied(users::list_users(&viewer)));
    assert!(is_denied(store::create(
        &viewer,
        "Yeni",
        Environment::Test,
        &StoreSettings::default()
    )));
    assert!(is_denied(store::update(
        &viewer,
        sandbox,
        &StoreSettings {
            concurrency: Some(2),
            ..Default::default()
        }
    )));
    assert!(is_denied(store::credentials(&viewer, sandbox)));
    assert!(is_denied(backup::backup(
        &viewer,
        &out,
        &secret(PASSPHRASE),
        KdfParams::TEST_ONLY_FAST
    )));
    assert!(is_denied(audit_log::verify(&viewer)));
    assert!(is_denied(audit_log::recent(&viewer, 10, None)));
    for p in [
        Permission::CreateCollections,
        Permission::ImportBatches,
        Permission::SubmitProvisions,
        Permission::Void,
        Permission::Refund,
        Permission::ReplaceCard,
        Permission::Export,
        Permission::ManageStores,
        Permission::ManageUsers,
        Permission::ViewAudit,
    ] {
        assert!(is_denied(viewer.require(p, Some(sandbox))), "{p:?}");
    }
    // What a viewer may do.
    viewer
        .require(Permission::ViewReports, Some(sandbox))
        .unwrap();
    assert_eq!(store::list(&viewer).unwrap().len(), 1);
    assert!(!out.exists());
}

#[test]
fn a_user_of_store_a_is_refused_on_store_b() {
    let f = Fixture::new();
    let a = store::create(
        &f.admin,
        "Mağaza A",
        Environment::Test,
        &StoreSettings::default(),
    )
    .unwrap();
    let b = store::create(
        &f.admin,
        "Mağaza B",
        Environment::Test,
        &StoreSettings::default(),
    )
    .unwrap();
    let op = add(&f, "operator-a", Role::Operator, Scope::Store(a.id));
    for p in Role::Operator.permissions() {
        op.require(*p, Some(a.id)).unwrap();
        assert!(is_denied(op.require(*p, Some(b.id))), "{p:?} on B");
        assert!(is_denied(op.require(*p, None)), "{p:?} on every store");
    }
    assert!(is_denied(op.require(Permission::Refund, Some(a.id))));
    assert!(is_denied(store::get(&op, b.id)));
    let visible: Vec<String> = store::list(&op)
        .unwrap()
        .into_iter()
        .map(|s| s.name)
        .collect();
    assert_eq!(visible, vec!["Mağaza A".to_string()]);
    assert!(is_denied(store::update(
        &op,
        b.id,
        &StoreSettings {
            enabled: Some(false),
            ..Default::default()
        }
    )));
}

#[test]
fn a_revoked_permission_takes_effect_at_once() {
    let f = Fixture::new();
    let op = add(&f, "operator", Role::Operator, Scope::AllStores);
    op.require(Permission::Export, None).unwrap();
    users::set_role(&f.admin, "operator", Role::Viewer, Scope::AllStores).unwrap();
    assert!(is_denied(op.require(Permission::Export, None)));
    users::set_disabled(&f.admin, "operator", true).unwrap();
    assert!(matches!(
        op.require(Permission::ViewReports, None),
        Err(Error::UserDisabled)
    ));
    assert!(matches!(
        f.auth
            .sign_in("operator", &secret(USER_PASSWORD), Origin::App),
        Err(Error::UserDisabled)
    ));
}

#[test]
fn first_admin_only_once_and_passwords_change() {
    let f = Fixture::new();
    assert!(matches!(
        users::create_first_admin(&f.vault, "second", &secret(ADMIN_PASSWORD), Origin::App),
        Err(Error::FirstAdminExists)
    ));
    users::change_own_password(
        &f.admin,
        &secret(ADMIN_PASSWORD),
        &secret("a new admin password"),
    )
    .unwrap();
    assert!(
        f.auth
            .sign_in("admin", &secret(ADMIN_PASSWORD), Origin::App)
            .is_err()
    );
    f.auth
        .sign_in("admin", &secret("a new admin password"), Origin::App)
        .unwrap();
    let actions = audit_actions(&f);
    assert!(actions.iter().any(|(a, _)| a == "user.password_change"));
}

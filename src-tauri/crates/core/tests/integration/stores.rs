//! Stores: the sandbox store of a new vault, sealed write-only secret keys, validation.

use tahsildar_core::store::{self, Environment, StoreSettings};
use tahsildar_core::{Auth, DataDir, Error, Origin, UnlockWith, Vault, audit_log};

use crate::common::*;

#[test]
fn store_secret_key_is_write_only_and_sealed() {
    let f = Fixture::new();
    let settings = StoreSettings {
        merchant_safe_id: Some("2023090417500272654BD9A49CF07574".into()),
        terminal_safe_id: Some("2023090417500284633D137A249DBBEB".into()),
        secret_key: Some(secret("secret-key-value-123")),
        ..Default::default()
    };
    let s = store::create(&f.admin, "Canlı", Environment::Live, &settings).unwrap();
    assert!(s.has_secret_key);
    assert_eq!(
        s.effective_base_url.as_deref(),
        Some(tahsildar_core::store::LIVE_BASE_URL)
    );
    assert!(!format!("{s:?}").contains("secret-key-value-123"));
    let creds = store::credentials(&f.admin, s.id).unwrap();
    assert!(!format!("{creds:?}").contains("secret-key-value-123"));
    assert_eq!(
        secrecy::ExposeSecret::expose_secret(&creds.secret_key),
        "secret-key-value-123"
    );
    let raw: Vec<u8> = f
        .vault
        .db()
        .read(|c| {
            Ok(c.query_row(
                "SELECT secret_key_sealed FROM stores WHERE id = ?1",
                [s.id],
                |r| r.get(0),
            )?)
        })
        .unwrap();
    assert!(!contains(&raw, b"secret-key-value-123"));
    let err = store::create(
        &f.admin,
        "canlı",
        Environment::Live,
        &StoreSettings::default(),
    )
    .unwrap_err();
    assert!(matches!(err, Error::StoreExists(_)));
    let err = store::update(
        &f.admin,
        s.id,
        &StoreSettings {
            run_time: Some("25:00".into()),
            ..Default::default()
        },
    )
    .unwrap_err();
    assert!(matches!(
        err,
        Error::InvalidInput {
            field: "run_time",
            ..
        }
    ));
    let audit = audit_log::recent(&f.admin, 100, None).unwrap();
    assert!(
        audit
            .iter()
            .all(|e| !e.detail.contains("secret-key-value-123"))
    );
    assert!(audit.iter().any(|e| e.action == "store.create"));
}

#[test]
fn the_sandbox_store_exists_from_the_start() {
    let f = Fixture::new();
    let stores = store::list(&f.admin).unwrap();
    assert_eq!(stores.len(), 1);
    assert_eq!(stores[0].name, "Sandbox");
    assert_eq!(stores[0].environment, Environment::Sandbox);
    assert!(stores[0].has_secret_key);
    assert_eq!(stores[0].concurrency, 4);
    assert_eq!(stores[0].rate_per_sec, 5);
    assert_eq!(stores[0].run_time, "10:00");
    assert_eq!(stores[0].max_installments, 9);
    let creds = store::credentials(&f.admin, stores[0].id).unwrap();
    assert_eq!(creds.merchant_safe_id, "2023090417500272654BD9A49CF07574");
}

#[test]
fn a_test_or_live_store_talks_only_to_akbank_or_this_computer_and_an_address_change_is_audited() {
    let f = Fixture::new();
    let live = store::create(
        &f.admin,
        "Şube",
        Environment::Live,
        &StoreSettings::default(),
    )
    .unwrap();
    let to = |url: &str| StoreSettings {
        base_url: Some(Some(url.into())),
        ..Default::default()
    };
    for bad in [
        "https://api.akbank.com.evil.tr/api/v1/payment/virtualpos",
        "https://apipre.akbank.com/api/v1/payment/virtualpos",
        "http://api.akbank.com/api/v1/payment/virtualpos",
    ] {
        let err = store::update(&f.admin, live.id, &to(bad)).unwrap_err();
        assert_eq!(err.code(), "invalid_input", "{bad}");
    }
    assert_eq!(
        store::get(&f.admin, live.id).unwrap().base_url,
        None,
        "nothing stored"
    );
    // An address on this computer is allowed, and the change is audited with both addresses.
    store::update(
        &f.admin,
        live.id,
        &to("http://127.0.0.1:9999/api/v1/payment/virtualpos"),
    )
    .unwrap();
    let detail: String = f
        .vault
        .db()
        .read(|c| {
            Ok(c.query_row(
                "SELECT detail FROM audit_log WHERE action = 'store.update' ORDER BY seq DESC LIMIT 1",
                [],
                |r| r.get(0),
            )?)
        })
        .unwrap();
    let detail: serde_json::Value = serde_json::from_str(&detail).unwrap();
    assert_eq!(
        detail["base_url"]["old"],
        tahsildar_core::store::LIVE_BASE_URL
    );
    assert_eq!(
        detail["base_url"]["new"],
        "http://127.0.0.1:9999/api/v1/payment/virtualpos"
    );
}

#[test]
fn every_sandbox_store_has_the_simulators_test_terminal() {
    let f = Fixture::new();
    let first = store::credentials(&f.admin, 1).unwrap();
    let same_terminal = |id: i64| {
        let creds = store::credentials(&f.admin, id).unwrap();
        assert_eq!(creds.merchant_safe_id, first.merchant_safe_id);
        assert_eq!(creds.terminal_safe_id, first.terminal_safe_id);
        assert_eq!(
            secrecy::ExposeSecret::expose_secret(&creds.secret_key),
            secrecy::ExposeSecret::expose_secret(&first.secret_key)
        );
    };
    // Added without credentials.
    let second = store::create(
        &f.admin,
        "Şube 2",
        Environment::Sandbox,
        &StoreSettings::default(),
    )
    .unwrap();
    assert!(second.has_secret_key);
    same_terminal(second.id);
    // Added with other credentials: the simulator would refuse them.
    let typed = StoreSettings {
        merchant_safe_id: Some("M".repeat(32)),
        terminal_safe_id: Some("T".repeat(32)),
        secret_key: Some(secret("another-secret-key-1")),
        ..Default::default()
    };
    let third = store::create(&f.admin, "Şube 3", Environment::Sandbox, &typed).unwrap();
    same_terminal(third.id);
    // A test store moved to the sandbox.
    let moved = store::create(&f.admin, "Deneme", Environment::Test, &typed).unwrap();
    let moved = store::update(
        &f.admin,
        moved.id,
        &StoreSettings {
            environment: Some(Environment::Sandbox),
            ..Default::default()
        },
    )
    .unwrap();
    same_terminal(moved.id);
    // A sandbox store's other settings change without touching its terminal.
    store::update(
        &f.admin,
        second.id,
        &StoreSettings {
            run_time: Some("09:30".into()),
            ..Default::default()
        },
    )
    .unwrap();
    same_terminal(second.id);
    let audit = audit_log::recent(&f.admin, 1, None).unwrap();
    assert_eq!(audit[0].action, "store.update", "{:?}", audit[0]);
}

/// A sandbox store saved before every sandbox store got the simulator's terminal gets it when
/// the vault opens next.
#[test]
fn a_sandbox_store_without_the_test_terminal_gets_it_when_the_vault_opens() {
    let Fixture {
        _tmp,
        clock,
        vault,
        auth,
        admin,
    } = Fixture::new();
    let second = store::create(
        &admin,
        "Şube 2",
        Environment::Sandbox,
        &StoreSettings::default(),
    )
    .unwrap();
    vault
        .db()
        .write(|tx| {
            tx.execute(
                "UPDATE stores SET merchant_safe_id = '', terminal_safe_id = '', secret_key_sealed = NULL
                 WHERE id = ?1",
                [second.id],
            )?;
            Ok(())
        })
        .unwrap();
    assert!(!store::credentials(&admin, second.id).is_ok_and(|c| !c.merchant_safe_id.is_empty()));
    drop((admin, auth, vault));

    let reopened = Vault::open(
        &DataDir::new(_tmp.path().join("data")),
        &UnlockWith::Passphrase(secret(PASSPHRASE)),
        clock,
    )
    .unwrap();
    let admin = Auth::new(std::sync::Arc::new(reopened))
        .sign_in("admin", &secret(ADMIN_PASSWORD), Origin::App)
        .unwrap();
    let (first, fitted) = (
        store::credentials(&admin, 1).unwrap(),
        store::credentials(&admin, second.id).unwrap(),
    );
    assert_eq!(fitted.merchant_safe_id, first.merchant_safe_id);
    assert_eq!(fitted.terminal_safe_id, first.terminal_safe_id);
    assert_eq!(
        secrecy::ExposeSecret::expose_secret(&fitted.secret_key),
        secrecy::ExposeSecret::expose_secret(&first.secret_key)
    );
}

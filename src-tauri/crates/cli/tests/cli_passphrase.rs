//! `tahsildar-cli` on a PC without a keyring: passphrase mode, recovery key, users, stores,
//! permissions, backup and restore.

use std::path::Path;

use serde_json::Value;

mod common;
use common::*;

#[test]
fn passphrase_mode_and_the_recovery_key() {
    let cli = Cli::new();
    let init = init_passphrase(&cli);
    assert_eq!(init["unlock"], "passphrase");
    let recovery = init["recovery_key"].as_str().unwrap().to_string();
    assert!(recovery.len() > 50);
    let meta = std::fs::read_to_string(cli.dir.join("vault.json")).unwrap();
    assert!(!meta.contains(&recovery));

    // Without the passphrase: a clear error.
    let err = fails(run(
        cli.cmd_no_bus(),
        &["--json", "--user", "admin", "audit", "verify"],
    ));
    assert_eq!(err["code"], "vault_passphrase_required");
    // A wrong passphrase: a clear error.
    let err = fails(run(
        cli.cmd_no_bus().env("VAULT_PASS", "wrong passphrase!"),
        &[
            "--json",
            "--passphrase-env",
            "VAULT_PASS",
            "--user",
            "admin",
            "audit",
            "verify",
        ],
    ));
    assert_eq!(err["code"], "vault_wrong_passphrase");

    // The recovery key opens it and sets a new passphrase.
    let v = ok(run(
        cli.cmd_no_bus()
            .env("RECOVERY", &recovery)
            .env("NEW_PASS", "a brand new passphrase"),
        &[
            "--json",
            "--passphrase-env",
            "NEW_PASS",
            "unlock",
            "--recovery-key-env",
            "RECOVERY",
        ],
    ));
    assert_eq!(v["unlock"], "passphrase");
    let err = fails(run(
        cli.cmd_no_bus(),
        &[
            "--json",
            "--passphrase-env",
            "VAULT_PASS",
            "--user",
            "admin",
            "audit",
            "verify",
        ],
    ));
    assert_eq!(err["code"], "vault_wrong_passphrase");
    let v = ok(run(
        cli.cmd_no_bus().env("NEW_PASS", "a brand new passphrase"),
        &[
            "--json",
            "--passphrase-env",
            "NEW_PASS",
            "--user",
            "admin",
            "audit",
            "verify",
        ],
    ));
    assert_eq!(v["ok"], true);
    assert!(v["entries"].as_u64().unwrap() >= 4);

    // A mistyped recovery key is refused.
    let mut bad = recovery.clone();
    bad.replace_range(0..1, if bad.starts_with('A') { "B" } else { "A" });
    let err = fails(run(
        cli.cmd_no_bus().env("RECOVERY", &bad),
        &[
            "--json",
            "--passphrase-env",
            "VAULT_PASS",
            "unlock",
            "--recovery-key-env",
            "RECOVERY",
        ],
    ));
    assert_eq!(err["code"], "recovery_key_invalid");
}

#[test]
fn users_stores_permissions_and_unlock() {
    let cli = Cli::new();
    init_passphrase(&cli);
    let stores = ok(run(acting(&cli, "admin"), &["store", "list"]));
    assert_eq!(stores["stores"][0]["name"], "Sandbox");

    let v = ok(run(
        acting(&cli, "admin"),
        &[
            "store",
            "add",
            "Merkez",
            "--env",
            "test",
            "--merchant-safe-id",
            "2023090417500272654BD9A49CF07574",
            "--terminal-safe-id",
            "2023090417500284633D137A249DBBEB",
            "--secret-key-env",
            "STORE_SECRET",
            "--concurrency",
            "2",
            "--rate",
            "3",
        ],
    ));
    assert_eq!(v["store"]["has_secret_key"], true);
    assert_eq!(v["store"]["concurrency"], 2);
    assert!(!v.to_string().contains(SECRET_KEY));
    ok(run(
        acting(&cli, "admin"),
        &["store", "add", "Şube", "--env", "live"],
    ));
    let list = ok(run(acting(&cli, "admin"), &["store", "list"]));
    assert_eq!(list["stores"].as_array().unwrap().len(), 3);
    assert!(!list.to_string().contains(SECRET_KEY));
    let merkez = list["stores"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == "Merkez")
        .unwrap();
    assert_eq!(merkez["base_url"], Value::Null);

    ok(run(
        acting(&cli, "admin"),
        &["user", "add", "izleyici", "--role", "viewer"],
    ));
    ok(run(
        acting(&cli, "admin"),
        &[
            "user", "add", "ayse", "--role", "operator", "--store", "Merkez",
        ],
    ));
    let err = fails(run(
        acting(&cli, "admin"),
        &["user", "add", "ayse", "--role", "viewer"],
    ));
    assert_eq!(err["code"], "user_exists");

    // The viewer is refused every change; the operator of Merkez sees only Merkez.
    let viewer = || {
        let mut c = acting(&cli, "izleyici");
        c.env("TAHSILDAR_PASSWORD", USER_PASSWORD);
        c
    };
    for args in [
        &["store", "add", "X", "--env", "test"][..],
        &["user", "add", "y", "--role", "admin"],
        &["user", "unlock", "admin"],
        &["audit", "verify"],
        &[
            "backup",
            "--out",
            "/nonexistent/never.bak",
            "--backup-passphrase-env",
            "BACKUP_PASS",
        ],
    ] {
        let err = fails(run(viewer(), args));
        assert_eq!(err["code"], "permission_denied", "{args:?}");
    }
    let mut op = acting(&cli, "ayse");
    op.env("TAHSILDAR_PASSWORD", USER_PASSWORD);
    let seen = ok(run(op, &["store", "list"]));
    let names: Vec<&str> = seen["stores"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, vec!["Merkez"]);

    // A manager of Merkez works on Merkez but manages neither users nor stores.
    ok(run(
        acting(&cli, "admin"),
        &[
            "user", "add", "mudur", "--role", "manager", "--store", "Merkez",
        ],
    ));
    let manager = || {
        let mut c = acting(&cli, "mudur");
        c.env("TAHSILDAR_PASSWORD", USER_PASSWORD);
        c
    };
    let seen = ok(run(manager(), &["store", "list"]));
    assert_eq!(seen["stores"].as_array().unwrap().len(), 1);
    for args in [
        &["user", "add", "z", "--role", "viewer"][..],
        &["store", "add", "Y", "--env", "test"],
    ] {
        let err = fails(run(manager(), args));
        assert_eq!(err["code"], "permission_denied", "{args:?}");
    }

    // Ten wrong passwords lock ayse; the administrator unlocks her.
    for i in 1..=10 {
        let mut c = acting(&cli, "ayse");
        c.env("TAHSILDAR_PASSWORD", "not her password");
        let err = fails(run(c, &["store", "list"]));
        let expected = if i < 10 { "auth_failed" } else { "auth_locked" };
        assert_eq!(err["code"], expected, "attempt {i}");
    }
    let mut c = acting(&cli, "ayse");
    c.env("TAHSILDAR_PASSWORD", USER_PASSWORD);
    assert_eq!(fails(run(c, &["store", "list"]))["code"], "auth_locked");
    ok(run(acting(&cli, "admin"), &["user", "unlock", "ayse"]));
    let mut c = acting(&cli, "ayse");
    c.env("TAHSILDAR_PASSWORD", USER_PASSWORD);
    ok(run(c, &["store", "list"]));

    let v = ok(run(acting(&cli, "admin"), &["audit", "verify"]));
    assert!(v["entries"].as_u64().unwrap() > 20);
    // The entries, filtered as in the window.
    let v = ok(run(
        acting(&cli, "admin"),
        &["audit", "list", "--action", "user.unlock", "--by", "admin"],
    ));
    assert_eq!(v["total"], 1, "{v}");
    assert_eq!(v["rows"][0]["action"], "user.unlock");
    assert_eq!(v["rows"][0]["action_text"]["tr"], "Kullanıcı kilidini açma");
    let v = ok(run(
        acting(&cli, "admin"),
        &["audit", "list", "--store", "Merkez", "--limit", "2"],
    ));
    assert!(v["rows"].as_array().unwrap().len() <= 2);
    assert!(
        v["rows"]
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["store"] == "Merkez")
    );
    let err = fails(run(
        acting(&cli, "admin"),
        &["audit", "list", "--action", "payment.nothing"],
    ));
    assert_eq!(err["code"], "invalid_input");
    let err = fails(run(acting(&cli, "nobody"), &["store", "list"]));
    assert_eq!(err["code"], "auth_failed");
    let err = fails(run(
        cli.cmd_no_bus(),
        &["--json", "--passphrase-env", "VAULT_PASS", "store", "list"],
    ));
    assert_eq!(err["code"], "user_required");
}

#[test]
fn a_reset_password_is_changed_before_any_other_command() {
    let cli = Cli::new();
    init_passphrase(&cli);
    ok(run(
        acting(&cli, "admin"),
        &["user", "add", "ayse", "--role", "operator"],
    ));
    let v = ok(run(
        acting(&cli, "admin").env("RESET_TO", "temporary pass 1"),
        &["user", "reset", "ayse", "--password-env", "RESET_TO"],
    ));
    assert_eq!(v["must_change_password"], true);
    let ayse = |password: &str| {
        let mut c = acting(&cli, "ayse");
        c.env("TAHSILDAR_PASSWORD", password);
        c
    };
    let err = fails(run(ayse("temporary pass 1"), &["store", "list"]));
    assert_eq!(err["code"], "password_change_required");
    assert_eq!(
        err["message"],
        "Your password was reset by an administrator. Choose a new password before going on. (user password --new-password-env VAR)"
    );
    let err = fails(run(
        ayse("temporary pass 1").env("LANG", "tr_TR.UTF-8"),
        &["user", "list"],
    ));
    assert!(
        err["message"]
            .as_str()
            .unwrap()
            .starts_with("Parolanız bir yönetici tarafından sıfırlandı."),
        "{err}"
    );
    ok(run(
        ayse("temporary pass 1").env("MINE", "ayse's own pass"),
        &["user", "password", "--new-password-env", "MINE"],
    ));
    ok(run(ayse("ayse's own pass"), &["store", "list"]));

    // Disabled, she cannot sign in; enabled again, she can.
    ok(run(acting(&cli, "admin"), &["user", "disable", "ayse"]));
    let err = fails(run(ayse("ayse's own pass"), &["store", "list"]));
    assert_eq!(err["code"], "user_disabled");
    ok(run(acting(&cli, "admin"), &["user", "enable", "ayse"]));
    ok(run(ayse("ayse's own pass"), &["store", "list"]));
    let list = ok(run(acting(&cli, "admin"), &["user", "list"]));
    let row = list["users"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["name"] == "ayse")
        .unwrap()
        .clone();
    assert_eq!(row["must_change_password"], false);
}

#[test]
fn backup_and_restore_in_passphrase_mode() {
    let cli = Cli::new();
    init_passphrase(&cli);
    ok(run(
        acting(&cli, "admin"),
        &["store", "add", "Merkez", "--env", "test"],
    ));
    let file = cli.tmp().join("yedek.tahsildar");
    let file_s = file.to_str().unwrap();
    ok(run(
        acting(&cli, "admin"),
        &[
            "backup",
            "--out",
            file_s,
            "--backup-passphrase-env",
            "BACKUP_PASS",
        ],
    ));

    // On a new PC the backup's own administrator restores it; nobody else.
    let other = Cli::new();
    let restore_as = |user: Option<&str>, password: &str| {
        let mut c = other.cmd_no_bus();
        c.env("TAHSILDAR_PASSWORD", password)
            .args(["--json", "--passphrase-env", "VAULT_PASS"]);
        if let Some(user) = user {
            c.args(["--user", user]);
        }
        run(
            c,
            &["restore", file_s, "--backup-passphrase-env", "BACKUP_PASS"],
        )
    };
    assert_eq!(
        fails(restore_as(None, ADMIN_PASSWORD))["code"],
        "user_required"
    );
    assert_eq!(
        fails(restore_as(Some("admin"), "not the admin password"))["code"],
        "auth_failed"
    );
    assert!(!other.dir.join("tahsildar.db").exists(), "nothing restored");
    let v = ok(run(
        other.cmd_no_bus(),
        &[
            "--json",
            "--passphrase-env",
            "VAULT_PASS",
            "--user",
            "admin",
            "restore",
            file_s,
            "--backup-passphrase-env",
            "BACKUP_PASS",
        ],
    ));
    assert_eq!(v["restore"]["previous_db"], Value::Null);
    let a = ok(run(acting(&cli, "admin"), &["store", "list"]));
    let b = ok(run(acting(&other, "admin"), &["store", "list"]));
    assert_eq!(a, b);
    ok(run(acting(&other, "admin"), &["audit", "verify"]));

    // Over an existing vault: refused without --yes, done with it by its administrator, the
    // old file kept.
    let err = fails(run(
        other.cmd_no_bus(),
        &[
            "--json",
            "--passphrase-env",
            "VAULT_PASS",
            "--user",
            "admin",
            "restore",
            file_s,
            "--backup-passphrase-env",
            "BACKUP_PASS",
        ],
    ));
    assert_eq!(err["code"], "restore_needs_confirmation");
    let v = ok(run(
        other.cmd_no_bus(),
        &[
            "--json",
            "--passphrase-env",
            "VAULT_PASS",
            "--user",
            "admin",
            "restore",
            file_s,
            "--backup-passphrase-env",
            "BACKUP_PASS",
            "--yes",
        ],
    ));
    let kept = v["restore"]["previous_db"].as_str().unwrap();
    assert!(Path::new(kept).exists());
    let err = fails(run(
        other.cmd_no_bus().env("BACKUP_PASS", "wrong backup pass"),
        &[
            "--json",
            "--passphrase-env",
            "VAULT_PASS",
            "--user",
            "admin",
            "restore",
            file_s,
            "--backup-passphrase-env",
            "BACKUP_PASS",
            "--yes",
        ],
    ));
    assert_eq!(err["code"], "backup_wrong_passphrase");
}

//! `tahsildar-cli` with the OS keyring: the real Secret Service (run through
//! `scripts/keyring-session.sh`), a missing one, and a locked one.

use std::process::Command;

use serde_json::Value;

mod common;
use common::*;

#[test]
fn init_in_keyring_mode_without_a_keyring_fails_clearly_and_creates_nothing() {
    let cli = Cli::new();
    let err = fails(run(
        cli.cmd_no_bus(),
        &["--json", "init", "--admin", "admin"],
    ));
    assert_eq!(err["code"], "keyring_unavailable");
    assert!(
        err["message"]
            .as_str()
            .unwrap()
            .contains("--passphrase-env")
    );
    assert!(!cli.dir.join("tahsildar.db").exists() && !cli.dir.join("vault.json").exists());

    // In Turkish, as plain text on stderr.
    let out = run(
        cli.cmd_no_bus().env("LANG", "tr_TR.UTF-8"),
        &["init", "--admin", "admin"],
    );
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.starts_with("Hata: "), "{stderr}");
    assert!(stderr.contains("anahtarlığına ulaşılamadı"), "{stderr}");
}

#[test]
fn keyring_mode_init_backup_restore_with_the_real_secret_service() {
    require_session_bus();
    let cli = Cli::new();
    let init = ok(run(cli.cmd(), &["--json", "init", "--admin", "admin"]));
    assert_eq!(init["unlock"], "keyring");
    let human = run(cli.cmd(), &["--user", "admin", "audit", "verify"]);
    assert!(String::from_utf8_lossy(&human.stdout).contains("Audit log intact"));
    ok(run(
        cli.cmd(),
        &[
            "--json", "--user", "admin", "store", "add", "Merkez", "--env", "test",
        ],
    ));
    ok(run(
        cli.cmd(),
        &[
            "--json", "--user", "admin", "user", "add", "ayse", "--role", "operator",
        ],
    ));
    let file = cli.tmp().join("b.tahsildar");
    let file_s = file.to_str().unwrap();
    ok(run(
        cli.cmd(),
        &[
            "--json",
            "--user",
            "admin",
            "backup",
            "--out",
            file_s,
            "--backup-passphrase-env",
            "BACKUP_PASS",
        ],
    ));

    let other = Cli::new();
    let v = ok(run(
        other.cmd(),
        &[
            "--json",
            "--user",
            "admin",
            "restore",
            file_s,
            "--backup-passphrase-env",
            "BACKUP_PASS",
        ],
    ));
    assert_ne!(v["restore"]["vault_id"], init["vault_id"]);
    let a = ok(run(
        cli.cmd(),
        &["--json", "--user", "admin", "store", "list"],
    ));
    let b = ok(run(
        other.cmd(),
        &["--json", "--user", "admin", "store", "list"],
    ));
    assert_eq!(a, b);
    let mut c = other.cmd();
    c.env("TAHSILDAR_PASSWORD", USER_PASSWORD);
    ok(run(c, &["--json", "--user", "ayse", "store", "list"]));

    // The recovery key moves the first vault to this keyring again (a no-op rebind here).
    let v = ok(run(
        cli.cmd()
            .env("RECOVERY", init["recovery_key"].as_str().unwrap()),
        &["--json", "unlock", "--recovery-key-env", "RECOVERY"],
    ));
    assert_eq!(v["unlock"], "keyring");
    ok(run(
        cli.cmd(),
        &["--json", "--user", "admin", "audit", "verify"],
    ));
}

#[test]
fn a_locked_keyring_ends_in_a_clear_error_not_a_hang() {
    // A private session bus where the Secret Service is started on demand, locked, with no
    // one to answer its unlock prompt: the call must end with a clear error within the limit.
    let cli = Cli::new();
    let home = cli.tmp().join("home");
    let runtime = cli.tmp().join("run");
    std::fs::create_dir_all(&home).unwrap();
    std::fs::create_dir_all(&runtime).unwrap();
    let mut c = Command::new("dbus-run-session");
    c.arg("--")
        .arg(env!("CARGO_BIN_EXE_tahsildar-cli"))
        .arg("--data-dir")
        .arg(&cli.dir)
        .args(["--json", "init", "--admin", "admin"])
        .env_remove("DBUS_SESSION_BUS_ADDRESS")
        .env("HOME", &home)
        .env("XDG_RUNTIME_DIR", &runtime)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CACHE_HOME", home.join("cache"))
        .env("NO_AT_BRIDGE", "1")
        .env("TAHSILDAR_KEYRING_TIMEOUT_SECS", "5")
        .env("TAHSILDAR_PASSWORD", ADMIN_PASSWORD)
        .env("LANG", "en_US.UTF-8");
    let out = c.output().expect("dbus-run-session is installed");
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    let line = stderr
        .lines()
        .find(|l| l.starts_with("{\"error\""))
        .unwrap_or_else(|| panic!("{stderr}"));
    let err: Value = serde_json::from_str(line).unwrap();
    let code = err["error"]["code"].as_str().unwrap();
    assert!(
        ["keyring_locked", "keyring_timeout"].contains(&code),
        "{code}"
    );
    assert!(!cli.dir.join("tahsildar.db").exists() && !cli.dir.join("vault.json").exists());
}

//! Shared helpers of the CLI tests.
#![allow(dead_code)]

use std::borrow::BorrowMut;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

pub const ADMIN_PASSWORD: &str = "admin password 1";
pub const USER_PASSWORD: &str = "user password 12";
pub const PASSPHRASE: &str = "vault passphrase 1";
pub const BACKUP_PASSPHRASE: &str = "backup passphrase 1";
pub const SECRET_KEY: &str = "3230323330393034313735303032363031353172675f357637355f";

pub struct Cli {
    pub _tmp: tempfile::TempDir,
    pub dir: PathBuf,
}

impl Cli {
    pub fn new() -> Cli {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("data");
        Cli { _tmp: tmp, dir }
    }

    pub fn tmp(&self) -> &Path {
        self._tmp.path()
    }

    /// A command on this data directory, in English, with cheap KDF parameters.
    pub fn cmd(&self) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_tahsildar-cli"));
        c.arg("--data-dir")
            .arg(&self.dir)
            .env("LANG", "en_US.UTF-8")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env("TAHSILDAR_INSECURE_TEST_KDF", "1")
            .env("TAHSILDAR_PASSWORD", ADMIN_PASSWORD)
            .env("VAULT_PASS", PASSPHRASE)
            .env("BACKUP_PASS", BACKUP_PASSPHRASE)
            .env("TAHSILDAR_NEW_PASSWORD", USER_PASSWORD)
            .env("STORE_SECRET", SECRET_KEY);
        c
    }

    /// The same without any session bus (a PC without a keyring).
    pub fn cmd_no_bus(&self) -> Command {
        let mut c = self.cmd();
        c.env_remove("DBUS_SESSION_BUS_ADDRESS")
            .env("XDG_RUNTIME_DIR", self.tmp());
        c
    }
}

pub fn run(mut c: impl BorrowMut<Command>, args: &[&str]) -> Output {
    c.borrow_mut().args(args).output().unwrap()
}

pub fn ok(out: Output) -> Value {
    let stdout = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(
        out.status.success(),
        "command failed: {}\n{stdout}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_str(stdout.trim()).unwrap_or(Value::String(stdout))
}

/// Fails with a non-zero exit and returns the JSON error `{code, message}` from stderr.
pub fn fails(out: Output) -> Value {
    assert!(
        !out.status.success(),
        "expected a failure: {}",
        String::from_utf8_lossy(&out.stdout)
    );
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    let v: Value =
        serde_json::from_str(stderr.trim()).unwrap_or_else(|_| panic!("not JSON: {stderr}"));
    v["error"].clone()
}

/// Today in Istanbul, as the product computes it (the CLI runs on the system clock).
pub fn today() -> jiff::civil::Date {
    tahsildar_core::plan::today(&tahsildar_core::SystemClock)
}

/// A card expiry `years` after today's month, `MM/YY`: valid whatever day the tests run.
pub fn expiry_in(years: i16) -> String {
    let t = today();
    format!("{:02}/{:02}", t.month(), (t.year() + years) % 100)
}

pub fn require_session_bus() {
    assert!(
        std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some(),
        "keyring-mode tests need the Secret Service: run through scripts/keyring-session.sh (e.g. scripts/keyring-session.sh cargo test -p tahsildar-cli)"
    );
}

pub fn init_passphrase(cli: &Cli) -> Value {
    ok(run(
        cli.cmd_no_bus(),
        &[
            "--json",
            "--passphrase-env",
            "VAULT_PASS",
            "init",
            "--admin",
            "admin",
        ],
    ))
}

pub fn acting(cli: &Cli, user: &str) -> Command {
    let mut c = cli.cmd_no_bus();
    c.args(["--json", "--passphrase-env", "VAULT_PASS", "--user", user]);
    c
}

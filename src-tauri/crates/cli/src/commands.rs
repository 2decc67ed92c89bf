//! The commands: each opens the vault, signs the acting user in where needed, and calls core.

use std::sync::Arc;

use secrecy::{ExposeSecret, SecretString};
use serde_json::json;
use tahsildar_core::audit_log;
use tahsildar_core::auth::users;
use tahsildar_core::store::{self, Environment, StoreSettings};
use tahsildar_core::vault::backup;
use tahsildar_core::{
    Auth, DataDir, KdfParams, Keyring, NewUser, Origin, Protection, RestoreBy, RestoreOptions,
    Role, Scope, Session, SystemClock, UnlockWith, Vault,
};

use crate::args::{
    AuditCommand, Cli, Command, EnvArg, RoleArg, StoreAddArgs, StoreCommand, UserCommand,
};
use crate::error::CliError;
use crate::output::Output;

/// The acting user's password.
const PASSWORD_ENV: &str = "TAHSILDAR_PASSWORD";
/// When "1", passphrase wrapping uses cheap Argon2 parameters. For the test suite only.
const INSECURE_TEST_KDF_ENV: &str = "TAHSILDAR_INSECURE_TEST_KDF";

pub(crate) type Result<T> = std::result::Result<T, CliError>;

pub(crate) fn env_secret(var: &str) -> Result<SecretString> {
    match std::env::var(var) {
        Ok(v) if !v.is_empty() => Ok(SecretString::from(v)),
        _ => Err(CliError::MissingEnv(var.to_string())),
    }
}

fn kdf_params() -> KdfParams {
    if std::env::var(INSECURE_TEST_KDF_ENV).as_deref() == Ok("1") {
        KdfParams::TEST_ONLY_FAST
    } else {
        KdfParams::DEFAULT
    }
}

fn data_dir(cli: &Cli) -> Result<DataDir> {
    Ok(DataDir::resolve(cli.data_dir.as_deref())?)
}

/// Keyring mode, or passphrase mode when `--passphrase-env` is given.
fn protection(cli: &Cli) -> Result<Protection> {
    Ok(match &cli.passphrase_env {
        Some(var) => Protection::Passphrase {
            passphrase: env_secret(var)?,
            params: kdf_params(),
        },
        None => Protection::Keyring(Keyring::platform()),
    })
}

fn open_vault(cli: &Cli) -> Result<Arc<Vault>> {
    let unlock = match &cli.passphrase_env {
        Some(var) => UnlockWith::Passphrase(env_secret(var)?),
        None => UnlockWith::Keyring(Keyring::platform()),
    };
    Ok(Arc::new(Vault::open(
        &data_dir(cli)?,
        &unlock,
        Arc::new(SystemClock),
    )?))
}

/// Signs the acting user in; refused while they must choose a new password (`user password`).
pub(crate) fn sign_in(cli: &Cli) -> Result<Session> {
    let session = sign_in_to_change_password(cli)?;
    if session.must_change_password() {
        return Err(tahsildar_core::Error::PasswordChangeRequired.into());
    }
    Ok(session)
}

/// Signs the acting user in, also when they must choose a new password.
fn sign_in_to_change_password(cli: &Cli) -> Result<Session> {
    let name = cli.user.as_deref().ok_or(CliError::UserRequired)?;
    let password = env_secret(PASSWORD_ENV)?;
    let vault = open_vault(cli)?;
    Ok(Auth::new(vault).sign_in(name, &password, Origin::Cli)?)
}

pub(crate) fn store_id(session: &Session, reference: &str) -> Result<i64> {
    session
        .vault()
        .db()
        .read(|c| match reference.parse::<i64>() {
            Ok(id) => c
                .query_row("SELECT id FROM stores WHERE id = ?1", [id], |r| r.get(0))
                .map_err(tahsildar_core::Error::from),
            Err(_) => store::find_by_name(c, reference),
        })
        .map_err(|_| CliError::UnknownStore(reference.to_string()))
}

pub fn run(cli: &Cli, out: &Output) -> Result<()> {
    match &cli.command {
        Command::Init { admin } => init(cli, out, admin),
        Command::Unlock { recovery_key_env } => unlock(cli, out, recovery_key_env),
        Command::User(cmd) => user(cli, out, cmd),
        Command::Store(cmd) => store_cmd(cli, out, cmd),
        Command::Audit(AuditCommand::List(args)) => crate::audit_cmds::list(cli, out, args),
        Command::Audit(AuditCommand::Verify) => {
            let session = sign_in(cli)?;
            let count = audit_log::verify(&session)?;
            out.result(
                format!("Denetim kaydı sağlam: {count} kayıt doğrulandı."),
                format!("Audit log intact: {count} entries verified."),
                json!({ "ok": true, "entries": count }),
            )
        }
        Command::Backup {
            out: file,
            backup_passphrase_env,
        } => {
            let passphrase = env_secret(backup_passphrase_env)?;
            let session = sign_in(cli)?;
            let summary = backup::backup(&session, file, &passphrase, kdf_params())?;
            out.result(
                format!(
                    "Yedek yazıldı: {} ({} bayt).",
                    summary.path.display(),
                    summary.bytes
                ),
                format!(
                    "Backup written: {} ({} bytes).",
                    summary.path.display(),
                    summary.bytes
                ),
                json!({ "ok": true, "backup": summary }),
            )
        }
        Command::SupportBundle { out: file } => {
            let session = sign_in(cli)?;
            let summary = tahsildar_core::logging::write_support_bundle(&session, file)?;
            out.result(
                format!(
                    "Destek paketi yazıldı: {} ({} günlük dosyası, {} bayt).",
                    file.display(),
                    summary.log_files,
                    summary.bytes
                ),
                format!(
                    "Support bundle written: {} ({} log files, {} bytes).",
                    file.display(),
                    summary.log_files,
                    summary.bytes
                ),
                json!({ "ok": true, "bundle": summary }),
            )
        }
        Command::Restore {
            file,
            backup_passphrase_env,
            yes,
        } => {
            let passphrase = env_secret(backup_passphrase_env)?;
            let options = RestoreOptions {
                replace_existing: *yes,
                origin: Origin::Cli,
            };
            // Over a vault: one of its administrators; on a new PC: one of the backup's.
            let dir = data_dir(cli)?;
            let (session, password);
            let by = if dir.has_vault() {
                session = sign_in(cli)?;
                RestoreBy::AdminOfCurrent(&session)
            } else {
                password = env_secret(PASSWORD_ENV)?;
                RestoreBy::BackupAdmin {
                    name: cli.user.as_deref().ok_or(CliError::UserRequired)?,
                    password: &password,
                }
            };
            let (_, summary) = backup::restore(
                &dir,
                file,
                &passphrase,
                &protection(cli)?,
                options,
                by,
                Arc::new(SystemClock),
            )?;
            let kept_tr = summary
                .previous_db
                .as_ref()
                .map(|p| format!(" Eski dosya saklandı: {}.", p.display()))
                .unwrap_or_default();
            let kept_en = summary
                .previous_db
                .as_ref()
                .map(|p| format!(" The old file was kept: {}.", p.display()))
                .unwrap_or_default();
            out.result(
                format!(
                    "Yedek geri yüklendi ({} denetim kaydı doğrulandı).{kept_tr} Yedeğin alındığı günden bu yana bankanın kayıtlarıyla mutabakat tamamlanana kadar yeni tahsilat gönderilmez: `reconcile` çalıştırın.",
                    summary.audit_entries
                ),
                format!(
                    "Backup restored ({} audit entries verified).{kept_en} Nothing new is sent until every day since the backup is settled with the bank: run `reconcile`.",
                    summary.audit_entries
                ),
                json!({ "ok": true, "restore": summary }),
            )
        }
        Command::Report(command) => crate::report_cmds::run(cli, out, command),
        Command::Export(command) => crate::export_cmds::run(cli, out, command),
        Command::Receipt(args) => crate::receipt_cmds::run(cli, out, args),
        Command::Collections(command) => crate::collect_cmds::run(cli, out, command),
        Command::Imports(command) => crate::import_cmds::run(cli, out, command),
        Command::Bank(command) => crate::review_cmds::run(cli, out, command),
    }
}

fn init(cli: &Cli, out: &Output, admin: &str) -> Result<()> {
    let password = env_secret(PASSWORD_ENV)?;
    tahsildar_core::auth::password::check_policy(&password)?;
    let dir = data_dir(cli)?;
    let (vault, recovery) = Vault::create(&dir, &protection(cli)?, Arc::new(SystemClock))?;
    tahsildar_core::logging::init(dir.root(), "cli")?;
    tracing::info!(vault_id = vault.vault_id(), "vault created");
    users::create_first_admin(&vault, admin, &password, Origin::Cli)?;
    let key = recovery.expose_secret();
    out.result(
        format!(
            "Kasa oluşturuldu: {}\nYönetici: {admin}\n\nKURTARMA ANAHTARI (yalnızca bir kez gösterilir; yazıp güvenli bir yerde saklayın):\n{key}",
            dir.root().display()
        ),
        format!(
            "Vault created: {}\nAdministrator: {admin}\n\nRECOVERY KEY (shown only once; write it down and keep it safe):\n{key}",
            dir.root().display()
        ),
        json!({
            "ok": true,
            "data_dir": dir.root(),
            "vault_id": vault.vault_id(),
            "unlock": vault.meta().unlock.code(),
            "admin": admin,
            "recovery_key": key,
        }),
    )
}

fn unlock(cli: &Cli, out: &Output, recovery_key_env: &str) -> Result<()> {
    let recovery = env_secret(recovery_key_env)?;
    let mut vault = Vault::open(
        &data_dir(cli)?,
        &UnlockWith::RecoveryKey(recovery),
        Arc::new(SystemClock),
    )?;
    vault.rebind(&protection(cli)?, Origin::Cli)?;
    let method = vault.meta().unlock.code();
    out.result(
        format!("Kasa kurtarma anahtarıyla açıldı; anahtar bu bilgisayarda saklandı ({method})."),
        format!("Vault opened with the recovery key; its key is now kept on this PC ({method})."),
        json!({ "ok": true, "vault_id": vault.vault_id(), "unlock": method }),
    )
}

fn user(cli: &Cli, out: &Output, cmd: &UserCommand) -> Result<()> {
    if let UserCommand::Password { new_password_env } = cmd {
        let new = env_secret(new_password_env)?;
        let session = sign_in_to_change_password(cli)?;
        users::change_own_password(&session, &env_secret(PASSWORD_ENV)?, &new)?;
        return out.result(
            "Parolanız değiştirildi.",
            "Your password was changed.",
            json!({ "ok": true }),
        );
    }
    let session = sign_in(cli)?;
    match cmd {
        UserCommand::Password { .. } => unreachable!("handled above"),
        UserCommand::Disable { name } | UserCommand::Enable { name } => {
            let disabled = matches!(cmd, UserCommand::Disable { .. });
            users::set_disabled(&session, name, disabled)?;
            let (tr, en) = if disabled {
                (
                    format!("{name} devre dışı bırakıldı."),
                    format!("User {name} disabled."),
                )
            } else {
                (
                    format!("{name} etkinleştirildi."),
                    format!("User {name} enabled."),
                )
            };
            out.result(
                tr,
                en,
                json!({ "ok": true, "user": name, "disabled": disabled }),
            )
        }
        UserCommand::Reset { name, password_env } => {
            users::reset_password(&session, name, &env_secret(password_env)?)?;
            out.result(
                format!("{name} kullanıcısının parolası sıfırlandı; ilk girişinde yeni bir parola seçecek."),
                format!("The password of {name} was reset; they will choose a new one at their next sign-in."),
                json!({ "ok": true, "user": name, "must_change_password": true }),
            )
        }
        UserCommand::Add {
            name,
            role,
            store,
            password_env,
        } => {
            let password = env_secret(password_env)?;
            let scope = match store {
                Some(s) => Scope::Store(store_id(&session, s)?),
                None => Scope::AllStores,
            };
            let role = match role {
                RoleArg::Admin => Role::Admin,
                RoleArg::Manager => Role::Manager,
                RoleArg::Operator => Role::Operator,
                RoleArg::Viewer => Role::Viewer,
            };
            let id = users::add_user(
                &session,
                &NewUser {
                    name: name.clone(),
                    password,
                    role,
                    scope,
                },
            )?;
            out.result(
                format!("Kullanıcı eklendi: {name} ({}).", role.as_str()),
                format!("User added: {name} ({}).", role.as_str()),
                json!({ "ok": true, "user": { "id": id, "name": name, "role": role.as_str(), "scope": scope } }),
            )
        }
        UserCommand::Unlock { name } => {
            users::unlock_user(&session, name)?;
            out.result(
                format!("{name} kullanıcısının kilidi açıldı."),
                format!("User {name} unlocked."),
                json!({ "ok": true, "unlocked": name }),
            )
        }
        UserCommand::List => {
            let list = users::list_users(&session)?;
            let text: Vec<String> = list
                .iter()
                .map(|u| format!("{}\t{}\t{}", u.id, u.name, u.role.as_str()))
                .collect();
            let text = text.join("\n");
            out.result(text.clone(), text, json!({ "ok": true, "users": list }))
        }
    }
}

fn store_cmd(cli: &Cli, out: &Output, cmd: &StoreCommand) -> Result<()> {
    let session = sign_in(cli)?;
    match cmd {
        StoreCommand::Add(args) => store_add(&session, out, args),
        StoreCommand::List => {
            let stores = store::list(&session)?;
            let text = stores
                .iter()
                .map(|s| {
                    format!(
                        "{}\t{}\t{}\t{}\t{}",
                        s.id,
                        s.name,
                        s.environment.as_str(),
                        s.effective_base_url.as_deref().unwrap_or("-"),
                        if s.has_secret_key {
                            "key:yes"
                        } else {
                            "key:no"
                        }
                    )
                })
                .collect::<Vec<_>>()
                .join("\n");
            out.result(text.clone(), text, json!({ "ok": true, "stores": stores }))
        }
    }
}

fn store_add(session: &Session, out: &Output, args: &StoreAddArgs) -> Result<()> {
    let environment = match args.environment {
        EnvArg::Sandbox => Environment::Sandbox,
        EnvArg::Test => Environment::Test,
        EnvArg::Live => Environment::Live,
    };
    let secret_key = args.secret_key_env.as_deref().map(env_secret).transpose()?;
    let settings = StoreSettings {
        base_url: args.base_url.clone().map(Some),
        merchant_safe_id: args.merchant_safe_id.clone(),
        terminal_safe_id: args.terminal_safe_id.clone(),
        secret_key,
        concurrency: args.concurrency,
        rate_per_sec: args.rate,
        ..Default::default()
    };
    let created = store::create(session, &args.name, environment, &settings)?;
    out.result(
        format!(
            "Mağaza eklendi: {} ({}).",
            created.name,
            created.environment.as_str()
        ),
        format!(
            "Store added: {} ({}).",
            created.name,
            created.environment.as_str()
        ),
        json!({ "ok": true, "store": created }),
    )
}

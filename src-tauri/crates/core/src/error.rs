//! The one error type of the core crate. Every variant has a stable `code` for the UI and the
//! CLI and a Turkish and English message that says what to do. No variant ever carries a key,
//! passphrase, password or PAN. Details the code writes itself are a [`Text`] in both
//! languages, made where the reason is known; `Display` stays English (for logs). Text that
//! comes from a library (SQLite, the file system) is shown as a technical detail.

use std::path::PathBuf;

use crate::audit::AuditBreak;
use crate::auth::Lockout;
use crate::i18n::{Lang, Text};

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("no data directory could be determined for this user")]
    DataDirUnknown,
    #[error("file error at {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("no vault at {0}")]
    VaultMissing(PathBuf),
    #[error("a vault already exists at {0}")]
    VaultExists(PathBuf),
    #[error("the vault file is damaged: {0}")]
    VaultDamaged(Text),
    #[error("the file is not a Tahsildar vault: {0}")]
    VaultForeign(Text),
    #[error("the key does not open this vault")]
    VaultWrongKey,
    #[error("wrong passphrase for this vault")]
    WrongPassphrase,
    #[error("this vault is unlocked with a passphrase and none was given")]
    PassphraseRequired,
    #[error("the passphrase is too short (at least {0} characters)")]
    PassphraseTooShort(usize),
    #[error("the recovery key is not valid: {0}")]
    RecoveryKeyInvalid(Text),
    #[error("vault metadata is invalid: {0}")]
    MetaInvalid(Text),
    #[error("the SQLite library is not SQLCipher")]
    NotSqlcipher,
    #[error("the OS keyring is not available: {0}")]
    KeyringUnavailable(Text),
    #[error("the OS keyring has no key for this vault")]
    KeyringEntryMissing,
    #[error("the OS keyring is locked")]
    KeyringLocked,
    #[error("the OS keyring did not answer within {0} s")]
    KeyringTimeout(u64),
    #[error("database error: {0}")]
    Database(#[from] rusqlite::Error),
    #[error("migration {version} failed: {detail}")]
    Migration { version: u32, detail: String },
    #[error("a sealed value could not be opened")]
    SealedValueInvalid,
    #[error("the backup file is not valid: {0}")]
    BackupInvalid(Text),
    #[error("wrong passphrase for this backup")]
    BackupWrongPassphrase,
    #[error("a vault exists here; restoring over it needs confirmation")]
    RestoreNeedsConfirmation,
    #[error("sign-in failed")]
    AuthFailed,
    #[error("{0}")]
    AuthLocked(Lockout),
    #[error("the account is disabled")]
    UserDisabled,
    #[error("the session has expired")]
    SessionExpired,
    #[error("permission {permission} denied{}", .store.map(|s| format!(" for store {s}")).unwrap_or_default())]
    PermissionDenied {
        permission: &'static str,
        store: Option<i64>,
    },
    /// Granting or taking away a permission the acting user does not hold there themselves.
    /// `store`: the store's name, `None` for every store.
    #[error("cannot grant {permission:?} beyond one's own{}", .store.as_ref().map(|s| format!(" on store {s}")).unwrap_or_else(|| " on every store".into()))]
    GrantBeyondOwn {
        permission: crate::auth::Permission,
        store: Option<String>,
    },
    /// Acting on a user (password, lock, disabling) who holds a permission the acting user
    /// does not.
    #[error("user {user} holds {permission:?} beyond the acting user's own")]
    UserBeyondOwn {
        user: String,
        permission: crate::auth::Permission,
        store: Option<String>,
    },
    /// An administrator reset the password: the user must choose a new one before anything else.
    #[error("the password must be changed first")]
    PasswordChangeRequired,
    #[error("the password is too short (at least {0} characters)")]
    PasswordTooShort(usize),
    #[error("user {0} already exists")]
    UserExists(String),
    #[error("no user named {0}")]
    UserNotFound(String),
    #[error("the first administrator already exists")]
    FirstAdminExists,
    #[error("store {0} already exists")]
    StoreExists(String),
    #[error("no such store: {0}")]
    StoreNotFound(String),
    /// `field` is the stable key the UI highlights (`card number`, `amount`...); `detail` is a
    /// whole sentence that names the field in each language.
    #[error("invalid {field}: {detail}")]
    InvalidInput { field: &'static str, detail: Text },
    #[error("the audit log is broken: {0}")]
    AuditBroken(AuditBreak),
    #[error("no {what} {id}")]
    NotFound { what: &'static str, id: String },
    /// `detail` says why, as a phrase that follows "not in a state that allows this:".
    #[error("{what} {id} cannot be changed: {detail}")]
    WrongState {
        what: &'static str,
        id: String,
        detail: Text,
    },
    #[error("another engine already runs on this database ({0})")]
    EngineBusy(PathBuf),
    #[error("the bank could not be reached for store {store}: {detail}")]
    BankUnavailable { store: i64, detail: Text },
    /// A restored vault sends and takes nothing new until every day since the backup (`since`,
    /// `YYYY-MM-DD`) is settled against the bank's history report.
    #[error("restored vault: not settled with the bank since {since}")]
    RestoreNotSettled { since: String },
    #[error("the file could not be read: {0}")]
    ImportFile(#[from] tahsildar_import::ImportError),
    #[error("no row of the file can be imported")]
    ImportNothingToCommit,
    #[error("this file was already committed as batch {0}")]
    ImportAlreadyCommitted(i64),
    #[error("the stored data changed since the dry run: {0}")]
    ImportStale(Text),
    #[error("internal error: {0}")]
    Internal(String),
}

impl Error {
    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Error {
        Error::Io {
            path: path.into(),
            source,
        }
    }

    pub(crate) fn not_found(what: &'static str, id: impl ToString) -> Error {
        Error::NotFound {
            what,
            id: id.to_string(),
        }
    }

    pub(crate) fn wrong_state(what: &'static str, id: impl ToString, detail: Text) -> Error {
        Error::WrongState {
            what,
            id: id.to_string(),
            detail,
        }
    }

    /// Input refused: `field` is the stable key the UI highlights, `detail` a whole sentence in
    /// both languages that names the field.
    pub fn invalid(field: &'static str, detail: Text) -> Error {
        Error::InvalidInput { field, detail }
    }

    /// A stable snake_case code the UI and scripts can rely on.
    pub fn code(&self) -> &'static str {
        match self {
            Error::DataDirUnknown => "data_dir_unknown",
            Error::Io { .. } => "io",
            Error::VaultMissing(_) => "vault_missing",
            Error::VaultExists(_) => "vault_exists",
            Error::VaultDamaged(_) => "vault_damaged",
            Error::VaultForeign(_) => "vault_foreign",
            Error::VaultWrongKey => "vault_wrong_key",
            Error::WrongPassphrase => "vault_wrong_passphrase",
            Error::PassphraseRequired => "vault_passphrase_required",
            Error::PassphraseTooShort(_) => "passphrase_too_short",
            Error::RecoveryKeyInvalid(_) => "recovery_key_invalid",
            Error::MetaInvalid(_) => "vault_meta_invalid",
            Error::NotSqlcipher => "sqlcipher_missing",
            Error::KeyringUnavailable(_) => "keyring_unavailable",
            Error::KeyringEntryMissing => "keyring_entry_missing",
            Error::KeyringLocked => "keyring_locked",
            Error::KeyringTimeout(_) => "keyring_timeout",
            Error::Database(_) => "database",
            Error::Migration { .. } => "migration_failed",
            Error::SealedValueInvalid => "sealed_value_invalid",
            Error::BackupInvalid(_) => "backup_invalid",
            Error::BackupWrongPassphrase => "backup_wrong_passphrase",
            Error::RestoreNeedsConfirmation => "restore_needs_confirmation",
            Error::AuthFailed => "auth_failed",
            Error::AuthLocked(_) => "auth_locked",
            Error::UserDisabled => "user_disabled",
            Error::SessionExpired => "session_expired",
            Error::PermissionDenied { .. } => "permission_denied",
            Error::GrantBeyondOwn { .. } => "grant_beyond_own",
            Error::UserBeyondOwn { .. } => "user_beyond_own",
            Error::PasswordChangeRequired => "password_change_required",
            Error::PasswordTooShort(_) => "password_too_short",
            Error::UserExists(_) => "user_exists",
            Error::UserNotFound(_) => "user_not_found",
            Error::FirstAdminExists => "first_admin_exists",
            Error::StoreExists(_) => "store_exists",
            Error::StoreNotFound(_) => "store_not_found",
            Error::InvalidInput { .. } => "invalid_input",
            Error::AuditBroken(_) => "audit_broken",
            Error::NotFound { .. } => "not_found",
            Error::WrongState { .. } => "wrong_state",
            Error::EngineBusy(_) => "engine_busy",
            Error::BankUnavailable { .. } => "bank_unavailable",
            Error::RestoreNotSettled { .. } => "restore_not_settled",
            Error::ImportFile(e) => e.code(),
            Error::ImportNothingToCommit => "import_nothing_to_commit",
            Error::ImportAlreadyCommitted(_) => "import_already_committed",
            Error::ImportStale(_) => "import_stale",
            Error::Internal(_) => "internal",
        }
    }

    /// The message for a person, in `lang`, saying what happened and what to do.
    pub fn message(&self, lang: Lang) -> String {
        crate::error_text::message(self, lang)
    }
}

//! The shell's errors, and the one serialisable form every command returns to the UI:
//! `{ code, message, field }`. `code` is stable (core's `Error::code()` or one of the shell's
//! own below); `message` is already in the user's language; `field` names the input at fault.

use serde::Serialize;
use specta::Type;
use tahsildar_core::Lang;

/// What can go wrong in the shell itself, or in core below it.
#[derive(Debug, thiserror::Error)]
pub enum ShellError {
    #[error("no vault has been set up in this data folder yet")]
    NotSetUp,
    #[error("the vault is already set up")]
    AlreadySetUp,
    #[error("the vault is locked")]
    VaultLocked,
    #[error("no user is signed in")]
    SignedOut,
    #[error("the collection engine is not running: {0}")]
    EngineUnavailable(String),
    #[error("the built-in sandbox bank could not start: {0}")]
    SandboxBank(String),
    #[error("starting with the computer could not be changed: {0}")]
    Autostart(String),
    #[error(transparent)]
    Core(#[from] tahsildar_core::Error),
    #[error("internal error: {0}")]
    Internal(String),
}

impl From<tahsildar_app::Error> for ShellError {
    fn from(err: tahsildar_app::Error) -> Self {
        match err {
            tahsildar_app::Error::Sandbox(detail) => ShellError::SandboxBank(detail),
            tahsildar_app::Error::Core(err) => ShellError::Core(err),
        }
    }
}

impl ShellError {
    /// The stable code the UI keys on.
    pub fn code(&self) -> &'static str {
        match self {
            ShellError::NotSetUp => "not_set_up",
            ShellError::AlreadySetUp => "already_set_up",
            ShellError::VaultLocked => "vault_locked",
            ShellError::SignedOut => "signed_out",
            ShellError::EngineUnavailable(_) => "engine_unavailable",
            ShellError::SandboxBank(_) => "sandbox_bank_unavailable",
            ShellError::Autostart(_) => "autostart_failed",
            ShellError::Core(err) => err.code(),
            ShellError::Internal(_) => "internal",
        }
    }

    /// The input the error is about, when there is one.
    pub fn field(&self) -> Option<&str> {
        use tahsildar_core::Error as Core;
        match self {
            ShellError::Core(Core::InvalidInput { field, .. }) => Some(field),
            ShellError::Core(Core::PasswordTooShort(_)) => Some("password"),
            ShellError::Core(Core::PassphraseTooShort(_) | Core::WrongPassphrase) => {
                Some("passphrase")
            }
            ShellError::Core(Core::RecoveryKeyInvalid(_)) => Some("recovery_key"),
            ShellError::Core(Core::UserExists(_) | Core::UserNotFound(_)) => Some("name"),
            _ => None,
        }
    }

    /// A message for a person in `lang`: what happened and what to do.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            ShellError::Core(err) => err.message(lang),
            ShellError::NotSetUp => lang.pick(
                "Bu veri klasöründe henüz kasa kurulmadı. Önce kurulumu tamamlayın.",
                "No vault has been set up in this data folder yet. Complete the setup first.",
            ),
            ShellError::AlreadySetUp => lang.pick(
                "Kasa zaten kurulu; kurulum yeniden yapılmaz. Giriş yapın.",
                "The vault is already set up; setup is not repeated. Sign in.",
            ),
            ShellError::VaultLocked => lang.pick(
                "Kasa kilitli. Önce kasayı açın.",
                "The vault is locked. Unlock it first.",
            ),
            ShellError::SignedOut => lang.pick(
                "Oturum açık değil. Lütfen giriş yapın.",
                "Nobody is signed in. Please sign in.",
            ),
            ShellError::EngineUnavailable(detail) => lang.pick(
                format!("Tahsilat motoru çalışmıyor ({detail}). Ödemeler gönderilemez."),
                format!(
                    "The collection engine is not running ({detail}). Payments cannot be sent."
                ),
            ),
            ShellError::SandboxBank(detail) => lang.pick(
                format!("Yerleşik sandbox bankası başlatılamadı ({detail})."),
                format!("The built-in sandbox bank could not start ({detail})."),
            ),
            ShellError::Autostart(detail) => lang.pick(
                format!(
                    "Bilgisayarla birlikte başlama ayarı okunamadı ya da değiştirilemedi \
                     ({detail})."
                ),
                format!("Starting with the computer could not be read or changed ({detail})."),
            ),
            ShellError::Internal(detail) => lang.pick(
                format!("Beklenmeyen bir hata oluştu ({detail})."),
                format!("An unexpected error occurred ({detail})."),
            ),
        }
    }
}

/// An error as the UI receives it from any command.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type, thiserror::Error)]
#[error("{code}: {message}")]
pub struct CommandError {
    /// Stable snake_case code, e.g. `session_expired`, `auth_failed`, `permission_denied`.
    pub code: String,
    /// What happened and what to do, in the current UI language.
    pub message: String,
    /// The form field at fault, when the error is about one input.
    pub field: Option<String>,
}

impl CommandError {
    pub fn new(err: &ShellError, lang: Lang) -> CommandError {
        CommandError {
            code: err.code().to_string(),
            message: err.message(lang),
            field: err.field().map(str::to_string),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn core_errors_keep_their_code_translated_message_and_field() {
        let err = ShellError::from(tahsildar_core::Error::PasswordTooShort(12));
        let tr = CommandError::new(&err, Lang::Tr);
        assert_eq!(tr.code, "password_too_short");
        assert_eq!(tr.field.as_deref(), Some("password"));
        let en = CommandError::new(&err, Lang::En);
        assert_ne!(tr.message, en.message);
        assert!(en.message.contains("12"), "{}", en.message);

        let expired = CommandError::new(&tahsildar_core::Error::SessionExpired.into(), Lang::En);
        assert_eq!(expired.code, "session_expired");
        assert_eq!(expired.field, None);
    }

    #[test]
    fn serialises_as_code_message_and_field() {
        let wire = CommandError {
            code: "internal".into(),
            message: "boom".into(),
            field: None,
        };
        let json = serde_json::to_value(&wire).unwrap();
        assert_eq!(
            json,
            serde_json::json!({ "code": "internal", "message": "boom", "field": null })
        );
    }
}

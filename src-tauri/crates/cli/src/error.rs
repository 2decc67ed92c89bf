//! The CLI's errors: core errors, plus what only the command line can get wrong.

use tahsildar_core::Lang;

#[derive(Debug, thiserror::Error)]
pub enum CliError {
    #[error(transparent)]
    Core(#[from] tahsildar_core::Error),
    #[error("environment variable {0} is not set")]
    MissingEnv(String),
    #[error("--user is required for this command")]
    UserRequired,
    #[error("unknown store {0}")]
    UnknownStore(String),
    #[error("could not write output: {0}")]
    Output(String),
    #[error("the sandbox bank could not start: {0}")]
    SandboxBank(String),
}

impl CliError {
    pub fn code(&self) -> &'static str {
        match self {
            CliError::Core(e) => e.code(),
            CliError::MissingEnv(_) => "missing_env",
            CliError::UserRequired => "user_required",
            CliError::UnknownStore(_) => "store_not_found",
            CliError::Output(_) => "output",
            CliError::SandboxBank(_) => "sandbox_bank_unavailable",
        }
    }

    pub fn message(&self, lang: Lang) -> String {
        match self {
            CliError::Core(e) => match how_on_the_command_line(e.code()) {
                Some(hint) => format!("{} ({hint})", e.message(lang)),
                None => e.message(lang),
            },
            CliError::MissingEnv(var) => lang.pick(
                format!("{var} ortam değişkeni tanımlı değil ya da boş; değeri bu değişkenle verin."),
                format!("The environment variable {var} is not set or empty; provide the value through it."),
            ),
            CliError::UserRequired => lang.pick(
                "Bu komut bir kullanıcıyla çalışır: --user AD verin, parolayı TAHSILDAR_PASSWORD ile.",
                "This command acts as a user: give --user NAME, with the password in TAHSILDAR_PASSWORD.",
            ),
            CliError::UnknownStore(name) => lang.pick(
                format!("{name} adlı mağaza yok. Mağazaları görmek için: store list."),
                format!("There is no store {name}. To see the stores: store list."),
            ),
            CliError::Output(detail) => lang.pick(
                format!("Çıktı yazılamadı: {detail}."),
                format!("Could not write the output: {detail}."),
            ),
            CliError::SandboxBank(detail) => lang.pick(
                format!("Deneme (sandbox) bankası başlatılamadı: {detail}. Başka bir program yerel ağ bağlantı noktalarını engelliyor olabilir; ya da --sandbox-url ile çalışan bir benzetim bankası verin."),
                format!("The sandbox bank could not start: {detail}. Something may be blocking local network ports; or give a running simulator with --sandbox-url."),
            ),
        }
    }
}

/// The option that does what a core message asks for, on the command line.
fn how_on_the_command_line(code: &str) -> Option<&'static str> {
    match code {
        "vault_wrong_key" | "keyring_entry_missing" => Some("unlock --recovery-key-env VAR"),
        "vault_passphrase_required" | "keyring_unavailable" => Some("--passphrase-env VAR"),
        "password_change_required" => Some("user password --new-password-env VAR"),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn core_messages_get_the_command_line_option_only_here() {
        let core = tahsildar_core::Error::KeyringEntryMissing;
        assert!(!core.message(Lang::Tr).contains("--"));
        let cli = CliError::Core(core).message(Lang::Tr);
        assert!(
            cli.starts_with("Anahtarlıkta bu kasanın anahtarı yok"),
            "{cli}"
        );
        assert!(cli.ends_with("(unlock --recovery-key-env VAR)"), "{cli}");
        let other = CliError::Core(tahsildar_core::Error::WrongPassphrase).message(Lang::En);
        assert!(!other.contains("--"), "{other}");
    }
}

//! `vault.json`: plaintext metadata beside the database (never a secret in clear).

use std::io::Write;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::i18n::Text;
use crate::vault::wrap::WrappedKey;

pub const META_FORMAT: u32 = 1;

/// How the data key of a vault is unlocked on this PC.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum UnlockMethod {
    /// The data key is in the OS keyring under `tahsildar` / `vault-<id>`.
    Keyring,
    /// The data key is wrapped with a passphrase in this file.
    Passphrase,
}

impl UnlockMethod {
    pub fn code(self) -> &'static str {
        match self {
            UnlockMethod::Keyring => "keyring",
            UnlockMethod::Passphrase => "passphrase",
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct VaultMeta {
    pub format: u32,
    /// Random UUID; also names the keyring entry, so two data directories never share one.
    pub vault_id: String,
    pub created_at: String,
    pub unlock: UnlockMethod,
    /// HKDF check value of the data key: tells a wrong key from a damaged database.
    pub key_check: String,
    /// Present in passphrase mode.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wrapped_key: Option<WrappedKey>,
}

impl VaultMeta {
    pub fn read(path: &Path) -> Result<VaultMeta> {
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(Error::VaultMissing(path.to_path_buf()));
            }
            Err(e) => return Err(Error::io(path, e)),
        };
        let meta: VaultMeta = serde_json::from_str(&text).map_err(|e| {
            Error::MetaInvalid(Text::new(
                format!("JSON okunamadı; teknik ayrıntı: {e}"),
                format!("unreadable JSON; technical detail: {e}"),
            ))
        })?;
        if meta.format != META_FORMAT {
            let format = meta.format;
            return Err(Error::MetaInvalid(Text::new(
                format!("bilinmeyen biçim {format}; uygulamanın daha yeni bir sürümü gerekebilir"),
                format!(
                    "unknown format {format}; a newer version of the application may be needed"
                ),
            )));
        }
        if meta.unlock == UnlockMethod::Passphrase && meta.wrapped_key.is_none() {
            return Err(Error::MetaInvalid(Text::new(
                "parola kipinde ama sarılmış anahtar yok",
                "passphrase mode without a wrapped key",
            )));
        }
        Ok(meta)
    }

    /// Writes through a temporary file, fsync and rename, so a crash leaves the old or the new file.
    pub fn write_atomic(&self, path: &Path) -> Result<()> {
        let text =
            serde_json::to_string_pretty(self).map_err(|e| Error::Internal(e.to_string()))?;
        write_file_atomic(path, text.as_bytes())
    }
}

pub(crate) fn write_file_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let tmp = path.with_extension("tmp");
    {
        let mut file = crate::paths::create_private(&tmp, true)?;
        file.write_all(bytes).map_err(|e| Error::io(&tmp, e))?;
        file.sync_all().map_err(|e| Error::io(&tmp, e))?;
    }
    std::fs::rename(&tmp, path).map_err(|e| Error::io(path, e))?;
    sync_dir(path);
    Ok(())
}

/// Best-effort fsync of the directory holding `path` (makes a rename durable on Unix).
pub(crate) fn sync_dir(path: &Path) {
    #[cfg(unix)]
    if let Some(dir) = path.parent()
        && let Ok(d) = std::fs::File::open(dir)
    {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = path;
}

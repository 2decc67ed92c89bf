//! Where a vault lives: the data directory shared by the app and the CLI.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// File name of the SQLCipher database inside a data directory.
pub const DB_FILE: &str = "tahsildar.db";
/// File name of the plaintext vault metadata inside a data directory.
pub const META_FILE: &str = "vault.json";
/// Environment variable that overrides the default data directory.
pub const DATA_DIR_ENV: &str = "TAHSILDAR_DATA_DIR";
/// The data directory's name under the platform's data folder.
pub const APP_FOLDER: &str = "tahsildar";

/// A data directory: `<dir>/tahsildar.db` and `<dir>/vault.json`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataDir {
    root: PathBuf,
}

impl DataDir {
    pub fn new(root: impl Into<PathBuf>) -> DataDir {
        DataDir { root: root.into() }
    }

    /// The explicit directory when given (an empty one counts as none), else
    /// `TAHSILDAR_DATA_DIR`, else `tahsildar` in the platform's data folder: the same folder for
    /// the app and the command line on every system (`~/.local/share/tahsildar` on Linux,
    /// `~/Library/Application Support/tahsildar` on macOS, `%APPDATA%\tahsildar` on Windows).
    pub fn resolve(explicit: Option<&Path>) -> Result<DataDir> {
        if let Some(dir) = explicit.filter(|d| !d.as_os_str().is_empty()) {
            return Ok(DataDir::new(dir));
        }
        if let Some(dir) = std::env::var_os(DATA_DIR_ENV).filter(|v| !v.is_empty()) {
            return Ok(DataDir::new(PathBuf::from(dir)));
        }
        let base = directories::BaseDirs::new().ok_or(Error::DataDirUnknown)?;
        let dir = DataDir::new(base.data_dir().join(APP_FOLDER));
        // The command line once used this folder on macOS and Windows (on Linux it is the same
        // one): a vault found there, and none in the shared folder, is kept where it is.
        if !dir.has_vault()
            && let Some(legacy) = directories::ProjectDirs::from("com", "tahsildar", "Tahsildar")
                .map(|d| DataDir::new(d.data_dir()))
                .filter(DataDir::has_vault)
        {
            return Ok(legacy);
        }
        Ok(dir)
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    pub fn db_path(&self) -> PathBuf {
        self.root.join(DB_FILE)
    }

    pub fn meta_path(&self) -> PathBuf {
        self.root.join(META_FILE)
    }

    /// A sibling of the database file with a suffix, e.g. `tahsildar.db.restoring`.
    pub(crate) fn db_sibling(&self, suffix: &str) -> PathBuf {
        self.root.join(format!("{DB_FILE}.{suffix}"))
    }

    /// True when either vault file is present.
    pub fn has_vault(&self) -> bool {
        self.db_path().exists() || self.meta_path().exists()
    }

    /// Creates the directory (private to the user on Unix, 0700) if it does not exist.
    pub fn ensure_exists(&self) -> Result<()> {
        let mut builder = std::fs::DirBuilder::new();
        builder.recursive(true);
        #[cfg(unix)]
        std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
        builder
            .create(&self.root)
            .map_err(|e| Error::io(&self.root, e))
    }
}

/// Creates a new file that only its owner can read or write (0600 on Unix); `truncate` empties
/// one that exists instead of refusing it. Every file of the data folder is made this way; the
/// database's WAL and shared-memory files take the database file's mode.
pub(crate) fn create_private(path: &Path, truncate: bool) -> Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).read(true);
    if truncate {
        options.create(true).truncate(true);
    } else {
        options.create_new(true);
    }
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path).map_err(|e| Error::io(path, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn without_an_explicit_folder_the_platform_folder_is_named_tahsildar() {
        // Unless the environment names another one (as the tests' runner may).
        if std::env::var_os(DATA_DIR_ENV).is_none() {
            let dir = DataDir::resolve(Some(Path::new(""))).unwrap();
            assert!(
                dir.has_vault() || dir.root().ends_with(APP_FOLDER),
                "{dir:?}"
            );
        }
    }

    #[test]
    fn explicit_directory_wins_and_files_are_named() {
        let dir = DataDir::resolve(Some(Path::new("/srv/kasa"))).unwrap();
        assert_eq!(dir.db_path(), Path::new("/srv/kasa/tahsildar.db"));
        assert_eq!(dir.meta_path(), Path::new("/srv/kasa/vault.json"));
        let app = directories::ProjectDirs::from("com", "tahsildar", "Tahsildar").unwrap();
        assert!(app.data_dir().ends_with("tahsildar"));
    }
}

//! Where the app keeps its data: the `--data-dir FOLDER` argument, else `TAHSILDAR_DATA_DIR`
//! when set (tests, portable installs), otherwise `tahsildar` under the platform's data folder
//! (`~/.local/share/tahsildar` on Linux).

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use crate::error::ShellError;

/// Environment variable that overrides the data folder.
pub const OVERRIDE_VAR: &str = "TAHSILDAR_DATA_DIR";

/// Folder name under the platform's data folder.
const APP_FOLDER: &str = "tahsildar";

/// Command-line argument that chooses the data folder (`--data-dir X` or `--data-dir=X`).
pub const ARG: &str = "--data-dir";

/// The folder given with `--data-dir`, if any; other arguments are ignored.
pub fn from_args(args: impl IntoIterator<Item = OsString>) -> Option<PathBuf> {
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        if arg == ARG {
            return args.next().map(PathBuf::from);
        }
        if let Some(value) = arg.to_str().and_then(|a| a.strip_prefix("--data-dir=")) {
            return Some(PathBuf::from(value));
        }
    }
    None
}

/// The name under which the running app of one data folder makes itself known, so a second
/// start on the same folder only brings that window forward (a start on another folder runs).
/// Stable across runs: an FNV-1a hash of the folder as given, or of "default".
pub fn instance_id(override_dir: Option<&Path>) -> String {
    let key = override_dir.map_or_else(|| "default".to_string(), |d| d.display().to_string());
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in key.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("com.tahsildar.app.d{hash:016x}")
}

/// The data folder chosen from the override (if any) and the platform's data folder.
pub fn choose(
    override_dir: Option<PathBuf>,
    platform_data_dir: Option<PathBuf>,
) -> Result<PathBuf, ShellError> {
    match override_dir.filter(|dir| !dir.as_os_str().is_empty()) {
        Some(dir) => Ok(dir),
        None => platform_data_dir
            .map(|dir| dir.join(APP_FOLDER))
            .ok_or(ShellError::NoDataDir),
    }
}

/// Creates the data folder (and its parents) when it does not exist yet.
pub fn ensure(dir: &Path) -> Result<(), ShellError> {
    std::fs::create_dir_all(dir).map_err(|source| ShellError::DataDirUnavailable {
        path: dir.to_path_buf(),
        source,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_override_wins_over_the_platform_folder() {
        let chosen = choose(
            Some("/tmp/elsewhere".into()),
            Some("/home/u/.local/share".into()),
        );
        assert_eq!(chosen.unwrap(), PathBuf::from("/tmp/elsewhere"));
    }

    #[test]
    fn without_override_the_app_folder_sits_in_the_platform_folder() {
        let chosen = choose(None, Some("/home/u/.local/share".into())).unwrap();
        assert_eq!(chosen, PathBuf::from("/home/u/.local/share/tahsildar"));
    }

    #[test]
    fn an_empty_override_is_ignored() {
        let chosen = choose(Some(PathBuf::new()), Some("/data".into())).unwrap();
        assert_eq!(chosen, PathBuf::from("/data/tahsildar"));
    }

    #[test]
    fn the_argument_names_the_folder_in_both_spellings() {
        let args = |list: &[&str]| list.iter().map(OsString::from).collect::<Vec<_>>();
        assert_eq!(
            from_args(args(&["tahsildar", "--automation", "--data-dir", "/d/one"])),
            Some(PathBuf::from("/d/one"))
        );
        assert_eq!(
            from_args(args(&["tahsildar", "--data-dir=/d/two"])),
            Some(PathBuf::from("/d/two"))
        );
        assert_eq!(from_args(args(&["tahsildar", "--other"])), None);
        assert_eq!(from_args(args(&["tahsildar", "--data-dir"])), None);
    }

    #[test]
    fn each_data_folder_has_its_own_stable_instance_name() {
        let a = instance_id(Some(Path::new("/d/one")));
        assert_eq!(a, instance_id(Some(Path::new("/d/one"))));
        assert_ne!(a, instance_id(Some(Path::new("/d/two"))));
        assert_ne!(a, instance_id(None));
        assert!(
            a.starts_with("com.tahsildar.app.d") && a.len() == "com.tahsildar.app.d".len() + 16
        );
    }

    #[test]
    fn no_folder_at_all_is_an_error() {
        assert!(matches!(choose(None, None), Err(ShellError::NoDataDir)));
    }

    #[test]
    fn ensure_creates_missing_parents_and_reports_a_blocked_path() {
        let base = std::env::temp_dir().join(format!("tahsildar-data-dir-{}", std::process::id()));
        let nested = base.join("a/b");
        ensure(&nested).unwrap();
        assert!(nested.is_dir());

        let file = base.join("file");
        std::fs::write(&file, b"x").unwrap();
        let err = ensure(&file.join("below")).unwrap_err();
        assert!(matches!(err, ShellError::DataDirUnavailable { .. }));
        std::fs::remove_dir_all(&base).unwrap();
    }
}

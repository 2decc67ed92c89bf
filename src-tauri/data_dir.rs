//! The app's data folder as its command line names it: `--data-dir FOLDER` (else
//! `TAHSILDAR_DATA_DIR`, else the platform's folder: core's `DataDir::resolve`, the same for the
//! app and the command line), and the name under which the running app of one folder is known.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

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

#[cfg(test)]
mod tests {
    use super::*;

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
}

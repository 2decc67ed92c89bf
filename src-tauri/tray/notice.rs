//! The notice shown the first time the window is closed to the tray: collections go on in the
//! background, and this is how to quit. Shown once per installation: `desktop.json` in the data
//! folder remembers it (a fact of this computer, not of the vault, so it is not in a backup).

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use tahsildar_core::Lang;

/// The file in the data folder that holds what the desktop shell remembers of this computer.
pub const FILE: &str = "desktop.json";

#[derive(Debug, Default, Serialize, Deserialize)]
struct Remembered {
    #[serde(default)]
    tray_notice_shown: bool,
}

/// Where the notice is remembered for this data folder.
pub fn path(data_dir: &Path) -> PathBuf {
    data_dir.join(FILE)
}

/// True the first time it is asked for this file, and from then on false: the answer is written
/// before the notice is shown, so it is never shown twice even if showing it fails. An unreadable
/// file counts as not shown yet and is written anew.
pub fn first_close(path: &Path) -> bool {
    let remembered: Remembered = std::fs::read_to_string(path)
        .ok()
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_default();
    if remembered.tray_notice_shown {
        return false;
    }
    let shown = Remembered {
        tray_notice_shown: true,
    };
    if let Ok(text) = serde_json::to_string_pretty(&shown) {
        let _ = write_private(path, text.as_bytes());
    }
    true
}

/// Writes the file readable by its owner only (0600 on Unix), as every file of the data folder.
fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path)?.write_all(bytes)
}

/// The notice's title and text.
pub fn text(lang: Lang) -> (String, String) {
    (
        lang.pick(
            "Tahsildar arka planda çalışıyor",
            "Tahsildar keeps running in the background",
        ),
        lang.pick(
            "Pencere kapandı ama tahsilatlar arka planda sürüyor. Tahsildar'dan tamamen çıkmak \
             için sistem tepsisindeki simgesinin menüsünden \"Çıkış\"ı seçin.",
            "The window is closed but collections go on in the background. To quit Tahsildar, \
             choose \"Quit\" in the menu of its icon in the system tray.",
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_notice_is_due_once_per_data_folder() {
        let dir = tempfile::tempdir().unwrap();
        let file = path(dir.path());
        assert!(first_close(&file));
        assert!(!first_close(&file));
        assert!(!first_close(&file));
        let other = tempfile::tempdir().unwrap();
        assert!(first_close(&path(other.path())));
    }

    #[test]
    fn a_damaged_file_counts_as_not_shown_and_is_written_anew() {
        let dir = tempfile::tempdir().unwrap();
        let file = path(dir.path());
        std::fs::write(&file, "{ bozuk").unwrap();
        assert!(first_close(&file));
        assert!(!first_close(&file));
        let text = std::fs::read_to_string(&file).unwrap();
        assert!(text.contains("\"tray_notice_shown\": true"), "{text}");
    }

    #[cfg(unix)]
    #[test]
    fn the_file_is_readable_by_its_owner_only() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let file = path(dir.path());
        assert!(first_close(&file));
        let mode = std::fs::metadata(&file).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }

    #[test]
    fn the_notice_says_how_to_quit_in_both_languages() {
        let (title, body) = text(Lang::Tr);
        assert_eq!(title, "Tahsildar arka planda çalışıyor");
        assert!(
            body.contains("arka planda sürüyor") && body.contains("\"Çıkış\""),
            "{body}"
        );
        let (title, body) = text(Lang::En);
        assert_eq!(title, "Tahsildar keeps running in the background");
        assert!(
            body.contains("go on in the background") && body.contains("\"Quit\""),
            "{body}"
        );
    }
}

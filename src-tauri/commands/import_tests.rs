use std::path::PathBuf;

use super::*;

#[test]
fn tokens_are_opaque_distinct_and_forgotten_on_remove() {
    let files = ImportFiles::default();
    let a = files.add(PathBuf::from("/tmp/aidat.xlsx"));
    let b = files.add(PathBuf::from("/tmp/aidat.xlsx"));
    assert_ne!(a, b);
    assert!(!a.contains("aidat") && !a.contains('/'), "{a}");
    assert_eq!(files.path(&a), Some(PathBuf::from("/tmp/aidat.xlsx")));
    assert!(files.dry_run(&a).is_none());
    files.remove(&a);
    assert!(files.path(&a).is_none());
    assert_eq!(files.len(), 1);
    assert!(files.path("0-0000000000000000").is_none());
}

#[test]
fn a_forgotten_file_is_a_translated_error() {
    assert!(file_gone(Lang::Tr).message.contains("yeniden seçin"));
    assert!(
        file_gone(Lang::En)
            .message
            .contains("choose the file again")
    );
    assert_eq!(file_gone(Lang::En).code, "import_file_unknown");
}

#[test]
fn the_e2e_file_is_read_only_from_the_environment() {
    // The variable is unset in unit tests: the native dialog would open.
    if std::env::var_os(E2E_IMPORT_FILE_VAR).is_none() {
        assert!(crate::commands::open_dialog::e2e_path(E2E_IMPORT_FILE_VAR).is_none());
    }
}

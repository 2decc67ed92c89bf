//! The files the import wizard is working on, each known to the webview only by an opaque
//! token: the path chosen in the native dialog (never sent to the webview), and the latest dry
//! run of it, ready to commit and to be shown page by page.

use std::collections::HashMap;
use std::hash::{BuildHasher, RandomState};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use tahsildar_core::import::PreparedImport;

/// Test-only: the file the open dialog would return, for the end-to-end suite (a native dialog
/// cannot be driven). Read by Rust in debug builds only; the webview never supplies a path.
pub const E2E_IMPORT_FILE_VAR: &str = "TAHSILDAR_E2E_IMPORT_FILE";

struct Entry {
    path: PathBuf,
    dry_run: Option<Arc<PreparedImport>>,
}

/// The wizard's files by token; managed by Tauri beside the app state.
#[derive(Default)]
pub struct ImportFiles {
    entries: Mutex<HashMap<String, Entry>>,
    next: AtomicU64,
    hasher: RandomState,
}

impl ImportFiles {
    fn entries(&self) -> std::sync::MutexGuard<'_, HashMap<String, Entry>> {
        self.entries.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Keeps `path` and returns the token that names it.
    pub fn add(&self, path: PathBuf) -> String {
        let n = self.next.fetch_add(1, Ordering::Relaxed);
        let token = format!("{n}-{:016x}", self.hasher.hash_one(n));
        self.entries().insert(
            token.clone(),
            Entry {
                path,
                dry_run: None,
            },
        );
        token
    }

    /// The path a token names.
    pub fn path(&self, token: &str) -> Option<PathBuf> {
        self.entries().get(token).map(|e| e.path.clone())
    }

    /// Keeps the latest dry run of a token's file (replacing an earlier one).
    pub fn set_dry_run(&self, token: &str, dry_run: PreparedImport) -> Option<Arc<PreparedImport>> {
        let mut entries = self.entries();
        let entry = entries.get_mut(token)?;
        let dry_run = Arc::new(dry_run);
        entry.dry_run = Some(dry_run.clone());
        Some(dry_run)
    }

    /// The latest dry run of a token's file.
    pub fn dry_run(&self, token: &str) -> Option<Arc<PreparedImport>> {
        self.entries().get(token).and_then(|e| e.dry_run.clone())
    }

    /// Forgets a token (after its commit, or when the wizard is left).
    pub fn remove(&self, token: &str) {
        self.entries().remove(token);
    }

    /// Number of files kept.
    pub fn len(&self) -> usize {
        self.entries().len()
    }

    /// True when no file is kept.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// The file name shown for a path (no folder).
pub fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

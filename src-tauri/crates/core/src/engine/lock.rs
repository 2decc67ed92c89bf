//! One engine per database: an exclusive lock on `<data dir>/tahsildar.lock`, held while the
//! engine lives and released by the operating system when the process ends, however it ends.

use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// Name of the lock file in the data directory.
pub const LOCK_FILE: &str = "tahsildar.lock";

/// A held engine lock; dropping it releases the lock.
#[derive(Debug)]
pub struct EngineLock {
    _file: File,
    path: PathBuf,
}

impl EngineLock {
    /// Takes the lock of the data directory `root`, or fails at once with `EngineBusy`.
    pub fn acquire(root: &Path) -> Result<EngineLock> {
        let path = root.join(LOCK_FILE);
        let mut options = OpenOptions::new();
        options.create(true).truncate(false).read(true).write(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let file = options.open(&path).map_err(|e| Error::io(&path, e))?;
        match file.try_lock() {
            Ok(()) => Ok(EngineLock { _file: file, path }),
            Err(TryLockError::WouldBlock) => Err(Error::EngineBusy(path)),
            Err(TryLockError::Error(e)) => Err(Error::io(&path, e)),
        }
    }

    /// Takes the lock, waiting up to `patience` for another engine to let go of it (a run of
    /// the command line that is about to end); then fails with `EngineBusy`.
    pub fn acquire_waiting(root: &Path, patience: std::time::Duration) -> Result<EngineLock> {
        let deadline = std::time::Instant::now() + patience;
        loop {
            match EngineLock::acquire(root) {
                Err(Error::EngineBusy(_)) if std::time::Instant::now() < deadline => {
                    std::thread::sleep(std::time::Duration::from_millis(200));
                }
                other => return other,
            }
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_lock_on_the_same_directory_is_refused_until_the_first_is_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let first = EngineLock::acquire(dir.path()).unwrap();
        let second = EngineLock::acquire(dir.path()).unwrap_err();
        assert_eq!(second.code(), "engine_busy");
        drop(first);
        EngineLock::acquire(dir.path()).unwrap();
    }

    #[test]
    fn waiting_for_the_lock_takes_it_once_it_is_let_go() {
        let dir = tempfile::tempdir().unwrap();
        let first = EngineLock::acquire(dir.path()).unwrap();
        let patience = std::time::Duration::from_millis(300);
        let busy = EngineLock::acquire_waiting(dir.path(), patience).unwrap_err();
        assert_eq!(busy.code(), "engine_busy");
        let root = dir.path().to_path_buf();
        let waiter = std::thread::spawn(move || {
            EngineLock::acquire_waiting(&root, std::time::Duration::from_secs(10)).is_ok()
        });
        std::thread::sleep(std::time::Duration::from_millis(300));
        drop(first);
        assert!(waiter.join().unwrap());
    }
}

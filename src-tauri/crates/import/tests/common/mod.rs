//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use tahsildar_import::{ImportError, ReadOptions, Table, WorkerCommand, read_table_isolated};

/// The crate's own reader binary, built by cargo for the tests.
pub fn worker() -> WorkerCommand {
    WorkerCommand::new(env!("CARGO_BIN_EXE_tahsildar-import-worker"))
}

pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

pub fn read(path: &Path) -> Result<Table, ImportError> {
    read_table_isolated(path, &ReadOptions::default(), &worker())
}

pub fn read_with(path: &Path, options: &ReadOptions) -> Result<Table, ImportError> {
    read_table_isolated(path, options, &worker())
}

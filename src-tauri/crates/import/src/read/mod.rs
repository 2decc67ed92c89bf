//! Reading a file into a [`Table`], in this process. Use [`crate::read_table_isolated`] for
//! files from users: it runs this in a capped child process.

mod builder;
mod sheet;
mod text;

use std::path::Path;

pub use builder::HEADER_SEARCH_ROWS;

use crate::sniff::{Declared, check_file};
use crate::{ImportError, Progress, ReadOptions, Table, precheck};

/// Read a file in this process, with every check except the process caps (memory, time).
pub fn read_table(path: &Path, options: &ReadOptions) -> Result<Table, ImportError> {
    read_table_with_progress(path, options, &mut |_| {})
}

/// [`read_table`], reporting progress.
pub fn read_table_with_progress(
    path: &Path,
    options: &ReadOptions,
    progress: &mut dyn FnMut(Progress),
) -> Result<Table, ImportError> {
    let declared = check_file(path, options.limits.max_file_bytes)?;
    match declared {
        Declared::Xlsx => {
            precheck::check_zip(path, &options.limits)?;
            precheck::scan_sheets(path, &options.limits)?;
            sheet::read(path, declared, options, progress)
        }
        Declared::Ods => {
            precheck::check_zip(path, &options.limits)?;
            sheet::read(path, declared, options, progress)
        }
        Declared::Xls => sheet::read(path, declared, options, progress),
        Declared::Delimited => text::read(path, options, progress),
    }
}

/// The parent-side checks run before a reader process is started: size, real kind, and for a
/// zip container its directory and declared sheet dimensions. Cheap.
pub fn precheck_file(path: &Path, options: &ReadOptions) -> Result<(), ImportError> {
    let declared = check_file(path, options.limits.max_file_bytes)?;
    if matches!(declared, Declared::Xlsx | Declared::Ods) {
        precheck::check_zip(path, &options.limits)?;
    }
    Ok(())
}

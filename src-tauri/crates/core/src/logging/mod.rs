//! Logs for support: what the program did, by ids and codes, in a daily file under
//! `<data folder>/logs` (the last 14 days are kept), INFO by default (`TAHSILDAR_LOG` sets
//! another level or filter, e.g. `debug`). Card data never reaches a log: the code logs ids,
//! codes, counts and states only, and the file's writer masks any run of 12 or more digits as
//! a last line of defence. Panics are logged too, by where they happened.

mod bundle;
mod daily;

use std::path::{Path, PathBuf};

use tracing_subscriber::EnvFilter;
use tracing_subscriber::fmt::MakeWriter;

pub use bundle::{About, BundleSummary, write_support_bundle};
pub use daily::{DailyFile, KEEP_DAYS};
use tahsildar_words::mask_digit_runs;

use crate::error::{Error, Result};

/// The environment variable that sets the log level or filter.
pub const LOG_ENV: &str = "TAHSILDAR_LOG";
/// The folder of the log files, inside the data folder.
pub const LOG_FOLDER: &str = "logs";

/// Where the logs of a data folder are.
pub fn log_dir(data_root: &Path) -> PathBuf {
    data_root.join(LOG_FOLDER)
}

/// Starts logging to `<data_root>/logs/<program>-YYYY-MM-DD.log` for this process, and logs
/// panics there. Does nothing (and succeeds) when a logger is already set.
pub fn init(data_root: &Path, program: &'static str) -> Result<()> {
    let dir = log_dir(data_root);
    let file = DailyFile::open(&dir, program).map_err(|e| Error::io(&dir, e))?;
    let filter = EnvFilter::try_from_env(LOG_ENV).unwrap_or_else(|_| EnvFilter::new("info"));
    let installed = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(false)
        .with_target(false)
        .with_writer(file)
        .try_init()
        .is_ok();
    if installed {
        install_panic_hook();
        tracing::info!(
            program,
            version = env!("CARGO_PKG_VERSION"),
            os = std::env::consts::OS,
            "started"
        );
    }
    Ok(())
}

/// Logs a panic (its message masked, and where it happened) before the usual report.
fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let message = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        let at = info
            .location()
            .map(|l| format!("{}:{}", l.file(), l.line()))
            .unwrap_or_default();
        tracing::error!(at, message = %mask_digit_runs(&message), "panic");
        previous(info);
    }));
}

impl<'a> MakeWriter<'a> for DailyFile {
    type Writer = &'a DailyFile;

    fn make_writer(&'a self) -> Self::Writer {
        self
    }
}

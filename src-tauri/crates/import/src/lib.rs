//! Merchants' batch files (`.xlsx`, `.xlsm`, `.xls`, `.ods`, `.csv`, `.txt`) to typed rows with
//! per-row problems.
//!
//! 1. [`read_table_isolated`] reads a file into a [`Table`] of typed cells in a capped child
//!    process (binaries call [`worker::run_if_worker`] first thing in `main`).
//! 2. [`detect_mapping`] (or a saved [`MappingSpec`]) says which column holds which [`Field`].
//! 3. [`map_rows`] gives a [`MappedBatch`]: [`MappedRow`]s (card numbers in secrets) and
//!    [`Problem`]s in Turkish and English.
//!
//! The business checks (Luhn, expiry in the future, installment cap, duplicates against the
//! stored data) and the commit belong to the caller.
//!
//! ```no_run
//! use tahsildar_import::{ReadOptions, WorkerCommand, detect_mapping, map_rows, read_table_isolated_with_progress};
//!
//! fn main() -> Result<(), tahsildar_import::ImportError> {
//!     tahsildar_import::worker::run_if_worker(); // first thing: this binary is also the reader
//!     let path = std::path::Path::new("aidatlar.xlsx");
//!     let worker = WorkerCommand::current_exe()?;
//!     let table = read_table_isolated_with_progress(path, &ReadOptions::default(), &worker, &mut |p| {
//!         println!("{:?}: {} / {}", p.phase, p.rows_done, p.rows_total_estimate);
//!     })?;
//!     let batch = map_rows(&table, &detect_mapping(&table.headers));
//!     for problem in &batch.problems {
//!         println!("{:?} {:?} {}: {}", problem.row, problem.column, problem.code, problem.message_tr);
//!     }
//!     Ok(())
//! }
//! ```

mod batch;
mod error;
mod limits;
pub mod mapping;
mod precheck;
mod read;
pub mod sniff;
mod table;
pub mod template;
pub mod values;
pub mod worker;

pub use batch::{MappedBatch, MappedRow, Problem, Severity, map_rows, map_rows_with_progress};
pub use error::{ImportError, Lang};
pub use limits::{Limits, PROGRESS_EVERY, Phase, Progress, ReadOptions};
pub use mapping::{ColumnMapping, Field, Mapping, MappingSource, MappingSpec, detect_mapping};
pub use read::{HEADER_SEARCH_ROWS, precheck_file, read_table, read_table_with_progress};
pub use table::{Cell, DelimitedInfo, Row, SourceFormat, Table, column_index, column_letter};
pub use template::{template_bytes, write_template};
pub use values::{Currency, DecimalStyle, Every, Expiry, PeriodUnit};
pub use worker::{WorkerCommand, read_table_isolated, read_table_isolated_with_progress};

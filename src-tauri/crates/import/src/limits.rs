//! Caps that keep a hostile file from exhausting the machine, and the options of a read.

use std::time::Duration;

/// Resource caps for reading one file.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Limits {
    /// Largest file accepted, in bytes.
    pub max_file_bytes: u64,
    /// Most entries in a zip container (xlsx, ods).
    pub max_zip_entries: u64,
    /// Most bytes all zip entries may unpack to together (declared sizes).
    pub max_uncompressed_bytes: u64,
    /// Highest compression ratio of any one zip entry (uncompressed / compressed).
    pub max_ratio: u64,
    /// Most cells a sheet may declare (`<dimension ref>` rows x columns).
    pub max_cells: u64,
    /// Most data rows.
    pub max_rows: u64,
    /// Address-space cap of the reader process, in bytes (Unix `RLIMIT_AS`). The default,
    /// 1 GiB, is about four times what 100,000 template rows need (peak RSS ~210 MiB; the
    /// same file still reads under a 256 MiB cap).
    pub memory_bytes: u64,
    /// Wall-clock cap of the reader process.
    pub time_limit: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: 50 * 1024 * 1024,
            max_zip_entries: 10_000,
            max_uncompressed_bytes: 512 * 1024 * 1024,
            max_ratio: 200,
            max_cells: 20_000_000,
            max_rows: 200_000,
            memory_bytes: 1024 * 1024 * 1024,
            time_limit: Duration::from_secs(60),
        }
    }
}

/// Options of one read.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ReadOptions {
    /// Sheet to read; the first visible worksheet when `None`.
    pub sheet: Option<String>,
    /// Header row (1-based) when known; detected in the first rows when `None`.
    pub header_row: Option<usize>,
    /// Caps.
    pub limits: Limits,
}

/// Where a long read or validation stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Progress {
    /// What is being done.
    pub phase: Phase,
    /// Rows done so far.
    pub rows_done: u64,
    /// Estimated total rows (0 while unknown).
    pub rows_total_estimate: u64,
}

/// Phases of an import that report progress.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Phase {
    /// Reading the file into cells.
    Reading,
    /// Turning cells into typed rows.
    Mapping,
}

/// Rows between two progress reports.
pub const PROGRESS_EVERY: u64 = 5_000;

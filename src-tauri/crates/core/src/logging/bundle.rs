//! A support bundle: what an office sends when it calls about a problem. A zip of the log files
//! and a short `about.txt` (version, system, data folder, which migrations and store
//! environments the vault has): never the vault, its key file, the sandbox ledger or any card
//! data. The logs hold ids and codes only; every line is masked once more on the way in.

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};

use serde::Serialize;
use tahsildar_words::mask_digit_runs;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

use super::log_dir;
use crate::audit::{AuditAction, AuditResult};
use crate::auth::Session;
use crate::error::{Error, Result};
use crate::store::Environment;

/// Where the program and its files are, for Settings → About.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct About {
    pub version: String,
    /// e.g. `linux x86_64`.
    pub system: String,
    pub data_dir: String,
    pub log_dir: String,
}

impl About {
    pub fn of(data_root: &Path) -> About {
        About {
            version: env!("CARGO_PKG_VERSION").to_string(),
            system: format!("{} {}", std::env::consts::OS, std::env::consts::ARCH),
            data_dir: data_root.display().to_string(),
            log_dir: log_dir(data_root).display().to_string(),
        }
    }
}

/// What went into a bundle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct BundleSummary {
    /// Log files included.
    pub log_files: u32,
    /// Size of the zip file.
    pub bytes: u64,
}

/// The log files of a data folder, oldest first.
fn log_files(data_root: &Path) -> Result<Vec<PathBuf>> {
    let dir = log_dir(data_root);
    let entries = match std::fs::read_dir(&dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(Error::io(&dir, e)),
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "log"))
        .collect();
    files.sort();
    Ok(files)
}

/// The facts about this installation that help support, as text.
fn about_text(session: &Session) -> Result<String> {
    let vault = session.vault();
    let about = About::of(vault.dir().root());
    let migrations = vault.db().applied_migrations()?;
    let environments: Vec<(Environment, bool)> = vault.db().read(|c| {
        let mut stmt = c.prepare("SELECT environment, enabled FROM stores ORDER BY id")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    })?;
    let stores: Vec<String> = environments
        .iter()
        .map(|(env, enabled)| format!("{env}{}", if *enabled { "" } else { " (disabled)" }))
        .collect();
    Ok(format!(
        "Tahsildar {}\nsystem: {}\nwritten: {}\ndata folder: {}\nlog folder: {}\nvault: {}\nmigrations: {:?}\nstores: {}\n",
        about.version,
        about.system,
        vault.clock().now(),
        about.data_dir,
        about.log_dir,
        vault.vault_id(),
        migrations,
        stores.join(", "),
    ))
}

/// Writes the support bundle of the signed-in user's vault to `out` (replacing it); audited.
pub fn write_support_bundle(session: &Session, out: &Path) -> Result<BundleSummary> {
    session.touch()?;
    let root = session.vault().dir().root().to_path_buf();
    let about = about_text(session)?;
    let logs = log_files(&root)?;
    let zip_error = |e: zip::result::ZipError| Error::io(out, std::io::Error::other(e));
    let file = crate::paths::create_private(out, true)?;
    let mut zip = ZipWriter::new(file);
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    zip.start_file("about.txt", options).map_err(zip_error)?;
    zip.write_all(about.as_bytes())
        .map_err(|e| Error::io(out, e))?;
    for path in &logs {
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        zip.start_file(format!("logs/{name}"), options)
            .map_err(zip_error)?;
        let reader = BufReader::new(std::fs::File::open(path).map_err(|e| Error::io(path, e))?);
        for line in reader.lines() {
            let line = line.map_err(|e| Error::io(path, e))?;
            writeln!(zip, "{}", mask_digit_runs(&line)).map_err(|e| Error::io(out, e))?;
        }
    }
    zip.finish().map_err(zip_error)?;
    let bytes = std::fs::metadata(out).map_err(|e| Error::io(out, e))?.len();
    let summary = BundleSummary {
        log_files: u32::try_from(logs.len()).unwrap_or(u32::MAX),
        bytes,
    };
    session.vault().audit(
        session
            .record(AuditAction::SupportBundle, "logs", AuditResult::Ok)
            .with_detail(serde_json::json!({ "log_files": summary.log_files })),
    )?;
    tracing::info!(log_files = summary.log_files, "support bundle written");
    Ok(summary)
}

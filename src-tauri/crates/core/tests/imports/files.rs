//! Files to import: the import crate's committed fixtures, and CSV files written per test.

use std::path::{Path, PathBuf};

use tahsildar_core::import::{self, ImportReport, PreparedImport, Problem};
use tahsildar_core::{Session, import::ImportOptions};

/// A fixture of the import crate (read in place, never copied).
pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../import/tests/fixtures")
        .join(name)
}

/// Writes a UTF-8 CSV with the template's Turkish headers and these lines.
pub fn csv(dir: &Path, name: &str, header: &str, lines: &[&str]) -> PathBuf {
    let path = dir.join(name);
    let mut text = String::from(header);
    text.push('\n');
    for l in lines {
        text.push_str(l);
        text.push('\n');
    }
    std::fs::write(&path, text).unwrap();
    path
}

pub fn dry_run(session: &Session, store_id: i64, path: &Path) -> PreparedImport {
    import::dry_run(session, store_id, path, &ImportOptions::default()).unwrap()
}

/// (row, field key, severity, code) of every row-level problem.
pub fn row_problems(report: &ImportReport) -> Vec<(usize, Option<&'static str>, String, String)> {
    report
        .problems
        .iter()
        .filter(|p| p.row.is_some())
        .map(|p: &Problem| {
            (
                p.row.unwrap(),
                p.field.map(|f| f.key()),
                format!("{:?}", p.severity).to_lowercase(),
                p.code.clone(),
            )
        })
        .collect()
}

/// The report as JSON must never hold a clear card number.
pub fn assert_no_pan(report: &ImportReport) {
    let json = serde_json::to_string(report).unwrap();
    for pan in [
        "4355093000315232",
        "5218076007402834",
        "4000000000009995",
        "4000000000000069",
    ] {
        assert!(!json.contains(pan), "a clear card number in the report");
    }
}

/// Row counts of the tables an import writes, and the audit log.
pub fn counts(session: &Session) -> [i64; 6] {
    session
        .vault()
        .db()
        .read(|c| {
            let n = |t: &str| -> i64 {
                c.query_row(&format!("SELECT count(*) FROM {t}"), [], |r| r.get(0))
                    .unwrap()
            };
            Ok([
                n("customers"),
                n("cards"),
                n("plans"),
                n("payments"),
                n("import_batches"),
                n("audit_log"),
            ])
        })
        .unwrap()
}

//! Benchmark of a spreadsheet import (not a test).
//!
//! `cargo run --release -p tahsildar-core --example import_bench -- [rows]` (default 100000).
//! Writes the same rows as .xlsx (9 template columns) and as .csv, then for each: the dry run
//! (read in the capped child process, map, validate, report) and the commit into a fresh
//! vault; beside them the floors measured in the same run: a raw calamine read of the same
//! file (in a child process of its own, so its memory is not counted as ours) and a raw
//! SQLCipher insert of as many rows into a payments-like table in one transaction, and the same
//! rows written straight into the vault's four tables (what a commit has to store). Prints the
//! ratio end-to-end / (raw read + raw insert) (goal <= 1.5), the same against the vault-tables
//! floor, and the peak memory of this process and of the reader child (goal < 400 MB).
// getrusage (the peak memory and CPU time the benchmark prints) is a C call.
#![allow(unsafe_code)]

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use secrecy::SecretString;
use tahsildar_core::auth::users;
use tahsildar_core::import::{self, ImportOptions, ImportPhase};
use tahsildar_core::store;
use tahsildar_core::{Auth, DataDir, KdfParams, Origin, Protection, TestClock, Vault};

#[path = "common/import_rows.rs"]
mod import_rows;
#[path = "common/summary.rs"]
mod summary;

use import_rows::rows;

const HEADERS: [&str; 9] = [
    "Abone No",
    "Ad Soyad",
    "Kart No",
    "Son Kullanma",
    "Tutar",
    "Para Birimi",
    "Taksit",
    "Vade Tarihi",
    "Açıklama",
];

/// Peak resident memory (VmHWM) of this process in MiB.
fn peak_mib() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|kb| kb.parse::<f64>().ok())
        .map(|kb| kb / 1024.0)
        .unwrap_or(0.0)
}

/// The largest peak resident memory of the child processes waited for so far, in MiB.
fn children_peak_mib() -> f64 {
    // SAFETY: getrusage only writes into the struct it is given.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let rc = unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) };
    if rc == 0 {
        usage.ru_maxrss as f64 / 1024.0
    } else {
        0.0
    }
}

fn write_xlsx(path: &Path, n: usize) {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let text = rust_xlsxwriter::Format::new().set_num_format("@");
    let amount = rust_xlsxwriter::Format::new().set_num_format("#,##0.00");
    let date = rust_xlsxwriter::Format::new().set_num_format("dd.mm.yyyy");
    let ws = wb.add_worksheet();
    ws.set_name("Tahsilatlar").unwrap();
    for (c, h) in HEADERS.iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    for (i, r) in rows(n).enumerate() {
        let at = i as u32 + 1;
        ws.write_string_with_format(at, 0, &r.reference, &text)
            .unwrap();
        ws.write_string(at, 1, &r.name).unwrap();
        ws.write_string_with_format(at, 2, r.pan, &text).unwrap();
        ws.write_string_with_format(at, 3, r.expiry, &text).unwrap();
        ws.write_number_with_format(at, 4, r.amount_minor as f64 / 100.0, &amount)
            .unwrap();
        ws.write_string(at, 5, "TRY").unwrap();
        ws.write_number(at, 6, f64::from(r.installments)).unwrap();
        let due = rust_xlsxwriter::ExcelDateTime::from_ymd(2026, 12, r.due_day).unwrap();
        ws.write_datetime_with_format(at, 7, &due, &date).unwrap();
        ws.write_string(at, 8, "Aralık aidatı").unwrap();
    }
    wb.save(path).unwrap();
}

fn write_csv(path: &Path, n: usize) {
    use std::io::Write;
    let mut out = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    writeln!(out, "{}", HEADERS.join(";")).unwrap();
    for r in rows(n) {
        writeln!(
            out,
            "{};{};{};{};{},{:02};TRY;{};{:02}.12.2026;Aralık aidatı",
            r.reference,
            r.name,
            r.pan,
            r.expiry,
            r.amount_minor / 100,
            r.amount_minor % 100,
            r.installments,
            r.due_day
        )
        .unwrap();
    }
}

/// The raw-read floor, run in a child process: calamine for a workbook, a plain split of the
/// lines for text. Prints the cells seen and the seconds taken.
fn raw_read(path: &Path) {
    let started = Instant::now();
    let mut cells = 0usize;
    if path.extension().is_some_and(|e| e == "xlsx") {
        use calamine::{DataType, Reader};
        let mut book = calamine::open_workbook_auto(path).unwrap();
        let sheet = book.sheet_names()[0].clone();
        let range = book.worksheet_range(&sheet).unwrap();
        for row in range.rows() {
            cells += row.iter().filter(|c| !c.is_empty()).count();
        }
    } else {
        let text = std::fs::read_to_string(path).unwrap();
        for line in text.lines() {
            cells += line.split(';').count();
        }
    }
    println!("{cells} {}", started.elapsed().as_secs_f64());
}

fn raw_read_in_child(path: &Path) -> Duration {
    let out = std::process::Command::new(std::env::current_exe().unwrap())
        .arg("--raw-read")
        .arg(path)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    let secs: f64 = text
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .expect("the raw read printed its time");
    Duration::from_secs_f64(secs)
}

/// The raw-insert floor: `n` rows into a payments-like table (same column kinds, two
/// indexes) of a fresh SQLCipher file, keyed, WAL, synchronous FULL, one transaction.
fn raw_insert(dir: &Path, n: usize) -> Duration {
    let path = dir.join("raw.db");
    let mut conn = rusqlite::Connection::open(&path).unwrap();
    conn.pragma_update(None, "key", format!("x'{}'", "ab".repeat(32)))
        .unwrap();
    conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get::<_, String>(0))
        .unwrap();
    conn.pragma_update(None, "synchronous", "FULL").unwrap();
    conn.execute_batch(
        "CREATE TABLE payments (
            id INTEGER PRIMARY KEY, plan_id INTEGER NOT NULL, store_id INTEGER NOT NULL,
            occurrence INTEGER NOT NULL, due_date TEXT NOT NULL, amount_minor INTEGER NOT NULL,
            currency INTEGER NOT NULL, status TEXT NOT NULL, next_try_on TEXT, card_id INTEGER,
            batch_id INTEGER, updated_at TEXT NOT NULL, UNIQUE (plan_id, occurrence));
         CREATE INDEX payments_due ON payments (status, next_try_on);",
    )
    .unwrap();
    let started = Instant::now();
    let tx = conn.transaction().unwrap();
    {
        let mut stmt = tx
            .prepare(
                "INSERT INTO payments (plan_id, store_id, occurrence, due_date, amount_minor, currency,
                     status, next_try_on, card_id, batch_id, updated_at)
                 VALUES (?1, 1, 0, ?2, ?3, 949, 'scheduled', ?2, ?4, 1, ?5)",
            )
            .unwrap();
        let now = jiff::Timestamp::now().to_string();
        for (i, r) in rows(n).enumerate() {
            let due = format!("2026-12-{:02}", r.due_day);
            stmt.execute(rusqlite::params![
                i as i64,
                due,
                r.amount_minor,
                i as i64,
                now
            ])
            .unwrap();
        }
    }
    tx.commit().unwrap();
    started.elapsed()
}

/// The vault-tables floor (see [`import_rows::vault_tables`]) in a fresh vault of its own.
fn schema_insert(dir: &Path, n: usize) -> Duration {
    let (vault, _session, store_id) = fresh_vault(dir, "schema-floor");
    import_rows::vault_tables(&vault, store_id, n)
}

/// User + system CPU time of this process so far.
fn cpu() -> Duration {
    // SAFETY: getrusage only writes into the struct it is given.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut usage) };
    let t = |tv: libc::timeval| Duration::new(tv.tv_sec as u64, tv.tv_usec as u32 * 1000);
    t(usage.ru_utime) + t(usage.ru_stime)
}

struct Measured {
    /// When the reader's table arrived, and when validation started, from the progress.
    read: Duration,
    mapped: Duration,
    dry_run: Duration,
    commit: Duration,
    commit_cpu: Duration,
    ok: usize,
    payments: i64,
}

fn fresh_vault(dir: &Path, name: &str) -> (Arc<Vault>, tahsildar_core::Session, i64) {
    let data = DataDir::new(dir.join(name));
    let clock = Arc::new(TestClock::new("2026-11-27T07:00:00Z".parse().unwrap()));
    let protection = Protection::Passphrase {
        passphrase: SecretString::from("bench passphrase".to_string()),
        params: KdfParams::TEST_ONLY_FAST,
    };
    let (vault, _) = Vault::create(&data, &protection, clock).unwrap();
    let password = SecretString::from("bench password 1".to_string());
    users::create_first_admin(&vault, "admin", &password, Origin::Cli).unwrap();
    let vault = Arc::new(vault);
    let session = Auth::new(vault.clone())
        .sign_in("admin", &password, Origin::Cli)
        .unwrap();
    let store_id = vault
        .db()
        .read(|c| store::find_by_name(c, "Sandbox"))
        .unwrap();
    (vault, session, store_id)
}

fn import(dir: &Path, file: &Path) -> Measured {
    let name = format!("vault-{}", file.extension().unwrap().to_string_lossy());
    let (_vault, session, store_id) = fresh_vault(dir, &name);
    let started = Instant::now();
    let (mut read, mut mapped) = (Duration::ZERO, Duration::ZERO);
    let prepared = import::dry_run_with_progress(
        &session,
        store_id,
        file,
        &ImportOptions::default(),
        &mut |p| match p.phase {
            ImportPhase::Mapping if read.is_zero() => read = started.elapsed(),
            ImportPhase::Validating if mapped.is_zero() => mapped = started.elapsed(),
            _ => {}
        },
    )
    .unwrap();
    let dry_run = started.elapsed();
    assert_eq!(
        prepared.report.errors,
        0,
        "{:?}",
        &prepared.report.problems[..3.min(prepared.report.problems.len())]
    );
    let started = Instant::now();
    let cpu_before = cpu();
    let batch = import::commit(&session, &prepared).unwrap();
    let commit = started.elapsed();
    let commit_cpu = cpu() - cpu_before;
    Measured {
        read,
        mapped,
        dry_run,
        commit,
        commit_cpu,
        ok: prepared.report.ok,
        payments: batch.payments,
    }
}

fn secs(d: Duration) -> String {
    format!("{:.2} s", d.as_secs_f64())
}

fn main() {
    import::run_if_worker();
    let args: Vec<String> = std::env::args().collect();
    if args.get(1).map(String::as_str) == Some("--raw-read") {
        raw_read(Path::new(&args[2]));
        return;
    }
    let n: usize = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(100_000);
    let tmp = tempfile::tempdir().unwrap();
    let xlsx: PathBuf = tmp.path().join("tahsilatlar.xlsx");
    let csv: PathBuf = tmp.path().join("tahsilatlar.csv");
    write_xlsx(&xlsx, n);
    write_csv(&csv, n);
    let size = |p: &Path| std::fs::metadata(p).unwrap().len() as f64 / 1e6;
    println!(
        "{n} rows, 9 columns: xlsx {:.1} MB, csv {:.1} MB",
        size(&xlsx),
        size(&csv)
    );
    let insert = raw_insert(tmp.path(), n);
    println!(
        "floor  raw SQLCipher insert of {n} rows, one transaction: {}",
        secs(insert)
    );
    let schema = schema_insert(tmp.path(), n);
    println!(
        "floor  the same rows straight into the vault's tables (customer, card, plan, payment), one transaction: {}",
        secs(schema)
    );
    let mut results = Vec::new();
    for file in [&xlsx, &csv] {
        let m = import(tmp.path(), file);
        results.push((file, m));
    }
    let child_peak = children_peak_mib();
    let own_peak = peak_mib();
    for (file, m) in &results {
        let kind = file.extension().unwrap().to_string_lossy().to_string();
        let read = raw_read_in_child(file);
        let end_to_end = m.dry_run + m.commit;
        println!(
            "{kind:4}  floor raw read {} | dry run {} (child read {}, map {}, validate+report {}) | commit {} (cpu {}; {} rows, {} payments) | end to end {} | ratio end-to-end / (raw read + raw insert) = {:.2} (goal <= 1.5); end-to-end / (raw read + vault-tables floor) = {:.2}; commit / vault-tables floor = {:.2}",
            secs(read),
            secs(m.dry_run),
            secs(m.read),
            secs(m.mapped.saturating_sub(m.read)),
            secs(m.dry_run.saturating_sub(m.mapped)),
            secs(m.commit),
            secs(m.commit_cpu),
            m.ok,
            m.payments,
            secs(end_to_end),
            end_to_end.as_secs_f64() / (read + insert).as_secs_f64(),
            end_to_end.as_secs_f64() / (read + schema).as_secs_f64(),
            m.commit.as_secs_f64() / schema.as_secs_f64()
        );
        let size = format!("{n} rows, {kind}");
        summary::record(
            "import commit",
            &size,
            m.commit.as_secs_f64(),
            "s",
            Some(schema.as_secs_f64()),
            summary::Target::None,
        );
        summary::record(
            "import end to end (dry run + commit)",
            &size,
            end_to_end.as_secs_f64(),
            "s",
            Some((read + schema).as_secs_f64()),
            summary::Target::FloorTimes(1.3),
        );
    }
    for (figure, mib) in [
        ("import peak memory, this process", own_peak),
        ("import peak memory, reader child", child_peak),
    ] {
        summary::record(
            figure,
            &format!("{n} rows"),
            mib,
            "MiB",
            None,
            summary::Target::Below(400.0),
        );
    }
    println!(
        "peak memory: this process {own_peak:.0} MiB, reader child {child_peak:.0} MiB (goal < 400 MB each)"
    );
}

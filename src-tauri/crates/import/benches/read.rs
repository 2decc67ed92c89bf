//! Reading benchmark: 100,000 template rows as xlsx and as CSV, read and mapped through the
//! reader process, beside the floor of a raw calamine read and a raw csv read of the same files
//! in this process. Prints wall and CPU times (CPU: this process and its reader processes,
//! user + system; steadier on a busy machine). Run with `cargo bench -p tahsildar-import`.
// getrusage (the peak memory and CPU time the benchmark prints) is a C call.
#![allow(unsafe_code)]

use std::io::Write;
use std::path::Path;
use std::time::{Duration, Instant};

use calamine::{Reader, open_workbook_auto};
use tahsildar_import::template::{TEMPLATE_FIELDS, TemplateFormats, template_workbook, write_row};
use tahsildar_import::{
    Limits, ReadOptions, WorkerCommand, detect_mapping, map_rows, read_table, read_table_isolated,
};

const ROWS: u32 = 100_000;
const RUNS: usize = 3;

/// Best wall and best CPU time of a few runs.
#[derive(Clone, Copy)]
struct Timing {
    wall: Duration,
    cpu: Duration,
}

fn main() {
    // This binary is its own reader process.
    tahsildar_import::worker::run_if_worker();
    let dir = tempfile::tempdir().expect("temp dir");
    let xlsx = dir.path().join("bench.xlsx");
    let csv = dir.path().join("bench.csv");
    let started = Instant::now();
    write_files(&xlsx, &csv);
    println!(
        "generated {ROWS} rows x {} columns in {:.1} s: xlsx {:.1} MB, csv {:.1} MB",
        TEMPLATE_FIELDS.len(),
        started.elapsed().as_secs_f64(),
        mb(&xlsx),
        mb(&csv)
    );
    let worker = WorkerCommand::current_exe().expect("current exe");
    let options = ReadOptions::default();

    for (label, path) in [("xlsx", &xlsx), ("csv", &csv)] {
        let floor = best(|| {
            if label == "xlsx" {
                let mut book = open_workbook_auto(path).unwrap();
                let name = book.sheet_names()[0].clone();
                let range = book.worksheet_range(&name).unwrap();
                assert_eq!(range.height(), ROWS as usize + 1);
            } else {
                let mut reader = csv::ReaderBuilder::new()
                    .delimiter(b';')
                    .has_headers(false)
                    .from_path(path)
                    .unwrap();
                let records: Vec<csv::StringRecord> =
                    reader.records().map(Result::unwrap).collect();
                assert_eq!(records.len(), ROWS as usize + 1);
            }
        });
        let read_in_process = best(|| {
            read_table(path, &options).unwrap();
        });
        let table = read_table(path, &options).unwrap();
        let mapping = detect_mapping(&table.headers);
        let map_only = best(|| {
            map_rows(&table, &mapping);
        });
        drop(table);
        let isolated = best(|| {
            let table = read_table_isolated(path, &options, &worker).unwrap();
            assert_eq!(table.rows.len(), ROWS as usize);
        });
        let total = best(|| {
            let table = read_table_isolated(path, &options, &worker).unwrap();
            let batch = map_rows(&table, &detect_mapping(&table.headers));
            assert_eq!(batch.rows.len(), ROWS as usize);
            assert_eq!(batch.rows_with_errors(), 0);
        });
        let floor_name = if label == "xlsx" {
            "floor: raw calamine range"
        } else {
            "floor: raw csv records"
        };
        println!("{label}: wall ms (cpu ms), best of {RUNS}");
        for (name, t) in [
            (floor_name, floor),
            ("read_table in-process", read_in_process),
            ("map_rows", map_only),
            ("read_table_isolated", isolated),
            ("isolated read + map", total),
        ] {
            println!("  {name:26} {:8.1} ({:8.1})", ms(t.wall), ms(t.cpu));
        }
        println!(
            "  isolated read + map / floor: {:.2}x wall, {:.2}x cpu",
            ratio(total.wall, floor.wall),
            ratio(total.cpu, floor.cpu)
        );
    }
    println!(
        "reader process peak RSS (max over runs): {:.0} MiB",
        children_maxrss_mib()
    );

    // How low the address-space cap can go for this file.
    for mib in [256u64, 512, 1024] {
        let limits = Limits {
            memory_bytes: mib << 20,
            ..Limits::default()
        };
        let result = read_table_isolated(
            &xlsx,
            &ReadOptions {
                limits,
                ..ReadOptions::default()
            },
            &worker,
        );
        println!(
            "xlsx under a {mib} MiB address-space cap: {}",
            match result {
                Ok(t) => format!("ok ({} rows)", t.rows.len()),
                Err(e) => format!("refused: {}", e.code()),
            }
        );
    }
}

fn write_files(xlsx: &Path, csv_path: &Path) {
    let mut wb = template_workbook(jiff::civil::date(2026, 11, 27)).unwrap();
    let f = TemplateFormats::new();
    let ws = wb.worksheet_from_index(0).unwrap();
    let mut csv = std::io::BufWriter::new(std::fs::File::create(csv_path).unwrap());
    let headers: Vec<&str> = TEMPLATE_FIELDS.iter().map(|f| f.header_tr()).collect();
    writeln!(csv, "{}", headers.join(";")).unwrap();
    let cards = ["4355093000315232", "5218076007402834"];
    for i in 0..ROWS {
        let reference = format!("D-{i}");
        let name = format!("Müşteri Adı {i}");
        let amount = format!("{}.{:02}", 100 + i % 5000, i % 100);
        let amount_tr = amount.replace('.', ",");
        let due = format!("2027-{:02}-{:02}", i % 12 + 1, i % 28 + 1);
        let due_tr = format!("{:02}.{:02}.2027", i % 28 + 1, i % 12 + 1);
        let every = if i % 2 == 0 { "aylık" } else { "" };
        let count = if i % 2 == 0 { "12" } else { "" };
        let email = format!("musteri{i}@example.com");
        let values = [
            reference.as_str(),
            name.as_str(),
            cards[i as usize % 2],
            "11/28",
            amount.as_str(),
            "TRY",
            "1",
            due.as_str(),
            every,
            count,
            "Aidat",
            "",
            "",
            email.as_str(),
            "05321234567",
            // No signed instruction on file: its date and reference stay empty.
            "",
            "",
        ];
        write_row(ws, i + 1, &values, &f).unwrap();
        let mut text = values;
        text[4] = &amount_tr;
        text[7] = &due_tr;
        writeln!(csv, "{}", text.join(";")).unwrap();
    }
    wb.save(xlsx).unwrap();
}

fn best(mut f: impl FnMut()) -> Timing {
    let mut wall = Duration::MAX;
    let mut cpu = Duration::MAX;
    for _ in 0..RUNS {
        let c = cpu_time();
        let t = Instant::now();
        f();
        wall = wall.min(t.elapsed());
        cpu = cpu.min(cpu_time().saturating_sub(c));
    }
    Timing { wall, cpu }
}

/// User + system CPU time of this process and its waited-for children.
fn cpu_time() -> Duration {
    let mut total = Duration::ZERO;
    #[cfg(unix)]
    for who in [libc::RUSAGE_SELF, libc::RUSAGE_CHILDREN] {
        // SAFETY: getrusage writes into the struct we own.
        let mut u: libc::rusage = unsafe { std::mem::zeroed() };
        if unsafe { libc::getrusage(who, &mut u) } == 0 {
            for tv in [u.ru_utime, u.ru_stime] {
                total += Duration::from_secs(tv.tv_sec as u64)
                    + Duration::from_micros(tv.tv_usec as u64);
            }
        }
    }
    total
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn ratio(a: Duration, b: Duration) -> f64 {
    a.as_secs_f64() / b.as_secs_f64()
}

fn mb(p: &Path) -> f64 {
    std::fs::metadata(p).unwrap().len() as f64 / (1024.0 * 1024.0)
}

fn children_maxrss_mib() -> f64 {
    #[cfg(unix)]
    {
        // SAFETY: getrusage writes into the struct we own.
        let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
        if unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) } == 0 {
            return usage.ru_maxrss as f64 / 1024.0; // kilobytes on Linux
        }
    }
    f64::NAN
}

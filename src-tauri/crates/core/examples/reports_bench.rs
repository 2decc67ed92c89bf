//! Benchmark of the dashboard, the reports and the exports on a large vault (not a test).
//!
//! `cargo run --release -p tahsildar-core --example reports_bench -- [sizes] [export rows]`
//! (defaults `100000` and 100000; sizes are comma-separated, e.g. `10000,100000,1000000`). For
//! each size, fills a SQLCipher vault with that many payments due over ten years (nine before
//! today, one after; one customer per hundred payments) and times what the window asks for when
//! the dashboard opens, each report page and a customer's ledger, beside the floor measured on
//! the same file (a bare indexed count of this month's payments); one table shows how each
//! figure grows with the vault. Then exports the first `export rows` payments of a vault of the
//! last size to XLSX and CSV, beside the floor: reading the same rows, then writing the same
//! cells bare (rust_xlsxwriter, or `;`-joined lines).

use std::io::Write;
use std::time::{Duration, Instant};

use tahsildar_core::export::{ExportFormat, ExportRequest, export};
use tahsildar_core::payments::page::{self, PaymentQuery};
use tahsildar_core::payments::queue::queue;
use tahsildar_core::plan;
use tahsildar_core::reports::arrears::{ArrearsQuery, ArrearsSort, arrears};
use tahsildar_core::reports::ledger::{LedgerQuery, ledger};
use tahsildar_core::reports::summary::{SummaryQuery, summary};
use tahsildar_core::reports::upcoming::{UpcomingQuery, upcoming};
use tahsildar_core::{Lang, Session, SystemClock};

#[path = "common/vault.rs"]
mod common;
#[path = "common/summary.rs"]
mod summary;

use common::{Bench, median, ms};

const RUNS: u32 = 10;

/// The peak resident memory of this process so far (Linux), in MiB.
fn peak_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}

/// One timed figure at each vault size, and its target.
struct Line {
    name: String,
    target_ms: f64,
    took: Vec<Duration>,
}

/// Times each figure at one vault size and appends it to its line (made at the first size).
fn measure(lines: &mut Vec<Line>, admin: &Session, today: jiff::civil::Date) {
    let mut k = 0;
    let mut timed = |name: &str, target_ms: f64, f: &mut dyn FnMut()| {
        if lines.len() == k {
            lines.push(Line {
                name: name.to_string(),
                target_ms,
                took: Vec::new(),
            });
        }
        lines[k].took.push(median(RUNS, f));
        k += 1;
    };
    timed("dashboard: all it asks for", 100.0, &mut || {
        dashboard(admin, today)
    });
    let span = |from: jiff::civil::Date, to: jiff::civil::Date| SummaryQuery {
        store_id: None,
        from,
        to,
    };
    let month = span(today.first_of_month(), today.last_of_month());
    timed("summary of this month", 100.0, &mut || {
        summary(admin, &month).expect("summary");
    });
    let year = span(
        today
            .checked_sub(jiff::Span::new().days(364))
            .expect("date"),
        today,
    );
    timed("summary of the last 12 months", 100.0, &mut || {
        summary(admin, &year).expect("summary");
    });
    for (name, sort) in [
        ("arrears, first page by amount", ArrearsSort::Amount),
        ("arrears, first page by name", ArrearsSort::Name),
    ] {
        let query = ArrearsQuery {
            sort,
            ..ArrearsQuery::default()
        };
        timed(name, 100.0, &mut || {
            arrears(admin, &query).expect("arrears");
        });
    }
    for days in [7, 30] {
        let ahead = UpcomingQuery {
            store_id: None,
            days: Some(days),
        };
        timed(&format!("upcoming {days} days"), 100.0, &mut || {
            upcoming(admin, &ahead).expect("upcoming");
        });
    }
    timed("attention queue", 100.0, &mut || {
        queue(admin, None).expect("queue");
    });
    let one = LedgerQuery {
        customer_id: 1,
        as_of: None,
        plan_id: None,
    };
    timed("ledger of one customer", 10.0, &mut || {
        ledger(admin, &one).expect("ledger");
    });
}

/// What the dashboard asks for when it opens: today's, this month's and the last 30 days'
/// summaries, the coming week and the attention queue.
fn dashboard(admin: &Session, today: jiff::civil::Date) {
    let month_start = today.first_of_month();
    let month_end = today.last_of_month();
    let chart_from = today.checked_sub(jiff::Span::new().days(29)).expect("date");
    for (from, to) in [
        (today, today),
        (month_start, month_end),
        (chart_from, today),
    ] {
        summary(
            admin,
            &SummaryQuery {
                store_id: None,
                from,
                to,
            },
        )
        .expect("summary");
    }
    upcoming(
        admin,
        &UpcomingQuery {
            store_id: None,
            days: Some(7),
        },
    )
    .expect("upcoming");
    queue(admin, None).expect("queue");
}

/// A vault of ten years: `payments` due over the nine years before today and the year after.
fn ten_years(payments: u64, today: jiff::civil::Date) -> Bench {
    let first_due = today
        .checked_sub(jiff::Span::new().days(9 * 365))
        .expect("date");
    Bench::filled(payments, first_due, 10 * 365)
}

fn main() {
    let mut args = std::env::args().skip(1);
    let sizes: Vec<u64> = args
        .next()
        .unwrap_or_else(|| "100000".into())
        .split(',')
        .map(|n| n.parse().expect("a number of payments"))
        .collect();
    let export_rows: u32 = args.next().and_then(|a| a.parse().ok()).unwrap_or(100_000);
    let today = plan::today(&SystemClock);

    let mut lines: Vec<Line> = Vec::new();
    let mut floors = Vec::new();
    let mut last = None;
    for &payments in &sizes {
        let bench = ten_years(payments, today);
        let month = (
            today.first_of_month().to_string(),
            today.last_of_month().to_string(),
        );
        floors.push(median(RUNS, || {
            bench
                .vault
                .db()
                .read(|c| {
                    Ok(c.query_row(
                        "SELECT count(*) FROM payments WHERE due_date BETWEEN ?1 AND ?2",
                        [&month.0, &month.1],
                        |r| r.get::<_, i64>(0),
                    )?)
                })
                .expect("floor");
        }));
        measure(&mut lines, &bench.admin, today);
        last = Some(bench);
    }
    let header: Vec<String> = sizes.iter().map(|n| format!("{n} payments")).collect();
    println!(
        "\n| figure (median of {RUNS}, ms) | {} | target |",
        header.join(" | ")
    );
    println!("|---|{}---|", "---|".repeat(sizes.len()));
    let row = |name: &str, took: &[Duration], target: &str| {
        let cells: Vec<String> = took.iter().map(|t| format!("{:.2}", ms(*t))).collect();
        println!("| {name} | {} | {target} |", cells.join(" | "));
    };
    row(
        "floor: bare indexed count of this month's payments",
        &floors,
        "",
    );
    for line in &lines {
        let worst = line.took.iter().max().copied().unwrap_or_default();
        let verdict = if ms(worst) < line.target_ms {
            "pass"
        } else {
            "FAIL"
        };
        row(
            &line.name,
            &line.took,
            &format!("< {} ms {verdict}", line.target_ms),
        );
        for (size, (took, floor)) in sizes.iter().zip(line.took.iter().zip(&floors)) {
            summary::record(
                &line.name,
                &format!("{size} payments"),
                ms(*took),
                "ms",
                Some(ms(*floor)),
                summary::Target::Below(line.target_ms),
            );
        }
    }

    // Exports of the first `export_rows` payments by due date, on the vault of the last size.
    let Bench {
        vault, admin, _tmp, ..
    } = last.expect("a size");
    let last_due: String = vault
        .db()
        .read(|c| {
            Ok(c.query_row(
                "SELECT max(due_date) FROM (SELECT due_date FROM payments ORDER BY due_date LIMIT ?1)",
                [export_rows],
                |r| r.get(0),
            )?)
        })
        .expect("last due date");
    let query = PaymentQuery {
        due_to: last_due.parse().ok(),
        ..PaymentQuery::default()
    };
    let started = Instant::now();
    let rows = page::all(&admin, &query).expect("rows");
    let read = started.elapsed();
    let request = ExportRequest::Payments { query };
    let dir = tempfile::tempdir().expect("tempdir");
    let cells = |r: &tahsildar_core::payments::PaymentRow| {
        [
            r.due_date.clone(),
            r.customer_ref.clone(),
            r.customer_name.clone(),
            r.store.clone(),
            r.masked_pan.clone().unwrap_or_default(),
            r.status.as_str().to_string(),
            r.order_id.clone().unwrap_or_default(),
        ]
    };
    let started = Instant::now();
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (i, r) in rows.iter().enumerate() {
        let row = i as u32 + 1;
        for (col, text) in cells(r).iter().enumerate() {
            sheet.write_string(row, col as u16, text).expect("cell");
        }
        sheet
            .write_number(row, 7, r.amount_minor as f64 / 100.0)
            .expect("cell");
    }
    book.save(dir.path().join("bare.xlsx")).expect("save");
    let bare_xlsx = started.elapsed();
    let started = Instant::now();
    let mut out =
        std::io::BufWriter::new(std::fs::File::create(dir.path().join("bare.csv")).expect("file"));
    for r in &rows {
        writeln!(out, "{};{}", cells(r).join(";"), r.amount).expect("line");
    }
    out.flush().expect("flush");
    let bare_csv = started.elapsed();
    println!(
        "floor: reading {} rows {:.0} ms, writing their cells bare: xlsx {:.0} ms, csv {:.0} ms",
        rows.len(),
        ms(read),
        ms(bare_xlsx),
        ms(bare_csv)
    );
    for (format, bare, file) in [
        (ExportFormat::Xlsx, bare_xlsx, "export.xlsx"),
        (ExportFormat::Csv, bare_csv, "export.csv"),
    ] {
        let started = Instant::now();
        let written =
            export(&admin, &request, format, Lang::Tr, &dir.path().join(file)).expect("export");
        let took = started.elapsed();
        println!(
            "export {file}: {} rows, {:.1} MB in {:.0} ms  [{:.2}x reading + writing bare]",
            written.rows,
            written.bytes as f64 / 1e6,
            ms(took),
            took.as_secs_f64() / (read + bare).as_secs_f64()
        );
    }
    match peak_mib() {
        Some(mib) => println!("peak memory {mib:.0} MiB"),
        None => println!("peak memory: not measured on this system"),
    }
}

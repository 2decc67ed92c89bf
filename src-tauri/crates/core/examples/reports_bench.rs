//! Benchmark of the dashboard, the reports and the exports on a large vault (not a test).
//!
//! `cargo run --release -p tahsildar-core --example reports_bench -- [payments] [export rows]`
//! (defaults 100000 and 100000). Fills a SQLCipher vault with that many payments due in the year
//! before and the year after today (1,000 customers), then times what the window asks for when
//! the dashboard opens, each report page and a customer's ledger, beside the floor measured on
//! the same file (a bare indexed count of one month's payments). Then exports the first
//! `export rows` payments to XLSX and CSV, beside the floor: reading the same rows, then writing
//! the same cells bare (rust_xlsxwriter, or `;`-joined lines).

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

use common::{Bench, median, ms};

const RUNS: u32 = 10;

/// The peak resident memory of this process so far (Linux), in MiB.
fn peak_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}

fn report(name: &str, took: Duration, floor: Duration) {
    println!(
        "{name}: {:.2} ms  [{:.1}x the floor]",
        ms(took),
        took.as_secs_f64() / floor.as_secs_f64()
    );
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

fn main() {
    let mut args = std::env::args().skip(1);
    let payments: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(100_000);
    let export_rows: u32 = args.next().and_then(|a| a.parse().ok()).unwrap_or(100_000);
    let today = plan::today(&SystemClock);
    let first_due = today
        .checked_sub(jiff::Span::new().days(365))
        .expect("date");
    let Bench {
        vault, admin, _tmp, ..
    } = Bench::filled(payments, first_due);

    let month = (today.first_of_month(), today.last_of_month());
    let floor = median(RUNS, || {
        vault
            .db()
            .read(|c| {
                Ok(c.query_row(
                    "SELECT count(*) FROM payments WHERE due_date BETWEEN ?1 AND ?2",
                    [month.0.to_string(), month.1.to_string()],
                    |r| r.get::<_, i64>(0),
                )?)
            })
            .expect("floor");
    });
    println!(
        "floor: bare count of this month's payments {:.2} ms",
        ms(floor)
    );

    report(
        "dashboard (3 summaries, 7 days ahead, attention queue)",
        median(RUNS, || dashboard(&admin, today)),
        floor,
    );
    let summaries = [
        ("summary of this month", month.0, month.1),
        (
            "summary of the two years",
            first_due,
            today
                .checked_add(jiff::Span::new().days(365))
                .expect("date"),
        ),
    ];
    for (name, from, to) in summaries {
        let query = SummaryQuery {
            store_id: None,
            from,
            to,
        };
        report(
            name,
            median(RUNS, || {
                summary(&admin, &query).expect("summary");
            }),
            floor,
        );
    }
    for (name, sort) in [
        ("arrears, first page by amount", ArrearsSort::Amount),
        ("arrears, first page by name", ArrearsSort::Name),
    ] {
        let query = ArrearsQuery {
            sort,
            ..ArrearsQuery::default()
        };
        report(
            name,
            median(RUNS, || {
                arrears(&admin, &query).expect("arrears");
            }),
            floor,
        );
    }
    let ahead = UpcomingQuery {
        store_id: None,
        days: Some(30),
    };
    report(
        "upcoming 30 days",
        median(RUNS, || {
            upcoming(&admin, &ahead).expect("upcoming");
        }),
        floor,
    );
    let one = LedgerQuery {
        customer_id: 1,
        as_of: None,
        plan_id: None,
    };
    let mut lines = 0;
    let took = median(RUNS, || {
        lines = ledger(&admin, &one).expect("ledger").lines.len()
    });
    report(
        &format!("ledger of one customer ({lines} lines)"),
        took,
        floor,
    );

    // Exports of the first `export_rows` payments by due date.
    let query = PaymentQuery {
        due_to: None,
        ..PaymentQuery::default()
    };
    let started = Instant::now();
    let mut rows = page::all(&admin, &query).expect("rows");
    rows.truncate(export_rows as usize);
    let read = started.elapsed();
    let last_due = rows.last().map(|r| r.due_date.clone()).unwrap_or_default();
    let request = ExportRequest::Payments {
        query: PaymentQuery {
            due_to: last_due.parse().ok(),
            ..query
        },
    };
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

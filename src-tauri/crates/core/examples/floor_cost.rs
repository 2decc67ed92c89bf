//! What the import's vault-tables floor costs, index by index and trigger by trigger (not a
//! test).
//!
//! `cargo run --release -p tahsildar-core --example floor_cost -- [rows]` (default 50000).
//! Writes the floor's rows (see `common/import_rows.rs`) into a fresh vault as it is, then into
//! fresh vaults each without one of the secondary indexes or triggers of the four tables a
//! commit writes, and without all of them. The difference to the vault as it is, is what that
//! index or trigger costs an import. Each figure is the median of three writes, counted in the
//! writing thread's CPU time (the floor is CPU-bound), so that other work on the machine does
//! not blur differences of a tenth of a second.
// clock_gettime (the thread's CPU time) is a C call.
#![allow(unsafe_code)]

use std::time::Duration;

#[path = "common/vault.rs"]
mod common;
#[path = "common/import_rows.rs"]
mod import_rows;

/// CPU time of the calling thread so far.
fn thread_cpu() -> Duration {
    let mut t = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime only writes into the struct it is given.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut t) };
    Duration::new(t.tv_sec as u64, t.tv_nsec as u32)
}

/// The median CPU time of writing the floor's rows into a fresh vault after running `setup`
/// on it.
fn floor_without(n: usize, setup: &str) -> Duration {
    let mut times: Vec<Duration> = (0..3)
        .map(|_| {
            let bench = common::Bench::empty();
            bench
                .vault
                .db()
                .write(|tx| Ok(tx.execute_batch(setup)?))
                .expect("drop");
            let before = thread_cpu();
            import_rows::vault_tables(&bench.vault, bench.store_id, n);
            thread_cpu() - before
        })
        .collect();
    times.sort();
    times[1]
}

/// The secondary indexes and triggers of the tables an import writes: (kind, name, table).
fn objects() -> Vec<(String, String, String)> {
    let bench = common::Bench::empty();
    bench
        .vault
        .db()
        .read(|c| {
            let mut stmt = c.prepare(
                "SELECT type, name, tbl_name FROM sqlite_master
                 WHERE type IN ('index', 'trigger') AND sql IS NOT NULL
                   AND tbl_name IN ('customers', 'cards', 'plans', 'payments')
                 ORDER BY tbl_name, type, name",
            )?;
            let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
            Ok(rows.collect::<Result<Vec<_>, _>>()?)
        })
        .expect("schema")
}

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(50_000);
    let drop = |(kind, name, _): &(String, String, String)| {
        format!("DROP {} {name};", kind.to_uppercase())
    };
    let objects = objects();
    let whole = floor_without(n, "");
    let bare = floor_without(n, &objects.iter().map(drop).collect::<String>());
    let secs = |d: Duration| d.as_secs_f64();
    println!("{n} rows into customers, cards, plans and payments, one transaction (CPU time)");
    println!("{:>8.2} s  the vault as it is", secs(whole));
    println!(
        "{:>8.2} s  without any of its {} secondary indexes and triggers ({:.0}% of the whole)",
        secs(bare),
        objects.len(),
        100.0 * secs(bare) / secs(whole)
    );
    for object in &objects {
        let without = floor_without(n, &drop(object));
        println!(
            "{:>8.2} s  without {} {} on {}: it costs {:+.2} s",
            secs(without),
            object.0,
            object.1,
            object.2,
            secs(whole) - secs(without)
        );
    }
}

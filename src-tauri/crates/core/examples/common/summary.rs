//! The one table `make bench` prints at its end. When `BENCH_SUMMARY` names a file, each
//! benchmark appends its figures to it, one tab-separated line each: figure, size, value, floor,
//! ratio, target and result. `scripts/bench-summary.sh` prints the file. The start-up benchmark
//! (TypeScript) writes the same lines.

// Each benchmark uses its part of it.
#![allow(dead_code)]

use std::io::Write;

/// What a figure must meet.
#[derive(Debug, Clone, Copy)]
pub enum Target {
    /// Under this value, in the figure's unit.
    Below(f64),
    /// At most this many times its floor.
    FloorTimes(f64),
    /// None: the figure is shown for what it explains.
    None,
}

/// Appends one figure to the summary, if `make bench` asked for one. `size` says what it was
/// measured on (`1000000 payments`); `floor` is in the same unit as `value`.
pub fn record(
    figure: &str,
    size: &str,
    value: f64,
    unit: &str,
    floor: Option<f64>,
    target: Target,
) {
    let Some(path) = std::env::var_os("BENCH_SUMMARY") else {
        return;
    };
    let ratio = floor.filter(|f| *f > 0.0).map(|f| value / f);
    let (target_text, met) = match target {
        Target::Below(limit) => (format!("< {limit} {unit}"), Some(value < limit)),
        Target::FloorTimes(times) => (format!("<= {times}x floor"), ratio.map(|r| r <= times)),
        Target::None => (String::new(), None),
    };
    let line = [
        figure.to_string(),
        size.to_string(),
        format!("{value:.2} {unit}"),
        floor.map(|f| format!("{f:.2} {unit}")).unwrap_or_default(),
        ratio.map(|r| format!("{r:.2}x")).unwrap_or_default(),
        target_text,
        match met {
            Some(true) => "pass",
            Some(false) => "FAIL",
            None => "",
        }
        .to_string(),
    ]
    .join("\t");
    let written = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)
        .and_then(|mut file| writeln!(file, "{line}"));
    if let Err(error) = written {
        eprintln!(
            "could not add to the bench summary {}: {error}",
            path.display()
        );
    }
}

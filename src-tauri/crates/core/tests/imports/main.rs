//! Imports against real SQLCipher files, files read by a real child process (this binary), and
//! for the engine the bank simulator over loopback.
//!
//! The reader is a child process of the running executable, so this test binary has its own
//! `main`: it serves as the reader when started as one, and otherwise runs the tests below one
//! after the other (`cargo test --test imports [FILTER]`).

#[path = "../collections/invariants.rs"]
#[allow(dead_code)]
mod invariants;
#[path = "../collections/world.rs"]
#[allow(dead_code)]
mod world;

mod batches;
mod commit;
mod files;
mod report;

use std::panic::{AssertUnwindSafe, catch_unwind};

type Test = (&'static str, fn());

const TESTS: &[Test] = &[
    (
        "report::fixtures_of_every_format",
        report::fixtures_of_every_format,
    ),
    (
        "report::rule_breaks_are_named_by_row_and_field",
        report::rule_breaks_are_named_by_row_and_field,
    ),
    (
        "report::a_missing_reference_is_an_error_of_every_row",
        report::a_missing_reference_is_an_error_of_every_row,
    ),
    (
        "report::duplicates_within_the_file_are_warned",
        report::duplicates_within_the_file_are_warned,
    ),
    (
        "report::progress_is_reported_in_phases",
        report::progress_is_reported_in_phases,
    ),
    (
        "report::importing_needs_the_import_permission",
        report::importing_needs_the_import_permission,
    ),
    (
        "commit::a_commit_stores_customers_cards_plans_and_one_audit_entry",
        commit::a_commit_stores_customers_cards_plans_and_one_audit_entry,
    ),
    (
        "commit::the_same_file_again_repeats_nothing",
        commit::the_same_file_again_repeats_nothing,
    ),
    (
        "commit::existing_customers_are_matched_by_reference",
        commit::existing_customers_are_matched_by_reference,
    ),
    (
        "commit::an_archived_customer_refuses_its_rows",
        commit::an_archived_customer_refuses_its_rows,
    ),
    (
        "commit::a_failure_mid_commit_leaves_nothing",
        commit::a_failure_mid_commit_leaves_nothing,
    ),
    (
        "commit::a_plan_stored_after_the_dry_run_stops_the_commit",
        commit::a_plan_stored_after_the_dry_run_stops_the_commit,
    ),
    (
        "commit::a_row_gives_its_cards_signed_instruction_never_dated_after_today",
        commit::a_row_gives_its_cards_signed_instruction_never_dated_after_today,
    ),
    (
        "batches::imported_payments_are_charged_and_cancel_leaves_paid_ones",
        batches::imported_payments_are_charged_and_cancel_leaves_paid_ones,
    ),
    (
        "batches::batches_are_listed_and_filtered",
        batches::batches_are_listed_and_filtered,
    ),
];

fn main() {
    tahsildar_import::worker::run_if_worker();
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|a| a == "--list") {
        for (name, _) in TESTS {
            println!("{name}: test");
        }
        return;
    }
    let filters: Vec<&String> = args.iter().filter(|a| !a.starts_with('-')).collect();
    let selected: Vec<&Test> = TESTS
        .iter()
        .filter(|(name, _)| filters.is_empty() || filters.iter().any(|f| name.contains(f.as_str())))
        .collect();
    println!("\nrunning {} tests", selected.len());
    let mut failed = Vec::new();
    for (name, test) in &selected {
        let outcome = catch_unwind(AssertUnwindSafe(test));
        println!(
            "test {name} ... {}",
            if outcome.is_ok() { "ok" } else { "FAILED" }
        );
        if outcome.is_err() {
            failed.push(*name);
        }
    }
    println!(
        "\ntest result: {}. {} passed; {} failed; {} filtered out\n",
        if failed.is_empty() { "ok" } else { "FAILED" },
        selected.len() - failed.len(),
        failed.len(),
        TESTS.len() - selected.len()
    );
    if !failed.is_empty() {
        for name in failed {
            eprintln!("failed: {name}");
        }
        std::process::exit(101);
    }
}

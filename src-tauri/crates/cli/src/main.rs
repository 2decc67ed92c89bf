//! `tahsildar-cli`: the core without a window.

mod args;
mod audit_cmds;
mod collect_args;
mod collect_cmds;
mod commands;
mod engine_cmds;
mod error;
mod export_cmds;
mod import_cmds;
mod output;
mod plan_cmds;
mod receipt_cmds;
mod report_cmds;
mod review_cmds;
mod sandbox;

use std::process::ExitCode;

use clap::Parser;
use tahsildar_core::Lang;

use crate::args::Cli;
use crate::output::Output;

fn main() -> ExitCode {
    // Imports read files in a capped child process of this executable: serve as that reader
    // when started as one (returns at once otherwise).
    tahsildar_core::import::run_if_worker();
    let cli = Cli::parse();
    let lang = Lang::from_env();
    let out = Output::new(cli.json, lang);
    // The data folder's log, once there is a data folder.
    if let Ok(dir) = tahsildar_core::DataDir::resolve(cli.data_dir.as_deref())
        && dir.root().exists()
    {
        let _ = tahsildar_core::logging::init(dir.root(), "cli");
    }
    match commands::run(&cli, &out) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            tracing::warn!(code = e.code(), "command failed");
            out.error(&e);
            ExitCode::FAILURE
        }
    }
}

//! `tahsildar-cli`: the core without a window.

mod args;
mod collect_args;
mod collect_cmds;
mod commands;
mod engine_cmds;
mod error;
mod import_cmds;
mod output;
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
    match commands::run(&cli, &out) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            out.error(&e);
            ExitCode::FAILURE
        }
    }
}

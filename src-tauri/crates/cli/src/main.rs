//! `tahsildar-cli`: the core without a window.

mod args;
mod collect_args;
mod collect_cmds;
mod commands;
mod engine_cmds;
mod error;
mod output;
mod sandbox;

use std::process::ExitCode;

use clap::Parser;
use tahsildar_core::Lang;

use crate::args::Cli;
use crate::output::Output;

fn main() -> ExitCode {
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

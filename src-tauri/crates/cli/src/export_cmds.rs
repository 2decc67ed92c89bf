//! `export payments|ledger|arrears|summary --format xlsx|csv|csv-1254 --out FILE`: the same
//! reports as files an office opens in Excel (core's `export`), with the listing commands'
//! filters.

use std::path::PathBuf;

use clap::{Args, Subcommand, ValueEnum};
use serde_json::json;
use tahsildar_core::export::{ExportFormat, ExportRequest, export};

use crate::args::Cli;
use crate::collect_args::PaymentsArgs;
use crate::collect_cmds::payment_query;
use crate::commands::{Result, sign_in};
use crate::output::Output;
use crate::report_cmds::{arrears_query, ledger_query, summary_query};

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum FormatArg {
    Xlsx,
    /// UTF-8 with a byte-order mark and `;`, as a Turkish Excel opens it.
    Csv,
    /// Windows-1254 and `;`, for older programs.
    #[value(name = "csv-1254")]
    Csv1254,
}

#[derive(Debug, Args)]
pub struct FileArgs {
    #[arg(long, value_enum, default_value = "xlsx")]
    pub format: FormatArg,
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
}

/// Reports as files.
#[derive(Debug, Subcommand)]
pub enum ExportCommand {
    /// The payments, with the filters of `payments`.
    Payments {
        #[command(flatten)]
        filter: PaymentsArgs,
        #[command(flatten)]
        file: FileArgs,
    },
    /// A customer's ledger.
    Ledger {
        #[arg(long, value_name = "STORE")]
        store: String,
        #[arg(long = "ref", value_name = "REF")]
        reference: String,
        #[arg(long, value_name = "YYYY-MM-DD")]
        as_of: Option<String>,
        #[command(flatten)]
        file: FileArgs,
    },
    /// The arrears list.
    Arrears {
        #[arg(long, value_name = "STORE")]
        store: Option<String>,
        #[arg(long, value_name = "YYYY-MM-DD")]
        as_of: Option<String>,
        #[command(flatten)]
        file: FileArgs,
    },
    /// A period's summary (XLSX: the totals, the days and the declines on sheets of their own;
    /// CSV: the totals).
    Summary {
        #[arg(long, value_name = "STORE")]
        store: Option<String>,
        #[arg(long, value_name = "YYYY-MM-DD")]
        from: String,
        #[arg(long, value_name = "YYYY-MM-DD")]
        to: String,
        #[command(flatten)]
        file: FileArgs,
    },
}

pub fn run(cli: &Cli, out: &Output, command: &ExportCommand) -> Result<()> {
    let session = sign_in(cli)?;
    let (request, file) = match command {
        ExportCommand::Payments { filter, file } => (
            ExportRequest::Payments {
                query: payment_query(&session, filter)?,
            },
            file,
        ),
        ExportCommand::Ledger {
            store,
            reference,
            as_of,
            file,
        } => (
            ExportRequest::Ledger {
                query: ledger_query(&session, store, reference, as_of)?,
            },
            file,
        ),
        ExportCommand::Arrears { store, as_of, file } => (
            ExportRequest::Arrears {
                query: arrears_query(&session, store, as_of)?,
            },
            file,
        ),
        ExportCommand::Summary {
            store,
            from,
            to,
            file,
        } => (
            ExportRequest::Summary {
                query: summary_query(&session, store, from, to)?,
            },
            file,
        ),
    };
    let format = match file.format {
        FormatArg::Xlsx => ExportFormat::Xlsx,
        FormatArg::Csv => ExportFormat::Csv,
        FormatArg::Csv1254 => ExportFormat::CsvWindows1254,
    };
    let written = export(&session, &request, format, out.lang, &file.out)?;
    out.result(
        format!(
            "Dışa aktarıldı: {} ({} satır, {} bayt).",
            file.out.display(),
            written.rows,
            written.bytes
        ),
        format!(
            "Exported: {} ({} rows, {} bytes).",
            file.out.display(),
            written.rows,
            written.bytes
        ),
        json!({ "ok": true, "file": file.out, "rows": written.rows, "bytes": written.bytes }),
    )
}

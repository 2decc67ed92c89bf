//! `receipt`: receipts (dekont) as one PDF, a page each (core's `receipt`). By attempt (the id
//! `payments` and `refund` use: its sale and its refunds and voids), by payment, by import
//! batch, or by the Istanbul days the bank approved them.

use std::path::PathBuf;

use clap::{ArgGroup, Args, ValueEnum};
use serde_json::json;
use tahsildar_core::plan;
use tahsildar_core::receipt::{ReceiptKind, ReceiptSelection, save};

use crate::args::Cli;
use crate::commands::{Result, sign_in, store_id};
use crate::output::Output;

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum KindArg {
    Sale,
    Refund,
    Void,
}

/// Which receipts, and where to write them.
#[derive(Debug, Args)]
#[command(group(ArgGroup::new("which").required(true).args(["attempt", "payment", "batch", "from"])))]
pub struct ReceiptArgs {
    /// An attempt (as `payments` lists it, and as `refund` and `void` take it): its sale and
    /// the refunds and voids made on it.
    #[arg(value_name = "ATTEMPT")]
    pub attempt: Option<i64>,
    /// Every attempt of one payment.
    #[arg(long, value_name = "ID")]
    pub payment: Option<i64>,
    /// Only the sale, only refunds or only voids (with ATTEMPT or --payment).
    #[arg(long, value_enum, conflicts_with_all = ["batch", "from"])]
    pub kind: Option<KindArg>,
    /// The payments of one import batch.
    #[arg(long, value_name = "N")]
    pub batch: Option<i64>,
    /// Everything approved from this day (Istanbul) ...
    #[arg(long, value_name = "YYYY-MM-DD", requires = "to")]
    pub from: Option<String>,
    /// ... to this day, both included.
    #[arg(long, value_name = "YYYY-MM-DD", requires = "from")]
    pub to: Option<String>,
    /// One store only (with --from and --to); default every store you may see.
    #[arg(long, value_name = "STORE", requires = "from")]
    pub store: Option<String>,
    /// The PDF to write (replaced if it exists).
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
}

pub fn run(cli: &Cli, out: &Output, args: &ReceiptArgs) -> Result<()> {
    let session = sign_in(cli)?;
    let kind = args.kind.map(|k| match k {
        KindArg::Sale => ReceiptKind::Sale,
        KindArg::Refund => ReceiptKind::Refund,
        KindArg::Void => ReceiptKind::Void,
    });
    let selection = if let Some(attempt_id) = args.attempt {
        ReceiptSelection::Attempt { attempt_id, kind }
    } else if let Some(payment_id) = args.payment {
        ReceiptSelection::Payment { payment_id, kind }
    } else if let Some(batch_id) = args.batch {
        ReceiptSelection::Batch { batch_id }
    } else {
        ReceiptSelection::Period {
            store_id: args
                .store
                .as_deref()
                .map(|s| store_id(&session, s))
                .transpose()?,
            from: plan::parse_date("from", args.from.as_deref().unwrap_or_default())?,
            to: plan::parse_date("to", args.to.as_deref().unwrap_or_default())?,
        }
    };
    let written = save(&session, &selection, out.lang, &args.out)?;
    out.result(
        format!(
            "Dekont yazıldı: {} ({} dekont, {} bayt).",
            args.out.display(),
            written.receipts,
            written.bytes
        ),
        format!(
            "Receipts written: {} ({} receipts, {} bytes).",
            args.out.display(),
            written.receipts,
            written.bytes
        ),
        json!({ "ok": true, "file": args.out, "receipts": written.receipts, "bytes": written.bytes }),
    )
}

//! Import commands: a spreadsheet's dry-run report and commit, the batches, the template.

use std::path::PathBuf;

use clap::{Args, Subcommand};
use serde_json::{Value, json};
use tahsildar_core::Lang;
use tahsildar_core::import::{self, ImportMapping, ImportOptions, ImportReport, ProblemSeverity};

use crate::args::Cli;
use crate::commands::{Result, sign_in, store_id};
use crate::output::Output;

/// The import commands.
#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// Import collections from a spreadsheet (.xlsx, .xls, .ods, .csv, .txt): prints the
    /// dry-run report, then commits the rows without errors unless --dry-run is given.
    Import(ImportArgs),
    /// List import batches.
    Batches {
        #[arg(long, value_name = "STORE")]
        store: Option<String>,
    },
    /// Act on an import batch.
    #[command(subcommand)]
    Batch(BatchCommand),
    /// Write the import template (.xlsx) to a file.
    Template {
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The file: .xlsx, .xlsm, .xls, .ods, .csv or .txt.
    pub file: PathBuf,
    #[arg(long, value_name = "STORE")]
    pub store: String,
    /// Sheet to read (default: the first visible one).
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,
    /// Column mapping as JSON: {"columns": {"Header or letter": "field"}}.
    #[arg(long, value_name = "FILE")]
    pub mapping: Option<PathBuf>,
    /// Print the report only; store nothing.
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Subcommand)]
pub enum BatchCommand {
    /// Cancel the batch's payments that have not run yet (attempted ones are left alone).
    Cancel { id: i64 },
}

/// Runs an import command.
pub fn run(cli: &Cli, out: &Output, command: &ImportCommand) -> Result<()> {
    match command {
        ImportCommand::Import(a) => import_file(cli, out, a),
        ImportCommand::Batches { store } => {
            let session = sign_in(cli)?;
            let store = store
                .as_deref()
                .map(|s| store_id(&session, s))
                .transpose()?;
            let list = import::batches::list(&session, store)?;
            let text: Vec<String> = list
                .iter()
                .map(|b| {
                    format!(
                        "{}\t{}\t{}\t{}/{}\t{}\t{}\t{}",
                        b.id,
                        b.created_at,
                        b.file_name,
                        b.rows_imported,
                        b.rows_total,
                        b.payments,
                        b.created_by,
                        b.cancelled_at.as_deref().unwrap_or("-"),
                    )
                })
                .collect();
            out.result(text.join("\n"), text.join("\n"), json!(list))
        }
        ImportCommand::Batch(BatchCommand::Cancel { id }) => {
            let session = sign_in(cli)?;
            let s = import::batches::cancel(&session, *id)?;
            out.result(
                format!(
                    "Parti {id} iptal edildi: {} ödeme iptal edildi, {} ödemeye dokunulmadı (denenmiş ya da tahsil edilmiş).",
                    s.cancelled, s.kept
                ),
                format!(
                    "Batch {id} cancelled: {} payments cancelled, {} left alone (attempted or collected).",
                    s.cancelled, s.kept
                ),
                json!(s),
            )
        }
        ImportCommand::Template { out: file } => {
            import::write_template(file)?;
            out.result(
                format!("Şablon yazıldı: {}.", file.display()),
                format!("Template written: {}.", file.display()),
                json!({ "ok": true, "path": file }),
            )
        }
    }
}

fn import_file(cli: &Cli, out: &Output, a: &ImportArgs) -> Result<()> {
    let session = sign_in(cli)?;
    let store = store_id(&session, &a.store)?;
    let mapping = match &a.mapping {
        Some(path) => {
            let text =
                std::fs::read_to_string(path).map_err(|source| tahsildar_core::Error::Io {
                    path: path.clone(),
                    source,
                })?;
            Some(ImportMapping::from_json(&text).map_err(tahsildar_core::Error::from)?)
        }
        None => None,
    };
    let options = ImportOptions {
        sheet: a.sheet.clone(),
        mapping,
        worker: None,
    };
    let prepared = import::dry_run(&session, store, &a.file, &options)?;
    let report = &prepared.report;
    let batch = if a.dry_run {
        None
    } else {
        Some(import::commit(&session, &prepared)?)
    };
    let mut value = report_json(report, out.lang);
    value["dry_run"] = json!(a.dry_run);
    value["batch"] = json!(batch.as_ref().map(|b| b.id));
    let mut text = report_text(report, out.lang);
    text.push_str(&match &batch {
        None => out.lang.pick(
            "Deneme: hiçbir şey kaydedilmedi.",
            "Dry run: nothing was stored.",
        ),
        Some(b) => out.lang.pick(
            format!(
                "Parti {} kaydedildi: {} satır, {} ödeme ({} hatalı satır alınmadı).",
                b.id, b.rows_imported, b.payments, b.rows_rejected
            ),
            format!(
                "Batch {} committed: {} rows, {} payments ({} rows with errors left out).",
                b.id, b.rows_imported, b.payments, b.rows_rejected
            ),
        ),
    });
    out.result(text.clone(), text, value)
}

fn severity(s: ProblemSeverity) -> &'static str {
    match s {
        ProblemSeverity::Info => "info",
        ProblemSeverity::Warning => "warning",
        ProblemSeverity::Error => "error",
    }
}

/// The report for scripts: counts, problems in the user's language, totals.
pub fn report_json(report: &ImportReport, lang: Lang) -> Value {
    let problems: Vec<Value> = report
        .problems
        .iter()
        .map(|p| {
            json!({
                "row": p.row,
                "column": p.column,
                "field": p.field.map(|f| f.key()),
                "severity": severity(p.severity),
                "code": p.code,
                "message": lang.pick(p.message_tr.as_str(), p.message_en.as_str()),
            })
        })
        .collect();
    let totals: Vec<Value> = report
        .totals
        .iter()
        .map(|t| {
            json!({
                "due_date": t.due_date,
                "currency": t.currency,
                "payments": t.payments,
                "amount_minor": t.amount_minor,
            })
        })
        .collect();
    json!({
        "file": report.file_name,
        "content_hash": report.content_hash,
        "rows": report.rows,
        "ok": report.ok,
        "warnings": report.warnings,
        "errors": report.errors,
        "new_customers": report.new_customers,
        "payments": report.payments,
        "same_file_batch": report.same_file_batch,
        "problems": problems,
        "totals": totals,
    })
}

/// `dd.MM.yyyy` from `YYYY-MM-DD`.
fn day(iso: &str) -> String {
    iso.parse::<jiff::civil::Date>()
        .map(|d| d.strftime("%d.%m.%Y").to_string())
        .unwrap_or_else(|_| iso.to_string())
}

/// The report for people: counts, each problem with its row and column, totals by due date.
fn report_text(report: &ImportReport, lang: Lang) -> String {
    let mut out = lang.pick(
        format!(
            "{} ({} satır): {} uygun, {} uyarılı, {} hatalı. {} yeni müşteri, {} ödeme.\n",
            report.file_name,
            report.rows,
            report.ok,
            report.warnings,
            report.errors,
            report.new_customers,
            report.payments
        ),
        format!(
            "{} ({} rows): {} ok, {} with warnings, {} with errors. {} new customers, {} payments.\n",
            report.file_name,
            report.rows,
            report.ok,
            report.warnings,
            report.errors,
            report.new_customers,
            report.payments
        ),
    );
    for p in &report.problems {
        let place = match (p.row, &p.column) {
            (Some(r), Some(c)) => lang.pick(format!("Satır {r}, {c}"), format!("Row {r}, {c}")),
            (Some(r), None) => lang.pick(format!("Satır {r}"), format!("Row {r}")),
            (None, Some(c)) => lang.pick(format!("Sütun {c}"), format!("Column {c}")),
            (None, None) => lang.pick("Dosya", "File"),
        };
        let level = match p.severity {
            ProblemSeverity::Info => lang.pick("bilgi", "info"),
            ProblemSeverity::Warning => lang.pick("uyarı", "warning"),
            ProblemSeverity::Error => lang.pick("hata", "error"),
        };
        let message = lang.pick(p.message_tr.as_str(), p.message_en.as_str());
        out.push_str(&format!("  {place}: {level}: {message} [{}]\n", p.code));
    }
    if !report.totals.is_empty() {
        out.push_str(&lang.pick("Vadelere göre toplam:\n", "Totals by due date:\n"));
        for t in &report.totals {
            out.push_str(&format!(
                "  {}  {} {}  ({} {})\n",
                day(&t.due_date),
                lang.amount(t.amount_minor),
                t.currency,
                t.payments,
                lang.pick("ödeme", "payments"),
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_in_turkish_form() {
        assert_eq!(day("2026-12-05"), "05.12.2026");
    }
}

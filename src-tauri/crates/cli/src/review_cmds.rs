//! `review ATTEMPT` (manual review: ask the bank, send the same order id again, close as not
//! charged) and `settlement days|differences|resolve` (the daily settlement against the bank's
//! history report).

use clap::{Args, Subcommand};
use serde_json::json;
use tahsildar_core::engine::review::{self, ReviewState};
use tahsildar_core::settlement::{self, Difference};
use tahsildar_core::{Engine, EngineActor, Lang};

use crate::args::Cli;
use crate::commands::{Result, sign_in, store_id};
use crate::error::CliError;
use crate::output::Output;
use crate::sandbox;

/// Manual review and the daily settlement.
#[derive(Debug, Subcommand)]
pub enum BankCommand {
    /// An attempt in manual review: where it stands, or (with a flag) ask the bank, send the
    /// same order id again or close it as not charged.
    Review(ReviewArgs),
    /// The daily settlement against the bank's history report.
    #[command(subcommand)]
    Settlement(SettlementCommand),
}

#[derive(Debug, Args)]
pub struct ReviewArgs {
    /// The attempt (its id, as `payments` lists it).
    pub attempt: i64,
    /// Ask the bank now what became of it.
    #[arg(long, conflicts_with_all = ["send_again", "close"])]
    pub ask: bool,
    /// Send the same order id again (only once the bank confirmed twice it has none).
    #[arg(long, conflicts_with = "close")]
    pub send_again: bool,
    /// Close it as not charged (only once the bank confirmed twice it has none); the payment
    /// goes on with a new attempt at the next run.
    #[arg(long)]
    pub close: bool,
    /// Base URL of the simulator for sandbox stores (also TAHSILDAR_SANDBOX_URL).
    #[arg(long, value_name = "URL", env = "TAHSILDAR_SANDBOX_URL")]
    pub sandbox_url: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum SettlementCommand {
    /// Days matched against the bank's history report, newest first.
    Days {
        #[arg(long, value_name = "STORE")]
        store: Option<String>,
        /// From this day on (YYYY-MM-DD).
        #[arg(long, value_name = "YYYY-MM-DD")]
        from: Option<String>,
    },
    /// Differences: of one day, or every unresolved one.
    Differences {
        #[arg(long, value_name = "STORE")]
        store: Option<String>,
        #[arg(long, value_name = "YYYY-MM-DD")]
        day: Option<String>,
    },
    /// Mark a difference resolved after checking it with the bank, saying what was found.
    Resolve {
        difference: i64,
        #[arg(long)]
        note: String,
    },
}

pub fn run(cli: &Cli, out: &Output, command: &BankCommand) -> Result<()> {
    match command {
        BankCommand::Review(args) => review_cmd(cli, out, args),
        BankCommand::Settlement(cmd) => settlement_cmd(cli, out, cmd),
    }
}

fn review_cmd(cli: &Cli, out: &Output, args: &ReviewArgs) -> Result<()> {
    let session = sign_in(cli)?;
    let state = if !(args.ask || args.send_again || args.close) {
        review::review_state(&session, args.attempt)?
    } else {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .build()
            .map_err(|e| CliError::Output(e.to_string()))?;
        runtime.block_on(async {
            let (bank, _sandbox) =
                sandbox::bank_directory(session.vault().dir().root(), &args.sandbox_url).await?;
            let engine = Engine::start(
                session.vault().clone(),
                bank,
                tahsildar_core::EngineConfig::from_env(),
                EngineActor::of_session(&session),
            )?;
            let state = if args.ask {
                engine.ask_bank(&session, args.attempt).await?
            } else if args.send_again {
                engine.send_again(&session, args.attempt).await?
            } else {
                engine.close_not_charged(&session, args.attempt)?
            };
            Ok::<_, CliError>(state)
        })?
    };
    out.result(
        review_text(&state, Lang::Tr),
        review_text(&state, Lang::En),
        json!(state),
    )
}

fn review_text(s: &ReviewState, lang: Lang) -> String {
    let state = s.state.text();
    let mut text = lang.pick(
        format!("Deneme {} ({}): {}.", s.attempt_id, s.order_id, state.tr()),
        format!("Attempt {} ({}): {}.", s.attempt_id, s.order_id, state.en()),
    );
    if let Some(reason) = &s.reason {
        text.push_str(&lang.pick(format!(" Not: {reason}."), format!(" Note: {reason}.")));
    }
    if s.not_found_confirmed {
        text.push_str(&lang.pick(
            " Banka bu siparişin kaydı olmadığını iki kez doğruladı: --send-again ya da --close.",
            " The bank confirmed twice it has no such order: --send-again or --close.",
        ));
    } else if let Some(at) = &s.next_check_at {
        text.push_str(&lang.pick(
            format!(" Bankaya yeniden sorulacak: {at}."),
            format!(" The bank is asked again at {at}."),
        ));
    }
    if s.suspicious {
        text.push_str(&lang.pick(
            " Banka işlemi şüpheli gösteriyor: `void` ile iptal edin ya da bankayı arayın.",
            " The bank marks the booking suspicious: void it with `void`, or call the bank.",
        ));
    }
    text
}

fn settlement_cmd(cli: &Cli, out: &Output, cmd: &SettlementCommand) -> Result<()> {
    let session = sign_in(cli)?;
    let store = |s: &Option<String>| s.as_deref().map(|s| store_id(&session, s)).transpose();
    let day = |d: &Option<String>| {
        d.as_deref()
            .map(|d| tahsildar_core::plan::input::parse_date("day", d))
            .transpose()
    };
    match cmd {
        SettlementCommand::Days { store: s, from } => {
            let days = settlement::days(&session, store(s)?, day(from)?)?;
            let line = |lang: Lang| -> String {
                days.iter()
                    .map(|d| {
                        let state = d.state.text();
                        lang.pick(
                            format!(
                                "{}\t{}\t{}\t{} satır, {} eşleşti, {} fark, {} bekleyen{}",
                                d.day,
                                d.store_name,
                                state.tr(),
                                d.bank_rows,
                                d.matched,
                                d.differences,
                                d.open_here,
                                if d.complete { "" } else { "; gün bitmedi" }
                            ),
                            format!(
                                "{}\t{}\t{}\t{} rows, {} matched, {} differences, {} waiting{}",
                                d.day,
                                d.store_name,
                                state.en(),
                                d.bank_rows,
                                d.matched,
                                d.differences,
                                d.open_here,
                                if d.complete { "" } else { "; day not over" }
                            ),
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            };
            out.result(line(Lang::Tr), line(Lang::En), json!(days))
        }
        SettlementCommand::Differences { store: s, day: d } => {
            let list = settlement::differences(&session, store(s)?, day(d)?)?;
            out.result(
                differences_text(&list, Lang::Tr),
                differences_text(&list, Lang::En),
                json!(list),
            )
        }
        SettlementCommand::Resolve { difference, note } => {
            let d = settlement::resolve(&session, *difference, note)?;
            out.result(
                format!("Fark {} çözüldü olarak işaretlendi.", d.id),
                format!("Difference {} marked resolved.", d.id),
                json!(d),
            )
        }
    }
}

fn differences_text(list: &[Difference], lang: Lang) -> String {
    if list.is_empty() {
        return lang.pick("Fark yok.", "No differences.");
    }
    list.iter()
        .map(|d| {
            let kind = d.kind.text();
            let amount = |m: Option<i64>| m.map_or("-".to_string(), |m| lang.amount(m));
            format!(
                "{}\t{}\t{}\t{}\t{} / {}\t{}",
                d.id,
                d.day,
                d.order_id,
                lang.pick(kind.tr(), kind.en()),
                amount(d.local_amount_minor),
                amount(d.bank_amount_minor),
                d.resolution.as_deref().unwrap_or("")
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

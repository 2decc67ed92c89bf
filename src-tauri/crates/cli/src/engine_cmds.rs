//! `run` and `reconcile`: the engine in the foreground, with progress on stderr.

use serde_json::json;
use tahsildar_core::engine::follow_up::FollowUpKind;
use tahsildar_core::engine::{capture, reversal, scheduler};
use tahsildar_core::{Engine, EngineActor, EngineConfig, RunSummary};

use crate::args::Cli;
use crate::collect_args::RunArgs;
use crate::commands::{Result, sign_in, store_id};
use crate::error::CliError;
use crate::output::Output;
use crate::sandbox;

/// `run`, or with `reconcile` set `reconcile [--day D]` (Some(None): the days not settled).
pub fn run(cli: &Cli, out: &Output, args: &RunArgs, reconcile: Option<Option<&str>>) -> Result<()> {
    let session = sign_in(cli)?;
    let store = args
        .store
        .as_deref()
        .map(|s| store_id(&session, s))
        .transpose()?;
    let day = reconcile
        .flatten()
        .map(|d| tahsildar_core::plan::input::parse_date("day", d))
        .transpose()?;
    let reconcile_only = reconcile.is_some();
    tahsildar_core::engine::runner::require_run(&session, store)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| CliError::Output(e.to_string()))?;
    let summary: RunSummary = runtime.block_on(async {
        let (bank, _sandbox) =
            sandbox::bank_directory(session.vault().dir().root(), &args.sandbox_url).await?;
        let engine = Engine::start(
            session.vault().clone(),
            bank,
            EngineConfig::from_env(),
            EngineActor::of_session(&session),
        )?;
        let mut reconciled = engine.reconcile(store).await?;
        if let Some(day) = day {
            let stores = match store {
                Some(id) => vec![id],
                None => tahsildar_core::store::list(&session)?
                    .into_iter()
                    .filter(|s| s.enabled)
                    .map(|s| s.id)
                    .collect(),
            };
            let mut days = Vec::new();
            for id in stores {
                days.push(engine.settle_day(id, day).await?);
            }
            reconciled.settlement.days = days;
        }
        if reconcile_only {
            return Ok::<_, CliError>(reconciled);
        }
        let mut progress = engine.progress();
        let quiet = out.is_json();
        let lang = out.lang;
        let watcher = tokio::spawn(async move {
            while progress.changed().await.is_ok() {
                let p = progress.borrow_and_update().clone();
                if !quiet && p.active {
                    let (done, queued, running) = (p.done, p.queued, p.running);
                    eprint!(
                        "\r{}   ",
                        lang.pick(
                            format!("{done}/{queued} bitti, {running} sürüyor"),
                            format!("{done}/{queued} done, {running} running"),
                        )
                    );
                }
            }
        });
        let mut summary = engine.run(store).await?;
        watcher.abort();
        if !quiet {
            eprintln!();
        }
        summary.recovered_in_flight = reconciled.recovered_in_flight;
        summary.approved += reconciled.approved;
        summary.declined += reconciled.declined;
        summary.follow_ups += reconciled.follow_ups;
        Ok(summary)
    })?;
    let errors = summary.store_errors.join("; ");
    let problems = |label: &str| {
        if errors.is_empty() {
            String::new()
        } else {
            format!(" {label}: {errors}")
        }
    };
    let s = &summary;
    let days = |lang: tahsildar_core::Lang| -> String {
        let mut text = String::new();
        for d in &s.settlement.days {
            let state = d.state.text();
            text.push_str(&lang.pick(
                format!(
                    "\n{} {}: {} ({} satır, {} eşleşti, {} fark, {} bekleyen){}",
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
                    "\n{} {}: {} ({} rows, {} matched, {} differences, {} waiting){}",
                    d.day,
                    d.store_name,
                    state.en(),
                    d.bank_rows,
                    d.matched,
                    d.differences,
                    d.open_here,
                    if d.complete { "" } else { "; day not over" }
                ),
            ));
        }
        for e in &s.settlement.errors {
            text.push_str(&lang.pick(
                format!("\nMutabakat yapılamadı: {e}"),
                format!("\nNot settled: {e}"),
            ));
        }
        if s.held_for_settlement {
            text.push_str(&lang.pick(
                "\nGeri yüklenen kasa bankayla mutabık olana kadar yeni tahsilat gönderilmez.",
                "\nThe restored vault sends nothing new until it is settled with the bank.",
            ));
        }
        text
    };
    out.result(
        format!(
            "Bitti: {} ödeme; {} onay, {} red, {} sonuçsuz, {} dikkat.{}{}",
            s.payments,
            s.approved,
            s.declined,
            s.unresolved,
            s.attention,
            problems("Sorunlar"),
            days(tahsildar_core::Lang::Tr)
        ),
        format!(
            "Done: {} payment(s); {} approved, {} declined, {} unresolved, {} attention.{}{}",
            s.payments,
            s.approved,
            s.declined,
            s.unresolved,
            s.attention,
            problems("Problems"),
            days(tahsildar_core::Lang::En)
        ),
        json!(summary),
    )
}

/// How long a void, refund or capture waits for another engine on the data folder (a `run`
/// about to end) before it gives up: it never runs beside one.
const FOLLOW_UP_PATIENCE: std::time::Duration = std::time::Duration::from_secs(30);

/// `void ATTEMPT`, `refund ATTEMPT [--amount A]` and `capture ATTEMPT [--amount A]`.
pub fn follow_up(
    cli: &Cli,
    out: &Output,
    attempt: i64,
    amount: Option<&str>,
    kind: FollowUpKind,
    sandbox_url: &Option<String>,
) -> Result<()> {
    let session = sign_in(cli)?;
    let amount = amount.map(tahsildar_core::plan::parse_amount).transpose()?;
    let _lock = tahsildar_core::engine::EngineLock::acquire_waiting(
        session.vault().dir().root(),
        FOLLOW_UP_PATIENCE,
    )?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| CliError::Output(e.to_string()))?;
    let cfg = EngineConfig::from_env();
    let outcome = runtime.block_on(async {
        let (bank, _sandbox) =
            sandbox::bank_directory(session.vault().dir().root(), sandbox_url).await?;
        let outcome = match kind {
            FollowUpKind::Void => reversal::void(&session, &bank, &cfg, attempt).await,
            FollowUpKind::Refund => reversal::refund(&session, &bank, &cfg, attempt, amount).await,
            FollowUpKind::Capture => capture::capture(&session, &bank, &cfg, attempt, amount).await,
        };
        Ok::<_, CliError>(outcome?)
    })?;
    let what = match kind {
        FollowUpKind::Void => ("İptal", "Void"),
        FollowUpKind::Refund => ("İade", "Refund"),
        FollowUpKind::Capture => ("Provizyon kapama", "Capture"),
    };
    let state = match outcome.state.as_str() {
        "approved" => ("onaylandı", "approved"),
        "declined" => ("yapılmadı", "declined"),
        "unknown" => (
            "sonucu bilinmiyor; `reconcile` bankaya soracak",
            "outcome unknown; `reconcile` will ask the bank",
        ),
        "requested" => (
            "kaydedildi; işlemin sonucu bankaya sorulunca yapılacak",
            "recorded; carried out once the bank confirms the attempt",
        ),
        "closed" => ("kapandı", "closed"),
        _ => ("?", "?"),
    };
    let detail = outcome.message.clone().unwrap_or_default();
    out.result(
        format!("{} {}: {} {detail}", what.0, outcome.reversal_id, state.0),
        format!("{} {}: {} {detail}", what.1, outcome.reversal_id, state.1),
        json!(outcome),
    )
}

/// `schedule`: the same scheduler task the app runs, until Ctrl+C.
pub fn schedule(cli: &Cli, out: &Output, args: &RunArgs) -> Result<()> {
    let session = sign_in(cli)?;
    tahsildar_core::engine::runner::require_run(&session, None)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| CliError::Output(e.to_string()))?;
    runtime.block_on(async {
        // The scheduler acts on its own behalf; the user who started it is in the audit log
        // through this sign-in.
        let (bank, _sandbox) =
            sandbox::bank_directory(session.vault().dir().root(), &args.sandbox_url).await?;
        let engine = Engine::start(
            session.vault().clone(),
            bank,
            EngineConfig::from_env(),
            EngineActor::scheduler(),
        )?;
        let handle = scheduler::spawn(engine);
        let mut progress = handle.progress();
        let quiet = out.is_json();
        let lang = out.lang;
        let watcher = tokio::spawn(async move {
            while progress.changed().await.is_ok() {
                let p = progress.borrow_and_update().clone();
                if !quiet && !p.active && p.done > 0 {
                    let (done, queued) = (p.done, p.queued);
                    let last = p.last_outcome.unwrap_or_default();
                    eprintln!(
                        "{}",
                        lang.pick(
                            format!("{done}/{queued} bitti, son sonuç: {last}"),
                            format!("{done}/{queued} done, last: {last}"),
                        )
                    );
                }
            }
        });
        let _ = tokio::signal::ctrl_c().await;
        handle.stop().await;
        watcher.abort();
        Ok::<_, CliError>(())
    })?;
    out.result(
        "Zamanlayıcı durdu.",
        "The scheduler stopped.",
        json!({ "ok": true }),
    )
}

//! The background scheduler: its status (with the progress of the current run, also pushed to
//! the UI as `RunProgressEvent`), pause, resume and run now.

use jiff::ZonedDateTime as Zoned;
use jiff::civil::Time;
use serde::Serialize;
use specta::Type;
use tahsildar_core::RunProgress;
use tahsildar_core::engine::scheduler::{self, SchedulerCommand};
use tauri::State;

use crate::error::CommandError;
use crate::state::AppState;

/// Progress of the current (or last) run, pushed to the UI whenever it changes.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Type, tauri_specta::Event)]
#[serde(transparent)]
pub struct RunProgressEvent(pub RunProgress);

/// What the header shows about the scheduler.
#[derive(Debug, Clone, Serialize, Type)]
pub struct SchedulerStatus {
    /// False when the engine could not start; `problem` says why.
    pub running: bool,
    pub problem: Option<CommandError>,
    pub progress: RunProgress,
    /// The next daily run time of an enabled store, "27.11.2026 10:00" (Europe/Istanbul).
    pub next_run: Option<String>,
}

/// The next time after `now` at which one of the daily run times ("HH:MM") comes round.
pub fn next_run(now: &Zoned, run_times: &[String]) -> Option<Zoned> {
    let times: Vec<Time> = run_times
        .iter()
        .filter_map(|t| format!("{t}:00").parse::<Time>().ok())
        .collect();
    let today = now.date();
    let tomorrow = today.tomorrow().ok()?;
    let mut best: Option<Zoned> = None;
    for time in times {
        let day = if time > now.time() { today } else { tomorrow };
        let Ok(at) = day
            .to_datetime(time)
            .to_zoned_datetime(now.time_zone().clone())
        else {
            continue;
        };
        if best.as_ref().is_none_or(|b| at < *b) {
            best = Some(at);
        }
    }
    best
}

/// The next run of an enabled store, "27.11.2026 10:00" (Europe/Istanbul).
pub fn next_run_text(vault: &tahsildar_core::Vault) -> Option<String> {
    let times = tahsildar_core::store::run_times(vault).ok()?;
    let now = jiff::Timestamp::now().to_zoned_datetime(tahsildar_core::plan::time_zone());
    next_run(&now, &times).map(|at| at.strftime("%d.%m.%Y %H:%M").to_string())
}

/// The scheduler's state and the progress of the current run.
#[tauri::command]
#[specta::specta]
pub async fn scheduler_status(state: State<'_, AppState>) -> Result<SchedulerStatus, CommandError> {
    state
        .blocking(|s| {
            // Anyone signed in may see whether collections are running; acting needs more.
            let session = s.session()?;
            Ok(match s.engine() {
                Ok(engine) => SchedulerStatus {
                    running: true,
                    problem: None,
                    progress: engine.progress().borrow().clone(),
                    next_run: next_run_text(session.vault()),
                },
                Err(_) => SchedulerStatus {
                    running: false,
                    problem: s.engine_problem(),
                    progress: RunProgress::default(),
                    next_run: None,
                },
            })
        })
        .await
}

/// Gives the scheduler an operator's order: checked and audited (`scheduler::authorise`), then
/// sent. The window's buttons and the tray's menu both come here.
pub async fn tell(state: &AppState, command: SchedulerCommand) -> Result<(), CommandError> {
    let scheduler = state
        .blocking(move |s| {
            scheduler::authorise(&s.session()?, command)?;
            s.scheduler()
        })
        .await?;
    scheduler.send(command).await;
    Ok(())
}

/// Pauses the scheduler after the payment in hand; needs `submit_provisions` on every store.
#[tauri::command]
#[specta::specta]
pub async fn pause_scheduler(state: State<'_, AppState>) -> Result<(), CommandError> {
    tell(&state, SchedulerCommand::Pause).await
}

/// Resumes a paused scheduler; needs `submit_provisions` on every store.
#[tauri::command]
#[specta::specta]
pub async fn resume_scheduler(state: State<'_, AppState>) -> Result<(), CommandError> {
    tell(&state, SchedulerCommand::Resume).await
}

/// Runs every store's due payments now; needs `submit_provisions` on every store. Progress
/// arrives as `RunProgressEvent`s.
#[tauri::command]
#[specta::specta]
pub async fn run_now(state: State<'_, AppState>) -> Result<(), CommandError> {
    tell(&state, SchedulerCommand::RunNow(None)).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> Zoned {
        format!("{text}[Europe/Istanbul]").parse().unwrap()
    }

    #[test]
    fn the_next_run_is_the_soonest_run_time_still_ahead_today_else_tomorrow() {
        let times = ["10:00".to_string(), "18:30".to_string()];
        let next = next_run(&at("2026-11-27T09:15"), &times).unwrap();
        assert_eq!(
            next.strftime("%d.%m.%Y %H:%M").to_string(),
            "27.11.2026 10:00"
        );
        let next = next_run(&at("2026-11-27T12:00"), &times).unwrap();
        assert_eq!(
            next.strftime("%d.%m.%Y %H:%M").to_string(),
            "27.11.2026 18:30"
        );
        let next = next_run(&at("2026-11-27T19:00"), &times).unwrap();
        assert_eq!(
            next.strftime("%d.%m.%Y %H:%M").to_string(),
            "28.11.2026 10:00"
        );
    }

    #[test]
    fn no_enabled_store_means_no_next_run() {
        assert!(next_run(&at("2026-11-27T09:15"), &[]).is_none());
        assert!(next_run(&at("2026-11-27T09:15"), &["bozuk".to_string()]).is_none());
    }
}

//! The background scheduler: a tokio task that runs each store's due payments at its run time
//! (Europe/Istanbul), catches up at once on payments left from days the PC was off, runs on
//! demand, and can be paused and resumed. At start it matches the days not yet settled against
//! the bank's history report; between runs it settles the attempts that have a check planned
//! (a lost reply, a not-found answer waiting for its confirmation). The app and the CLI start
//! the same task.

use std::collections::HashMap;
use std::time::Duration;

use jiff::civil::{Date, Time};
use tokio::sync::{mpsc, watch};
use tokio::task::JoinHandle;

use super::events::RunProgress;
use super::runner::{Engine, require_run};
use crate::audit::{AuditAction, AuditResult};
use crate::auth::Session;
use crate::error::Result;
use crate::payments::PaymentStatus;
use crate::plan::PlanStatus;
use crate::stored::sql_list;

/// What the scheduler can be told.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SchedulerCommand {
    /// Run now: one store, or all.
    RunNow(Option<i64>),
    Pause,
    Resume,
    Stop,
}

impl SchedulerCommand {
    /// An operator's order (pause, resume, run now), with the audit action that records it.
    fn audit_action(self) -> Option<AuditAction> {
        match self {
            SchedulerCommand::Pause => Some(AuditAction::SchedulerPause),
            SchedulerCommand::Resume => Some(AuditAction::SchedulerResume),
            SchedulerCommand::RunNow(_) => Some(AuditAction::SchedulerRunNow),
            SchedulerCommand::Stop => None,
        }
    }
}

/// Checks that the session may give the scheduler this order (`submit_provisions` on the store
/// it names, or on every store) and audits it. The window's buttons and the tray's menu both
/// come here before the order is sent.
pub fn authorise(session: &Session, command: SchedulerCommand) -> Result<()> {
    let store = match command {
        SchedulerCommand::RunNow(store) => store,
        _ => None,
    };
    require_run(session, store)?;
    if let Some(action) = command.audit_action() {
        let object = store.map_or_else(|| "scheduler".to_string(), |id| format!("store:{id}"));
        session
            .vault()
            .audit(session.record(action, object, AuditResult::Ok))?;
    }
    Ok(())
}

/// Audits that the session turned starting the app (and so its scheduler) with the computer
/// on or off. Deciding it takes what pausing and resuming take ([`require_run`] on every
/// store), checked before the change.
pub fn audit_autostart(session: &Session, enabled: bool) -> Result<()> {
    session.vault().audit(
        session
            .record(
                AuditAction::SchedulerAutostart,
                "scheduler".to_string(),
                AuditResult::Ok,
            )
            .with_detail(serde_json::json!({ "enabled": enabled })),
    )?;
    Ok(())
}

/// A running scheduler.
pub struct SchedulerHandle {
    commands: mpsc::Sender<SchedulerCommand>,
    progress: watch::Receiver<RunProgress>,
    task: JoinHandle<()>,
}

impl SchedulerHandle {
    pub async fn send(&self, command: SchedulerCommand) {
        let _ = self.commands.send(command).await;
    }

    /// Live progress (queued, running, done, last outcome, paused).
    pub fn progress(&self) -> watch::Receiver<RunProgress> {
        self.progress.clone()
    }

    /// Stops after the current run and waits for the task.
    pub async fn stop(self) {
        let _ = self.commands.send(SchedulerCommand::Stop).await;
        let _ = self.task.await;
    }
}

/// How often the scheduler looks at the clock.
pub const TICK: Duration = Duration::from_secs(30);

/// Starts the scheduler on the current tokio runtime.
pub fn spawn(engine: Engine) -> SchedulerHandle {
    let (tx, mut rx) = mpsc::channel(16);
    let progress = engine.progress();
    let task = tokio::spawn(async move {
        // At start: the days not settled yet (the PC was off, the app was closed).
        let _ = engine.settle_pending(None).await;
        let mut last_run: HashMap<i64, Date> = HashMap::new();
        let mut paused = false;
        let mut tick = tokio::time::interval(TICK);
        loop {
            tokio::select! {
                command = rx.recv() => match command {
                    None | Some(SchedulerCommand::Stop) => break,
                    Some(SchedulerCommand::Pause) => {
                        paused = true;
                        engine.publish(|p| p.paused = true);
                    }
                    Some(SchedulerCommand::Resume) => {
                        paused = false;
                        engine.publish(|p| p.paused = false);
                    }
                    Some(SchedulerCommand::RunNow(store)) => {
                        let _ = run_once(&engine, store).await;
                    }
                },
                _ = tick.tick() => {
                    if paused {
                        continue;
                    }
                    if let Ok(stores) = stores_due(&engine, &last_run) {
                        for (store, today) in stores {
                            if run_once(&engine, Some(store)).await.is_ok() {
                                last_run.insert(store, today);
                            }
                        }
                    }
                    if engine.has_due_checks().unwrap_or(false) {
                        let _ = engine.reconcile_due().await;
                    }
                }
            }
        }
    });
    SchedulerHandle {
        commands: tx,
        progress,
        task,
    }
}

async fn run_once(engine: &Engine, store: Option<i64>) -> Result<()> {
    engine.reconcile(store).await?;
    engine.run(store).await?;
    Ok(())
}

/// Stores to run now: enabled, not yet run today, and either past their run time or holding
/// payments overdue from an earlier day (the PC was off at the run time).
fn stores_due(engine: &Engine, last_run: &HashMap<i64, Date>) -> Result<Vec<(i64, Date)>> {
    let vault = engine.vault();
    let now = vault
        .clock()
        .now()
        .to_zoned_datetime(crate::plan::time_zone());
    let today = now.date();
    let stores: Vec<(i64, String, bool)> = vault.db().read(|c| {
        let mut stmt = c.prepare(&format!(
            "SELECT s.id, s.run_time, EXISTS (SELECT 1 FROM payments p JOIN plans pl ON pl.id = p.plan_id
                 WHERE p.store_id = s.id AND pl.status = {active}
                   AND p.status IN ({due}) AND p.next_try_on < ?1)
             FROM stores s WHERE s.enabled = 1",
            active = sql_list(&[PlanStatus::Active]),
            due = sql_list(&[PaymentStatus::Scheduled, PaymentStatus::RetryWait]),
        ))?;
        let rows = stmt.query_map([today.to_string()], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })?;
        Ok(rows.collect::<std::result::Result<Vec<_>, _>>()?)
    })?;
    Ok(stores
        .into_iter()
        .filter(|(id, _, _)| last_run.get(id) != Some(&today))
        .filter(|(_, run_time, overdue)| {
            let at: Time = format!("{run_time}:00")
                .parse()
                .unwrap_or(Time::constant(10, 0, 0, 0));
            *overdue || now.time() >= at
        })
        .map(|(id, _, _)| (id, today))
        .collect())
}

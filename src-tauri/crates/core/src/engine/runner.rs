//! The runner: takes due payments store by store (with each store's concurrency and rate limit),
//! writes every attempt ahead, sends it, records the answer, and resolves unknown outcomes by
//! inquiry before anything else happens to the payment.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use serde::Serialize;
use tahsildar_akbank::Client;
use tokio::sync::{Semaphore, watch};

mod attempt;
mod follow_ups;
mod settle;

pub(crate) use attempt::Asking;
pub use settle::SettlementReport;

use super::actor::EngineActor;
use super::attempt_state::AttemptState;
use super::bank::BankDirectory;
use super::config::EngineConfig;
use super::events::{PaymentOutcome, RunProgress};
use super::failpoint;
use super::lock::EngineLock;
use super::rate_limit::RateLimiter;
use super::record;
use crate::error::Result;
use crate::payments::PaymentStatus;
use crate::vault::Vault;

/// Checks that a user may start a run: `submit_provisions` on the store (or on every store
/// when no store is given).
pub fn require_run(session: &crate::auth::Session, store: Option<i64>) -> Result<()> {
    session.require(crate::auth::Permission::SubmitProvisions, store)
}

/// What a run did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct RunSummary {
    /// Attempts found `in_flight` at start (left by a process that stopped mid-send).
    pub recovered_in_flight: u64,
    pub payments: u64,
    pub approved: u64,
    pub declined: u64,
    pub unresolved: u64,
    pub attention: u64,
    pub skipped: u64,
    /// Voids, refunds and captures settled (unknown answers resolved by inquiry, voids that
    /// waited for their attempt sent or closed).
    pub follow_ups: u64,
    /// Stores whose payments could not be sent, with the reason.
    pub store_errors: Vec<String>,
    /// The days matched against the bank's history report after the run.
    pub settlement: SettlementReport,
    /// A restored vault whose days since the backup are not settled yet: nothing new was sent.
    pub held_for_settlement: bool,
}

/// A store's client, concurrency and rate limit, as its settings were (`version`): a change of
/// settings takes effect on the next attempt, not the next start.
pub(crate) struct Lane {
    client: Client,
    permits: Arc<Semaphore>,
    rate: RateLimiter,
    version: String,
}

struct Inner {
    vault: Arc<Vault>,
    bank: BankDirectory,
    config: EngineConfig,
    actor: EngineActor,
    progress: watch::Sender<RunProgress>,
    lanes: Mutex<HashMap<i64, Arc<Lane>>>,
    recovered: u64,
    _lock: EngineLock,
}

/// The engine of one open vault. Only one exists per database at a time (see [`EngineLock`]).
#[derive(Clone)]
pub struct Engine {
    inner: Arc<Inner>,
}

impl std::fmt::Debug for Engine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Engine")
            .field("actor", &self.inner.actor)
            .finish_non_exhaustive()
    }
}

/// How the work on one attempt ended for this run.
pub(crate) enum Drive {
    Settled,
    Parked,
    Review,
}

/// Shows a run as going on (`active`, set when its payments are taken) until it ends, however
/// it ends: after the day's settlement with the bank's report, so that what the end of a run
/// tells (the window, the tray, the notification) includes the differences it found.
struct ShownActive<'a>(&'a Engine);

impl Drop for ShownActive<'_> {
    fn drop(&mut self) {
        self.0.publish(|p| p.active = false);
    }
}

impl Engine {
    /// Takes the engine lock of the vault's data directory (or fails with `EngineBusy`), then
    /// turns every attempt left `in_flight` into `unknown`, to be reconciled first.
    pub fn start(
        vault: Arc<Vault>,
        bank: BankDirectory,
        config: EngineConfig,
        actor: EngineActor,
    ) -> Result<Engine> {
        let lock = EngineLock::acquire(vault.dir().root())?;
        let recovered = record::in_flight_to_unknown(&vault)? as u64;
        let (progress, _) = watch::channel(RunProgress::default());
        Ok(Engine {
            inner: Arc::new(Inner {
                vault,
                bank,
                config,
                actor,
                progress,
                lanes: Mutex::new(HashMap::new()),
                recovered,
                _lock: lock,
            }),
        })
    }

    pub fn vault(&self) -> &Arc<Vault> {
        &self.inner.vault
    }

    /// Live progress of runs.
    pub fn progress(&self) -> watch::Receiver<RunProgress> {
        self.inner.progress.subscribe()
    }

    pub(crate) fn publish(&self, f: impl FnOnce(&mut RunProgress)) {
        self.inner.progress.send_modify(f);
    }

    pub(crate) fn actor(&self) -> &EngineActor {
        &self.inner.actor
    }

    pub(crate) fn config(&self) -> &EngineConfig {
        &self.inner.config
    }

    pub(crate) fn lane(&self, store_id: i64) -> Result<Arc<Lane>> {
        // Everything the lane is built from: a change of any of it builds a new one.
        let (concurrency, rate, version): (u32, u32, String) = self.inner.vault.db().read(|c| {
            Ok(c.query_row(
                "SELECT concurrency, rate_per_sec,
                     environment || '|' || COALESCE(base_url, '') || '|' || merchant_safe_id || '|'
                         || terminal_safe_id || '|' || COALESCE(hex(secret_key_sealed), '')
                         || '|' || concurrency || '|' || rate_per_sec
                 FROM stores WHERE id = ?1",
                [store_id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )?)
        })?;
        let mut lanes = self.inner.lanes.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(lane) = lanes.get(&store_id).filter(|l| l.version == version) {
            return Ok(lane.clone());
        }
        let cfg = &self.inner.config;
        let client = self.inner.bank.client_for(
            &self.inner.vault,
            store_id,
            cfg.request_timeout,
            cfg.connect_timeout,
        )?;
        let lane = Arc::new(Lane {
            client,
            permits: Arc::new(Semaphore::new(concurrency.max(1) as usize)),
            rate: RateLimiter::new(rate),
            version,
        });
        lanes.insert(store_id, lane.clone());
        Ok(lane)
    }

    fn today(&self) -> jiff::civil::Date {
        crate::plan::today(self.inner.vault.clock().as_ref())
    }

    /// Runs everything due now (of one store, or all) and waits until done: open attempts are
    /// resolved first, then due payments are claimed and sent, then the days not yet settled
    /// are matched against the bank's history report. A restored vault first settles every day
    /// since its backup, and sends nothing new until they are.
    pub async fn run(&self, store: Option<i64>) -> Result<RunSummary> {
        let _shown = ShownActive(self);
        let vault = &self.inner.vault;
        let started = vault.clock().now();
        let mut settled_first = None;
        if vault.db().read(crate::settlement::settle_from)?.is_some() {
            settled_first = Some(self.settle_pending(None).await?);
        }
        let held = vault.db().read(crate::settlement::settle_from)?.is_some();
        let today = self.today();
        let work = vault.db().read(|c| {
            if held {
                record::open_work_list(c, store, None)
            } else {
                record::work_list(c, store, today)
            }
        })?;
        let follow_ups = self.settle_follow_ups(store).await?;
        let mut summary = self.run_list(work, !held).await?;
        summary.follow_ups += follow_ups;
        summary.held_for_settlement = held;
        summary.settlement = match settled_first {
            Some(report) if held => report,
            _ => self.settle_pending(store).await?,
        };
        summary.follow_ups += summary.settlement.follow_ups;
        tracing::info!(
            store,
            payments = summary.payments,
            approved = summary.approved,
            declined = summary.declined,
            unresolved = summary.unresolved,
            attention = summary.attention,
            follow_ups = summary.follow_ups,
            held = summary.held_for_settlement,
            "run finished"
        );
        super::run_log::record(vault, store, started, &summary)?;
        Ok(summary)
    }

    /// Resolves every attempt whose outcome is not settled (unknown, not sent, not found, and
    /// manual reviews, which get one inquiry each) without taking new payments.
    pub async fn reconcile(&self, store: Option<i64>) -> Result<RunSummary> {
        let _shown = ShownActive(self);
        let mut summary = self.reconcile_where(store, None).await?;
        summary.settlement = self.settle_pending(store).await?;
        summary.follow_ups += summary.settlement.follow_ups;
        summary.held_for_settlement = self
            .inner
            .vault
            .db()
            .read(crate::settlement::settle_from)?
            .is_some();
        tracing::info!(
            store,
            payments = summary.payments,
            approved = summary.approved,
            declined = summary.declined,
            unresolved = summary.unresolved,
            follow_ups = summary.follow_ups,
            "reconcile finished"
        );
        Ok(summary)
    }

    /// Between runs: only the attempts with a check planned by now (a lost reply, a not-found
    /// answer waiting for its confirmation, a resend after the bank could not be reached).
    pub async fn reconcile_due(&self) -> Result<RunSummary> {
        let _shown = ShownActive(self);
        let now = self.inner.vault.clock().now();
        self.reconcile_where(None, Some(now)).await
    }

    /// Whether any attempt has a check planned by now.
    pub fn has_due_checks(&self) -> Result<bool> {
        let now = self.inner.vault.clock().now();
        let work = self
            .inner
            .vault
            .db()
            .read(|c| record::open_work_list(c, None, Some(now)))?;
        Ok(!work.is_empty())
    }

    async fn reconcile_where(
        &self,
        store: Option<i64>,
        due_by: Option<jiff::Timestamp>,
    ) -> Result<RunSummary> {
        let work = self
            .inner
            .vault
            .db()
            .read(|c| record::open_work_list(c, store, due_by))?;
        let mut summary = self.run_list(work, false).await?;
        // After the attempts: a void that waited for its attempt's inquiry goes out now.
        summary.follow_ups += self.settle_follow_ups(store).await?;
        Ok(summary)
    }

    async fn run_list(&self, work: Vec<(i64, i64)>, claim_new: bool) -> Result<RunSummary> {
        let mut summary = RunSummary {
            recovered_in_flight: self.inner.recovered,
            payments: work.len() as u64,
            ..RunSummary::default()
        };
        self.publish(|p| {
            *p = RunProgress {
                queued: work.len() as u64,
                active: true,
                paused: p.paused,
                ..RunProgress::default()
            }
        });
        let mut tasks = tokio::task::JoinSet::new();
        let mut failed_stores: HashMap<i64, String> = HashMap::new();
        for (payment_id, store_id) in work {
            let lane = match self.lane(store_id) {
                Ok(lane) => lane,
                Err(e) => {
                    failed_stores
                        .entry(store_id)
                        .or_insert_with(|| e.to_string());
                    summary.unresolved += 1;
                    self.publish(|p| p.done += 1);
                    continue;
                }
            };
            let engine = self.clone();
            tasks.spawn(async move {
                let _permit = lane.permits.clone().acquire_owned().await;
                engine.publish(|p| p.running += 1);
                let outcome = engine.process_payment(&lane, payment_id, claim_new).await;
                engine.publish(|p| {
                    p.running -= 1;
                    p.done += 1;
                    match &outcome {
                        Ok(PaymentOutcome::Approved) => p.approved += 1,
                        Ok(PaymentOutcome::Declined) => p.declined += 1,
                        Ok(PaymentOutcome::Attention) => p.attention += 1,
                        Ok(PaymentOutcome::Unresolved) | Err(_) => p.unresolved += 1,
                        Ok(PaymentOutcome::Skipped) => {}
                    }
                    p.last_outcome = Some(match &outcome {
                        Ok(o) => format!(
                            "payment {payment_id}: {}",
                            serde_json::to_value(o).unwrap_or_default()
                        ),
                        Err(e) => format!("payment {payment_id}: {}", e.code()),
                    });
                });
                outcome
            });
        }
        while let Some(joined) = tasks.join_next().await {
            match joined {
                Ok(Ok(PaymentOutcome::Approved)) => summary.approved += 1,
                Ok(Ok(PaymentOutcome::Declined)) => summary.declined += 1,
                Ok(Ok(PaymentOutcome::Unresolved)) | Ok(Err(_)) | Err(_) => summary.unresolved += 1,
                Ok(Ok(PaymentOutcome::Attention)) => summary.attention += 1,
                Ok(Ok(PaymentOutcome::Skipped)) => summary.skipped += 1,
            }
        }
        summary.store_errors = failed_stores
            .into_iter()
            .map(|(s, e)| format!("store {s}: {e}"))
            .collect();
        summary.store_errors.sort();
        Ok(summary)
    }

    /// Works a payment until the bank's answer is known or it must wait: its open attempt first,
    /// then new attempts while it is due (an alternate card is tried at once after a decline).
    async fn process_payment(
        &self,
        lane: &Lane,
        payment_id: i64,
        claim_new: bool,
    ) -> Result<PaymentOutcome> {
        let vault = &self.inner.vault;
        let mut outcome = PaymentOutcome::Skipped;
        loop {
            let open = vault
                .db()
                .read(|c| record::open_attempt_of(c, payment_id))?;
            let attempt_id = match open {
                Some(id) => id,
                None if !claim_new => break,
                None => match record::claim(vault, &self.inner.actor, payment_id, self.today())? {
                    Some(id) => {
                        failpoint::hit(failpoint::AFTER_WRITE_AHEAD);
                        id
                    }
                    None => break,
                },
            };
            match self.drive(lane, attempt_id).await? {
                Drive::Settled => {
                    let state = vault
                        .db()
                        .read(|c| record::load_attempt(c, attempt_id))?
                        .state;
                    if state == AttemptState::Approved {
                        self.carry_out_requested_void(lane, attempt_id).await?;
                    }
                    outcome = PaymentOutcome::of_settled(state);
                }
                Drive::Parked => return Ok(PaymentOutcome::Unresolved),
                Drive::Review => return Ok(PaymentOutcome::Attention),
            }
        }
        if outcome == PaymentOutcome::Declined {
            let status: PaymentStatus = vault.db().read(|c| {
                Ok(c.query_row(
                    "SELECT status FROM payments WHERE id = ?1",
                    [payment_id],
                    |r| r.get(0),
                )?)
            })?;
            if status == PaymentStatus::Attention {
                return Ok(PaymentOutcome::Attention);
            }
        }
        Ok(outcome)
    }
}

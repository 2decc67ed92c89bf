//! The runner: takes due payments store by store (with each store's concurrency and rate limit),
//! writes every attempt ahead, sends it, records the answer, and resolves unknown outcomes by
//! inquiry before anything else happens to the payment.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde::Serialize;
use tahsildar_akbank::{Client, InquiryOutcome, Money, OrderRef, SaleRequest, order_state};
use tokio::sync::{Semaphore, watch};
use tokio::time::Instant;

use super::actor::EngineActor;
use super::attempt_state::AttemptState;
use super::bank::BankDirectory;
use super::config::EngineConfig;
use super::events::{PaymentOutcome, RunProgress};
use super::failpoint;
use super::lock::EngineLock;
use super::record::{self, AttemptRow, Final};
use super::verdict::{self, Resolution, Verdict};
use crate::customer::card;
use crate::error::Result;
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
    /// Stores whose payments could not be sent, with the reason.
    pub store_errors: Vec<String>,
}

/// Spaces requests of one store to its rate limit.
struct RateLimiter {
    next: tokio::sync::Mutex<Instant>,
    interval: Duration,
}

impl RateLimiter {
    fn new(per_sec: u32) -> RateLimiter {
        RateLimiter {
            next: tokio::sync::Mutex::new(Instant::now()),
            interval: Duration::from_secs(1) / per_sec.max(1),
        }
    }

    async fn wait(&self) {
        let mut next = self.next.lock().await;
        let now = Instant::now();
        if *next > now {
            tokio::time::sleep_until(*next).await;
        }
        *next = (*next).max(now) + self.interval;
    }
}

/// A store's client, concurrency and rate limit.
struct Lane {
    client: Client,
    permits: Arc<Semaphore>,
    rate: RateLimiter,
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
enum Drive {
    Settled,
    Parked,
    Review,
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

    fn lane(&self, store_id: i64) -> Result<Arc<Lane>> {
        let mut lanes = self.inner.lanes.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(lane) = lanes.get(&store_id) {
            return Ok(lane.clone());
        }
        let cfg = &self.inner.config;
        let client = self.inner.bank.client_for(
            &self.inner.vault,
            store_id,
            cfg.request_timeout,
            cfg.connect_timeout,
        )?;
        let (concurrency, rate): (u32, u32) = self.inner.vault.db().read(|c| {
            Ok(c.query_row(
                "SELECT concurrency, rate_per_sec FROM stores WHERE id = ?1",
                [store_id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?)
        })?;
        let lane = Arc::new(Lane {
            client,
            permits: Arc::new(Semaphore::new(concurrency.max(1) as usize)),
            rate: RateLimiter::new(rate),
        });
        lanes.insert(store_id, lane.clone());
        Ok(lane)
    }

    fn today(&self) -> jiff::civil::Date {
        crate::plan::today(self.inner.vault.clock().as_ref())
    }

    /// Runs everything due now (of one store, or all) and waits until done: open attempts are
    /// resolved first, then due payments are claimed and sent.
    pub async fn run(&self, store: Option<i64>) -> Result<RunSummary> {
        let today = self.today();
        let work = self
            .inner
            .vault
            .db()
            .read(|c| record::work_list(c, store, today))?;
        self.run_list(work, true).await
    }

    /// Resolves every attempt whose outcome is not settled (unknown, not sent, not found, and
    /// manual reviews, which get one inquiry each) without taking new payments.
    pub async fn reconcile(&self, store: Option<i64>) -> Result<RunSummary> {
        let work = self
            .inner
            .vault
            .db()
            .read(|c| record::open_work_list(c, store))?;
        self.run_list(work, false).await
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
                        Ok(PaymentOutcome::Unresolved | PaymentOutcome::Attention) | Err(_) => {
                            p.unresolved += 1
                        }
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
        self.publish(|p| p.active = false);
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
                    outcome = if state == AttemptState::Approved {
                        PaymentOutcome::Approved
                    } else {
                        PaymentOutcome::Declined
                    };
                }
                Drive::Parked => return Ok(PaymentOutcome::Unresolved),
                Drive::Review => return Ok(PaymentOutcome::Attention),
            }
        }
        if outcome == PaymentOutcome::Declined {
            let status: String = vault.db().read(|c| {
                Ok(c.query_row(
                    "SELECT status FROM payments WHERE id = ?1",
                    [payment_id],
                    |r| r.get(0),
                )?)
            })?;
            if status == "attention" {
                return Ok(PaymentOutcome::Attention);
            }
        }
        Ok(outcome)
    }

    /// Moves one attempt through the state machine until it is settled, parked or in review.
    async fn drive(&self, lane: &Lane, attempt_id: i64) -> Result<Drive> {
        let vault = &self.inner.vault;
        let cfg = &self.inner.config;
        let mut retries = 0u32;
        loop {
            let attempt = vault.db().read(|c| record::load_attempt(c, attempt_id))?;
            match attempt.state {
                AttemptState::Approved | AttemptState::Declined => return Ok(Drive::Settled),
                AttemptState::Planned | AttemptState::NotSent | AttemptState::NotFound => {
                    if record::mark_resending(vault, attempt_id)?
                        && let Some(d) = self.send(lane, &attempt, &mut retries).await?
                    {
                        return Ok(d);
                    }
                }
                AttemptState::InFlight => {
                    if let Some(d) = self.send(lane, &attempt, &mut retries).await? {
                        return Ok(d);
                    }
                }
                AttemptState::Unknown => {
                    tokio::time::sleep(cfg.inquiry_wait(attempt.inquiries)).await;
                    if let Some(d) = self.inquire(lane, &attempt, &mut retries, false).await? {
                        return Ok(d);
                    }
                }
                AttemptState::ManualReview => {
                    return Ok(self
                        .inquire(lane, &attempt, &mut retries, true)
                        .await?
                        .unwrap_or(Drive::Review));
                }
            }
        }
    }

    /// Sends the sale of an attempt that is `in_flight`; `Some` when the drive ends here.
    async fn send(
        &self,
        lane: &Lane,
        attempt: &AttemptRow,
        retries: &mut u32,
    ) -> Result<Option<Drive>> {
        let vault = &self.inner.vault;
        let cfg = &self.inner.config;
        lane.rate.wait().await;
        let outcome = {
            // The card is opened right before the request is built and dropped right after.
            let request = SaleRequest {
                order_id: attempt.order_id.clone(),
                amount: Money::new(attempt.amount_minor, attempt.currency),
                card: card::open(vault, attempt.card_id)?,
                install_count: attempt.installments.max(1),
                moto_ind: 1,
                customer_ip: "127.0.0.1".into(),
                customer_email: None,
            };
            lane.client.sale(&request).await
        };
        failpoint::hit(failpoint::AFTER_SEND_BEFORE_RECORD);
        let today = self.today();
        let result = match verdict::of_sale(&outcome) {
            Verdict::Approved(answer) => {
                record::finish(
                    vault,
                    &self.inner.actor,
                    attempt,
                    &Final::Approved(answer),
                    &cfg.policy,
                    today,
                )?;
                Some(Drive::Settled)
            }
            Verdict::Declined { kind, answer } => {
                let result = Final::Declined { kind, answer };
                record::finish(
                    vault,
                    &self.inner.actor,
                    attempt,
                    &result,
                    &cfg.policy,
                    today,
                )?;
                Some(Drive::Settled)
            }
            Verdict::Resend { wait, reason } => {
                record::mark(vault, attempt.id, AttemptState::NotSent, &reason)?;
                self.pause_before_retry(wait, retries).await
            }
            Verdict::Inquire { reason } => {
                record::mark(vault, attempt.id, AttemptState::Unknown, &reason)?;
                None
            }
        };
        failpoint::hit(failpoint::AFTER_RECORD);
        Ok(result)
    }

    /// Waits before sending again after nothing reached the bank; parks the attempt for the
    /// next run once the tries of this run are used up or the bank asks for a long wait.
    async fn pause_before_retry(&self, wait: Option<Duration>, retries: &mut u32) -> Option<Drive> {
        let cfg = &self.inner.config;
        *retries += 1;
        let wait = wait.unwrap_or(cfg.resend_backoff * *retries);
        if *retries >= cfg.max_resends || wait > cfg.max_retry_after {
            return Some(Drive::Parked);
        }
        tokio::time::sleep(wait).await;
        None
    }

    /// Asks the bank what became of an attempt; `Some` when the drive ends here.
    async fn inquire(
        &self,
        lane: &Lane,
        attempt: &AttemptRow,
        retries: &mut u32,
        once: bool,
    ) -> Result<Option<Drive>> {
        let vault = &self.inner.vault;
        let cfg = &self.inner.config;
        let actor = &self.inner.actor;
        lane.rate.wait().await;
        let answer = lane
            .client
            .inquiry(&OrderRef::OrderId(attempt.order_id.clone()))
            .await;
        failpoint::hit(failpoint::DURING_INQUIRY);
        if let InquiryOutcome::NotSent(_) | InquiryOutcome::Throttled { .. } = &answer {
            // The question never reached the bank: it says nothing about the order.
            let wait = match &answer {
                InquiryOutcome::Throttled { retry_after } => *retry_after,
                _ => None,
            };
            return Ok(if once {
                Some(Drive::Review)
            } else {
                self.pause_before_retry(wait, retries).await
            });
        }
        let state = order_state::interpret(&answer, &attempt.order_id);
        let today = self.today();
        Ok(match verdict::of_inquiry(&state) {
            Resolution::Approved(answer) => {
                record::finish(
                    vault,
                    actor,
                    attempt,
                    &Final::Approved(answer),
                    &cfg.policy,
                    today,
                )?;
                Some(Drive::Settled)
            }
            Resolution::Reversed(mut answer) => {
                answer.message = Some(format!(
                    "reversed by the bank before it was recorded here ({})",
                    answer.message.unwrap_or_default()
                ));
                let result = Final::Declined {
                    kind: super::retry_policy::DeclineKind::Soft,
                    answer,
                };
                record::finish(vault, actor, attempt, &result, &cfg.policy, today)?;
                Some(Drive::Settled)
            }
            Resolution::Declined { kind, answer } => {
                record::finish(
                    vault,
                    actor,
                    attempt,
                    &Final::Declined { kind, answer },
                    &cfg.policy,
                    today,
                )?;
                Some(Drive::Settled)
            }
            Resolution::NotFound if once => {
                // Leave manual review only through an operator or a definite answer.
                Some(Drive::Review)
            }
            Resolution::NotFound => {
                record::mark(
                    vault,
                    attempt.id,
                    AttemptState::NotFound,
                    "the bank has no record of it",
                )?;
                None
            }
            Resolution::Suspicious(answer) => {
                let why = format!(
                    "the bank marks it suspicious ({})",
                    answer.message.unwrap_or_else(|| "txnStatus S".into())
                );
                record::manual_review(vault, actor, attempt, &why)?;
                Some(Drive::Review)
            }
            Resolution::Undetermined(_) if once => Some(Drive::Review),
            Resolution::Undetermined(reason) => {
                if record::inquiry_undetermined(vault, actor, attempt, &reason, cfg.max_inquiries)?
                {
                    Some(Drive::Review)
                } else {
                    None
                }
            }
        })
    }
}

//! Moving one attempt through the state machine: send (or resend the same order id), record
//! the answer, and inquire while its fate is unknown.

use std::time::Duration;

use tahsildar_akbank::{InquiryOutcome, Money, OrderRef, SaleRequest, order_state};

use super::{Drive, Engine, Lane};
use crate::customer::card;
use crate::engine::attempt_state::AttemptState;
use crate::engine::failpoint;
use crate::engine::record::{self, AttemptRow, Final};
use crate::engine::verdict::{self, HostAnswer, Resolution, Verdict};
use crate::error::Result;
use crate::plan::ProvisionKind;

impl Engine {
    /// Moves one attempt through the state machine until it is settled, parked or in review.
    pub(super) async fn drive(&self, lane: &Lane, attempt_id: i64) -> Result<Drive> {
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
            match attempt.kind {
                ProvisionKind::Sale => lane.client.sale(&request).await,
                ProvisionKind::PreAuth => lane.client.pre_auth(&request).await,
            }
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
                    kind: crate::engine::retry_policy::DeclineKind::Soft,
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
            Resolution::NotFound
                if vault.db().read(|c| record::void_requested(c, attempt.id))? =>
            {
                // An operator asked to void it: rather than sending it again, it is withdrawn
                // and the void request closed (nothing was charged).
                let answer = HostAnswer {
                    vps_code: Some("VPS-1123".into()),
                    message: Some("the bank has no record of it; not sent again".into()),
                    ..HostAnswer::default()
                };
                let result = Final::Declined {
                    kind: crate::engine::retry_policy::DeclineKind::Hard,
                    answer,
                };
                record::finish(vault, actor, attempt, &result, &cfg.policy, today)?;
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

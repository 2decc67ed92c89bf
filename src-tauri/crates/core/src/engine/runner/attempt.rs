//! Moving one attempt through the state machine: send (or resend the same order id), record
//! the answer, and inquire while its fate is unknown.

use std::time::Duration;

use tahsildar_akbank::{InquiryOutcome, Money, OrderRef, SaleRequest, order_state};

use super::{Drive, Engine, Lane};
use crate::customer::card;
use crate::engine::attempt_state::AttemptState;
use crate::engine::failpoint;
use crate::engine::record::{self, AttemptRow, Final, NotFoundStep, Resend};
use crate::engine::retry_policy::DeclineKind;
use crate::engine::verdict::{self, Resolution, Verdict};
use crate::error::Result;
use crate::plan::ProvisionKind;

/// How an inquiry is asked: in a run, or once for an attempt in manual review (which leaves
/// review only on a definite answer or by an operator).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Asking {
    InRun,
    Once,
}

impl Engine {
    /// Moves one attempt through the state machine until it is settled, parked or in review.
    pub(crate) async fn drive(&self, lane: &Lane, attempt_id: i64) -> Result<Drive> {
        let vault = &self.inner.vault;
        let cfg = &self.inner.config;
        let mut retries = 0u32;
        let mut waited_for_not_found = false;
        loop {
            let attempt = vault.db().read(|c| record::load_attempt(c, attempt_id))?;
            match attempt.state {
                AttemptState::Approved | AttemptState::Declined | AttemptState::Withdrawn => {
                    return Ok(Drive::Settled);
                }
                AttemptState::Planned | AttemptState::NotSent | AttemptState::NotFound => {
                    match record::begin_resend(vault, &self.inner.actor, attempt_id, cfg, false)? {
                        Resend::Go => {
                            if let Some(d) = self.send(lane, &attempt, &mut retries).await? {
                                return Ok(d);
                            }
                        }
                        Resend::Withdrawn => return Ok(Drive::Settled),
                        Resend::Review => return Ok(Drive::Review),
                        Resend::Moved => {}
                    }
                }
                AttemptState::InFlight => {
                    if let Some(d) = self.send(lane, &attempt, &mut retries).await? {
                        return Ok(d);
                    }
                }
                AttemptState::Unknown => {
                    tokio::time::sleep(cfg.inquiry_wait(attempt.inquiries)).await;
                    match self
                        .inquire(lane, &attempt, &mut retries, Asking::InRun)
                        .await?
                    {
                        Inquired::Ended(d) => return Ok(d),
                        Inquired::Continue => {}
                        // The first "no such order" is only noted. Waiting for the second
                        // answer within this run is worth it when it is close; otherwise, or
                        // if the clock did not move on while waiting, a later run asks again.
                        Inquired::AskAgainIn(wait)
                            if !waited_for_not_found && wait <= cfg.max_retry_after =>
                        {
                            waited_for_not_found = true;
                            tokio::time::sleep(wait).await;
                        }
                        Inquired::AskAgainIn(_) => return Ok(Drive::Parked),
                    }
                }
                AttemptState::ManualReview => {
                    return Ok(
                        match self
                            .inquire(lane, &attempt, &mut retries, Asking::Once)
                            .await?
                        {
                            Inquired::Ended(d) => d,
                            Inquired::Continue | Inquired::AskAgainIn(_) => Drive::Review,
                        },
                    );
                }
            }
        }
    }

    /// Sends the sale of an attempt that is `in_flight`; `Some` when the drive ends here.
    pub(crate) async fn send(
        &self,
        lane: &Lane,
        attempt: &AttemptRow,
        retries: &mut u32,
    ) -> Result<Option<Drive>> {
        let vault = &self.inner.vault;
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
            failpoint::panic_showing(failpoint::PANIC_WITH_CARD, &request);
            match attempt.kind {
                ProvisionKind::Sale => lane.client.sale(&request).await,
                ProvisionKind::PreAuth => lane.client.pre_auth(&request).await,
            }
        };
        failpoint::hit(failpoint::AFTER_SEND_BEFORE_RECORD);
        let reply = outcome.reply();
        tracing::info!(
            attempt_id = attempt.id,
            order_id = attempt.order_id,
            outcome = outcome.kind(),
            vps_code = reply.map(|r| r.response_code.as_str()),
            host_code = reply.and_then(|r| r.host_response_code.as_deref()),
            "sent"
        );
        let today = self.today();
        let result = match verdict::of_sale(&outcome) {
            Verdict::Approved(answer) => {
                let result = Final::Approved(answer);
                self.finish(attempt, AttemptState::InFlight, &result, today)?;
                Some(Drive::Settled)
            }
            Verdict::Declined { kind, answer } => {
                let result = Final::Declined { kind, answer };
                self.finish(attempt, AttemptState::InFlight, &result, today)?;
                Some(Drive::Settled)
            }
            Verdict::Resend { wait, reason } => {
                record::not_sent(vault, attempt.id, &reason)?;
                self.pause_before_retry(wait, retries).await
            }
            Verdict::Inquire { reason } => {
                record::lost_reply(vault, attempt.id, &reason)?;
                None
            }
        };
        failpoint::hit(failpoint::AFTER_RECORD);
        Ok(result)
    }

    fn finish(
        &self,
        attempt: &AttemptRow,
        from: AttemptState,
        result: &Final,
        today: jiff::civil::Date,
    ) -> Result<()> {
        record::finish(
            &self.inner.vault,
            &self.inner.actor,
            attempt,
            from,
            result,
            today,
        )
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

    /// Asks the bank what became of an attempt that is `unknown` or in manual review.
    pub(crate) async fn inquire(
        &self,
        lane: &Lane,
        attempt: &AttemptRow,
        retries: &mut u32,
        asking: Asking,
    ) -> Result<Inquired> {
        let vault = &self.inner.vault;
        let cfg = &self.inner.config;
        let actor = &self.inner.actor;
        let from = attempt.state;
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
            return Ok(match asking {
                Asking::Once => Inquired::Ended(Drive::Review),
                Asking::InRun => match self.pause_before_retry(wait, retries).await {
                    Some(d) => Inquired::Ended(d),
                    None => Inquired::Continue,
                },
            });
        }
        let state = order_state::interpret(&answer, &attempt.order_id);
        tracing::info!(attempt_id = attempt.id, order_id = attempt.order_id, answer = ?kind_of(&state), "inquiry");
        let today = self.today();
        let settled = Inquired::Ended(Drive::Settled);
        Ok(match verdict::of_inquiry(&state) {
            Resolution::Approved(answer) => {
                self.finish(attempt, from, &Final::Approved(answer), today)?;
                settled
            }
            Resolution::Reversed(mut answer) => {
                answer.message = Some(format!(
                    "reversed by the bank before it was recorded here ({})",
                    answer.message.unwrap_or_default()
                ));
                let result = Final::Declined {
                    kind: DeclineKind::Soft,
                    answer,
                };
                self.finish(attempt, from, &result, today)?;
                settled
            }
            Resolution::Declined { kind, answer } => {
                self.finish(attempt, from, &Final::Declined { kind, answer }, today)?;
                settled
            }
            Resolution::NotFound => match record::not_found(vault, attempt.id, cfg)? {
                // Confirmed for an unknown attempt: it is `not_found` now, and the drive
                // decides whether it is sent again or withdrawn. One in manual review is
                // withdrawn if its payment may no longer be collected, else waits for an
                // operator, who now sees the confirmation.
                NotFoundStep::Confirmed if from == AttemptState::ManualReview => {
                    if record::withdraw_confirmed_review(vault, actor, attempt.id)? {
                        settled
                    } else {
                        Inquired::Ended(Drive::Review)
                    }
                }
                NotFoundStep::Confirmed => Inquired::Continue,
                NotFoundStep::AskAgainIn(wait) => Inquired::AskAgainIn(wait),
            },
            Resolution::Suspicious(answer) => {
                let why = format!(
                    "the bank marks it suspicious ({}); void it, or call the bank",
                    answer.message.unwrap_or_else(|| "txnStatus S".into())
                );
                record::manual_review(vault, actor, attempt.id, &why, true)?;
                Inquired::Ended(Drive::Review)
            }
            Resolution::Undetermined(_) if asking == Asking::Once => Inquired::Ended(Drive::Review),
            Resolution::Undetermined(reason) => {
                if record::inquiry_undetermined(vault, actor, attempt, &reason, cfg.max_inquiries)?
                {
                    Inquired::Ended(Drive::Review)
                } else {
                    Inquired::Continue
                }
            }
        })
    }
}

/// What an inquiry said, in a word, for the log.
fn kind_of(state: &tahsildar_akbank::OrderState) -> &'static str {
    use tahsildar_akbank::OrderState::*;
    match state {
        Approved { .. } => "approved",
        Declined(_) => "declined",
        Voided(_) => "voided",
        Refunded(_) => "reversed",
        Suspicious(_) => "suspicious",
        NotFound => "not_found",
        Undetermined(_) => "undetermined",
    }
}

/// Where an inquiry leaves the drive.
pub(crate) enum Inquired {
    /// The drive ends here.
    Ended(Drive),
    /// Look at the attempt again (its state may have changed).
    Continue,
    /// The bank has no record yet; a second answer is needed this long from now.
    AskAgainIn(Duration),
}

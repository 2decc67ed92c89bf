//! What the engine makes of the bank's answer to a sale and to an inquiry.
//!
//! Only a definite answer the catalogue knows is a decline (docs/engine.md, "What an answer
//! means"). A timeout, reset, 5xx or unreadable body means the bank may have booked the sale, so
//! the attempt becomes `unknown` and is resolved by inquiry; so does a code the catalogue does
//! not know, since reading it as a decline and retrying under a new order id could charge twice.
//! A refusal before any byte left, or a 429 from the host's rate limiter, means nothing was
//! booked, so the same order id is sent again. A VPS-1013 ("order id already used") to one of
//! our own order ids means an earlier send landed: inquire, never decline. A host decline
//! (VPS-1005) with a host code the catalogue does not know is a decline that is not retried on
//! the same card.

use std::time::Duration;

use tahsildar_akbank::{CodeClass, OrderState, Outcome, TxnReply, catalogue};

use super::attempt_state::AttemptState;
use super::retry_policy::DeclineKind;

/// The bank's codes and identifiers kept on an attempt.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HostAnswer {
    pub vps_code: Option<String>,
    pub host_code: Option<String>,
    pub message: Option<String>,
    pub auth_code: Option<String>,
    pub rrn: Option<String>,
    /// The bank's batch (end-of-day group) number.
    pub batch_number: Option<i64>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    Approved(HostAnswer),
    Declined {
        kind: DeclineKind,
        answer: HostAnswer,
    },
    /// Nothing was booked: send again with the same order id, after `wait` if given.
    Resend {
        wait: Option<Duration>,
        reason: String,
    },
    /// The bank may have booked it: ask by inquiry before anything else.
    Inquire {
        reason: String,
    },
}

impl Verdict {
    /// The attempt state this verdict leads to.
    pub fn state(&self) -> AttemptState {
        match self {
            Verdict::Approved(_) => AttemptState::Approved,
            Verdict::Declined { .. } => AttemptState::Declined,
            Verdict::Resend { .. } => AttemptState::NotSent,
            Verdict::Inquire { .. } => AttemptState::Unknown,
        }
    }
}

/// How a definite decline counts for retries; `None` when the code is not a decline the
/// catalogue knows (then nothing can be concluded from the answer).
pub fn decline_kind(class: CodeClass) -> Option<DeclineKind> {
    match class {
        CodeClass::HardDecline => Some(DeclineKind::Hard),
        CodeClass::OurError => Some(DeclineKind::OurError),
        CodeClass::SoftDecline => Some(DeclineKind::Soft),
        CodeClass::Unknown | CodeClass::Approved => None,
    }
}

fn answer_of(reply: &TxnReply) -> HostAnswer {
    HostAnswer {
        vps_code: Some(reply.response_code.clone()),
        host_code: reply.host_response_code.clone(),
        message: reply
            .host_message
            .clone()
            .or_else(|| Some(reply.response_message.clone()).filter(|m| !m.is_empty())),
        auth_code: reply.auth_code.clone(),
        rrn: reply.rrn.clone(),
        batch_number: reply.batch_number,
    }
}

/// Reads the answer to a sale (or pre-auth) sent under one of our order ids.
pub fn of_sale(outcome: &Outcome) -> Verdict {
    match outcome {
        Outcome::Approved(reply) => Verdict::Approved(answer_of(reply)),
        Outcome::Declined(reply) if reply.is_duplicate_order() => Verdict::Inquire {
            reason: "the bank already holds this order id".into(),
        },
        Outcome::Declined(reply) => match decline_kind(reply.info().class) {
            Some(kind) => Verdict::Declined {
                kind,
                answer: answer_of(reply),
            },
            None => Verdict::Inquire {
                reason: format!(
                    "the bank answered with a code this program does not know ({})",
                    reply.response_code
                ),
            },
        },
        Outcome::NotSent(reason) => Verdict::Resend {
            wait: None,
            reason: reason.clone(),
        },
        Outcome::Throttled { retry_after } => Verdict::Resend {
            wait: *retry_after,
            reason: "the bank asked to slow down (HTTP 429)".into(),
        },
        Outcome::Unknown(reason) => Verdict::Inquire {
            reason: reason.clone(),
        },
        // Refused before processing (bad hash, credentials, field format): our configuration.
        Outcome::Rejected(error) if decline_kind(error.info().class).is_some() => {
            let code = if error.code.is_empty() {
                error.http_status.to_string()
            } else {
                error.code.clone()
            };
            Verdict::Declined {
                kind: DeclineKind::OurError,
                answer: HostAnswer {
                    vps_code: Some(code),
                    message: Some(error.message.clone()).filter(|m| !m.is_empty()),
                    ..HostAnswer::default()
                },
            }
        }
        Outcome::Rejected(error) => Verdict::Inquire {
            reason: format!("the bank refused it with a code this program does not know ({error})"),
        },
    }
}

/// What an inquiry says about an attempt whose fate was unknown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Resolution {
    /// The bank booked and approved it.
    Approved(HostAnswer),
    /// The bank booked it and then reversed it on its own (we never void an attempt whose fate
    /// we do not know): nothing was collected, so the payment is retried like a soft decline.
    Reversed(HostAnswer),
    /// The bank declined it.
    Declined {
        kind: DeclineKind,
        answer: HostAnswer,
    },
    /// The bank has no record: resend with the same order id.
    NotFound,
    /// The bank flags it as suspicious: an operator must void it or call the bank.
    Suspicious(HostAnswer),
    /// No definite answer yet: ask again later.
    Undetermined(String),
}

/// Reads an interpreted inquiry for one of our sale order ids.
pub fn of_inquiry(state: &OrderState) -> Resolution {
    let answer = |row: &tahsildar_akbank::InquiryRow| HostAnswer {
        vps_code: row.response_code.clone(),
        host_code: row.host_response_code.clone(),
        message: row
            .host_message
            .clone()
            .or_else(|| row.response_message.clone()),
        auth_code: row.auth_code.clone(),
        rrn: row.rrn.clone(),
        batch_number: row.batch_number,
    };
    match state {
        OrderState::Approved { row, .. } => Resolution::Approved(answer(row)),
        OrderState::Voided(row) | OrderState::Refunded(row) => Resolution::Reversed(answer(row)),
        OrderState::Declined(row) => {
            let code = row.response_code.as_deref().unwrap_or_default();
            let class = catalogue::describe(code, row.host_response_code.as_deref()).class;
            match decline_kind(class) {
                Some(kind) => Resolution::Declined {
                    kind,
                    answer: answer(row),
                },
                None => Resolution::Undetermined(format!(
                    "the bank's record has a code this program does not know ({code})"
                )),
            }
        }
        OrderState::Suspicious(row) => Resolution::Suspicious(answer(row)),
        OrderState::NotFound => Resolution::NotFound,
        OrderState::Undetermined(reason) => Resolution::Undetermined(reason.clone()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tahsildar_akbank::ApiError;

    fn reply(vps: &str, host: Option<&str>) -> TxnReply {
        TxnReply {
            txn_code: "1000".into(),
            response_code: vps.into(),
            response_message: "Provizyon Hatası".into(),
            host_response_code: host.map(str::to_string),
            host_message: host.map(|h| format!("0{h} RED")),
            auth_code: Some("000000".into()),
            rrn: Some("411524361163".into()),
            batch_number: Some(43),
            ..TxnReply::default()
        }
    }

    #[test]
    fn only_a_host_answer_declines() {
        assert_eq!(
            of_sale(&Outcome::Unknown("timed out".into())).state(),
            AttemptState::Unknown
        );
        assert_eq!(
            of_sale(&Outcome::NotSent("refused".into())).state(),
            AttemptState::NotSent
        );
        let throttled = of_sale(&Outcome::Throttled {
            retry_after: Some(Duration::from_secs(2)),
        });
        assert!(
            matches!(throttled, Verdict::Resend { wait: Some(w), .. } if w == Duration::from_secs(2))
        );
        assert_eq!(
            of_sale(&Outcome::Declined(reply("VPS-1005", Some("51")))),
            Verdict::Declined {
                kind: DeclineKind::Soft,
                answer: HostAnswer {
                    vps_code: Some("VPS-1005".into()),
                    host_code: Some("51".into()),
                    message: Some("051 RED".into()),
                    auth_code: Some("000000".into()),
                    rrn: Some("411524361163".into()),
                    batch_number: Some(43),
                }
            }
        );
    }

    #[test]
    fn hard_and_configuration_declines_are_told_apart() {
        let hard = of_sale(&Outcome::Declined(reply("VPS-1005", Some("54"))));
        assert!(matches!(
            hard,
            Verdict::Declined {
                kind: DeclineKind::Hard,
                ..
            }
        ));
        let ours = of_sale(&Outcome::Declined(reply("VPS-1061", None)));
        assert!(matches!(
            ours,
            Verdict::Declined {
                kind: DeclineKind::OurError,
                ..
            }
        ));
        let rejected = of_sale(&Outcome::Rejected(ApiError {
            http_status: 401,
            code: String::new(),
            message: "hash".into(),
        }));
        assert!(matches!(
            rejected,
            Verdict::Declined {
                kind: DeclineKind::OurError,
                ..
            }
        ));
    }

    #[test]
    fn an_answer_the_catalogue_does_not_know_is_never_a_decline() {
        let v = of_sale(&Outcome::Declined(reply("VPS-9997", None)));
        assert!(matches!(v, Verdict::Inquire { .. }), "{v:?}");
        let refused = of_sale(&Outcome::Rejected(ApiError {
            http_status: 403,
            code: "VPS-8888".into(),
            message: "?".into(),
        }));
        assert!(matches!(refused, Verdict::Inquire { .. }), "{refused:?}");
        // A host decline with an unlisted host code is a decline, not retried on this card.
        let host = of_sale(&Outcome::Declined(reply("VPS-1005", Some("Q9"))));
        assert!(
            matches!(
                host,
                Verdict::Declined {
                    kind: DeclineKind::Hard,
                    ..
                }
            ),
            "{host:?}"
        );
    }

    #[test]
    fn a_used_order_id_means_an_earlier_send_landed() {
        let v = of_sale(&Outcome::Declined(reply("VPS-1013", None)));
        assert!(matches!(v, Verdict::Inquire { .. }), "{v:?}");
    }

    #[test]
    fn an_approved_sale_keeps_its_authorisation() {
        let mut r = reply("VPS-0000", Some("00"));
        r.auth_code = Some("306455".into());
        match of_sale(&Outcome::Approved(r)) {
            Verdict::Approved(a) => assert_eq!(a.auth_code.as_deref(), Some("306455")),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn inquiry_results() {
        assert_eq!(of_inquiry(&OrderState::NotFound), Resolution::NotFound);
        assert!(matches!(
            of_inquiry(&OrderState::Undetermined("x".into())),
            Resolution::Undetermined(_)
        ));
    }
}

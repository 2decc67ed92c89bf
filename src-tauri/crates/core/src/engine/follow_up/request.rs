//! An operator's void, refund or capture: the checks against the attempt, and the row written
//! ahead, in one transaction (so two requests, or a request and the engine, cannot both pass
//! the checks on the same attempt).

use rusqlite::{OptionalExtension, Transaction, params};

use super::{FollowUpKind, FollowUpState};
use crate::audit::{AuditAction, AuditResult};
use crate::auth::Session;
use crate::engine::EngineActor;
use crate::engine::attempt_state::AttemptState;
use crate::engine::record::{Hold, Scribe, WithdrawScope, withdraw_unsent};
use crate::error::{Error, Result};
use crate::i18n::{Lang, Text};
use crate::plan::ProvisionKind;
use crate::stored::sql_list;

/// The attempt as a request sees it.
struct Original {
    payment_id: i64,
    order_id: String,
    state: AttemptState,
    /// The bank showed the booking as suspicious (in manual review): it may be voided now.
    suspicious: bool,
    kind: ProvisionKind,
    amount_minor: i64,
    refunded_minor: i64,
    captured_minor: Option<i64>,
    voided: bool,
}

impl Original {
    /// What the attempt has taken from the card and not yet given back.
    fn captured(&self) -> i64 {
        match self.kind {
            ProvisionKind::Sale => self.amount_minor,
            ProvisionKind::PreAuth => self.captured_minor.unwrap_or(0),
        }
    }
}

fn original(tx: &Transaction, attempt_id: i64) -> Result<Original> {
    tx.query_row(
        "SELECT payment_id, order_id, state, kind, amount_minor, refunded_minor, captured_minor, voided,
                suspicious
         FROM attempts WHERE id = ?1",
        [attempt_id],
        |r| {
            Ok(Original {
                payment_id: r.get(0)?,
                order_id: r.get(1)?,
                state: r.get(2)?,
                kind: r.get(3)?,
                amount_minor: r.get(4)?,
                refunded_minor: r.get(5)?,
                captured_minor: r.get(6)?,
                voided: r.get(7)?,
                suspicious: r.get(8)?,
            })
        },
    )
    .optional()?
    .ok_or_else(|| Error::not_found("attempt", attempt_id))
}

/// The store of an attempt (for the permission check).
pub(crate) fn store_of(session: &Session, attempt_id: i64) -> Result<i64> {
    session.vault().db().read(|c| {
        c.query_row(
            "SELECT p.store_id FROM attempts a JOIN payments p ON p.id = a.payment_id WHERE a.id = ?1",
            [attempt_id],
            |r| r.get(0),
        )
        .optional()?
        .ok_or_else(|| Error::not_found("attempt", attempt_id))
    })
}

/// An amount in both languages' notation, with the two sentences around it.
fn with_amount(minor: i64, tr: impl Fn(&str) -> String, en: impl Fn(&str) -> String) -> Text {
    Text::new(tr(&Lang::Tr.amount(minor)), en(&Lang::En.amount(minor)))
}

/// The amount and starting point of a request, and whether it waits for its attempt.
struct Checked {
    amount_minor: i64,
    base_minor: i64,
    waits: bool,
}

fn check(
    o: &Original,
    attempt_id: i64,
    kind: FollowUpKind,
    amount: Option<i64>,
) -> Result<Checked> {
    let wrong = |detail: Text| Error::wrong_state("attempt", attempt_id, detail);
    if kind == FollowUpKind::Void && o.state == AttemptState::ManualReview && o.suspicious {
        // The bank holds the booking but marks it suspicious: void it now.
        return Ok(Checked {
            amount_minor: o.amount_minor,
            base_minor: 0,
            waits: false,
        });
    }
    if kind == FollowUpKind::Void && o.state.needs_inquiry() {
        // Its outcome is not known: the void waits for the inquiry.
        return Ok(Checked {
            amount_minor: o.amount_minor,
            base_minor: 0,
            waits: true,
        });
    }
    if o.state != AttemptState::Approved {
        let state = o.state.text();
        let detail = if o.state.needs_inquiry() {
            Text::new(
                format!("durumu \"{}\"; önce mutabakat yapın", state.tr()),
                format!("its outcome is \"{}\": reconcile it first", state.en()),
            )
        } else {
            Text::new(
                format!("durumu \"{}\"; karttan para çekilmedi", state.tr()),
                format!("it is \"{}\": nothing was charged", state.en()),
            )
        };
        return Err(wrong(detail));
    }
    if o.voided {
        return Err(wrong(Text::new(
            "zaten iptal edildi",
            "it is already voided",
        )));
    }
    match kind {
        FollowUpKind::Void if o.refunded_minor > 0 => Err(wrong(Text::new(
            "bir kısmı iade edildi; iptal yerine kalanını iade edin",
            "it was partly refunded; refund the rest instead",
        ))),
        FollowUpKind::Void => Ok(Checked {
            amount_minor: o.amount_minor,
            base_minor: 0,
            waits: false,
        }),
        FollowUpKind::Refund => {
            if o.kind == ProvisionKind::PreAuth && o.captured_minor.is_none() {
                return Err(wrong(Text::new(
                    "henüz tahsil edilmemiş bir ön provizyon; iptal edin ya da önce tahsil edin",
                    "it is a pre-authorisation not yet captured: void it, or capture it first",
                )));
            }
            let remaining = o.captured() - o.refunded_minor;
            let amount_minor = match amount {
                Some(a) if a <= 0 || a > remaining => {
                    return Err(Error::invalid(
                        "amount",
                        with_amount(
                            remaining,
                            |a| {
                                format!(
                                    "İade tutarı sıfırdan büyük ve en çok iade edilebilecek {a} olmalı."
                                )
                            },
                            |a| {
                                format!(
                                    "The refund amount must be more than zero and at most the {a} still captured."
                                )
                            },
                        ),
                    ));
                }
                Some(a) => a,
                None if remaining <= 0 => {
                    return Err(wrong(Text::new(
                        "iade edilecek tutar kalmadı",
                        "nothing left to refund",
                    )));
                }
                None => remaining,
            };
            Ok(Checked {
                amount_minor,
                base_minor: o.refunded_minor,
                waits: false,
            })
        }
        FollowUpKind::Capture => {
            if o.kind != ProvisionKind::PreAuth {
                return Err(wrong(Text::new(
                    "bu bir satış, ön provizyon değil",
                    "it is a sale, not a pre-authorisation",
                )));
            }
            if let Some(c) = o.captured_minor {
                return Err(wrong(with_amount(
                    c,
                    |a| format!("zaten tahsil edildi ({a})"),
                    |a| format!("it was already captured ({a})"),
                )));
            }
            let amount_minor = match amount {
                Some(a) if a <= 0 || a > o.amount_minor => {
                    return Err(Error::invalid(
                        "amount",
                        with_amount(
                            o.amount_minor,
                            |a| {
                                format!(
                                    "Tahsil tutarı sıfırdan büyük ve en çok onaylanan {a} olmalı."
                                )
                            },
                            |a| {
                                format!(
                                    "The capture amount must be more than zero and at most the {a} authorised."
                                )
                            },
                        ),
                    ));
                }
                Some(a) => a,
                None => o.amount_minor,
            };
            Ok(Checked {
                amount_minor,
                base_minor: 0,
                waits: false,
            })
        }
    }
}

/// Checks the request against the attempt and writes it ahead: `in_flight` to be sent now, or
/// `requested` for a void of an attempt whose outcome is not known yet. A void of an attempt
/// that never reached the bank withdraws it (and cancels its payment) instead: the row is
/// written `closed`. Returns the id and whether it is to be sent now.
pub(crate) fn write_ahead(
    session: &Session,
    attempt_id: i64,
    kind: FollowUpKind,
    amount: Option<i64>,
) -> Result<(i64, bool)> {
    let vault = session.vault();
    let now = vault.clock().now().to_string();
    let actor = EngineActor::of_session(session);
    vault.write_audited(|tx, keys| {
        let o = original(tx, attempt_id)?;
        if kind == FollowUpKind::Void && o.state.may_send() {
            let scribe = Scribe {
                keys,
                at: vault.clock().now(),
                actor: &actor,
            };
            withdraw_unsent(tx, &scribe, WithdrawScope::Attempt(attempt_id), Hold::VoidRequested)?;
            tx.execute(
                "INSERT INTO reversals (attempt_id, kind, amount_minor, state, message, requested_by, created_at, finished_at)
                 VALUES (?1, ?2, ?3, ?4, 'nothing to void: it never reached the bank; the payment is cancelled', ?5, ?6, ?6)",
                params![attempt_id, FollowUpKind::Void, o.amount_minor, FollowUpState::Closed, session.user_id(), now],
            )?;
            let id = tx.last_insert_rowid();
            let record = session
                .record(AuditAction::Void, format!("payment:{}", o.payment_id), AuditResult::Ok)
                .with_detail(serde_json::json!({ "attempt": attempt_id, "order_id": o.order_id,
                    "reversal": id, "kind": FollowUpKind::Void, "state": FollowUpState::Closed,
                    "withdrawn": true }));
            return Ok(((id, false), record));
        }
        let open: Option<FollowUpKind> = tx
            .query_row(
                &format!(
                    "SELECT kind FROM reversals WHERE attempt_id = ?1 AND state IN ({})",
                    sql_list(&[FollowUpState::Requested, FollowUpState::InFlight, FollowUpState::Unknown])
                ),
                [attempt_id],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(open) = open {
            let (tr, en) = match open {
                FollowUpKind::Void => ("iptal", "void"),
                FollowUpKind::Refund => ("iade", "refund"),
                FollowUpKind::Capture => ("tahsil", "capture"),
            };
            return Err(Error::wrong_state(
                "attempt",
                attempt_id,
                Text::new(
                    format!("önceki {tr} isteği henüz yanıtlanmadı; önce mutabakat yapın"),
                    format!("an earlier {en} has no answer yet: reconcile first"),
                ),
            ));
        }
        let c = check(&o, attempt_id, kind, amount)?;
        let state = if c.waits { FollowUpState::Requested } else { FollowUpState::InFlight };
        // Written ahead to be sent now; a requested void is sent once its attempt is settled.
        let sent_at = (state == FollowUpState::InFlight).then_some(&now);
        tx.execute(
            "INSERT INTO reversals (attempt_id, kind, amount_minor, base_minor, state, requested_by, created_at, sent_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![attempt_id, kind, c.amount_minor, c.base_minor, state, session.user_id(), now, sent_at],
        )?;
        let id = tx.last_insert_rowid();
        let action = match kind {
            FollowUpKind::Void => AuditAction::Void,
            FollowUpKind::Refund => AuditAction::Refund,
            FollowUpKind::Capture => AuditAction::ProvisionSubmit,
        };
        let record = session
            .record(action, format!("payment:{}", o.payment_id), AuditResult::Ok)
            .with_detail(serde_json::json!({ "attempt": attempt_id, "order_id": o.order_id,
                "reversal": id, "kind": kind.as_str(), "amount_minor": c.amount_minor, "state": state }));
        Ok(((id, !c.waits), record))
    })
}

//! What a change to a running plan does to its payments, computed once from the stored plan:
//! the preview shows this change set and saving applies exactly it (`manage.rs`), so the two
//! cannot disagree.
//!
//! Only payments that are merely scheduled (or waiting for a retry, for a cancellation) are
//! changed. A payment that is being sent, has an attempt the bank may hold, or was collected
//! stays as it is; attempts that never reached the bank are withdrawn by pause and cancel, as the
//! engine's rules say.

use jiff::civil::Date;
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};
use tahsildar_akbank::Currency;

use super::input::{parse_amount, parse_date};
use super::schedule::{Cadence, PlanEnd, Schedule};
use super::status::PlanStatus;
use super::terms::{MAX_AMOUNT_MINOR, schedule_problem_error};
use crate::auth::{Permission, Session};
use crate::engine::attempt_state::AttemptState;
use crate::error::{Error, Result};
use crate::i18n::Text;
use crate::payments::PaymentStatus;
use crate::stored::sql_list;

/// A change as an operator enters it, in the window or on the command line.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "change", rename_all = "snake_case")]
pub enum PlanChangeInput {
    Pause,
    Resume,
    Cancel,
    /// A new amount (`1.234,50`) for the scheduled payments due on or after `from`
    /// (`YYYY-MM-DD`; today when empty).
    Amount {
        amount: String,
        from: Option<String>,
    },
    /// A new end: a number of payments in all, or a last date (`YYYY-MM-DD`).
    End {
        count: Option<u32>,
        until: Option<String>,
    },
    /// One scheduled payment is not collected; the rest of the plan stays.
    Skip {
        payment_id: i64,
    },
}

/// A change, read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlanChange {
    Pause,
    Resume,
    Cancel,
    Amount {
        amount_minor: i64,
        from: Option<Date>,
    },
    End(PlanEnd),
    Skip {
        payment_id: i64,
    },
}

impl PlanChange {
    /// Its stable name, in the audit log and the change set.
    pub fn name(self) -> &'static str {
        match self {
            PlanChange::Pause => "pause",
            PlanChange::Resume => "resume",
            PlanChange::Cancel => "cancel",
            PlanChange::Amount { .. } => "amount",
            PlanChange::End(_) => "end",
            PlanChange::Skip { .. } => "skip",
        }
    }
}

/// A typed text that counts only when something other than blanks was typed.
fn typed(text: &Option<String>) -> Option<&str> {
    text.as_deref().map(str::trim).filter(|t| !t.is_empty())
}

impl PlanChangeInput {
    /// The change these fields describe, each refusal naming its field in both languages.
    pub fn read(&self) -> Result<PlanChange> {
        Ok(match self {
            PlanChangeInput::Pause => PlanChange::Pause,
            PlanChangeInput::Resume => PlanChange::Resume,
            PlanChangeInput::Cancel => PlanChange::Cancel,
            PlanChangeInput::Amount { amount, from } => PlanChange::Amount {
                amount_minor: parse_amount(amount)?,
                from: typed(from).map(|d| parse_date("from", d)).transpose()?,
            },
            PlanChangeInput::End { count, until } => match (count, typed(until)) {
                (Some(n), None) => PlanChange::End(PlanEnd::Count(*n)),
                (None, Some(u)) => PlanChange::End(PlanEnd::Until(parse_date("until", u)?)),
                _ => {
                    return Err(Error::invalid(
                        "end",
                        Text::new(
                            "Ya ödeme sayısını ya da son tarihi girin.",
                            "Enter either a number of payments or a last date.",
                        ),
                    ));
                }
            },
            PlanChangeInput::Skip { payment_id } => PlanChange::Skip {
                payment_id: *payment_id,
            },
        })
    }
}

/// What a change does to one payment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum PaymentEffect {
    /// Its amount changes.
    Amount,
    /// It will not be collected.
    Cancelled,
    /// A new scheduled payment.
    Added,
    /// Its attempt never reached the bank and is taken back; it is collected after a resume.
    Withdrawn,
}

/// One payment a change touches.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct PaymentChange {
    /// `None` for a payment the change adds.
    pub payment_id: Option<i64>,
    pub occurrence: i64,
    /// `YYYY-MM-DD`.
    pub due_date: String,
    pub effect: PaymentEffect,
    /// The amount now (`None` for an added payment).
    pub amount_before: Option<i64>,
    /// The amount once the change is saved.
    pub amount_after: i64,
}

/// Everything a change does: the plan's status and amount before and after, and each payment
/// it touches, in order of due date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct PlanChangeSet {
    pub plan_id: i64,
    pub store_id: i64,
    /// `pause`, `resume`, `cancel`, `amount`, `end` or `skip`.
    pub change: String,
    pub currency: String,
    pub status_before: PlanStatus,
    pub status_after: PlanStatus,
    pub amount_before: i64,
    pub amount_after: i64,
    pub payments: Vec<PaymentChange>,
}

/// The plan as a change needs it.
#[derive(Debug, Clone)]
pub(crate) struct PlanRow {
    pub store_id: i64,
    pub status: PlanStatus,
    pub amount_minor: i64,
    pub currency: u16,
    pub start: Date,
    pub cadence: Option<Cadence>,
    pub batch_id: Option<i64>,
}

/// One payment of the plan as a change needs it.
#[derive(Debug, Clone)]
pub(crate) struct PaymentRow {
    pub id: i64,
    pub occurrence: i64,
    pub due_date: String,
    pub amount_minor: i64,
    pub status: PaymentStatus,
    /// An attempt other than a withdrawn one exists: it was sent, or is on its way.
    pub sent: bool,
    /// An attempt that never reached the bank and may be withdrawn.
    pub unsent: bool,
}

impl PaymentRow {
    /// Merely waiting: scheduled, or waiting for a retry after a decline.
    fn waiting(&self) -> bool {
        matches!(
            self.status,
            PaymentStatus::Scheduled | PaymentStatus::RetryWait
        )
    }

    /// Its amount may change: scheduled and never sent.
    fn amount_may_change(&self) -> bool {
        self.status == PaymentStatus::Scheduled && !self.sent
    }

    fn change(&self, effect: PaymentEffect, amount_after: i64) -> PaymentChange {
        PaymentChange {
            payment_id: Some(self.id),
            occurrence: self.occurrence,
            due_date: self.due_date.clone(),
            effect,
            amount_before: Some(self.amount_minor),
            amount_after,
        }
    }
}

fn bad_row<E: std::fmt::Display>(e: E) -> rusqlite::Error {
    rusqlite::Error::ToSqlConversionFailure(e.to_string().into())
}

pub(crate) fn load_plan(conn: &Connection, id: i64) -> Result<PlanRow> {
    conn.query_row(
        "SELECT store_id, status, amount_minor, currency, start_date, cadence, batch_id
         FROM plans WHERE id = ?1",
        [id],
        |r| {
            let start: String = r.get(4)?;
            let cadence: Option<String> = r.get(5)?;
            Ok(PlanRow {
                store_id: r.get(0)?,
                status: r.get(1)?,
                amount_minor: r.get(2)?,
                currency: r.get(3)?,
                start: start.parse().map_err(bad_row)?,
                cadence: cadence
                    .map(|c| c.parse::<Cadence>().map_err(|_| bad_row(c)))
                    .transpose()?,
                batch_id: r.get(6)?,
            })
        },
    )
    .optional()?
    .ok_or_else(|| Error::not_found("plan", id))
}

pub(crate) fn load_payments(conn: &Connection, plan_id: i64) -> Result<Vec<PaymentRow>> {
    let unsent: Vec<AttemptState> = AttemptState::ALL
        .into_iter()
        .filter(|s| s.may_send())
        .collect();
    let mut stmt = conn.prepare(&format!(
        "SELECT p.id, p.occurrence, p.due_date, p.amount_minor, p.status,
             EXISTS (SELECT 1 FROM attempts a WHERE a.payment_id = p.id AND a.state <> ?2),
             EXISTS (SELECT 1 FROM attempts a WHERE a.payment_id = p.id AND a.state IN ({}))
         FROM payments p WHERE p.plan_id = ?1 ORDER BY p.occurrence",
        sql_list(&unsent)
    ))?;
    let rows = stmt.query_map(params![plan_id, AttemptState::Withdrawn], |r| {
        Ok(PaymentRow {
            id: r.get(0)?,
            occurrence: r.get(1)?,
            due_date: r.get(2)?,
            amount_minor: r.get(3)?,
            status: r.get(4)?,
            sent: r.get(5)?,
            unsent: r.get(6)?,
        })
    })?;
    Ok(rows.collect::<std::result::Result<_, _>>()?)
}

/// The plan is in `status` where the change needs it in one of `needed`.
fn refuse_status(id: i64, status: PlanStatus, needed: &[PlanStatus]) -> Error {
    let state = status.text();
    let (tr, en): (Vec<String>, Vec<String>) = needed
        .iter()
        .map(|s| (s.text().tr().to_string(), s.text().en().to_string()))
        .unzip();
    Error::wrong_state(
        "plan",
        id,
        Text::new(
            format!("{}, {} değil", state.tr(), tr.join(" ya da ")),
            format!("it is {}, not {}", state.en(), en.join(" or ")),
        ),
    )
}

const RUNNING: [PlanStatus; 2] = [PlanStatus::Active, PlanStatus::Paused];

fn require(id: i64, status: PlanStatus, needed: &[PlanStatus]) -> Result<()> {
    if needed.contains(&status) {
        Ok(())
    } else {
        Err(refuse_status(id, status, needed))
    }
}

/// Computes what `change` does to plan `id` on `today`, refusing a change the plan's state or
/// its payments do not allow. Reads only; preview and save both call it.
pub(crate) fn compute(
    conn: &Connection,
    id: i64,
    change: PlanChange,
    today: Date,
) -> Result<(PlanRow, PlanChangeSet)> {
    let plan = load_plan(conn, id)?;
    let payments = load_payments(conn, id)?;
    let mut status_after = plan.status;
    let mut amount_after = plan.amount_minor;
    let mut changes = Vec::new();
    let today_text = today.to_string();
    match change {
        PlanChange::Pause => {
            require(id, plan.status, &[PlanStatus::Active])?;
            status_after = PlanStatus::Paused;
            changes.extend(
                payments
                    .iter()
                    .filter(|p| p.unsent)
                    .map(|p| p.change(PaymentEffect::Withdrawn, p.amount_minor)),
            );
        }
        PlanChange::Resume => {
            require(id, plan.status, &[PlanStatus::Paused])?;
            status_after = PlanStatus::Active;
            // What fell due during the pause and was never charged is skipped, not charged late.
            changes.extend(
                payments
                    .iter()
                    .filter(|p| {
                        p.status == PaymentStatus::Scheduled && !p.sent && p.due_date < today_text
                    })
                    .map(|p| p.change(PaymentEffect::Cancelled, p.amount_minor)),
            );
        }
        PlanChange::Cancel => {
            if plan.status == PlanStatus::Cancelled {
                return Err(Error::wrong_state(
                    "plan",
                    id,
                    Text::new("zaten iptal edilmiş", "it is already cancelled"),
                ));
            }
            status_after = PlanStatus::Cancelled;
            changes.extend(
                payments
                    .iter()
                    .filter(|p| p.waiting() || p.unsent)
                    .map(|p| p.change(PaymentEffect::Cancelled, p.amount_minor)),
            );
        }
        PlanChange::Amount { amount_minor, from } => {
            if amount_minor <= 0 || amount_minor > MAX_AMOUNT_MINOR {
                return Err(Error::invalid(
                    "amount",
                    Text::new(
                        "Tutar sıfırdan büyük ve en çok 1.000.000,00 olmalı.",
                        "The amount must be more than zero and at most 1,000,000.00.",
                    ),
                ));
            }
            let from = from.unwrap_or(today);
            if from < today {
                let shown = from.strftime("%d.%m.%Y");
                return Err(Error::invalid(
                    "from",
                    Text::new(
                        format!("Yeni tutarın başlangıç tarihi ({shown}) geçmişte."),
                        format!("The date the new amount starts from ({shown}) is in the past."),
                    ),
                ));
            }
            require(id, plan.status, &RUNNING)?;
            amount_after = amount_minor;
            let from = from.to_string();
            changes.extend(
                payments
                    .iter()
                    .filter(|p| {
                        p.amount_may_change()
                            && p.due_date >= from
                            && p.amount_minor != amount_minor
                    })
                    .map(|p| p.change(PaymentEffect::Amount, amount_minor)),
            );
        }
        PlanChange::End(end) => {
            require(id, plan.status, &RUNNING)?;
            let Some(cadence) = plan.cadence else {
                return Err(Error::wrong_state(
                    "plan",
                    id,
                    Text::new(
                        "yalnızca düzenli tahsilatların sonu değişir",
                        "only a recurring collection has an end to change",
                    ),
                ));
            };
            let schedule =
                Schedule::new(plan.start, cadence, end).map_err(schedule_problem_error)?;
            let dates: Vec<Date> = schedule.dates().collect();
            for p in payments
                .iter()
                .filter(|p| p.occurrence >= dates.len() as i64)
            {
                if p.waiting() {
                    changes.push(p.change(PaymentEffect::Cancelled, p.amount_minor));
                } else if p.status != PaymentStatus::Cancelled {
                    let shown = p.due_date.clone();
                    return Err(Error::invalid(
                        "end",
                        Text::new(
                            format!(
                                "{shown} vadeli ödeme {}; plan ondan önce bitemez.",
                                p.status.text().tr()
                            ),
                            format!(
                                "The payment due {shown} is {}; the plan cannot end before it.",
                                p.status.text().en()
                            ),
                        ),
                    ));
                }
            }
            for (i, date) in dates.iter().enumerate() {
                let i = i as i64;
                if *date >= today && !payments.iter().any(|p| p.occurrence == i) {
                    changes.push(PaymentChange {
                        payment_id: None,
                        occurrence: i,
                        due_date: date.to_string(),
                        effect: PaymentEffect::Added,
                        amount_before: None,
                        amount_after: plan.amount_minor,
                    });
                }
            }
        }
        PlanChange::Skip { payment_id } => {
            require(id, plan.status, &RUNNING)?;
            let p = payments
                .iter()
                .find(|p| p.id == payment_id)
                .ok_or_else(|| Error::not_found("payment", payment_id))?;
            if !p.waiting() {
                let state = p.status.text();
                return Err(Error::wrong_state(
                    "payment",
                    payment_id,
                    Text::new(
                        format!("{}, planlanmış değil", state.tr()),
                        format!("it is {}, not scheduled", state.en()),
                    ),
                ));
            }
            changes.push(p.change(PaymentEffect::Cancelled, p.amount_minor));
        }
    }
    changes.sort_by_key(|c| c.occurrence);
    let currency = Currency::from_code(plan.currency)
        .map(|c| c.alpha())
        .unwrap_or("?")
        .to_string();
    let set = PlanChangeSet {
        plan_id: id,
        store_id: plan.store_id,
        change: change.name().to_string(),
        currency,
        status_before: plan.status,
        status_after,
        amount_before: plan.amount_minor,
        amount_after,
        payments: changes,
    };
    Ok((plan, set))
}

/// What `change` would do to plan `id`, without saving anything; refused exactly as saving
/// would refuse it. Needs `create_collections` on the plan's store.
pub fn preview_change(session: &Session, id: i64, change: PlanChange) -> Result<PlanChangeSet> {
    let vault = session.vault();
    let store_id = vault.db().read(|c| Ok(load_plan(c, id)?.store_id))?;
    session.require(Permission::CreateCollections, Some(store_id))?;
    let today = super::today(vault.clock().as_ref());
    vault.db().read(|c| Ok(compute(c, id, change, today)?.1))
}

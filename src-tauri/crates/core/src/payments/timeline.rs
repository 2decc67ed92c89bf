//! One payment in full: its row, its plan, every attempt and reversal in the order they
//! happened (order id, time, outcome, host code with the catalogue's explanation), and which
//! actions the user may take on it now.

use rusqlite::{OptionalExtension, params};
use serde::Serialize;
use tahsildar_akbank::Currency;
use tahsildar_akbank::catalogue::{self, CodeClass};

use super::PaymentRow;
use crate::auth::{Permission, Session};
use crate::engine::attempt_state::AttemptState;
use crate::engine::follow_up::{FollowUpKind, FollowUpState};
use crate::engine::record::Hold;
use crate::error::{Error, Result};
use crate::i18n::Text;
use crate::plan::terms::{CollectionKind, PlanStatus, ProvisionKind};
use crate::stored::sql_list;

/// What a step of a payment's history is: an attempt (a sale or pre-authorisation) or a
/// follow-up on one (void, refund, capture). Serialised as the stored name alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(untagged)]
pub enum StepKind {
    Attempt(ProvisionKind),
    FollowUp(FollowUpKind),
}

/// Where a step stands: its attempt's or follow-up's state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(untagged)]
pub enum StepState {
    Attempt(AttemptState),
    FollowUp(FollowUpState),
}

impl StepKind {
    /// The stored name, as the window receives it.
    pub fn as_str(self) -> &'static str {
        match self {
            StepKind::Attempt(kind) => kind.as_str(),
            StepKind::FollowUp(kind) => kind.as_str(),
        }
    }
}

impl StepState {
    /// The stored name, as the window receives it.
    pub fn as_str(self) -> &'static str {
        match self {
            StepState::Attempt(state) => state.as_str(),
            StepState::FollowUp(state) => state.as_str(),
        }
    }
}

/// One step of a payment's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct TimelineEntry {
    pub kind: StepKind,
    pub attempt_id: i64,
    pub reversal_id: Option<i64>,
    pub order_id: Option<String>,
    /// When it was written ahead (UTC).
    pub at: String,
    pub finished_at: Option<String>,
    pub state: StepState,
    pub amount_minor: i64,
    pub currency: String,
    pub installments: i64,
    pub masked_pan: Option<String>,
    pub vps_code: Option<String>,
    pub host_code: Option<String>,
    pub auth_code: Option<String>,
    pub rrn: Option<String>,
    /// The bank's own message, or why the outcome is not known.
    pub message: Option<String>,
    /// What the bank's code means for the next step (from the code catalogue).
    pub class: Option<CodeClass>,
    /// What the code means (or why the attempt was withdrawn), for an operator.
    pub explanation: Option<Text>,
    pub sends: i64,
    pub inquiries: i64,
}

/// What the user may do to the payment now (permission and state both checked).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct PaymentActions {
    /// The approved attempt a void, refund or capture applies to.
    pub approved_attempt: Option<i64>,
    pub can_void: bool,
    pub can_refund: bool,
    /// Still captured, so at most this much can be refunded.
    pub refundable_minor: i64,
    /// An open pre-authorisation the user may capture (in part or in full) ...
    pub can_capture: bool,
    /// ... up to the amount the bank authorised (0 when there is nothing to capture).
    pub capturable_minor: i64,
    pub can_retry_with_card: bool,
    pub can_cancel_plan: bool,
}

/// A payment with its plan, history and actions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct PaymentDetail {
    pub payment: PaymentRow,
    pub customer_id: i64,
    pub plan_kind: CollectionKind,
    pub plan_status: PlanStatus,
    pub plan_description: Option<String>,
    pub installments: i64,
    pub timeline: Vec<TimelineEntry>,
    pub actions: PaymentActions,
}

fn currency_alpha(code: u16) -> String {
    Currency::from_code(code)
        .map(|c| c.alpha())
        .unwrap_or("?")
        .to_string()
}

/// Fills the class and explanation from the code catalogue, or for a withdrawn attempt from
/// the reason it was withdrawn.
fn explain(entry: &mut TimelineEntry) {
    if entry.state == StepState::Attempt(AttemptState::Withdrawn) {
        if let Some(hold) = entry.message.as_deref().and_then(Hold::from_code) {
            entry.explanation = Some(hold.text());
        }
        return;
    }
    if entry.explanation.is_some() {
        return;
    }
    if let Some(vps) = entry.vps_code.as_deref() {
        let info = catalogue::describe(vps, entry.host_code.as_deref());
        entry.class = Some(info.class);
        entry.explanation = Some(Text::new(info.tr, info.en));
    }
}

/// Attempts and reversals of a payment, oldest first.
pub(crate) fn timeline_of(
    conn: &rusqlite::Connection,
    payment_id: i64,
) -> Result<Vec<TimelineEntry>> {
    let mut out = Vec::new();
    let mut stmt = conn.prepare(
        "SELECT a.id, a.order_id, a.created_at, a.finished_at, a.state, a.amount_minor, a.currency, a.installments,
            k.masked_pan, a.vps_code, a.host_code, a.auth_code, a.rrn, COALESCE(a.message, a.review_reason),
            a.sends, a.inquiries, a.kind
         FROM attempts a LEFT JOIN cards k ON k.id = a.card_id WHERE a.payment_id = ?1 ORDER BY a.id",
    )?;
    let attempts = stmt.query_map([payment_id], |r| {
        Ok(TimelineEntry {
            kind: StepKind::Attempt(r.get(16)?),
            attempt_id: r.get(0)?,
            reversal_id: None,
            order_id: r.get(1)?,
            at: r.get(2)?,
            finished_at: r.get(3)?,
            state: StepState::Attempt(r.get(4)?),
            amount_minor: r.get(5)?,
            currency: currency_alpha(r.get(6)?),
            installments: r.get(7)?,
            masked_pan: r.get(8)?,
            vps_code: r.get(9)?,
            host_code: r.get(10)?,
            auth_code: r.get(11)?,
            rrn: r.get(12)?,
            message: r.get(13)?,
            class: None,
            explanation: None,
            sends: r.get(14)?,
            inquiries: r.get(15)?,
        })
    })?;
    for entry in attempts {
        out.push(entry?);
    }
    let mut stmt = conn.prepare(&format!(
        "SELECT v.id, v.attempt_id, v.kind, COALESCE(v.order_id, a.order_id), v.created_at, v.finished_at, v.state,
            v.amount_minor, a.currency, k.masked_pan, v.vps_code, v.host_code, v.message,
            a.kind = {} AND a.captured_minor IS NOT NULL
         FROM reversals v JOIN attempts a ON a.id = v.attempt_id LEFT JOIN cards k ON k.id = a.card_id
         WHERE a.payment_id = ?1 ORDER BY v.id",
        sql_list(&[ProvisionKind::PreAuth])
    ))?;
    let reversals = stmt.query_map([payment_id], |r| {
        let kind: FollowUpKind = r.get(2)?;
        let state: FollowUpState = r.get(6)?;
        let of_capture: bool = r.get(13)?;
        // The bank voids the capture; the pre-authorisation's hold lapses at the card's bank.
        let voided_capture =
            kind == FollowUpKind::Void && state == FollowUpState::Approved && of_capture;
        let hold = voided_capture.then(|| {
            Text::new(
                "Tahsilat (provizyon kapama) iptal edildi. Ön provizyonun blokesi kartın bankasında süresi dolunca kalkar (çoğunlukla 7-30 gün); daha önce kalkması için bankayı arayın.",
                "The capture was voided. The pre-authorisation's hold lapses at the card's bank (usually within 7-30 days); call the bank to release it sooner.",
            )
        });
        Ok(TimelineEntry {
            kind: StepKind::FollowUp(kind),
            attempt_id: r.get(1)?,
            reversal_id: Some(r.get(0)?),
            order_id: r.get(3)?,
            at: r.get(4)?,
            finished_at: r.get(5)?,
            state: StepState::FollowUp(state),
            amount_minor: r.get(7)?,
            currency: currency_alpha(r.get(8)?),
            installments: 1,
            masked_pan: r.get(9)?,
            vps_code: r.get(10)?,
            host_code: r.get(11)?,
            auth_code: None,
            rrn: None,
            message: r.get(12)?,
            class: None,
            explanation: hold,
            sends: 1,
            inquiries: 0,
        })
    })?;
    for entry in reversals {
        out.push(entry?);
    }
    // Times are RFC 3339 in UTC, so text order is time order; ties keep sales before reversals.
    out.sort_by(|a, b| {
        (a.at.as_str(), a.reversal_id.is_some(), a.reversal_id).cmp(&(
            b.at.as_str(),
            b.reversal_id.is_some(),
            b.reversal_id,
        ))
    });
    for entry in &mut out {
        explain(entry);
    }
    Ok(out)
}

/// A payment's latest approved attempt, as its actions see it.
struct Approved {
    id: i64,
    amount_minor: i64,
    refunded_minor: i64,
    voided: bool,
    kind: ProvisionKind,
    captured_minor: Option<i64>,
}

/// One payment with its timeline and the actions open to the user; needs `view_reports`.
pub fn detail(session: &Session, payment_id: i64) -> Result<PaymentDetail> {
    let payment = super::get(session, payment_id)?;
    let store = Some(payment.store_id);
    // Checked before the read below: a permission check reads the database itself.
    let allowed = |p: Permission| session.require(p, store).is_ok();
    let (may_void, may_refund, may_replace, may_change, may_capture) = (
        allowed(Permission::Void),
        allowed(Permission::Refund),
        allowed(Permission::ReplaceCard),
        allowed(Permission::CreateCollections),
        allowed(Permission::SubmitProvisions),
    );
    session.vault().db().read(|c| {
        let (customer_id, plan_kind, plan_status, plan_description, installments): (i64, CollectionKind, PlanStatus, Option<String>, i64) = c
            .query_row(
                "SELECT pl.customer_id, pl.kind, pl.status, pl.description, pl.installments
                 FROM payments p JOIN plans pl ON pl.id = p.plan_id WHERE p.id = ?1",
                [payment_id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
            )
            .optional()?
            .ok_or_else(|| Error::not_found("payment", payment_id))?;
        let timeline = timeline_of(c, payment_id)?;
        let approved: Option<Approved> = c
            .query_row(
                &format!(
                    "SELECT id, amount_minor, refunded_minor, voided, kind, captured_minor FROM attempts
                     WHERE payment_id = ?1 AND state = {} ORDER BY id DESC LIMIT 1",
                    sql_list(&[AttemptState::Approved])
                ),
                params![payment_id],
                |r| {
                    Ok(Approved {
                        id: r.get(0)?,
                        amount_minor: r.get(1)?,
                        refunded_minor: r.get(2)?,
                        voided: r.get(3)?,
                        kind: r.get(4)?,
                        captured_minor: r.get(5)?,
                    })
                },
            )
            .optional()?;
        let reversal_open: bool = c.query_row(
            &format!(
                "SELECT EXISTS (SELECT 1 FROM reversals v JOIN attempts a ON a.id = v.attempt_id
                     WHERE a.payment_id = ?1 AND v.state IN ({}))",
                sql_list(&[FollowUpState::InFlight, FollowUpState::Unknown])
            ),
            [payment_id],
            |r| r.get(0),
        )?;
        let open_attempt: bool = c.query_row(
            &format!(
                "SELECT EXISTS (SELECT 1 FROM attempts WHERE payment_id = ?1 AND state NOT IN ({}))",
                sql_list(&AttemptState::FINAL)
            ),
            [payment_id],
            |r| r.get(0),
        )?;
        let mut actions = PaymentActions::default();
        if let Some(a) = approved
            && !a.voided
            && !reversal_open
        {
            actions.approved_attempt = Some(a.id);
            actions.can_void = a.refunded_minor == 0 && may_void;
            match (a.kind, a.captured_minor) {
                // An open pre-authorisation: captured or voided, never refunded.
                (ProvisionKind::PreAuth, None) => {
                    actions.capturable_minor = a.amount_minor;
                    actions.can_capture = may_capture;
                }
                (ProvisionKind::PreAuth, Some(captured)) => {
                    actions.refundable_minor = captured - a.refunded_minor;
                }
                (ProvisionKind::Sale, _) => {
                    actions.refundable_minor = a.amount_minor - a.refunded_minor;
                }
            }
            actions.can_refund = actions.refundable_minor > 0 && may_refund;
        }
        actions.can_retry_with_card =
            payment.status.may_change_card() && !open_attempt && may_replace;
        actions.can_cancel_plan =
            matches!(plan_status, PlanStatus::Active | PlanStatus::Paused) && may_change;
        Ok(PaymentDetail {
            payment,
            customer_id,
            plan_kind,
            plan_status,
            plan_description,
            installments,
            timeline,
            actions,
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(vps: Option<&str>, host: Option<&str>) -> TimelineEntry {
        TimelineEntry {
            kind: StepKind::Attempt(ProvisionKind::Sale),
            attempt_id: 1,
            reversal_id: None,
            order_id: None,
            at: String::new(),
            finished_at: None,
            state: StepState::Attempt(AttemptState::Declined),
            amount_minor: 100,
            currency: "TRY".into(),
            installments: 1,
            masked_pan: None,
            vps_code: vps.map(String::from),
            host_code: host.map(String::from),
            auth_code: None,
            rrn: None,
            message: None,
            class: None,
            explanation: None,
            sends: 1,
            inquiries: 0,
        }
    }

    #[test]
    fn a_host_decline_is_explained_by_its_host_code() {
        let mut e = entry(Some("VPS-1005"), Some("51"));
        explain(&mut e);
        assert_eq!(e.class, Some(CodeClass::SoftDecline));
        let info = catalogue::host("51").unwrap();
        assert_eq!(e.explanation, Some(Text::new(info.tr, info.en)));
    }

    #[test]
    fn no_code_means_no_explanation() {
        let mut e = entry(None, None);
        explain(&mut e);
        assert_eq!(e.class, None);
        assert_eq!(e.explanation, None);
    }
}

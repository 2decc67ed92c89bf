//! A customer's ledger (cari hesap ekstresi): every due, charge, decline, void and refund in
//! date order with a running balance per currency, and the totals as of a day: due, paid,
//! refunded and the arrears (due up to and including that day and not collected by then).
//!
//! The balance is what the customer owes: a due adds its amount, a charge takes it off, a void
//! puts the charge back (a voided payment is not due either, so the two cancel out), and a
//! refund leaves it as it is (the office gave money back on a due that was settled).

use std::collections::{BTreeMap, HashMap};

use jiff::civil::Date;
use rusqlite::params;
use serde::{Deserialize, Serialize};
use tahsildar_akbank::catalogue;

use super::{Standing, currency_alpha};
use crate::auth::Session;
use crate::customer::search::{CustomerSummary, summary};
use crate::engine::attempt_state::AttemptState;
use crate::engine::follow_up::{FollowUpKind, FollowUpState};
use crate::error::Result;
use crate::i18n::Text;
use crate::payments::PaymentStatus;
use crate::plan::{ProvisionKind, time_zone, today};

/// Whose ledger, as of which day, for one plan or all.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct LedgerQuery {
    pub customer_id: i64,
    /// `YYYY-MM-DD`; today when left out.
    #[serde(default)]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub as_of: Option<Date>,
    #[serde(default)]
    pub plan_id: Option<i64>,
}

/// What a ledger line records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum LedgerEntry {
    /// A payment fell due.
    Due,
    /// The bank approved a charge (or a pre-authorisation was captured).
    Charge,
    /// The bank declined a charge.
    Decline,
    /// A charge was voided.
    Void,
    /// Money was given back.
    Refund,
}

/// One line of the ledger.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct LedgerLine {
    /// `YYYY-MM-DD`, Istanbul.
    pub date: String,
    /// When the bank answered (UTC); none for a due.
    pub at: Option<String>,
    pub entry: LedgerEntry,
    pub payment_id: i64,
    pub plan_id: i64,
    pub currency: String,
    /// The line's amount (a decline's is the amount that was asked for).
    pub amount_minor: i64,
    /// What the customer owes in this currency after the line.
    pub balance_minor: i64,
    /// A due line not collected by the ledger's day: part of the arrears.
    pub owed: bool,
    pub masked_pan: Option<String>,
    pub order_id: Option<String>,
    pub vps_code: Option<String>,
    pub host_code: Option<String>,
    /// What a decline's code means.
    pub reason: Option<Text>,
}

/// The totals of one currency.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct LedgerTotals {
    pub currency: String,
    pub due_minor: i64,
    pub paid_minor: i64,
    pub refunded_minor: i64,
    pub arrears_minor: i64,
    /// Due minus paid: the arrears and what is being collected right now.
    pub balance_minor: i64,
}

/// A customer's ledger.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Ledger {
    pub customer: CustomerSummary,
    pub as_of: String,
    pub lines: Vec<LedgerLine>,
    pub totals: Vec<LedgerTotals>,
}

/// An Istanbul date of a stored UTC time.
fn local_day(at: &str) -> Option<Date> {
    at.parse::<jiff::Timestamp>()
        .ok()
        .map(|t| t.to_zoned_datetime(time_zone()).date())
}

/// A line before its balance is known.
fn line(
    entry: LedgerEntry,
    date: Date,
    payment_id: i64,
    plan_id: i64,
    currency: u16,
    minor: i64,
) -> LedgerLine {
    LedgerLine {
        date: date.to_string(),
        at: None,
        entry,
        payment_id,
        plan_id,
        currency: currency_alpha(currency),
        amount_minor: minor,
        balance_minor: 0,
        owed: false,
        masked_pan: None,
        order_id: None,
        vps_code: None,
        host_code: None,
        reason: None,
    }
}

/// The customer's ledger; needs `view_reports` on the customer's store.
pub fn ledger(session: &Session, query: &LedgerQuery) -> Result<Ledger> {
    let customer = summary(session, query.customer_id)?;
    let as_of = query
        .as_of
        .unwrap_or_else(|| today(session.vault().clock().as_ref()));
    let mut lines = session.vault().db().read(|c| {
        let mut lines = Vec::new();
        // Dues, with whether they are due at all (a cancelled or voided payment is not).
        let mut due_of: HashMap<i64, bool> = HashMap::new();
        let mut stmt = c.prepare(
            "SELECT p.id, p.plan_id, p.due_date, p.amount_minor, p.currency, p.status
             FROM payments p JOIN plans pl ON pl.id = p.plan_id
             WHERE pl.customer_id = ?1 AND (?2 IS NULL OR p.plan_id = ?2) AND p.due_date <= ?3",
        )?;
        let mut rows = stmt.query(params![query.customer_id, query.plan_id, as_of.to_string()])?;
        while let Some(r) = rows.next()? {
            let (id, plan): (i64, i64) = (r.get(0)?, r.get(1)?);
            let status: PaymentStatus = r.get(5)?;
            let due = Standing::of(status).is_due();
            due_of.insert(id, due);
            if due {
                let date: Date = r.get::<_, String>(2)?.parse().unwrap_or(as_of);
                let mut l = line(LedgerEntry::Due, date, id, plan, r.get(4)?, r.get(3)?);
                l.owed = true; // until a charge by the day says otherwise
                lines.push(l);
            }
        }
        // Attempts: approved charges (a pre-authorisation once captured) and declines.
        let mut stmt = c.prepare(
            "SELECT a.id, a.payment_id, p.plan_id, a.finished_at, a.state, a.kind, a.amount_minor,
                a.captured_minor, a.currency, k.masked_pan, a.order_id, a.vps_code, a.host_code
             FROM attempts a JOIN payments p ON p.id = a.payment_id JOIN plans pl ON pl.id = p.plan_id
             LEFT JOIN cards k ON k.id = a.card_id
             WHERE pl.customer_id = ?1 AND (?2 IS NULL OR p.plan_id = ?2) AND a.state IN (?3, ?4)
             ORDER BY a.id",
        )?;
        let mut rows = stmt.query(params![
            query.customer_id,
            query.plan_id,
            AttemptState::Approved,
            AttemptState::Declined
        ])?;
        while let Some(r) = rows.next()? {
            let at: Option<String> = r.get(3)?;
            let Some(date) = at.as_deref().and_then(local_day) else {
                continue;
            };
            if date > as_of {
                continue;
            }
            let state: AttemptState = r.get(4)?;
            let kind: ProvisionKind = r.get(5)?;
            let captured: Option<i64> = r.get(7)?;
            let (entry, minor) = match (state, kind, captured) {
                (AttemptState::Declined, _, _) => (LedgerEntry::Decline, r.get(6)?),
                (_, ProvisionKind::Sale, _) => (LedgerEntry::Charge, r.get(6)?),
                (_, ProvisionKind::PreAuth, Some(captured)) => (LedgerEntry::Charge, captured),
                // A pre-authorisation holds money on the card; nothing came in yet.
                (_, ProvisionKind::PreAuth, None) => continue,
            };
            let mut l = line(entry, date, r.get(1)?, r.get(2)?, r.get(8)?, minor);
            l.at = at;
            l.masked_pan = r.get(9)?;
            l.order_id = r.get(10)?;
            if entry == LedgerEntry::Decline {
                let (vps, host): (Option<String>, Option<String>) = (r.get(11)?, r.get(12)?);
                let info = catalogue::describe(vps.as_deref().unwrap_or_default(), host.as_deref());
                l.reason = Some(Text::new(info.tr, info.en));
                l.vps_code = vps;
                l.host_code = host;
            }
            lines.push(l);
        }
        // Voids and refunds the bank carried out.
        let mut stmt = c.prepare(
            "SELECT v.kind, v.finished_at, v.amount_minor, a.payment_id, p.plan_id, a.currency,
                k.masked_pan, COALESCE(v.order_id, a.order_id)
             FROM reversals v JOIN attempts a ON a.id = v.attempt_id JOIN payments p ON p.id = a.payment_id
             JOIN plans pl ON pl.id = p.plan_id LEFT JOIN cards k ON k.id = a.card_id
             WHERE pl.customer_id = ?1 AND (?2 IS NULL OR p.plan_id = ?2) AND v.state = ?3
               AND v.kind IN (?4, ?5)
             ORDER BY v.id",
        )?;
        let mut rows = stmt.query(params![
            query.customer_id,
            query.plan_id,
            FollowUpState::Approved,
            FollowUpKind::Void,
            FollowUpKind::Refund
        ])?;
        while let Some(r) = rows.next()? {
            let at: Option<String> = r.get(1)?;
            let Some(date) = at.as_deref().and_then(local_day) else {
                continue;
            };
            if date > as_of {
                continue;
            }
            let kind: FollowUpKind = r.get(0)?;
            let entry = match kind {
                FollowUpKind::Void => LedgerEntry::Void,
                FollowUpKind::Refund => LedgerEntry::Refund,
                FollowUpKind::Capture => continue,
            };
            let mut l = line(entry, date, r.get(3)?, r.get(4)?, r.get(5)?, r.get(2)?);
            l.at = at;
            l.masked_pan = r.get(6)?;
            l.order_id = r.get(7)?;
            lines.push(l);
        }
        // A payment charged by the day (and not voided, which makes it not due) owes nothing.
        let charged: Vec<i64> = lines
            .iter()
            .filter(|l| l.entry == LedgerEntry::Charge)
            .map(|l| l.payment_id)
            .collect();
        for l in &mut lines {
            if l.entry == LedgerEntry::Due
                && (charged.contains(&l.payment_id) || !due_of.get(&l.payment_id).copied().unwrap_or(true))
            {
                l.owed = false;
            }
        }
        Ok(lines)
    })?;
    // Date order; on one day the dues first, then the bank's answers as they came (times are
    // RFC 3339 in UTC, so text order is time order; at the same instant, attempts in the order
    // they were made, then voids and refunds: the order they were read in, which a stable sort
    // keeps).
    lines.sort_by(|a, b| (&a.date, &a.at).cmp(&(&b.date, &b.at)));
    let mut totals: BTreeMap<String, LedgerTotals> = BTreeMap::new();
    for l in &mut lines {
        let t = totals
            .entry(l.currency.clone())
            .or_insert_with(|| LedgerTotals {
                currency: l.currency.clone(),
                ..LedgerTotals::default()
            });
        match l.entry {
            LedgerEntry::Due => {
                t.due_minor += l.amount_minor;
                if l.owed {
                    t.arrears_minor += l.amount_minor;
                }
            }
            LedgerEntry::Charge => t.paid_minor += l.amount_minor,
            LedgerEntry::Void => t.paid_minor -= l.amount_minor,
            LedgerEntry::Refund => t.refunded_minor += l.amount_minor,
            LedgerEntry::Decline => {}
        }
        t.balance_minor = t.due_minor - t.paid_minor;
        l.balance_minor = t.balance_minor;
    }
    Ok(Ledger {
        customer,
        as_of: as_of.to_string(),
        lines,
        totals: totals.into_values().collect(),
    })
}

//! Matching one day of the bank's history report against this vault's records, by order id: a
//! pure function of the rows and the local records, so every rule can be tested on its own.
//!
//! Sales and pre-authorisations are found by their `orderId`; refunds and post-authorisations
//! (the bank's own `orderId`) by `orgOrderId`, the order they belong to; a void shows only as
//! the original row turning `İptal` (or, for a captured pre-authorisation, its post-auth row).
//! What disagrees becomes a [`NewDifference`]; what the report proves settles a follow-up whose
//! answer was lost (a refund is concluded not done only from the report, never from an inquiry).

use std::collections::{HashMap, HashSet};

use jiff::Timestamp;
use tahsildar_akbank::{HistoryRow, HistoryStatus};

use super::DifferenceKind;
use crate::engine::attempt_state::AttemptState;
use crate::engine::follow_up::{FollowUpKind, FollowUpState};
use crate::engine::order_id;

/// An attempt as the matching sees it.
#[derive(Debug, Clone)]
pub(crate) struct LocalAttempt {
    pub id: i64,
    pub order_id: String,
    pub state: AttemptState,
    pub amount_minor: i64,
    pub pre_auth: bool,
    pub voided: bool,
    pub captured_minor: Option<i64>,
    /// Approved and sent on the day being matched, and listed by no other day's report.
    pub due_today: bool,
    /// Sent in the last minutes of the day: it may be booked after midnight.
    pub near_midnight: bool,
}

/// A refund or capture as the matching sees it (voids show on their attempt's row).
#[derive(Debug, Clone)]
pub(crate) struct LocalFollowUp {
    pub id: i64,
    pub attempt_id: i64,
    pub kind: FollowUpKind,
    pub state: FollowUpState,
    pub amount_minor: i64,
    /// The bank's order id, when its answer gave one.
    pub bank_order_id: Option<String>,
    pub sent_at: Option<Timestamp>,
    /// Sent on the day being matched, and listed by no other day's report.
    pub of_today: bool,
    pub near_midnight: bool,
}

/// A difference the matching found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct NewDifference {
    pub kind: DifferenceKind,
    pub txn_code: String,
    pub order_id: String,
    pub attempt_id: Option<i64>,
    pub reversal_id: Option<i64>,
    pub local_state: Option<String>,
    pub bank_status: Option<String>,
    pub local_amount_minor: Option<i64>,
    pub bank_amount_minor: Option<i64>,
    pub currency: Option<u16>,
    pub masked_pan: Option<String>,
}

/// What the report settles or shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Finding {
    /// The attempt is listed and agrees.
    Seen {
        attempt_id: i64,
    },
    /// The follow-up is listed and agrees (with the bank's order id of the row).
    SeenFollowUp {
        reversal_id: i64,
        bank_order_id: Option<String>,
    },
    /// A follow-up whose answer was lost is settled by the report.
    Settle {
        reversal_id: i64,
        done: bool,
        bank_order_id: Option<String>,
    },
    /// A booking of this vault whose local record is gone (a restored vault): it names its
    /// payment and attempt, and is written back.
    Restore {
        row: HistoryRow,
    },
    Difference(NewDifference),
}

/// The day's records and report.
pub(crate) struct Day<'a> {
    /// The vault's order tag.
    pub tag: &'a str,
    pub rows: &'a [HistoryRow],
    /// The first minutes of the next day, looked at only for what was sent just before
    /// midnight.
    pub spill: &'a [HistoryRow],
    /// Attempts by order id: those the rows name and those of the day.
    pub attempts: &'a HashMap<String, LocalAttempt>,
    pub follow_ups: &'a [LocalFollowUp],
    /// Rows may name payments whose local records are gone (a restore is being settled).
    pub restoring: bool,
    /// A follow-up sent before this is settled as not done when the report does not list it.
    pub conclusive_before: Timestamp,
}

/// The result of matching one day.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Matched {
    pub findings: Vec<Finding>,
    /// Rows matched to a local record.
    pub matched: u32,
    /// Rows of other programs on the terminal, and ours that moved no money.
    pub others: u32,
}

fn code(row: &HistoryRow) -> &str {
    row.txn_code.as_deref().unwrap_or_default()
}

fn status_text(row: &HistoryRow) -> String {
    row.txn_status.clone().unwrap_or_default()
}

fn difference(
    kind: DifferenceKind,
    row: Option<&HistoryRow>,
    order_id: &str,
    txn_code: &str,
    local: Option<(&LocalAttempt, Option<&LocalFollowUp>)>,
) -> Finding {
    Finding::Difference(NewDifference {
        kind,
        txn_code: txn_code.to_string(),
        order_id: order_id.to_string(),
        attempt_id: local.map(|(a, _)| a.id),
        reversal_id: local.and_then(|(_, f)| f.map(|f| f.id)),
        local_state: local.map(|(a, f)| match f {
            Some(f) => f.state.as_str().to_string(),
            // Approved and voided since: a flag, not a stored state; the window has a word for it.
            None if a.voided => "voided".to_string(),
            None => a.state.as_str().to_string(),
        }),
        bank_status: row.map(status_text),
        local_amount_minor: local.map(|(a, f)| f.map_or(a.amount_minor, |f| f.amount_minor)),
        bank_amount_minor: row.and_then(|r| r.amount_minor),
        currency: row
            .and_then(|r| r.currency_code)
            .and_then(|c| u16::try_from(c).ok()),
        masked_pan: row.and_then(|r| r.masked_card_number.clone()),
    })
}

/// Whether a sale or pre-auth row agrees with the attempt. A void of a captured
/// pre-authorisation voids its post-auth row; the pre-auth row stays done, with its hold.
fn original_agrees(row: &HistoryRow, a: &LocalAttempt) -> bool {
    use AttemptState::*;
    match row.status() {
        HistoryStatus::Done => {
            a.state == Approved && (!a.voided || (a.pre_auth && a.captured_minor.is_some()))
        }
        HistoryStatus::Voided => a.state == Approved && a.voided,
        HistoryStatus::Refused | HistoryStatus::TechnicallyReversed => a.state == Declined,
        HistoryStatus::Other => false,
    }
}

/// Matches one day. Every row is looked at once; then what this vault did that day and the
/// report does not list.
pub(crate) fn match_day(day: &Day) -> Matched {
    let mut out = Matched::default();
    let mut seen_attempts: HashSet<i64> = HashSet::new();
    let mut seen_follow_ups: HashSet<i64> = HashSet::new();
    for row in day.rows {
        let txn = code(row);
        match txn {
            "1000" | "1004" => original(day, row, &mut out, &mut seen_attempts),
            "1002" | "1005" => follow_up(day, row, &mut out, &mut seen_follow_ups),
            _ => out.others += 1,
        }
    }
    // Sent just before midnight: it may be in the first minutes of the next day.
    let in_spill = |order: &str, org: bool| {
        day.spill.iter().any(|r| {
            let id = if org { &r.org_order_id } else { &r.order_id };
            id.as_deref() == Some(order)
        })
    };
    let mut missing: Vec<&LocalAttempt> = day
        .attempts
        .values()
        .filter(|a| a.due_today && !seen_attempts.contains(&a.id))
        .filter(|a| !(a.near_midnight && in_spill(&a.order_id, false)))
        .collect();
    missing.sort_by_key(|a| a.id);
    for a in missing {
        let txn = if a.pre_auth { "1004" } else { "1000" };
        out.findings.push(difference(
            DifferenceKind::MissingAtBank,
            None,
            &a.order_id,
            txn,
            Some((a, None)),
        ));
    }
    for f in day.follow_ups.iter().filter(|f| f.of_today) {
        if seen_follow_ups.contains(&f.id) {
            continue;
        }
        let Some(a) = day.attempts.values().find(|a| a.id == f.attempt_id) else {
            continue;
        };
        if f.near_midnight && in_spill(&a.order_id, true) {
            continue;
        }
        let txn = match f.kind {
            FollowUpKind::Capture => "1005",
            FollowUpKind::Refund | FollowUpKind::Void => "1002",
        };
        match f.state {
            FollowUpState::Approved => out.findings.push(difference(
                DifferenceKind::MissingAtBank,
                None,
                &a.order_id,
                txn,
                Some((a, Some(f))),
            )),
            // Lost, and the report has had time to show it: it was not done.
            FollowUpState::Unknown if f.sent_at.is_some_and(|s| s < day.conclusive_before) => {
                out.findings.push(Finding::Settle {
                    reversal_id: f.id,
                    done: false,
                    bank_order_id: None,
                })
            }
            FollowUpState::Unknown
            | FollowUpState::Requested
            | FollowUpState::InFlight
            | FollowUpState::Declined
            | FollowUpState::Closed => {}
        }
    }
    out
}

fn original(day: &Day, row: &HistoryRow, out: &mut Matched, seen: &mut HashSet<i64>) {
    let Some(order) = row.order_id.as_deref() else {
        out.others += 1;
        return;
    };
    let txn = code(row);
    let Some(a) = day.attempts.get(order) else {
        let moved_money = matches!(row.status(), HistoryStatus::Done | HistoryStatus::Voided);
        if !order_id::is_ours(order, day.tag) || !moved_money {
            out.others += 1;
        } else if day.restoring && order_id::parse(order).is_some() {
            out.findings.push(Finding::Restore { row: row.clone() });
            out.matched += 1;
        } else {
            out.findings.push(difference(
                DifferenceKind::UnknownBooking,
                Some(row),
                order,
                txn,
                None,
            ));
        }
        return;
    };
    seen.insert(a.id);
    if matches!(
        a.state,
        AttemptState::InFlight | AttemptState::Unknown | AttemptState::ManualReview
    ) {
        // Still open here: its inquiry settles it; the day waits.
        return;
    }
    if !original_agrees(row, a) {
        out.findings.push(difference(
            DifferenceKind::StatusDiffers,
            Some(row),
            order,
            txn,
            Some((a, None)),
        ));
        return;
    }
    if a.state == AttemptState::Approved && row.amount_minor.is_some_and(|m| m != a.amount_minor) {
        out.findings.push(difference(
            DifferenceKind::AmountDiffers,
            Some(row),
            order,
            txn,
            Some((a, None)),
        ));
        return;
    }
    out.matched += 1;
    out.findings.push(Finding::Seen { attempt_id: a.id });
}

fn follow_up(day: &Day, row: &HistoryRow, out: &mut Matched, seen: &mut HashSet<i64>) {
    let txn = code(row);
    let kind = if txn == "1005" {
        FollowUpKind::Capture
    } else {
        FollowUpKind::Refund
    };
    let Some(org) = row.org_order_id.as_deref() else {
        out.others += 1;
        return;
    };
    let Some(a) = day.attempts.get(org) else {
        let ours = order_id::is_ours(org, day.tag);
        if ours && row.status() == HistoryStatus::Done && !day.restoring {
            out.findings.push(difference(
                DifferenceKind::UnknownBooking,
                Some(row),
                org,
                txn,
                None,
            ));
        } else {
            // A restored vault writes the follow-ups back with their original.
            out.others += 1;
        }
        return;
    };
    let bank_order = row.order_id.clone();
    let candidates = || {
        day.follow_ups
            .iter()
            .filter(|f| f.attempt_id == a.id && f.kind == kind && !seen.contains(&f.id))
    };
    // By the bank's own order id when the answer gave one; else by the amount (an answer may
    // carry the original order id only, or none when it was lost).
    let found = candidates()
        .find(|f| f.bank_order_id.is_some() && f.bank_order_id == bank_order)
        .or_else(|| candidates().find(|f| Some(f.amount_minor) == row.amount_minor))
        .cloned();
    let done = row.status() == HistoryStatus::Done;
    let voided = row.status() == HistoryStatus::Voided;
    let Some(f) = found else {
        if done {
            out.findings.push(difference(
                DifferenceKind::UnknownBooking,
                Some(row),
                org,
                txn,
                Some((a, None)),
            ));
        } else {
            out.others += 1;
        }
        return;
    };
    seen.insert(f.id);
    let agrees = match f.state {
        FollowUpState::Unknown | FollowUpState::InFlight => {
            out.findings.push(Finding::Settle {
                reversal_id: f.id,
                done,
                bank_order_id: bank_order.clone(),
            });
            out.matched += 1;
            return;
        }
        // A captured pre-authorisation's void shows on its post-auth row.
        FollowUpState::Approved => done || (voided && kind == FollowUpKind::Capture && a.voided),
        FollowUpState::Declined => !done,
        FollowUpState::Requested | FollowUpState::Closed => false,
    };
    if !agrees {
        out.findings.push(difference(
            DifferenceKind::StatusDiffers,
            Some(row),
            org,
            txn,
            Some((a, Some(&f))),
        ));
    } else if done && row.amount_minor.is_some_and(|m| m != f.amount_minor) {
        out.findings.push(difference(
            DifferenceKind::AmountDiffers,
            Some(row),
            org,
            txn,
            Some((a, Some(&f))),
        ));
    } else {
        out.matched += 1;
        out.findings.push(Finding::SeenFollowUp {
            reversal_id: f.id,
            bank_order_id: bank_order,
        });
    }
}

#[cfg(test)]
#[path = "matching_tests.rs"]
mod tests;

//! The engine's invariants (docs/engine.md, I1-I7), checked against the simulator's ledger,
//! the bank's truth.

use std::collections::{HashMap, HashSet};

use tahsildar_bank_sim::{EntryStatus, LedgerEntry};
use tahsildar_core::Vault;

struct LocalAttempt {
    payment_id: i64,
    order_id: String,
    state: String,
    amount_minor: i64,
    refunded_minor: i64,
    review_reason: Option<String>,
    pre_auth: bool,
    captured_minor: Option<i64>,
    voided: bool,
}

fn local_attempts(vault: &Vault) -> Vec<LocalAttempt> {
    vault
        .db()
        .read(|c| {
            let mut stmt = c.prepare(
                "SELECT payment_id, order_id, state, amount_minor, refunded_minor, review_reason,
                        kind = 'pre_auth', captured_minor, voided FROM attempts ORDER BY id",
            )?;
            let rows = stmt.query_map([], |r| {
                Ok(LocalAttempt {
                    payment_id: r.get(0)?,
                    order_id: r.get(1)?,
                    state: r.get(2)?,
                    amount_minor: r.get(3)?,
                    refunded_minor: r.get(4)?,
                    review_reason: r.get(5)?,
                    pre_auth: r.get(6)?,
                    captured_minor: r.get(7)?,
                    voided: r.get(8)?,
                })
            })?;
            Ok(rows.collect::<Result<Vec<_>, _>>()?)
        })
        .unwrap()
}

/// A day total's key and four figures, as kept or as recounted.
type TotalRow = (String, i64, i64, i64, i64);

/// Sales and pre-auths booked under our order ids.
fn sales(ledger: &[LedgerEntry]) -> Vec<&LedgerEntry> {
    ledger
        .iter()
        .filter(|e| matches!(e.txn_code.as_str(), "1000" | "1004") && e.order_id.is_some())
        .collect()
}

/// Checks I1-I7; `host_up` adds I4 (nothing left in flight or unknown).
pub fn check(vault: &Vault, ledger: &[LedgerEntry], host_up: bool) {
    let attempts = local_attempts(vault);
    let by_order: HashMap<&str, &LocalAttempt> =
        attempts.iter().map(|a| (a.order_id.as_str(), a)).collect();
    let sales = sales(ledger);

    // I1: at most one charge per order id and per payment.
    let mut charged_orders = HashSet::new();
    let mut charged_payments = HashSet::new();
    for e in sales
        .iter()
        .filter(|e| e.status == EntryStatus::Approved || e.status == EntryStatus::Voided)
    {
        let order = e.order_id.as_deref().unwrap();
        assert!(
            charged_orders.insert(order),
            "I1: order {order} charged twice"
        );
        if e.status == EntryStatus::Approved
            && let Some(a) = by_order.get(order)
        {
            assert!(
                charged_payments.insert(a.payment_id),
                "I1: payment {} charged twice",
                a.payment_id
            );
        }
    }
    // I2: every charge at the bank has a local attempt with that order id.
    for e in &sales {
        let order = e.order_id.as_deref().unwrap();
        assert!(
            by_order.contains_key(order),
            "I2: the bank holds {order} which is not recorded here"
        );
    }
    // I3: local approved and declined agree with the ledger.
    let ledger_by_order: HashMap<&str, &LedgerEntry> = sales
        .iter()
        .map(|e| (e.order_id.as_deref().unwrap(), *e))
        .collect();
    for a in &attempts {
        let at_bank = ledger_by_order.get(a.order_id.as_str());
        match a.state.as_str() {
            "approved" => assert!(
                at_bank.is_some_and(|e| matches!(
                    e.status,
                    EntryStatus::Approved | EntryStatus::Voided
                )),
                "I3: {} approved here but not at the bank",
                a.order_id
            ),
            "declined" => assert!(
                at_bank.is_none_or(|e| e.status != EntryStatus::Approved),
                "I3: {} declined here but charged at the bank",
                a.order_id
            ),
            _ => {}
        }
        if let Some(e) = at_bank
            && e.status == EntryStatus::Approved
            && host_up
        {
            assert!(
                a.state == "approved" || a.state == "manual_review",
                "I3: {} charged at the bank but {} here",
                a.order_id,
                a.state
            );
        }
        // I5: never more refunded than captured; voids only of approved attempts; with the
        // host up, refunds, voids and captures agree with the ledger.
        let captured = if a.pre_auth {
            a.captured_minor.unwrap_or(0)
        } else {
            a.amount_minor
        };
        assert!(
            a.refunded_minor <= captured,
            "I5: {} refunded above what it captured",
            a.order_id
        );
        assert!(
            !a.voided || a.state == "approved",
            "I5: {} voided but {}",
            a.order_id,
            a.state
        );
        if host_up && let Some(e) = at_bank {
            assert_eq!(
                a.refunded_minor, e.refunded_minor,
                "I5: {} refunds",
                a.order_id
            );
            // A void of a captured pre-authorisation voids its post-auth row; the pre-auth row
            // keeps its hold.
            let capture_voided = ledger.iter().any(|p| {
                p.txn_code == "1005"
                    && p.org_order_id.as_deref() == Some(a.order_id.as_str())
                    && p.status == EntryStatus::Voided
            });
            assert_eq!(
                a.voided,
                e.status == EntryStatus::Voided || capture_voided,
                "I5: {} void",
                a.order_id
            );
            if a.pre_auth && a.state == "approved" && !capture_voided {
                assert_eq!(
                    a.captured_minor, e.pre_auth_closed_minor,
                    "I5: {} capture",
                    a.order_id
                );
            }
        }
        // A withdrawn attempt never reached the bank: nothing is charged under its order id.
        if a.state == "withdrawn" {
            assert!(
                at_bank.is_none_or(|e| !e.is_charge()),
                "I3: {} withdrawn here but charged at the bank",
                a.order_id
            );
        }
        // I4: with the host up nothing stays unresolved, except in manual review with a reason.
        if host_up {
            assert!(
                matches!(
                    a.state.as_str(),
                    "approved" | "declined" | "withdrawn" | "manual_review"
                ),
                "I4: {} left {}",
                a.order_id,
                a.state
            );
            if a.state == "manual_review" {
                assert!(
                    a.review_reason.as_deref().is_some_and(|r| !r.is_empty()),
                    "I4: review without a reason"
                );
            }
        }
    }
    // I4 for voids, refunds and captures: none left on the wire or unknown.
    if host_up {
        let open: i64 = vault
            .db()
            .read(|c| {
                Ok(c.query_row(
                    "SELECT count(*) FROM reversals WHERE state IN ('in_flight', 'unknown')",
                    [],
                    |r| r.get(0),
                )?)
            })
            .unwrap();
        assert_eq!(
            open, 0,
            "I4: a void, refund or capture left without an answer"
        );
    }
    // I6: the database and the audit chain are intact.
    assert!(
        vault.db().integrity_ok().unwrap(),
        "I6: integrity_check failed"
    );
    vault.verify_audit().expect("I6: audit chain");
    // I7: the day totals that the reports read equal a recount of the payments, their approved
    // attempts and their declines.
    let (kept, recounted) = vault
        .db()
        .read(|c| {
            let rows = |sql: &str| -> rusqlite::Result<Vec<TotalRow>> {
                let mut stmt = c.prepare(sql)?;
                let rows = stmt.query_map([], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
                })?;
                rows.collect()
            };
            let kept = rows(
                "SELECT due_date || ' ' || store_id || ' ' || currency || ' ' || status || ' ' || kind
                        || ' ' || batch_id, payments, amount_minor, charged_minor, refunded_minor
                 FROM payment_day_totals WHERE payments <> 0 ORDER BY 1",
            )?;
            let recounted = rows(
                "SELECT p.due_date || ' ' || p.store_id || ' ' || p.currency || ' ' || p.status || ' '
                        || pl.kind || ' ' || coalesce(pl.batch_id, 0), count(*), sum(p.amount_minor),
                        sum((SELECT coalesce(sum(CASE WHEN a.kind = 'pre_auth' THEN coalesce(a.captured_minor, 0)
                                                      ELSE a.amount_minor END), 0)
                             FROM attempts a WHERE a.payment_id = p.id AND a.state = 'approved' AND a.voided = 0)),
                        sum((SELECT coalesce(sum(a.refunded_minor), 0)
                             FROM attempts a WHERE a.payment_id = p.id AND a.state = 'approved'))
                 FROM payments p JOIN plans pl ON pl.id = p.plan_id GROUP BY 1 ORDER BY 1",
            )?;
            Ok((kept, recounted))
        })
        .unwrap();
    assert_eq!(
        kept, recounted,
        "I7: the day totals drifted from the payments"
    );
}

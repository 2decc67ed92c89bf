//! The terms of a new plan, their checks, and the payments they produce.

use jiff::civil::Date;
use rusqlite::{OptionalExtension, params};
use serde::Serialize;
use tahsildar_akbank::Currency;

use super::schedule::{Schedule, ScheduleProblem};
use crate::audit::{AuditAction, AuditResult};
use crate::auth::{Permission, Session};
use crate::error::{Error, Result};

/// The largest amount of one payment: 1,000,000.00.
pub const MAX_AMOUNT_MINOR: i64 = 100_000_000;

/// What kind of collection a plan is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlanKind {
    /// One sale on the start date.
    OneOff,
    /// One sale split by the bank into this many installments (2..=the store's maximum).
    Installment(u8),
    /// The same amount on every date of the schedule.
    Recurring(Schedule),
}

impl PlanKind {
    pub fn code(&self) -> &'static str {
        match self {
            PlanKind::OneOff => "one_off",
            PlanKind::Installment(_) => "installment",
            PlanKind::Recurring(_) => "recurring",
        }
    }
}

/// A plan as entered.
#[derive(Debug, Clone)]
pub struct NewPlan {
    pub customer_id: i64,
    pub amount_minor: i64,
    pub currency: Currency,
    /// The first (or only) due date.
    pub start: Date,
    pub kind: PlanKind,
    pub description: Option<String>,
}

/// A stored plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlanInfo {
    pub id: i64,
    pub store_id: i64,
    pub customer_id: i64,
    pub kind: String,
    pub amount_minor: i64,
    pub currency: String,
    pub installments: i64,
    pub status: String,
    /// Payment ids with their due dates, in order.
    pub payments: Vec<(i64, String)>,
}

/// Reads `1.234,50`, `1234,50`, `1234.50`, `1,234.50` or `1234` into minor units.
pub fn parse_amount(text: &str) -> Result<i64> {
    let bad = || {
        Error::invalid(
            "amount",
            format!("'{}' is not an amount like 1.234,50", text.trim()),
        )
    };
    let t: String = text
        .trim()
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '₺')
        .collect();
    if t.is_empty()
        || !t
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
    {
        return Err(bad());
    }
    // The decimal separator is the last '.' or ',' followed by one or two digits.
    let (int, frac) = match t.rfind(['.', ',']) {
        Some(i) if t.len() - i - 1 <= 2 && t.len() - i > 1 => (&t[..i], &t[i + 1..]),
        Some(i) if t.len() - i - 1 == 3 => (t.as_str(), ""),
        Some(_) => return Err(bad()),
        None => (t.as_str(), ""),
    };
    let sep = t[int.len()..].chars().next();
    let grouping: String = int.chars().filter(|c| Some(*c) != sep).collect();
    let int_digits: String = grouping.chars().filter(char::is_ascii_digit).collect();
    // Grouping marks must be the other separator, in groups of three.
    if int.chars().any(|c| Some(c) == sep) && !frac.is_empty() {
        return Err(bad());
    }
    let groups: Vec<&str> = int.split(['.', ',']).collect();
    if groups.len() > 1
        && (groups[0].is_empty() || groups[0].len() > 3 || groups[1..].iter().any(|g| g.len() != 3))
    {
        return Err(bad());
    }
    if int_digits.is_empty() || int_digits.len() > 12 {
        return Err(bad());
    }
    let whole: i64 = int_digits.parse().map_err(|_| bad())?;
    let cents: i64 = match frac.len() {
        0 => 0,
        1 => frac.parse::<i64>().map_err(|_| bad())? * 10,
        _ => frac.parse().map_err(|_| bad())?,
    };
    Ok(whole * 100 + cents)
}

fn schedule_error(problem: ScheduleProblem) -> Error {
    let detail = match problem {
        ScheduleProblem::IntervalOutOfRange => "the interval must be 1 to 99 days, weeks or months",
        ScheduleProblem::CountOutOfRange => "a plan has 1 to 520 payments",
        ScheduleProblem::EndBeforeStart => "the end date lies before the start date",
        ScheduleProblem::CadenceUnreadable => "write the interval like 1m, 2w or 10d",
    };
    Error::invalid("schedule", detail)
}

/// The translated error for a schedule that cannot be built.
pub fn schedule_problem_error(problem: ScheduleProblem) -> Error {
    schedule_error(problem)
}

/// The due dates of a plan's payments.
pub(super) fn due_dates(plan: &NewPlan) -> Vec<Date> {
    match plan.kind {
        PlanKind::OneOff | PlanKind::Installment(_) => vec![plan.start],
        PlanKind::Recurring(schedule) => schedule.dates().collect(),
    }
}

pub(super) fn check(plan: &NewPlan, max_installments: i64, today: Date) -> Result<()> {
    if plan.amount_minor <= 0 {
        return Err(Error::invalid("amount", "must be more than zero"));
    }
    if plan.amount_minor > MAX_AMOUNT_MINOR {
        return Err(Error::invalid("amount", "at most 1.000.000,00 per payment"));
    }
    if plan.start < today {
        return Err(Error::invalid(
            "date",
            format!("{} is in the past", plan.start),
        ));
    }
    if let PlanKind::Installment(n) = plan.kind
        && (n < 2 || i64::from(n) > max_installments)
    {
        return Err(Error::invalid(
            "installments",
            format!("{n} is outside 2..{max_installments} (the store's maximum)"),
        ));
    }
    if let PlanKind::Recurring(schedule) = plan.kind
        && schedule.start() != plan.start
    {
        return Err(Error::invalid(
            "schedule",
            "the schedule must start on the plan's date",
        ));
    }
    if plan
        .description
        .as_ref()
        .is_some_and(|d| d.chars().count() > 200)
    {
        return Err(Error::invalid("description", "at most 200 characters"));
    }
    Ok(())
}

/// Creates a plan and all its payments. Needs `create_collections` on the customer's store.
pub fn create(session: &Session, plan: &NewPlan) -> Result<PlanInfo> {
    let vault = session.vault();
    let (store_id, max_installments): (i64, i64) = vault.db().read(|c| {
        c.query_row(
            "SELECT c.store_id, s.max_installments FROM customers c JOIN stores s ON s.id = c.store_id WHERE c.id = ?1",
            [plan.customer_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?
        .ok_or_else(|| Error::not_found("customer", plan.customer_id))
    })?;
    session.require(Permission::CreateCollections, Some(store_id))?;
    let today = super::today(vault.clock().as_ref());
    check(plan, max_installments, today)?;
    let now = vault.clock().now().to_string();
    let dates = due_dates(plan);
    let id = vault.write_audited(|tx, _| {
        let (cadence, end_count, end_date) = match plan.kind {
            PlanKind::Recurring(s) => {
                let (count, until) = match s.end() {
                    super::schedule::PlanEnd::Count(n) => (Some(n), None),
                    super::schedule::PlanEnd::Until(d) => (None, Some(d.to_string())),
                };
                (Some(s.cadence().to_string()), count, until)
            }
            _ => (None, None, None),
        };
        let installments = match plan.kind {
            PlanKind::Installment(n) => i64::from(n),
            _ => 1,
        };
        tx.execute(
            "INSERT INTO plans (store_id, customer_id, kind, amount_minor, currency, installments, start_date,
                 cadence, end_count, end_date, description, status, created_by, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, 'active', ?12, ?13, ?13)",
            params![
                store_id,
                plan.customer_id,
                plan.kind.code(),
                plan.amount_minor,
                plan.currency.code(),
                installments,
                plan.start.to_string(),
                cadence,
                end_count,
                end_date,
                plan.description.as_deref().map(str::trim),
                session.user_id(),
                now
            ],
        )?;
        let id = tx.last_insert_rowid();
        for (i, date) in dates.iter().enumerate() {
            tx.execute(
                "INSERT INTO payments (plan_id, store_id, occurrence, due_date, amount_minor, currency, status,
                     next_try_on, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'scheduled', ?4, ?7)",
                params![id, store_id, i as i64, date.to_string(), plan.amount_minor, plan.currency.code(), now],
            )?;
        }
        let record = session
            .record(AuditAction::PlanCreate, format!("plan:{id}"), AuditResult::Ok)
            .with_detail(serde_json::json!({
                "customer": plan.customer_id,
                "kind": plan.kind.code(),
                "amount_minor": plan.amount_minor,
                "currency": plan.currency.alpha(),
                "payments": dates.len(),
            }));
        Ok((id, record))
    })?;
    vault.db().read(|c| load(c, id))
}

/// A plan with its payments.
pub fn load(conn: &rusqlite::Connection, id: i64) -> Result<PlanInfo> {
    let mut info = conn
        .query_row(
            "SELECT id, store_id, customer_id, kind, amount_minor, currency, installments, status FROM plans WHERE id = ?1",
            [id],
            |r| {
                let currency: u16 = r.get(5)?;
                Ok(PlanInfo {
                    id: r.get(0)?,
                    store_id: r.get(1)?,
                    customer_id: r.get(2)?,
                    kind: r.get(3)?,
                    amount_minor: r.get(4)?,
                    currency: Currency::from_code(currency).map(|c| c.alpha()).unwrap_or("?").to_string(),
                    installments: r.get(6)?,
                    status: r.get(7)?,
                    payments: Vec::new(),
                })
            },
        )
        .optional()?
        .ok_or_else(|| Error::not_found("plan", id))?;
    let mut stmt =
        conn.prepare("SELECT id, due_date FROM payments WHERE plan_id = ?1 ORDER BY occurrence")?;
    info.payments = stmt
        .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<std::result::Result<Vec<_>, _>>()?;
    Ok(info)
}

#[cfg(test)]
mod tests {
    use super::parse_amount;

    #[test]
    fn amounts_in_turkish_and_plain_form() {
        assert_eq!(parse_amount("1.234,50").unwrap(), 123_450);
        assert_eq!(parse_amount("1234,50").unwrap(), 123_450);
        assert_eq!(parse_amount("1234.50").unwrap(), 123_450);
        assert_eq!(parse_amount("1,234.50").unwrap(), 123_450);
        assert_eq!(parse_amount("1234").unwrap(), 123_400);
        assert_eq!(parse_amount("1.234").unwrap(), 123_400);
        assert_eq!(parse_amount("0,5").unwrap(), 50);
        assert!(parse_amount("12,345,6").is_err());
        assert!(parse_amount("1.2.3").is_err());
        assert!(parse_amount("abc").is_err());
        assert!(parse_amount("").is_err());
        assert!(parse_amount("-5").is_err());
    }
}

//! When a plan's payments fall due.
//!
//! A schedule is a start date, a cadence (every N days, weeks or months) and an end (a number of
//! payments or a last date). Every occurrence is computed from the start date, never from the
//! previous occurrence, so a monthly plan keeps its anchor day: started on 31 January it falls on
//! 28 (or 29) February and again on 31 March.

use std::fmt;
use std::str::FromStr;

use jiff::ToSpan;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

/// The most payments one plan may have (ten years of weekly payments).
pub const MAX_OCCURRENCES: u32 = 520;

/// How often a recurring plan falls due.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "unit", content = "every", rename_all = "snake_case")]
pub enum Cadence {
    Days(u16),
    Weeks(u16),
    Months(u16),
}

/// Where a recurring plan stops.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlanEnd {
    /// This many payments in all.
    Count(u32),
    /// The last payment falls on or before this date.
    Until(Date),
}

/// Why a schedule cannot be built.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScheduleProblem {
    /// The cadence is zero or above 99 units.
    IntervalOutOfRange,
    /// The plan would have no payment, or more than [`MAX_OCCURRENCES`].
    CountOutOfRange,
    /// The end date lies before the start date.
    EndBeforeStart,
    /// The cadence text is not of the form `1m`, `2w`, `10d`.
    CadenceUnreadable,
}

/// A validated schedule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Schedule {
    start: Date,
    cadence: Cadence,
    end: PlanEnd,
}

impl Cadence {
    fn interval(self) -> u16 {
        match self {
            Cadence::Days(n) | Cadence::Weeks(n) | Cadence::Months(n) => n,
        }
    }

    /// The date of occurrence `index` (0 = the start date) counted from `start`.
    fn nth_after(self, start: Date, index: u32) -> Option<Date> {
        let steps = i64::from(index) * i64::from(self.interval());
        let span = match self {
            Cadence::Days(_) => steps.days(),
            Cadence::Weeks(_) => (steps * 7).days(),
            // jiff clamps the day to the month's last day and keeps the start's day otherwise.
            Cadence::Months(_) => steps.months(),
        };
        start.checked_add(span).ok()
    }
}

impl fmt::Display for Cadence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Cadence::Days(n) => write!(f, "{n}d"),
            Cadence::Weeks(n) => write!(f, "{n}w"),
            Cadence::Months(n) => write!(f, "{n}m"),
        }
    }
}

impl FromStr for Cadence {
    type Err = ScheduleProblem;

    /// Reads `10d`, `2w`, `1m` (also with a space or upper case: `1 M`).
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        let compact = compact.to_ascii_lowercase();
        let (digits, unit) = compact.split_at(compact.len().saturating_sub(1));
        let n: u16 = digits
            .parse()
            .map_err(|_| ScheduleProblem::CadenceUnreadable)?;
        let cadence = match unit {
            "d" => Cadence::Days(n),
            "w" => Cadence::Weeks(n),
            "m" => Cadence::Months(n),
            _ => return Err(ScheduleProblem::CadenceUnreadable),
        };
        check_interval(cadence)?;
        Ok(cadence)
    }
}

fn check_interval(cadence: Cadence) -> Result<(), ScheduleProblem> {
    if (1..=99).contains(&cadence.interval()) {
        Ok(())
    } else {
        Err(ScheduleProblem::IntervalOutOfRange)
    }
}

impl Schedule {
    /// Checks the parts and builds a schedule with at least one and at most
    /// [`MAX_OCCURRENCES`] payments.
    pub fn new(start: Date, cadence: Cadence, end: PlanEnd) -> Result<Self, ScheduleProblem> {
        check_interval(cadence)?;
        match end {
            PlanEnd::Count(n) if n == 0 || n > MAX_OCCURRENCES => {
                return Err(ScheduleProblem::CountOutOfRange);
            }
            PlanEnd::Until(last) if last < start => return Err(ScheduleProblem::EndBeforeStart),
            _ => {}
        }
        let schedule = Schedule {
            start,
            cadence,
            end,
        };
        if schedule.dates().nth(MAX_OCCURRENCES as usize).is_some() {
            return Err(ScheduleProblem::CountOutOfRange);
        }
        Ok(schedule)
    }

    pub fn start(&self) -> Date {
        self.start
    }

    pub fn cadence(&self) -> Cadence {
        self.cadence
    }

    pub fn end(&self) -> PlanEnd {
        self.end
    }

    /// The date of occurrence `index`, 0-based, if the plan has that many.
    pub fn occurrence(&self, index: u32) -> Option<Date> {
        if let PlanEnd::Count(n) = self.end
            && index >= n
        {
            return None;
        }
        let date = self.cadence.nth_after(self.start, index)?;
        match self.end {
            PlanEnd::Until(last) if date > last => None,
            _ => Some(date),
        }
    }

    /// Every due date of the plan, in order.
    pub fn dates(&self) -> impl Iterator<Item = Date> + '_ {
        (0..=MAX_OCCURRENCES).map_while(|i| self.occurrence(i))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn monthly(start: Date, count: u32) -> Vec<Date> {
        Schedule::new(start, Cadence::Months(1), PlanEnd::Count(count))
            .unwrap()
            .dates()
            .collect()
    }

    #[test]
    fn monthly_plan_keeps_its_anchor_day_across_short_months() {
        let dates = monthly(date(2026, 1, 31), 4);
        assert_eq!(
            dates,
            vec![
                date(2026, 1, 31),
                date(2026, 2, 28),
                date(2026, 3, 31),
                date(2026, 4, 30)
            ]
        );
    }

    #[test]
    fn monthly_plan_lands_on_29_february_in_a_leap_year() {
        let dates = monthly(date(2028, 1, 31), 3);
        assert_eq!(
            dates,
            vec![date(2028, 1, 31), date(2028, 2, 29), date(2028, 3, 31)]
        );
        let from_leap_day = monthly(date(2028, 2, 29), 13);
        assert_eq!(from_leap_day[1], date(2028, 3, 29));
        assert_eq!(from_leap_day[12], date(2029, 2, 28));
    }

    #[test]
    fn every_three_months_from_the_30th() {
        let s = Schedule::new(date(2026, 11, 30), Cadence::Months(3), PlanEnd::Count(3)).unwrap();
        let dates: Vec<_> = s.dates().collect();
        assert_eq!(
            dates,
            vec![date(2026, 11, 30), date(2027, 2, 28), date(2027, 5, 30)]
        );
    }

    #[test]
    fn weekly_and_daily_plans() {
        let weekly =
            Schedule::new(date(2026, 12, 28), Cadence::Weeks(2), PlanEnd::Count(3)).unwrap();
        assert_eq!(
            weekly.dates().collect::<Vec<_>>(),
            vec![date(2026, 12, 28), date(2027, 1, 11), date(2027, 1, 25)]
        );
        let daily = Schedule::new(date(2028, 2, 27), Cadence::Days(1), PlanEnd::Count(4)).unwrap();
        assert_eq!(
            daily.dates().collect::<Vec<_>>(),
            vec![
                date(2028, 2, 27),
                date(2028, 2, 28),
                date(2028, 2, 29),
                date(2028, 3, 1)
            ]
        );
    }

    #[test]
    fn until_date_is_inclusive() {
        let s = Schedule::new(
            date(2026, 1, 15),
            Cadence::Months(1),
            PlanEnd::Until(date(2026, 4, 15)),
        )
        .unwrap();
        assert_eq!(s.dates().count(), 4);
        let s = Schedule::new(
            date(2026, 1, 15),
            Cadence::Months(1),
            PlanEnd::Until(date(2026, 4, 14)),
        )
        .unwrap();
        assert_eq!(s.dates().last(), Some(date(2026, 3, 15)));
    }

    #[test]
    fn rejects_empty_oversized_and_backwards_plans() {
        let start = date(2026, 1, 1);
        assert_eq!(
            Schedule::new(start, Cadence::Months(1), PlanEnd::Count(0)),
            Err(ScheduleProblem::CountOutOfRange)
        );
        assert_eq!(
            Schedule::new(start, Cadence::Days(1), PlanEnd::Until(date(2030, 1, 1))),
            Err(ScheduleProblem::CountOutOfRange)
        );
        assert_eq!(
            Schedule::new(start, Cadence::Days(1), PlanEnd::Until(date(2025, 12, 31))),
            Err(ScheduleProblem::EndBeforeStart)
        );
        assert_eq!(
            Schedule::new(start, Cadence::Weeks(0), PlanEnd::Count(2)),
            Err(ScheduleProblem::IntervalOutOfRange)
        );
    }

    #[test]
    fn cadence_reads_and_prints_the_cli_form() {
        assert_eq!("1m".parse(), Ok(Cadence::Months(1)));
        assert_eq!("2W".parse(), Ok(Cadence::Weeks(2)));
        assert_eq!(" 10 d".parse(), Ok(Cadence::Days(10)));
        assert_eq!(
            "m".parse::<Cadence>(),
            Err(ScheduleProblem::CadenceUnreadable)
        );
        assert_eq!(
            "3y".parse::<Cadence>(),
            Err(ScheduleProblem::CadenceUnreadable)
        );
        assert_eq!(
            "0d".parse::<Cadence>(),
            Err(ScheduleProblem::IntervalOutOfRange)
        );
        assert_eq!(Cadence::Weeks(2).to_string(), "2w");
    }
}

//! A collection as an operator enters it, in the window or on the command line: the typed
//! fields, read into a plan with each refusal naming its field in both languages.

use jiff::civil::Date;
use serde::Deserialize;

use super::input::{parse_amount, parse_currency, parse_date};
use super::schedule::{Cadence, PlanEnd, Schedule};
use super::terms::{CollectionKind, NewPlan, PlanKind, ProvisionKind, schedule_problem_error};
use crate::error::{Error, Result};
use crate::i18n::Text;

/// A collection as entered.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct CollectionInput {
    pub customer_id: i64,
    /// As typed: `1.234,56`.
    pub amount: String,
    /// TRY (default), USD, EUR, GBP.
    pub currency: Option<String>,
    /// `YYYY-MM-DD`; today when empty.
    pub start_date: Option<String>,
    pub kind: CollectionKind,
    /// Installment sales: 2..the store's maximum.
    pub installments: Option<u8>,
    /// Recurring: `1m` (default), `2w`, `10d`.
    pub cadence: Option<String>,
    /// Recurring: how many payments, or ...
    pub count: Option<u32>,
    /// ... the last date (`YYYY-MM-DD`).
    pub until: Option<String>,
    /// Recurring: the amount is a total the merchant splits over the payments (merchant
    /// instalments, the remainder kuruş on the last) rather than each payment's amount.
    pub split: Option<bool>,
    pub description: Option<String>,
    /// What the bank is asked for: a sale (default) or, for one-off and installment
    /// collections, a pre-authorisation an operator captures later.
    pub provision: Option<ProvisionKind>,
}

/// A typed text that counts only when something other than blanks was typed.
fn typed(text: &Option<String>) -> Option<&str> {
    text.as_deref().map(str::trim).filter(|t| !t.is_empty())
}

impl CollectionInput {
    /// What the bank is asked for; a sale unless a pre-authorisation was chosen.
    pub fn provision(&self) -> ProvisionKind {
        self.provision.unwrap_or_default()
    }

    /// The plan these fields describe; `today` is the start when no date was typed.
    pub fn to_plan(&self, today: Date) -> Result<NewPlan> {
        let amount_minor = parse_amount(&self.amount)?;
        let currency = parse_currency(typed(&self.currency).unwrap_or("TRY"))?;
        let start = match typed(&self.start_date) {
            Some(d) => parse_date("date", d)?,
            None => today,
        };
        let kind = match self.kind {
            CollectionKind::OneOff => PlanKind::OneOff,
            CollectionKind::Installment => {
                PlanKind::Installment(self.installments.ok_or_else(|| {
                    Error::invalid(
                        "installments",
                        Text::new(
                            "Taksit sayısını girin.",
                            "Enter the number of installments.",
                        ),
                    )
                })?)
            }
            CollectionKind::Recurring => {
                let cadence: Cadence = typed(&self.cadence)
                    .unwrap_or("1m")
                    .parse()
                    .map_err(schedule_problem_error)?;
                let end = match (self.count, typed(&self.until)) {
                    (Some(n), None) => PlanEnd::Count(n),
                    (None, Some(u)) => PlanEnd::Until(parse_date("until", u)?),
                    _ => {
                        return Err(Error::invalid(
                            "schedule",
                            Text::new(
                                "Ya ödeme sayısını ya da son tarihi girin.",
                                "Enter either a number of payments or a last date.",
                            ),
                        ));
                    }
                };
                let schedule =
                    Schedule::new(start, cadence, end).map_err(schedule_problem_error)?;
                if self.split == Some(true) {
                    PlanKind::Split(schedule)
                } else {
                    PlanKind::Recurring(schedule)
                }
            }
        };
        Ok(NewPlan {
            customer_id: self.customer_id,
            amount_minor,
            currency,
            start,
            kind,
            description: typed(&self.description).map(str::to_string),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    fn input(kind: CollectionKind) -> CollectionInput {
        CollectionInput {
            customer_id: 7,
            amount: "1.234,50".into(),
            currency: None,
            start_date: Some("2031-01-31".into()),
            kind,
            installments: None,
            cadence: None,
            count: None,
            until: None,
            split: None,
            description: Some("  ".into()),
            provision: None,
        }
    }

    #[test]
    fn a_recurring_collection_reads_its_schedule_and_defaults() {
        let mut i = input(CollectionKind::Recurring);
        i.count = Some(3);
        let plan = i.to_plan(jiff::civil::date(2030, 1, 1)).unwrap();
        assert_eq!(plan.amount_minor, 123_450);
        assert_eq!(plan.currency, tahsildar_akbank::Currency::Try);
        assert_eq!(plan.start, jiff::civil::date(2031, 1, 31));
        assert_eq!(plan.description, None);
        let PlanKind::Recurring(schedule) = plan.kind else {
            panic!("{:?}", plan.kind)
        };
        assert_eq!(schedule.cadence().to_string(), "1m");
    }

    #[test]
    fn missing_fields_are_refused_by_name_in_both_languages() {
        let err = input(CollectionKind::Installment)
            .to_plan(jiff::civil::date(2030, 1, 1))
            .unwrap_err();
        assert!(matches!(
            err,
            Error::InvalidInput {
                field: "installments",
                ..
            }
        ));
        assert!(err.message(Lang::Tr).contains("Taksit sayısını"));
        let err = input(CollectionKind::Recurring)
            .to_plan(jiff::civil::date(2030, 1, 1))
            .unwrap_err();
        assert!(matches!(
            err,
            Error::InvalidInput {
                field: "schedule",
                ..
            }
        ));
        assert!(
            err.message(Lang::En)
                .contains("number of payments or a last date")
        );
    }

    #[test]
    fn no_date_starts_today() {
        let mut i = input(CollectionKind::OneOff);
        i.start_date = Some(" ".into());
        let today = jiff::civil::date(2030, 5, 6);
        assert_eq!(i.to_plan(today).unwrap().start, today);
    }
}

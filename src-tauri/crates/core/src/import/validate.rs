//! Every mapped row through the same rules as manual entry: the customer's, the card's (Luhn,
//! brand by BIN, expiry not past), the plan's (amount, due date, installment cap, period and
//! count). A row that breaks none becomes a [`ReadyRow`], ready to be stored.

use std::collections::HashMap;

use jiff::civil::Date;
use secrecy::ExposeSecret;
use tahsildar_import::{Field, MappedRow, Mapping, PeriodUnit, Problem, Severity, column_letter};

use super::report::row_problem;
use super::texts::{self, Reason};
use crate::customer::NewCustomer;
use crate::customer::card::{self, CheckedCard};
use crate::plan::schedule::{Cadence, PlanEnd, Schedule};
use crate::plan::terms::{self, NewPlan, PlanKind};
use crate::vault::keys::Keys;

/// A customer already stored in the store.
pub(crate) struct StoredCustomer {
    pub id: i64,
    pub name: String,
    pub archived: bool,
}

/// What the rules need besides the row.
pub(crate) struct Rules<'a> {
    pub today: Date,
    pub max_installments: i64,
    pub keys: &'a Keys,
    pub mapping: &'a Mapping,
    /// Stored customers of the store by reference.
    pub customers: &'a HashMap<String, StoredCustomer>,
}

/// A checked card and its fingerprint.
pub(crate) struct ReadyCard {
    pub card: CheckedCard,
    pub fingerprint: [u8; 32],
}

/// The signed mail-order instruction a row gives for its main card.
#[derive(Default)]
pub(crate) struct Instruction {
    pub date: Option<Date>,
    pub reference: Option<String>,
}

/// A row that breaks no rule.
pub(crate) struct ReadyRow {
    pub source_row: usize,
    /// The customer as the row gives it (stored only when the reference is new).
    pub customer: NewCustomer,
    pub card: ReadyCard,
    /// The main card's signed instruction, if the row gives one.
    pub instruction: Instruction,
    pub alternate: Option<ReadyCard>,
    /// The plan; its `customer_id` is set when the row is stored.
    pub plan: NewPlan,
    /// The due dates of its payments.
    pub dates: Vec<Date>,
}

impl ReadyRow {
    pub fn reference(&self) -> &str {
        &self.customer.reference
    }
}

impl<'a> Rules<'a> {
    fn problem(&self, row: usize, severity: Severity, reason: Reason) -> Problem {
        let column = self.mapping.column_of(reason.field).map(column_letter);
        row_problem(
            row,
            Some(reason.field),
            column,
            severity,
            reason.code,
            reason.tr,
            reason.en,
        )
    }

    fn card(
        &self,
        pan: Option<&secrecy::SecretString>,
        expiry: Option<tahsildar_import::Expiry>,
        holder: Option<&str>,
        alternate: bool,
    ) -> Result<Option<ReadyCard>, Reason> {
        let (Some(pan), Some(expiry)) = (pan, expiry) else {
            return Ok(None);
        };
        let card = card::check_parts(pan.expose_secret(), &expiry.to_string(), holder, self.today)
            .map_err(|rule| texts::card(&rule, alternate))?;
        let fingerprint = self.keys.fingerprint(card.pan.expose());
        Ok(Some(ReadyCard { card, fingerprint }))
    }

    /// Checks one row; `problems` gets what was found, and a row without errors (here or from
    /// reading) comes back ready.
    pub fn check(&self, row: &MappedRow, problems: &mut Vec<Problem>) -> Option<ReadyRow> {
        let at = row.source_row;
        let mut ok = !row.has_errors;
        let fail = |problems: &mut Vec<Problem>, reason: Reason| {
            problems.push(self.problem(at, Severity::Error, reason));
        };

        // The customer: matched by reference, or new.
        let reference = row.reference.as_deref().map(str::trim).unwrap_or("");
        let stored = self.customers.get(reference);
        let name = row
            .name
            .clone()
            .or_else(|| row.holder.clone())
            .unwrap_or_default();
        let customer = NewCustomer {
            reference: reference.to_string(),
            name: name.clone(),
            email: row.email.clone(),
            phone: row.phone.clone(),
            notes: None,
        };
        if reference.is_empty() {
            ok = false;
            fail(
                problems,
                Reason {
                    field: Field::Reference,
                    code: "reference_missing",
                    tr: "Abone/referans numarası yok; müşteri onunla bulunur ya da eklenir.".into(),
                    en: "The reference is missing; the customer is found or added by it.".into(),
                },
            );
        } else if let Some(stored) = stored {
            if stored.archived {
                ok = false;
                fail(
                    problems,
                    Reason {
                        field: Field::Reference,
                        code: "customer_archived",
                        tr: format!(
                            "{reference} numaralı müşteri arşivde; tahsilat eklenemez. Önce arşivden çıkarın."
                        ),
                        en: format!(
                            "Customer {reference} is archived; no collection can be added. Take it out of the archive first."
                        ),
                    },
                );
            }
            if row.name.as_deref().is_some_and(|n| n.trim() != stored.name) {
                problems.push(self.problem(
                    at,
                    Severity::Warning,
                    Reason {
                        field: Field::Name,
                        code: "customer_name_differs",
                        tr: format!(
                            "{reference} numaralı müşteri '{}' adıyla kayıtlı; kayıtlı ad korunur.",
                            stored.name
                        ),
                        en: format!(
                            "Customer {reference} is stored as '{}'; the stored name is kept.",
                            stored.name
                        ),
                    },
                ));
            }
        } else if name.trim().is_empty() {
            ok = false;
            fail(
                problems,
                Reason {
                    field: Field::Name,
                    code: "name_missing",
                    tr: format!("{reference} yeni bir müşteri; adı soyadı gerekli."),
                    en: format!("{reference} is a new customer; a name is needed."),
                },
            );
        } else if let Err(crate::Error::InvalidInput { field, .. }) =
            crate::customer::check(&customer)
        {
            ok = false;
            fail(problems, texts::customer(field));
        }

        // The cards.
        let card = match self.card(row.pan.as_ref(), row.expiry, row.holder.as_deref(), false) {
            Ok(card) => card,
            Err(reason) => {
                fail(problems, reason);
                None
            }
        };
        let instruction = Instruction {
            date: row.instruction_date,
            reference: row
                .instruction_ref
                .as_deref()
                .map(str::trim)
                .filter(|r| !r.is_empty())
                .map(str::to_string),
        };
        if let Err(rule) = card::check_instruction(
            instruction.date,
            instruction.reference.as_deref(),
            self.today,
        ) {
            ok = false;
            fail(problems, texts::card(&rule, false));
        }
        let mut alternate = match self.card(
            row.alternate_pan.as_ref(),
            row.alternate_expiry,
            row.holder.as_deref(),
            true,
        ) {
            Ok(card) => card,
            Err(reason) => {
                fail(problems, reason);
                ok = false;
                None
            }
        };
        if let (Some(c), Some(a)) = (&card, &alternate)
            && c.fingerprint == a.fingerprint
        {
            problems.push(self.problem(
                at,
                Severity::Warning,
                Reason {
                    field: Field::AlternatePan,
                    code: "alternate_same_as_card",
                    tr: "Yedek kart asıl kartla aynı; yedek kart yok sayıldı.".into(),
                    en: "The alternate card is the card itself; it was ignored.".into(),
                },
            ));
            alternate = None;
        }

        // The plan.
        let plan = self
            .plan(row)
            .map_err(|reason| fail(problems, reason))
            .ok()
            .flatten();
        match (ok, card, plan) {
            (true, Some(card), Some((plan, dates))) => Some(ReadyRow {
                source_row: at,
                customer,
                card,
                instruction,
                alternate,
                plan,
                dates,
            }),
            _ => None,
        }
    }

    /// The plan a row gives, checked with the plan rules; `None` when a needed value is
    /// missing (already reported by the reader).
    fn plan(&self, row: &MappedRow) -> Result<Option<(NewPlan, Vec<Date>)>, Reason> {
        let Some(amount_minor) = row.amount_minor else {
            return Ok(None);
        };
        // The reader knows only the currencies the bank takes: one type for both.
        let currency = row.currency;
        let start = row.due_date.unwrap_or(self.today);
        let kind = match (row.every, row.count) {
            (Some(every), Some(count)) => {
                let cadence = match every.unit {
                    PeriodUnit::Day => Cadence::Days(every.n),
                    PeriodUnit::Week => Cadence::Weeks(every.n),
                    PeriodUnit::Month => Cadence::Months(every.n),
                };
                let schedule = Schedule::new(start, cadence, PlanEnd::Count(u32::from(count)))
                    .map_err(texts::schedule)?;
                PlanKind::Recurring(schedule)
            }
            (Some(_), None) => {
                return Err(Reason {
                    field: Field::Count,
                    code: "count_missing",
                    tr: "Periyodu olan bir planın ödeme sayısı gerekli.".into(),
                    en: "A plan with a period needs a number of payments.".into(),
                });
            }
            // A count without a period is refused by the reader.
            (None, _) if row.installments > 1 => PlanKind::Installment(row.installments),
            (None, _) => PlanKind::OneOff,
        };
        let plan = NewPlan {
            customer_id: 0,
            amount_minor,
            currency,
            start,
            kind,
            description: row.description.clone(),
        };
        terms::rule(&plan, self.max_installments, self.today).map_err(|r| texts::plan(&r))?;
        let dates = terms::due_dates(&plan);
        Ok(Some((plan, dates)))
    }
}

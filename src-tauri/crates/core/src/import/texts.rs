//! Turkish and English reasons for the manual-entry rules a row breaks, with stable codes.

use tahsildar_import::Field;

use crate::customer::card::CardRule;
use crate::customer::rule_text as customer_rule_text;
use crate::i18n::Text;
use crate::plan::schedule::ScheduleProblem;
use crate::plan::terms::{PlanRule, schedule_text};

/// A broken rule as the report shows it.
pub(crate) struct Reason {
    pub field: Field,
    pub code: &'static str,
    pub tr: String,
    pub en: String,
}

fn reason(field: Field, code: &'static str, text: Text) -> Reason {
    Reason {
        field,
        code,
        tr: text.tr().to_string(),
        en: text.en().to_string(),
    }
}

/// A card rule, for the primary card or (with `alternate`) the alternate one.
pub(crate) fn card(rule: &CardRule, alternate: bool) -> Reason {
    let (pan, expiry) = if alternate {
        (Field::AlternatePan, Field::AlternateExpiry)
    } else {
        (Field::Pan, Field::Expiry)
    };
    let (field, code) = match rule {
        CardRule::InvalidNumber => (pan, "card_invalid"),
        CardRule::UnknownBrand(_) => (pan, "card_brand_unsupported"),
        CardRule::ExpiryUnreadable(_) => (expiry, "expiry_invalid"),
        CardRule::Expired(_) => (expiry, "card_expired"),
        CardRule::HolderInvalid => (Field::Holder, "holder_invalid"),
        CardRule::InstructionInFuture(_) => (Field::InstructionDate, "instruction_date_future"),
        CardRule::InstructionRefInvalid => (Field::InstructionRef, "instruction_ref_invalid"),
    };
    reason(field, code, rule.text())
}

/// A plan rule.
pub(crate) fn plan(rule: &PlanRule) -> Reason {
    let (field, code) = match rule {
        PlanRule::AmountNotPositive => (Field::Amount, "amount_not_positive"),
        PlanRule::AmountTooLarge => (Field::Amount, "amount_too_large"),
        PlanRule::StartInPast(_) => (Field::DueDate, "due_date_past"),
        PlanRule::InstallmentsOutOfRange { .. } => {
            (Field::Installments, "installments_out_of_range")
        }
        PlanRule::ScheduleStartMismatch => (Field::DueDate, "schedule_start_mismatch"),
        PlanRule::DescriptionTooLong => (Field::Description, "description_too_long"),
        // Imports make no merchant instalments; the amount is what the rule is about.
        PlanRule::SplitTooSmall { .. } => (Field::Amount, "split_too_small"),
    };
    reason(field, code, rule.text())
}

/// A schedule that cannot be built from the period and count.
pub(crate) fn schedule(problem: ScheduleProblem) -> Reason {
    let (field, code) = match problem {
        ScheduleProblem::IntervalOutOfRange | ScheduleProblem::CadenceUnreadable => {
            (Field::Every, "period_out_of_range")
        }
        ScheduleProblem::CountOutOfRange => (Field::Count, "count_out_of_range"),
        ScheduleProblem::EndBeforeStart => (Field::Count, "end_before_start"),
    };
    reason(field, code, schedule_text(problem))
}

/// A customer field refused by the customer rules (`field` as named in the core error).
pub(crate) fn customer(field: &str) -> Reason {
    let (column, code) = match field {
        "reference" => (Field::Reference, "reference_invalid"),
        "name" => (Field::Name, "name_invalid"),
        "e-mail" => (Field::Email, "email_invalid"),
        _ => (Field::Phone, "phone_invalid"),
    };
    reason(column, code, customer_rule_text(field))
}

//! Turkish and English reasons for the manual-entry rules a row breaks, with stable codes.

use tahsildar_import::Field;

use crate::customer::card::CardRule;
use crate::plan::schedule::ScheduleProblem;
use crate::plan::terms::PlanRule;

/// A broken rule as the report shows it.
pub(crate) struct Reason {
    pub field: Field,
    pub code: &'static str,
    pub tr: String,
    pub en: String,
}

fn reason(
    field: Field,
    code: &'static str,
    tr: impl Into<String>,
    en: impl Into<String>,
) -> Reason {
    Reason {
        field,
        code,
        tr: tr.into(),
        en: en.into(),
    }
}

/// A card rule, for the primary card or (with `alternate`) the alternate one.
pub(crate) fn card(rule: &CardRule, alternate: bool) -> Reason {
    let (pan, expiry) = if alternate {
        (Field::AlternatePan, Field::AlternateExpiry)
    } else {
        (Field::Pan, Field::Expiry)
    };
    match rule {
        CardRule::InvalidNumber => reason(
            pan,
            "card_invalid",
            "Kart numarası geçersiz (uzunluk ya da kontrol hanesi tutmuyor).",
            "The card number is not valid (length or check digit).",
        ),
        CardRule::UnknownBrand(masked) => reason(
            pan,
            "card_brand_unsupported",
            format!(
                "{masked}: yalnızca Visa, Mastercard, Troy ve American Express kartları kabul edilir."
            ),
            format!(
                "{masked}: only Visa, Mastercard, Troy and American Express cards are accepted."
            ),
        ),
        CardRule::ExpiryUnreadable(text) => reason(
            expiry,
            "expiry_invalid",
            format!("'{text}' bir ay/yıl değil (ör. 08/29)."),
            format!("'{text}' is not a month/year like 08/29."),
        ),
        CardRule::Expired(expiry_text) => reason(
            expiry,
            "card_expired",
            format!("Kartın son kullanma tarihi ({expiry_text}) geçmiş."),
            format!("The card expired ({expiry_text})."),
        ),
        CardRule::HolderInvalid => reason(
            Field::Holder,
            "holder_invalid",
            "Kart sahibi adı en çok 100 görünür karakter olabilir.",
            "The card holder's name is at most 100 visible characters.",
        ),
    }
}

/// A plan rule.
pub(crate) fn plan(rule: &PlanRule) -> Reason {
    match rule {
        PlanRule::AmountNotPositive => reason(
            Field::Amount,
            "amount_not_positive",
            "Tutar sıfırdan büyük olmalı.",
            "The amount must be more than zero.",
        ),
        PlanRule::AmountTooLarge => reason(
            Field::Amount,
            "amount_too_large",
            "Bir ödemenin tutarı en çok 1.000.000,00 olabilir.",
            "One payment is at most 1,000,000.00.",
        ),
        PlanRule::StartInPast(date) => reason(
            Field::DueDate,
            "due_date_past",
            format!("Vade tarihi ({}) geçmişte.", date.strftime("%d.%m.%Y")),
            format!(
                "The due date ({}) is in the past.",
                date.strftime("%d.%m.%Y")
            ),
        ),
        PlanRule::InstallmentsOutOfRange { n, max } => reason(
            Field::Installments,
            "installments_out_of_range",
            format!("{n} taksit bu mağazada yapılamaz (2..{max})."),
            format!("{n} installments are not possible at this store (2..{max})."),
        ),
        PlanRule::ScheduleStartMismatch => reason(
            Field::DueDate,
            "schedule_start_mismatch",
            "Plan vade tarihinde başlamalı.",
            "The plan must start on its due date.",
        ),
        PlanRule::DescriptionTooLong => reason(
            Field::Description,
            "description_too_long",
            "Açıklama en çok 200 karakter olabilir.",
            "The description is at most 200 characters.",
        ),
    }
}

/// A schedule that cannot be built from the period and count.
pub(crate) fn schedule(problem: ScheduleProblem) -> Reason {
    match problem {
        ScheduleProblem::IntervalOutOfRange | ScheduleProblem::CadenceUnreadable => reason(
            Field::Every,
            "period_out_of_range",
            "Periyot 1 ile 99 gün, hafta ya da ay arasında olmalı.",
            "The period must be 1 to 99 days, weeks or months.",
        ),
        ScheduleProblem::CountOutOfRange => reason(
            Field::Count,
            "count_out_of_range",
            "Bir plan 1 ile 520 arasında ödeme içerir.",
            "A plan has 1 to 520 payments.",
        ),
        ScheduleProblem::EndBeforeStart => reason(
            Field::Count,
            "end_before_start",
            "Planın sonu başlangıcından önce.",
            "The plan ends before it starts.",
        ),
    }
}

/// A customer field refused by the customer rules (`field` as named in the core error).
pub(crate) fn customer(field: &str) -> Reason {
    match field {
        "reference" => reason(
            Field::Reference,
            "reference_invalid",
            "Abone/referans numarası 1 ile 64 görünür karakter olmalı.",
            "The reference must be 1 to 64 visible characters.",
        ),
        "name" => reason(
            Field::Name,
            "name_invalid",
            "Ad soyad 1 ile 200 görünür karakter olmalı.",
            "The name must be 1 to 200 visible characters.",
        ),
        "e-mail" => reason(
            Field::Email,
            "email_invalid",
            "E-posta adresi geçersiz.",
            "The e-mail address is not valid.",
        ),
        _ => reason(
            Field::Phone,
            "phone_invalid",
            "Telefon numarası geçersiz (7 ile 15 rakam; + - ( ) ve boşluk olabilir).",
            "The phone number is not valid (7 to 15 digits; + - ( ) and spaces allowed).",
        ),
    }
}

//! The terms of a new plan, their checks, and the payments they produce.

use jiff::civil::Date;
use rusqlite::{OptionalExtension, params};
use serde::Serialize;
use tahsildar_akbank::Currency;

use super::schedule::{Schedule, ScheduleProblem};
use crate::audit::{AuditAction, AuditResult};
use crate::auth::{Permission, Session};
use crate::error::{Error, Result};
use crate::i18n::Text;
use crate::payments::PaymentStatus;
use crate::stored::stored_enum;

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
    /// Merchant instalments: the plan's amount is a total the merchant splits over the
    /// schedule's dates, one sale each, in equal parts with the remainder kuruş on the last.
    /// Stored as a recurring plan whose payments carry their own amounts.
    Split(Schedule),
}

impl PlanKind {
    pub fn collection_kind(&self) -> CollectionKind {
        match self {
            PlanKind::OneOff => CollectionKind::OneOff,
            PlanKind::Installment(_) => CollectionKind::Installment,
            PlanKind::Recurring(_) | PlanKind::Split(_) => CollectionKind::Recurring,
        }
    }

    /// The schedule of a recurring plan or of merchant instalments.
    pub fn schedule(&self) -> Option<Schedule> {
        match self {
            PlanKind::Recurring(s) | PlanKind::Split(s) => Some(*s),
            _ => None,
        }
    }
}

/// `total_minor` split into `n` parts: equal, the remainder kuruş on the last.
pub fn split(total_minor: i64, n: usize) -> Vec<i64> {
    if n == 0 {
        return Vec::new();
    }
    let count = n as i64;
    let base = total_minor / count;
    let mut parts = vec![base; n];
    parts[n - 1] = base + total_minor % count;
    parts
}

stored_enum! {
    /// What the bank is asked for on a payment's due date.
    #[derive(Default)]
    pub enum ProvisionKind {
        /// A sale (1000): the money is taken at once.
        #[default]
        Sale = "sale",
        /// A pre-authorisation (1004): the amount is held on the card until an operator
        /// captures it (post-authorisation, 1005, in full or in part) or voids it. One-off and
        /// installment collections only: a recurring plan charges each occurrence as a sale.
        PreAuth = "pre_auth",
    }
}

stored_enum! {
    /// The kind of collection a plan is, as stored and listed.
    pub enum CollectionKind {
        /// One sale on the start date.
        OneOff = "one_off",
        /// One sale split by the bank into installments.
        Installment = "installment",
        /// The same amount on every date of a schedule.
        Recurring = "recurring",
    }
}

impl CollectionKind {
    /// Its name, as the window shows it.
    pub fn text(self) -> Text {
        let (tr, en) = match self {
            CollectionKind::OneOff => ("Tek çekim", "One-off sale"),
            CollectionKind::Installment => ("Taksitli satış", "Installment sale"),
            CollectionKind::Recurring => ("Düzenli tahsilat", "Recurring collection"),
        };
        Text::new(tr, en)
    }
}

pub use super::status::PlanStatus;

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
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct PlanInfo {
    pub id: i64,
    pub store_id: i64,
    pub customer_id: i64,
    pub kind: CollectionKind,
    pub amount_minor: i64,
    pub currency: String,
    pub installments: i64,
    pub status: PlanStatus,
    /// Its payments, in order of due date.
    pub payments: Vec<PlannedPayment>,
}

/// A payment a plan made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct PlannedPayment {
    pub id: i64,
    /// `YYYY-MM-DD`.
    pub due_date: String,
}

/// A schedule that cannot be built, as a sentence in both languages; manual entry and the
/// import report share it.
pub(crate) fn schedule_text(problem: ScheduleProblem) -> Text {
    match problem {
        ScheduleProblem::IntervalOutOfRange => Text::new(
            "Periyot 1 ile 99 gün, hafta ya da ay arasında olmalı.",
            "The period must be 1 to 99 days, weeks or months.",
        ),
        ScheduleProblem::CountOutOfRange => Text::new(
            "Bir plan 1 ile 520 arasında ödeme içerir.",
            "A plan has 1 to 520 payments.",
        ),
        ScheduleProblem::EndBeforeStart => Text::new(
            "Planın sonu başlangıcından önce.",
            "The plan ends before it starts.",
        ),
        ScheduleProblem::CadenceUnreadable => Text::new(
            "Periyodu 1m (ay), 2w (hafta) ya da 10d (gün) gibi yazın.",
            "Write the period like 1m (months), 2w (weeks) or 10d (days).",
        ),
    }
}

/// The translated error for a schedule that cannot be built.
pub fn schedule_problem_error(problem: ScheduleProblem) -> Error {
    Error::invalid("schedule", schedule_text(problem))
}

/// The due dates of a plan's payments.
pub(crate) fn due_dates(plan: &NewPlan) -> Vec<Date> {
    match plan.kind {
        PlanKind::OneOff | PlanKind::Installment(_) => vec![plan.start],
        PlanKind::Recurring(schedule) | PlanKind::Split(schedule) => schedule.dates().collect(),
    }
}

/// The amount of each of a plan's payments, in the order of [`due_dates`].
pub(crate) fn amounts(plan: &NewPlan) -> Vec<i64> {
    let n = due_dates(plan).len();
    match plan.kind {
        PlanKind::Split(_) => split(plan.amount_minor, n),
        _ => vec![plan.amount_minor; n],
    }
}

/// Why the terms of a plan as entered cannot be taken. Manual entry and imports share these
/// rules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum PlanRule {
    AmountNotPositive,
    AmountTooLarge,
    StartInPast(Date),
    InstallmentsOutOfRange {
        n: u8,
        max: i64,
    },
    ScheduleStartMismatch,
    DescriptionTooLong,
    /// Merchant instalments of less than one kuruş each.
    SplitTooSmall {
        n: usize,
    },
}

impl PlanRule {
    /// The field the rule is about, as named in [`Error::InvalidInput`].
    pub(crate) fn field(&self) -> &'static str {
        match self {
            PlanRule::AmountNotPositive
            | PlanRule::AmountTooLarge
            | PlanRule::SplitTooSmall { .. } => "amount",
            PlanRule::StartInPast(_) => "date",
            PlanRule::InstallmentsOutOfRange { .. } => "installments",
            PlanRule::ScheduleStartMismatch => "schedule",
            PlanRule::DescriptionTooLong => "description",
        }
    }

    /// The rule as a sentence in both languages; manual entry and the import report share it.
    pub(crate) fn text(&self) -> Text {
        match self {
            PlanRule::AmountNotPositive => Text::new(
                "Tutar sıfırdan büyük olmalı.",
                "The amount must be more than zero.",
            ),
            PlanRule::AmountTooLarge => Text::new(
                "Bir ödemenin tutarı en çok 1.000.000,00 olabilir.",
                "One payment is at most 1,000,000.00.",
            ),
            PlanRule::StartInPast(date) => {
                let shown = date.strftime("%d.%m.%Y");
                Text::new(
                    format!("Vade tarihi ({shown}) geçmişte."),
                    format!("The due date ({shown}) is in the past."),
                )
            }
            PlanRule::InstallmentsOutOfRange { n, max } => Text::new(
                format!("{n} taksit bu mağazada yapılamaz (2..{max})."),
                format!("{n} installments are not possible at this store (2..{max})."),
            ),
            PlanRule::ScheduleStartMismatch => Text::new(
                "Plan vade tarihinde başlamalı.",
                "The plan must start on its due date.",
            ),
            PlanRule::DescriptionTooLong => Text::new(
                "Açıklama en çok 200 karakter olabilir.",
                "The description is at most 200 characters.",
            ),
            PlanRule::SplitTooSmall { n } => Text::new(
                format!("Toplam tutar {n} taksite bölünemeyecek kadar küçük."),
                format!("The total is too small to split into {n} instalments."),
            ),
        }
    }

    pub(crate) fn to_error(&self) -> Error {
        Error::invalid(self.field(), self.text())
    }
}

/// The rules of a plan's terms on `today`, with the store's installment cap.
pub(crate) fn rule(
    plan: &NewPlan,
    max_installments: i64,
    today: Date,
) -> std::result::Result<(), PlanRule> {
    if plan.amount_minor <= 0 {
        return Err(PlanRule::AmountNotPositive);
    }
    let parts = amounts(plan);
    if let PlanKind::Split(_) = plan.kind
        && (plan.amount_minor as usize) < parts.len()
    {
        return Err(PlanRule::SplitTooSmall { n: parts.len() });
    }
    if parts.iter().any(|a| *a > MAX_AMOUNT_MINOR) {
        return Err(PlanRule::AmountTooLarge);
    }
    if plan.start < today {
        return Err(PlanRule::StartInPast(plan.start));
    }
    if let PlanKind::Installment(n) = plan.kind
        && (n < 2 || i64::from(n) > max_installments)
    {
        return Err(PlanRule::InstallmentsOutOfRange {
            n,
            max: max_installments,
        });
    }
    if let Some(schedule) = plan.kind.schedule()
        && schedule.start() != plan.start
    {
        return Err(PlanRule::ScheduleStartMismatch);
    }
    if plan
        .description
        .as_ref()
        .is_some_and(|d| d.chars().count() > 200)
    {
        return Err(PlanRule::DescriptionTooLong);
    }
    Ok(())
}

pub(crate) fn check(plan: &NewPlan, max_installments: i64, today: Date) -> Result<()> {
    rule(plan, max_installments, today).map_err(|r| r.to_error())
}

/// Where a new plan goes and who made it.
pub(crate) struct PlanPlacement {
    pub store_id: i64,
    pub created_by: i64,
    /// The import batch that brings it, if any.
    pub batch_id: Option<i64>,
    /// The card its payments use (the customer's primary card at run time when `None`).
    pub card_id: Option<i64>,
    /// Taken as a pre-authorisation that an operator captures later, instead of a sale.
    pub pre_auth: bool,
}

/// Writes a checked plan and all its payments inside `tx`; returns the plan's id and its
/// number of payments. Manual entry and imports both create plans through here.
pub(crate) fn insert(
    tx: &rusqlite::Transaction,
    plan: &NewPlan,
    placement: &PlanPlacement,
    now: &str,
) -> Result<(i64, usize)> {
    let customer_key = crate::customer::require_active(tx, plan.customer_id)?;
    let (cadence, end_count, end_date) = match plan.kind.schedule() {
        Some(s) => {
            let (count, until) = match s.end() {
                super::schedule::PlanEnd::Count(n) => (Some(n), None),
                super::schedule::PlanEnd::Until(d) => (None, Some(d.to_string())),
            };
            (Some(s.cadence().to_string()), count, until)
        }
        None => (None, None, None),
    };
    let amounts = amounts(plan);
    let installments = match plan.kind {
        PlanKind::Installment(n) => i64::from(n),
        _ => 1,
    };
    tx.prepare_cached(
        "INSERT INTO plans (store_id, customer_id, kind, amount_minor, currency, installments, start_date,
             cadence, end_count, end_date, description, status, batch_id, created_by, created_at, updated_at, pre_auth)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?16, ?12, ?13, ?14, ?14, ?15)",
    )?
    .execute(params![
        placement.store_id,
        plan.customer_id,
        plan.kind.collection_kind(),
        amounts.first().copied().unwrap_or(plan.amount_minor),
        plan.currency.code(),
        installments,
        plan.start.to_string(),
        cadence,
        end_count,
        end_date,
        plan.description.as_deref().map(str::trim),
        placement.batch_id,
        placement.created_by,
        now,
        placement.pre_auth,
        PlanStatus::Active
    ])?;
    let id = tx.last_insert_rowid();
    let dates = due_dates(plan);
    let mut stmt = tx.prepare_cached(
        "INSERT INTO payments (plan_id, store_id, occurrence, due_date, amount_minor, currency, status,
             next_try_on, card_id, batch_id, updated_at, customer_key)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?10, ?4, ?7, ?8, ?9, ?11)",
    )?;
    for (i, (date, amount)) in dates.iter().zip(&amounts).enumerate() {
        stmt.execute(params![
            id,
            placement.store_id,
            i as i64,
            date.to_string(),
            amount,
            plan.currency.code(),
            placement.card_id,
            placement.batch_id,
            now,
            PaymentStatus::Scheduled,
            customer_key
        ])?;
    }
    Ok((id, dates.len()))
}

/// Whether a plan of `kind` may be taken as `provision`: a pre-authorisation only for one-off
/// and installment collections (a recurring plan charges each occurrence as a sale).
pub fn check_provision(kind: &PlanKind, provision: ProvisionKind) -> Result<()> {
    if provision == ProvisionKind::PreAuth && kind.schedule().is_some() {
        return Err(Error::invalid(
            "pre_auth",
            Text::new(
                "Yalnızca tek çekim ve taksitli tahsilatlar için ön provizyon alınabilir.",
                "Only one-off and installment collections can be pre-authorised.",
            ),
        ));
    }
    Ok(())
}

/// Creates a plan and all its payments, each taken as a sale. Needs `create_collections` on the
/// customer's store.
pub fn create(session: &Session, plan: &NewPlan) -> Result<PlanInfo> {
    create_as(session, plan, ProvisionKind::Sale)
}

/// Creates a plan whose payments are taken as `provision` (a sale, or a pre-authorisation that
/// an operator captures later). Needs `create_collections` on the customer's store.
pub fn create_as(session: &Session, plan: &NewPlan, provision: ProvisionKind) -> Result<PlanInfo> {
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
    vault
        .db()
        .read(crate::settlement::require_no_restore_hold)?;
    let today = super::today(vault.clock().as_ref());
    check(plan, max_installments, today)?;
    check_provision(&plan.kind, provision)?;
    let now = vault.clock().now().to_string();
    let placement = PlanPlacement {
        store_id,
        created_by: session.user_id(),
        batch_id: None,
        card_id: None,
        pre_auth: provision == ProvisionKind::PreAuth,
    };
    let id = vault.write_audited(|tx, _| {
        let (id, payments) = insert(tx, plan, &placement, &now)?;
        let record = session
            .record(
                AuditAction::PlanCreate,
                format!("plan:{id}"),
                AuditResult::Ok,
            )
            .with_detail(serde_json::json!({
                "customer": plan.customer_id,
                "kind": plan.kind.collection_kind(),
                "provision": provision.as_str(),
                "amount_minor": plan.amount_minor,
                "currency": plan.currency.alpha(),
                "payments": payments,
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
        .query_map([id], |r| {
            Ok(PlannedPayment {
                id: r.get(0)?,
                due_date: r.get(1)?,
            })
        })?
        .collect::<std::result::Result<Vec<_>, _>>()?;
    Ok(info)
}

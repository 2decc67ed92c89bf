//! Collection plans and their due dates: one-off sales, bank installment sales and recurring
//! plans, the payments they produce, and the changes an operator may make to them.

pub mod change;
pub mod collection;
pub mod input;
pub mod manage;
pub mod preview;
pub mod schedule;
pub mod status;
pub mod terms;

pub use change::{
    PaymentChange, PaymentEffect, PlanChange, PlanChangeInput, PlanChangeSet, preview_change,
};
pub use collection::CollectionInput;
pub use input::{parse_amount, parse_currency, parse_date};
pub use manage::{apply_change, cancel, change_amount, pause, resume};
pub use preview::{PlanPreview, preview};
pub use status::PlanStatus;
pub use terms::{
    CollectionKind, NewPlan, PlanInfo, PlanKind, PlannedPayment, ProvisionKind, check_provision,
    create, create_as,
};

use jiff::civil::Date;

use crate::clock::Clock;

/// The time zone every due date, run time and "today" is in: Europe/Istanbul, from the time-zone
/// database built into the program (so a PC without one never falls back to UTC).
pub fn time_zone() -> jiff::tz::TimeZone {
    tahsildar_akbank::sign::istanbul()
}

/// Today's date in Europe/Istanbul.
pub fn today(clock: &dyn Clock) -> Date {
    clock.now().to_zoned_datetime(time_zone()).date()
}

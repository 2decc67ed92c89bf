//! The summary before saving: the same checks as saving, nothing stored.

use tahsildar_core::plan::{NewPlan, PlanKind, preview, schedule, today};
use tahsildar_core::{Currency, Error};

use crate::setup::{APPROVE, Office};

fn payments(office: &Office) -> i64 {
    office
        .vault
        .db()
        .read(|c| Ok(c.query_row("SELECT count(*) FROM payments", [], |r| r.get(0))?))
        .unwrap()
}

#[test]
fn preview_lists_the_first_dates_and_the_total_without_saving() {
    let office = Office::new();
    let customer = office.customer("P-1", "Ali Veli", &[(APPROVE, "12/30")]);
    let start = jiff::civil::date(2027, 1, 31);
    let plan = NewPlan {
        customer_id: customer,
        amount_minor: 250_000,
        currency: Currency::Try,
        start,
        kind: PlanKind::Recurring(
            schedule::Schedule::new(
                start,
                schedule::Cadence::Months(1),
                schedule::PlanEnd::Count(24),
            )
            .unwrap(),
        ),
        description: None,
    };
    let p = preview(&office.admin, &plan).unwrap();
    assert_eq!(p.count, 24);
    assert_eq!(p.total_minor, 24 * 250_000);
    assert_eq!(p.first.len(), 12);
    let dates: Vec<&str> = p
        .first
        .iter()
        .take(3)
        .map(|x| x.due_date.as_str())
        .collect();
    assert_eq!(dates, vec!["2027-01-31", "2027-02-28", "2027-03-31"]);
    assert_eq!(p.last_due_date, "2028-12-31");
    assert_eq!(p.kind.as_str(), "recurring");
    assert_eq!(payments(&office), 0, "a preview stores nothing");

    let one = preview(
        &office.admin,
        &NewPlan {
            kind: PlanKind::Installment(6),
            start: today(office.clock.as_ref()),
            ..plan.clone()
        },
    )
    .unwrap();
    assert_eq!(
        (one.count, one.installments, one.total_minor),
        (1, 6, 250_000)
    );

    // The same refusals as saving: installments above the store's cap, a date in the past.
    let capped = preview(
        &office.admin,
        &NewPlan {
            kind: PlanKind::Installment(13),
            ..plan.clone()
        },
    );
    assert!(matches!(
        capped,
        Err(Error::InvalidInput {
            field: "installments",
            ..
        })
    ));
    let past = preview(
        &office.admin,
        &NewPlan {
            kind: PlanKind::OneOff,
            start: jiff::civil::date(2026, 11, 1),
            ..plan
        },
    );
    assert!(matches!(
        past,
        Err(Error::InvalidInput { field: "date", .. })
    ));
}

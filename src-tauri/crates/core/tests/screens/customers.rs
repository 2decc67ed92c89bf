//! The customer search, the customer detail (cards with expiry and instruction, plans,
//! payments) and the cards that expire within 30 days.

use tahsildar_core::customer::search::{
    CustomerQuery, CustomerSort, detail, expiring_cards, search,
};
use tahsildar_core::payments::page::{self, PaymentQuery, PaymentSort};
use tahsildar_core::plan::{self, NewPlan, PlanKind, schedule};
use tahsildar_core::{Currency, Role};

use crate::setup::{APPROVE, APPROVE_MC, Office, SOFT_51};

#[test]
fn search_finds_by_reference_name_email_and_pages() {
    let office = Office::new();
    for i in 0..30 {
        office.customer(&format!("D-{i:03}"), &format!("Daire {i}"), &[]);
    }
    let ayse = office.customer(
        "A-1",
        "Ayşe Yılmaz",
        &[(APPROVE, "12/30"), (APPROVE_MC, "11/29")],
    );
    let all = search(&office.admin, &CustomerQuery::default()).unwrap();
    assert_eq!(all.total, 31);
    assert_eq!(all.rows[0].reference, "A-1");
    assert_eq!(all.rows[0].cards, 2);
    assert_eq!(
        all.rows[0].primary_masked_pan.as_deref(),
        Some("435509******5232")
    );

    let by_name = search(
        &office.admin,
        &CustomerQuery {
            search: Some("yılmaz".into()),
            ..CustomerQuery::default()
        },
    )
    .unwrap();
    assert_eq!(
        by_name.rows.iter().map(|r| r.id).collect::<Vec<_>>(),
        vec![ayse]
    );

    let second_page = search(
        &office.admin,
        &CustomerQuery {
            search: Some("d-0".into()),
            offset: 10,
            limit: Some(10),
            ..CustomerQuery::default()
        },
    )
    .unwrap();
    assert_eq!(second_page.total, 30);
    let refs: Vec<&str> = second_page
        .rows
        .iter()
        .map(|r| r.reference.as_str())
        .collect();
    assert_eq!(refs.first(), Some(&"D-010"));
    assert_eq!(refs.last(), Some(&"D-019"));

    let nothing = search(
        &office.admin,
        &CustomerQuery {
            search: Some("_".into()),
            ..CustomerQuery::default()
        },
    )
    .unwrap();
    assert_eq!(
        nothing.total, 0,
        "an underscore is a character, not a wildcard"
    );

    let too_big = search(
        &office.admin,
        &CustomerQuery {
            limit: Some(10_000),
            ..CustomerQuery::default()
        },
    );
    assert!(matches!(
        too_big,
        Err(tahsildar_core::Error::InvalidInput { .. })
    ));
}

/// "ayşe" finds "AYŞE" and "IŞIK" finds "Işık"; "Ayse" finds "Ayşe" only when the search ignores
/// the Turkish letters; names sort in Turkish order, in the customers list, the payments list
/// and its search.
#[test]
fn search_speaks_turkish_and_names_sort_in_turkish_order() {
    let office = Office::new();
    let names = [
        "Şule Demir",
        "Sibel Ak",
        "AYŞE IŞIK",
        "Çetin Öz",
        "Cem Uç",
        "İlker Tan",
        "Irmak Su",
    ];
    let ids: Vec<i64> = names
        .iter()
        .enumerate()
        .map(|(i, name)| office.customer(&format!("K-{i}"), name, &[(APPROVE, "12/30")]))
        .collect();
    let found = |text: &str, accent_free: bool| -> Vec<String> {
        let page = search(
            &office.admin,
            &CustomerQuery {
                search: Some(text.into()),
                accent_free,
                ..CustomerQuery::default()
            },
        )
        .unwrap();
        page.rows.into_iter().map(|r| r.name).collect()
    };
    assert_eq!(found("ayşe", false), vec!["AYŞE IŞIK"]);
    assert_eq!(found("Işık", false), vec!["AYŞE IŞIK"]);
    assert_eq!(found("ilker", false), vec!["İlker Tan"]);
    assert!(
        found("ayse", false).is_empty(),
        "without the option ş is not s"
    );
    assert_eq!(found("Ayse isik", true), vec!["AYŞE IŞIK"]);
    assert_eq!(found("cetin oz", true), vec!["Çetin Öz"]);
    assert_eq!(found("k-3", false), vec!["Çetin Öz"], "references fold too");

    let by_name = search(
        &office.admin,
        &CustomerQuery {
            sort: CustomerSort::Name,
            ..CustomerQuery::default()
        },
    )
    .unwrap();
    let order: Vec<&str> = by_name.rows.iter().map(|r| r.name.as_str()).collect();
    let turkish = vec![
        "AYŞE IŞIK",
        "Cem Uç",
        "Çetin Öz",
        "Irmak Su",
        "İlker Tan",
        "Sibel Ak",
        "Şule Demir",
    ];
    assert_eq!(order, turkish);

    // The payments list: sorted by customer in the same order, found by a folded name.
    for id in &ids {
        office.one_off_plan(*id);
    }
    let payments = page::page(
        &office.admin,
        &PaymentQuery {
            sort: PaymentSort::Customer,
            ..PaymentQuery::default()
        },
    )
    .unwrap();
    let order: Vec<&str> = payments
        .rows
        .iter()
        .map(|r| r.customer_name.as_str())
        .collect();
    assert_eq!(order, turkish);
    let plain = page::page(
        &office.admin,
        &PaymentQuery {
            search: Some("sule".into()),
            accent_free: true,
            ..PaymentQuery::default()
        },
    )
    .unwrap();
    assert_eq!(plain.rows.len(), 1);
    assert_eq!(plain.rows[0].customer_name, "Şule Demir");
}

#[test]
fn detail_shows_masked_cards_with_expiry_and_instruction_plans_and_payments() {
    let office = Office::new();
    let id = office.customer(
        "A-2",
        "Mehmet Kaya",
        &[(APPROVE, "12/30"), (SOFT_51, "01/27")],
    );
    let start = plan::today(office.clock.as_ref());
    plan::create(
        &office.admin,
        &NewPlan {
            customer_id: id,
            amount_minor: 150_000,
            currency: Currency::Try,
            start,
            kind: PlanKind::Recurring(
                schedule::Schedule::new(
                    start,
                    schedule::Cadence::Months(1),
                    schedule::PlanEnd::Count(6),
                )
                .unwrap(),
            ),
            description: Some("Aidat".into()),
        },
    )
    .unwrap();
    let d = detail(&office.admin, id).unwrap();
    assert_eq!((d.reference.as_str(), d.store.as_str()), ("A-2", "Sandbox"));
    assert_eq!(d.cards.len(), 2);
    let primary = &d.cards[0];
    assert_eq!(primary.masked_pan, "435509******5232");
    assert_eq!(primary.brand, "Visa");
    assert_eq!(primary.expiry, "12/30");
    assert_eq!(primary.valid_through, "2030-12-31");
    assert!(!primary.expired);
    assert_eq!(primary.position, 0);
    assert_eq!(primary.instruction_date.as_deref(), Some("2026-11-02"));
    assert_eq!(primary.instruction_ref.as_deref(), Some("TAL-2026-118"));
    assert_eq!(d.cards[1].expiry, "01/27");
    assert_eq!(d.cards[1].position, 1);
    assert_eq!(d.plans.len(), 1);
    assert_eq!(d.plans[0].cadence.as_deref(), Some("1m"));
    assert_eq!((d.plans[0].payments, d.plans[0].paid), (6, 0));
    assert_eq!(d.payments.total, 6);
    // Newest due date first.
    assert_eq!(d.payments.rows[0].due_date, "2027-04-27");
    let text = serde_json::to_string(&d).unwrap();
    assert!(
        !text.contains("4355093000315232"),
        "a full card number left the core"
    );
    assert!(!text.contains("4000000000009995"));
}

#[test]
fn expiring_cards_within_thirty_days_soonest_first() {
    let office = Office::new();
    // Today is 27 Nov 2026: 11/26 runs to 30 Nov, 12/26 to 31 Dec (inside 30 days? no: 34 days).
    let soon = office.customer("E-1", "Soon", &[(APPROVE, "11/26")]);
    office.customer("E-2", "Later", &[(APPROVE_MC, "12/26")]);
    office.customer("E-3", "Far", &[(SOFT_51, "12/30")]);
    office.customer("E-4", "Also later", &[(APPROVE, "12/26")]);
    let list = expiring_cards(&office.admin, None, 30).unwrap();
    let who: Vec<(&str, &str, bool)> = list
        .iter()
        .map(|c| (c.customer_ref.as_str(), c.valid_through.as_str(), c.expired))
        .collect();
    assert_eq!(who, vec![("E-1", "2026-11-30", false)]);
    assert_eq!(list[0].customer_id, soon);
    assert_eq!(list[0].masked_pan, "435509******5232");

    // A viewer of another store sees none of them.
    let branch = office.second_store();
    let viewer = office.user("viewer", Role::Viewer, branch);
    assert!(expiring_cards(&viewer, None, 30).unwrap().is_empty());

    // 40 days on: E-1 has expired, E-2 and E-4 (12/26) have expired too, E-3 is far away.
    office
        .clock
        .advance(jiff::SignedDuration::from_hours(24 * 40));
    let admin = office
        .auth
        .sign_in(
            "admin",
            &crate::setup::secret("admin password 1"),
            tahsildar_core::Origin::App,
        )
        .unwrap();
    let list = expiring_cards(&admin, None, 30).unwrap();
    let who: Vec<(&str, bool)> = list
        .iter()
        .map(|c| (c.customer_ref.as_str(), c.expired))
        .collect();
    assert_eq!(who, vec![("E-1", true), ("E-2", true), ("E-4", true)]);
}

//! Changing a customer and its cards: the contact and reference edited (and found again by the
//! new name), the primary card chosen, a card removed with the payments waiting on it moved to
//! the primary card; refusals leave everything as it was; a new name moves the customer's
//! payments in the list by customer.

use tahsildar_core::customer::search::{CustomerQuery, detail, search};
use tahsildar_core::customer::{self, NewCustomer};
use tahsildar_core::payments::page::{PaymentQuery, PaymentSort, page};
use tahsildar_core::{Error, Lang, Role, audit_log};

use crate::setup::{APPROVE, APPROVE_MC, Office};

fn edited(reference: &str, name: &str) -> NewCustomer {
    NewCustomer {
        reference: reference.into(),
        name: name.into(),
        email: Some("ayse.kaya@example.com".into()),
        phone: None,
        notes: Some("Blok B, daire 12".into()),
    }
}

#[test]
fn a_customer_is_edited_found_by_the_new_name_and_a_taken_reference_is_refused() {
    let office = Office::new();
    let ayse = office.customer("A-1", "Ayşe Yılmaz", &[(APPROVE, "12/30")]);
    office.customer("B-1", "Bora Ak", &[]);

    let changed = customer::update(&office.admin, ayse, &edited("A-1", "AYŞE KAYA")).unwrap();
    assert_eq!(changed.name, "AYŞE KAYA");
    assert_eq!(changed.cards.len(), 1, "the cards stay");
    let found = search(
        &office.admin,
        &CustomerQuery {
            search: Some("ayşe kaya".into()),
            ..CustomerQuery::default()
        },
    )
    .unwrap();
    assert_eq!(
        found.rows.iter().map(|r| r.id).collect::<Vec<_>>(),
        vec![ayse]
    );
    let entry = &audit_log::recent(&office.admin, 1, None).unwrap()[0];
    assert_eq!(entry.action, "customer.update");
    assert!(
        entry.detail.contains("\"name\"") && entry.detail.contains("e-mail"),
        "{}",
        entry.detail
    );
    assert!(
        !entry.detail.contains("KAYA"),
        "the audit names the fields, not their values"
    );

    let taken = customer::update(&office.admin, ayse, &edited("B-1", "Ayşe Kaya")).unwrap_err();
    assert!(
        taken
            .message(Lang::Tr)
            .contains("B-1 abone/referans numarası bu mağazada zaten kullanılıyor.")
    );
    assert!(
        taken
            .message(Lang::En)
            .contains("The reference B-1 is already used in this store.")
    );
    let viewer = office.user("izleyici", Role::Viewer, office.store_id);
    let refused = customer::update(&viewer, ayse, &edited("A-9", "Başka")).unwrap_err();
    assert!(
        matches!(refused, Error::PermissionDenied { .. }),
        "{refused:?}"
    );
    let now = detail(&office.admin, ayse).unwrap();
    assert_eq!(
        (now.reference.as_str(), now.name.as_str()),
        ("A-1", "AYŞE KAYA")
    );
}

#[test]
fn a_renamed_customers_payments_move_to_the_new_name_in_the_list_by_customer() {
    let office = Office::new();
    let names = ["Çetin Ak", "Cemal Ak", "Zeynep Ak"];
    let ids: Vec<i64> = names
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let id = office.customer(&format!("N-{i}"), name, &[(APPROVE, "12/30")]);
            office.one_off_plan(id);
            id
        })
        .collect();
    let by_name = || {
        page(
            &office.admin,
            &PaymentQuery {
                sort: PaymentSort::Customer,
                ..PaymentQuery::default()
            },
        )
        .unwrap()
        .rows
        .into_iter()
        .map(|r| r.customer_name)
        .collect::<Vec<_>>()
    };
    // Turkish order: C before Ç.
    assert_eq!(by_name(), ["Cemal Ak", "Çetin Ak", "Zeynep Ak"]);
    customer::update(&office.admin, ids[2], &edited("N-2", "Ayla Ak")).unwrap();
    assert_eq!(by_name(), ["Ayla Ak", "Cemal Ak", "Çetin Ak"]);
}

#[test]
fn the_primary_card_is_chosen_and_a_removed_card_is_never_charged_again() {
    let office = Office::new();
    let id = office.customer(
        "C-1",
        "Cem Uç",
        &[(APPROVE, "12/30"), (APPROVE_MC, "11/29")],
    );
    let cards = detail(&office.admin, id).unwrap().cards;
    let (first, second) = (cards[0].id, cards[1].id);

    let order = customer::set_primary_card(&office.admin, second).unwrap();
    assert_eq!(
        order.iter().map(|c| (c.id, c.position)).collect::<Vec<_>>(),
        vec![(second, 0), (first, 1)]
    );

    // A payment waiting on the card that is removed goes back to the primary card.
    office.one_off_plan(id);
    let waiting = |status: &str| {
        office
            .vault
            .db()
            .write(|tx| {
                tx.execute(
                    "UPDATE payments SET card_id = ?1, status = ?2, soft_declines = 1",
                    rusqlite::params![second, status],
                )?;
                Ok(())
            })
            .unwrap();
    };
    waiting("processing");
    let busy = customer::remove_card(&office.admin, second).unwrap_err();
    assert!(
        busy.message(Lang::En)
            .contains("a payment is being sent on this card"),
        "{busy:?}"
    );
    assert_eq!(
        detail(&office.admin, id).unwrap().cards.len(),
        2,
        "nothing changed"
    );

    waiting("retry_wait");
    let left = customer::remove_card(&office.admin, second).unwrap();
    assert_eq!(
        left.iter().map(|c| (c.id, c.position)).collect::<Vec<_>>(),
        vec![(first, 0)]
    );
    let (card, declines) = office.payment_card();
    assert_eq!(
        (card, declines),
        (None, 0),
        "charged on the primary card from now on"
    );
    let again = customer::remove_card(&office.admin, second).unwrap_err();
    assert!(
        again.message(Lang::Tr).contains("kart kaldırılmış"),
        "{again:?}"
    );
    let viewer = office.user("izleyici", Role::Viewer, office.store_id);
    assert!(matches!(
        customer::set_primary_card(&viewer, first).unwrap_err(),
        Error::PermissionDenied { .. }
    ));
    let actions: Vec<String> = audit_log::recent(&office.admin, 10, None)
        .unwrap()
        .into_iter()
        .map(|e| e.action)
        .collect();
    assert!(
        actions.contains(&"card.remove".to_string())
            && actions.contains(&"card.primary".to_string())
    );
}

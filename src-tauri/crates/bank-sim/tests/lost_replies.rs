//! Faults that leave the client without a usable answer although the host decided: a held order
//! id without a record, an unlisted responseCode after booking, a lost follow-up reply, and a
//! sale the host reversed itself ("Teknik İptal").

mod common;

use common::*;
use tahsildar_akbank::catalogue;
use tahsildar_akbank::{
    CodeClass, Currency, Money, OrderState, OrderTarget, Outcome, PostAuthRequest,
};
use tahsildar_bank_sim::{EntryStatus, Faults, UNLISTED_CODE};

fn capture(order: &str, minor: i64) -> PostAuthRequest {
    PostAuthRequest {
        order_id: order.into(),
        amount: Money::new(minor, Currency::Try),
        customer_ip: "127.0.0.1".into(),
    }
}

fn try_money(minor: i64) -> Option<Money> {
    Some(Money::new(minor, Currency::Try))
}

#[tokio::test]
async fn a_held_order_id_is_not_found_yet_cannot_be_used_again() {
    let clock = TestClock::at(noon());
    let h = sim_at(
        &clock,
        Faults {
            hold_without_record: 1.0,
            ..Faults::NONE
        },
    )
    .await;
    let c = client(&h);
    let id = order_id();
    let o = c.sale(&sale_req(&id, APPROVE, 4200, 1)).await;
    assert!(
        matches!(o, Outcome::Unknown(ref r) if r.contains("504")),
        "{o:?}"
    );
    // While the fault is on, inquiries still answer: the id is not found.
    assert_eq!(resolve(&c, &id).await, OrderState::NotFound);
    h.set_faults(Faults::NONE);
    // Resending the same id, as a not-found inquiry invites, is refused as a duplicate, as a
    // pre-auth with it is; the inquiry still finds nothing.
    let again = c.sale(&sale_req(&id, APPROVE, 4200, 1)).await;
    assert!(declined(&again).is_duplicate_order(), "{again:?}");
    let pre = c.pre_auth(&sale_req(&id, APPROVE, 4200, 1)).await;
    assert!(declined(&pre).is_duplicate_order(), "{pre:?}");
    assert_eq!(resolve(&c, &id).await, OrderState::NotFound);
    // Nothing to cancel, nothing charged, nothing in the report.
    let void = c.void(OrderTarget::OrderId(id.clone())).await;
    assert_eq!(declined(&void).response_code, "VPS-1007");
    let ledger = h.ledger();
    let rows = entries_for(&ledger, &id);
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].status, EntryStatus::Held);
    assert!(ledger.iter().all(|e| !e.is_charge()));
    assert!(rows_of(&day_rows(&c, noon().date()).await, &id).is_empty());
    // Other ids sell as usual.
    let fresh = order_id();
    let o = c.sale(&sale_req(&fresh, APPROVE, 4200, 1)).await;
    assert!(matches!(o, Outcome::Approved(_)), "{o:?}");
    assert_eq!(rows_of(&day_rows(&c, noon().date()).await, &fresh).len(), 1);
}

/// The unlisted reply: HTTP 200, a code no catalogue knows, no host code.
fn assert_unlisted(o: &Outcome) {
    let Outcome::Declined(r) = o else {
        panic!("expected the unlisted code, got {o:?}")
    };
    assert_eq!(r.response_code, UNLISTED_CODE);
    assert_eq!(r.response_message, "Beklenmeyen hata");
    assert!(r.host_response_code.is_none(), "{r:?}");
    assert!(catalogue::vps(&r.response_code).is_none());
    assert_eq!(r.info().class, CodeClass::Unknown);
}

#[tokio::test]
async fn an_unlisted_code_hides_a_booking_the_inquiry_reveals() {
    let h = sim_at(&TestClock::at(noon()), Faults::NONE).await;
    let c = client(&h);
    let unlisted = Faults {
        unlisted_code_after_booking: 1.0,
        ..Faults::NONE
    };
    // Sales, approved and declined, and a pre-auth.
    h.set_faults(unlisted.clone());
    let (sale, declined_sale, pre) = (order_id(), order_id(), order_id());
    assert_unlisted(&c.sale(&sale_req(&sale, APPROVE, 5000, 1)).await);
    assert_unlisted(&c.sale(&sale_req(&declined_sale, DECLINE_05, 5000, 1)).await);
    assert_unlisted(&c.pre_auth(&sale_req(&pre, APPROVE, 3000, 1)).await);
    // Inquiries are not business answers: they still tell the truth with the fault on.
    assert!(matches!(
        resolve(&c, &sale).await,
        OrderState::Approved { .. }
    ));
    match resolve(&c, &declined_sale).await {
        OrderState::Declined(row) => assert_eq!(row.host_response_code.as_deref(), Some("05")),
        other => panic!("{other:?}"),
    }
    // Follow-ups: refund, post-auth, void.
    assert_unlisted(
        &c.refund(OrderTarget::OrderId(sale.clone()), try_money(1200))
            .await,
    );
    assert_unlisted(&c.post_auth(&capture(&pre, 2500)).await);
    let voided = {
        h.set_faults(Faults::NONE);
        let v = order_id();
        assert!(matches!(
            c.sale(&sale_req(&v, APPROVE, 700, 1)).await,
            Outcome::Approved(_)
        ));
        h.set_faults(unlisted);
        assert_unlisted(&c.void(OrderTarget::OrderId(v.clone())).await);
        v
    };
    h.set_faults(Faults::NONE);
    // The ledger holds every booking, and the inquiry shows each one.
    let ledger = h.ledger();
    assert_eq!(entries_for(&ledger, &sale)[0].refunded_minor, 1200);
    assert_eq!(
        entries_for(&ledger, &pre)[0].pre_auth_closed_minor,
        Some(2500)
    );
    assert_eq!(entries_for(&ledger, &voided)[0].status, EntryStatus::Voided);
    match resolve(&c, &sale).await {
        OrderState::Approved { refunded_minor, .. } => assert_eq!(refunded_minor, 1200),
        other => panic!("{other:?}"),
    }
    let pre_rows = inquiry_rows(&c, &pre).await;
    assert_eq!(pre_rows[0].pre_auth_status.as_deref(), Some("C"));
    assert!(
        pre_rows
            .iter()
            .any(|r| r.txn_code.as_deref() == Some("1005") && r.is_approved())
    );
    assert!(matches!(resolve(&c, &voided).await, OrderState::Voided(_)));
    // No row anywhere carries the unlisted code: it was only ever the reply.
    let rows = day_rows(&c, noon().date()).await;
    assert!(rows.iter().all(|r| r["responseCode"] != UNLISTED_CODE));
    assert_eq!(rows_of(&rows, &sale).len(), 2, "the sale and its refund");
}

#[tokio::test]
async fn only_follow_up_replies_are_lost() {
    let h = sim_at(
        &TestClock::at(noon()),
        Faults {
            drop_follow_up_reply: 1.0,
            ..Faults::NONE
        },
    )
    .await;
    let c = client(&h);
    // Sales, pre-auths and inquiries answer.
    let (sale, pre, third) = (order_id(), order_id(), order_id());
    for (id, o) in [
        (&sale, c.sale(&sale_req(&sale, APPROVE, 5000, 1)).await),
        (&pre, c.pre_auth(&sale_req(&pre, APPROVE, 3000, 1)).await),
        (&third, c.sale(&sale_req(&third, APPROVE, 900, 1)).await),
    ] {
        assert!(matches!(o, Outcome::Approved(_)), "{id}: {o:?}");
    }
    assert!(matches!(
        resolve(&c, &sale).await,
        OrderState::Approved { .. }
    ));
    // Refund, capture and void are booked, their replies lost.
    let refund = c
        .refund(OrderTarget::OrderId(sale.clone()), try_money(2000))
        .await;
    let cap = c.post_auth(&capture(&pre, 3000)).await;
    let void = c.void(OrderTarget::OrderId(third.clone())).await;
    for o in [&refund, &cap, &void] {
        assert!(matches!(o, Outcome::Unknown(_)), "{o:?}");
    }
    let ledger = h.ledger();
    assert_eq!(entries_for(&ledger, &sale)[0].refunded_minor, 2000);
    assert_eq!(
        entries_for(&ledger, &pre)[0].pre_auth_closed_minor,
        Some(3000)
    );
    assert_eq!(entries_for(&ledger, &third)[0].status, EntryStatus::Voided);
    assert_eq!(
        ledger
            .iter()
            .filter(|e| matches!(e.txn_code.as_str(), "1002" | "1005"))
            .count(),
        2
    );
    // The inquiry, answered with the fault still on, tells what happened.
    match resolve(&c, &sale).await {
        OrderState::Approved { refunded_minor, .. } => assert_eq!(refunded_minor, 2000),
        other => panic!("{other:?}"),
    }
    assert!(matches!(resolve(&c, &third).await, OrderState::Voided(_)));
    // A follow-up the host refuses loses its reply as well: every 1002/1003/1005 reply is lost.
    let o = c.void(OrderTarget::OrderId(order_id())).await;
    assert!(matches!(o, Outcome::Unknown(_)), "{o:?}");
    // Whereas `drop_after_booking` loses the sales' replies too.
    h.set_faults(Faults {
        drop_after_booking: 1.0,
        ..Faults::NONE
    });
    let o = c.sale(&sale_req(&order_id(), APPROVE, 100, 1)).await;
    assert!(matches!(o, Outcome::Unknown(_)), "{o:?}");
}

#[tokio::test]
async fn a_technical_reversal_charges_nothing_and_shows_as_teknik_iptal() {
    let h = sim_at(
        &TestClock::at(noon()),
        Faults {
            technical_reversal_after_booking: 1.0,
            ..Faults::NONE
        },
    )
    .await;
    let c = client(&h);
    let (sale, pre, declined_id) = (order_id(), order_id(), order_id());
    let o = c.sale(&sale_req(&sale, APPROVE, 4500, 1)).await;
    assert!(matches!(o, Outcome::Unknown(_)), "{o:?}");
    let o = c.pre_auth(&sale_req(&pre, APPROVE, 4500, 1)).await;
    assert!(matches!(o, Outcome::Unknown(_)), "{o:?}");
    // A decline has nothing to reverse and is answered as usual.
    let o = c.sale(&sale_req(&declined_id, DECLINE_05, 4500, 1)).await;
    assert_eq!(declined(&o).host_response_code.as_deref(), Some("05"));
    h.set_faults(Faults::NONE);

    let ledger = h.ledger();
    for id in [&sale, &pre] {
        let rows = entries_for(&ledger, id);
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].status, EntryStatus::TechnicallyReversed);
        assert!(!rows[0].is_charge());
        // The inquiry: reversed (R), with no response or authorisation code.
        let inq = inquiry_rows(&c, id).await;
        assert_eq!(inq.len(), 1);
        assert_eq!(inq[0].txn_status.as_deref(), Some("R"));
        assert!(inq[0].response_code.is_none() && inq[0].auth_code.is_none());
        assert!(inq[0].rrn.is_some());
        assert!(matches!(resolve(&c, id).await, OrderState::Refunded(_)));
    }
    assert_eq!(
        entries_for(&ledger, &declined_id)[0].status,
        EntryStatus::Declined
    );
    assert!(ledger.iter().all(|e| !e.is_charge()));
    // The id is spent; there is nothing left to void, refund or capture.
    let again = c.sale(&sale_req(&sale, APPROVE, 4500, 1)).await;
    assert!(declined(&again).is_duplicate_order());
    for o in [
        c.void(OrderTarget::OrderId(sale.clone())).await,
        c.refund(OrderTarget::OrderId(sale.clone()), None).await,
        c.post_auth(&capture(&pre, 4500)).await,
    ] {
        assert_eq!(declined(&o).response_code, "VPS-1008", "{o:?}");
    }
    assert_eq!(h.ledger().len(), ledger.len(), "nothing more booked");
    // The report lists them as "Teknik İptal" without a responseCode.
    let rows = day_rows(&c, noon().date()).await;
    for (id, code) in [(&sale, "1000"), (&pre, "1004")] {
        let mine = rows_of(&rows, id);
        assert_eq!(mine.len(), 1, "{id}");
        let r = mine[0];
        assert_eq!(r["txnCode"], code);
        assert_eq!(r["txnStatus"], "Teknik İptal");
        for absent in ["responseCode", "hostResponseCode", "authCode"] {
            assert!(r.get(absent).is_none(), "{absent} in {r}");
        }
        assert!(r["rrn"].is_u64(), "{r}");
    }
    assert_eq!(rows_of(&rows, &declined_id)[0]["txnStatus"], "Başarısız");
    // The client's own report reader sees the same.
    let tahsildar_akbank::HistoryOutcome::Report(report) = c
        .history(&tahsildar_akbank::HistoryQuery::Range {
            start: noon().date().at(0, 0, 0, 0),
            end: noon().date().at(23, 59, 59, 0),
        })
        .await
    else {
        panic!()
    };
    let row = report
        .rows
        .iter()
        .find(|r| r.order_id.as_deref() == Some(sale.as_str()))
        .unwrap();
    assert_eq!(row.txn_status.as_deref(), Some("Teknik İptal"));
    assert!(row.response_code.is_none());
}

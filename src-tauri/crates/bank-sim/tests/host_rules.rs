//! Switchable host behaviours: inquiries without refund rows, a void after a captured
//! pre-authorisation, and refusals before the issuer that still spend the order id.

mod common;

use common::*;
use tahsildar_akbank::{
    Currency, Money, OrderState, OrderTarget, Outcome, PostAuthRequest, TxnReply,
};
use tahsildar_bank_sim::cards::{MASTERCARD_TEST_CARD, NOT_ONUS};
use tahsildar_bank_sim::{EntryStatus, Faults};

fn capture(order: &str, minor: i64) -> PostAuthRequest {
    PostAuthRequest {
        order_id: order.into(),
        amount: Money::new(minor, Currency::Try),
        customer_ip: "127.0.0.1".into(),
    }
}

fn approved(o: &Outcome) -> &TxnReply {
    match o {
        Outcome::Approved(r) => r,
        other => panic!("expected approved, got {other:?}"),
    }
}

#[tokio::test]
async fn an_inquiry_can_leave_refunds_to_the_report() {
    let h = sim_at(
        &TestClock::at(noon()),
        Faults {
            inquiry_omits_refunds: true,
            ..Faults::NONE
        },
    )
    .await;
    let c = client(&h);
    let id = order_id();
    approved(&c.sale(&sale_req(&id, APPROVE, 5000, 1)).await);
    let part = Some(Money::new(1500, Currency::Try));
    approved(&c.refund(OrderTarget::OrderId(id.clone()), part).await);
    // Only the sale's row, still N; the client sees nothing refunded.
    let rows = inquiry_rows(&c, &id).await;
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(rows[0].txn_code.as_deref(), Some("1000"));
    assert_eq!(rows[0].txn_status.as_deref(), Some("N"));
    match resolve(&c, &id).await {
        OrderState::Approved { refunded_minor, .. } => assert_eq!(refunded_minor, 0),
        other => panic!("{other:?}"),
    }
    // Refunded in full: still one row, still N.
    approved(&c.refund(OrderTarget::OrderId(id.clone()), None).await);
    let rows = inquiry_rows(&c, &id).await;
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].txn_status.as_deref(), Some("N"));
    assert_eq!(entries_for(&h.ledger(), &id)[0].refunded_minor, 5000);
    // The report lists both refunds, each under the bank's own order id and the sale's as
    // orgOrderId.
    let report = day_rows(&c, noon().date()).await;
    let refunds: Vec<_> = rows_of(&report, &id)
        .into_iter()
        .filter(|r| r["txnCode"] == "1002")
        .collect();
    assert_eq!(refunds.len(), 2);
    for r in &refunds {
        assert_eq!(r["orgOrderId"], id.as_str());
        assert_ne!(r["orderId"], id.as_str());
        assert_eq!(r["txnStatus"], "Başarılı");
    }
    let amounts: Vec<_> = refunds
        .iter()
        .map(|r| r["amount"].as_f64().unwrap())
        .collect();
    assert_eq!(amounts, [15.0, 35.0]);
    // Switched back at run time, the inquiry lists the refunds and shows R.
    h.set_faults(Faults::NONE);
    let rows = inquiry_rows(&c, &id).await;
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[0].txn_status.as_deref(), Some("R"));
    assert!(matches!(resolve(&c, &id).await, OrderState::Refunded(_)));
}

#[tokio::test]
async fn a_void_after_capture_voids_the_capture_and_reopens_the_pre_auth() {
    let h = sim_at(&TestClock::at(noon()), Faults::NONE).await;
    let c = client(&h);
    let id = order_id();
    approved(&c.pre_auth(&sale_req(&id, APPROVE, 3000, 3)).await);
    approved(&c.post_auth(&capture(&id, 2800)).await);
    approved(&c.void(OrderTarget::OrderId(id.clone())).await);

    let rows = inquiry_rows(&c, &id).await;
    let codes: Vec<_> = rows.iter().map(|r| r.txn_code.clone().unwrap()).collect();
    assert_eq!(codes, ["1004", "1005"]);
    let (pre, cap) = (&rows[0], &rows[1]);
    assert_eq!(cap.txn_status.as_deref(), Some("V"));
    assert_eq!(cap.org_order_id.as_deref(), Some(id.as_str()));
    assert_ne!(cap.order_id.as_deref(), Some(id.as_str()));
    assert_eq!(pre.txn_status.as_deref(), Some("N"));
    assert_eq!(pre.pre_auth_status.as_deref(), Some("O"));
    assert_eq!(pre.pre_auth_close_amount_minor, Some(0));
    assert_eq!(
        pre.pre_auth_close_date.as_deref(),
        Some("1900-01-01T00:00:00.000")
    );
    // At the bank: the capture is void, the hold stands.
    let ledger = h.ledger();
    let pre_row = entries_for(&ledger, &id)[0];
    assert_eq!(pre_row.status, EntryStatus::Approved);
    assert_eq!(pre_row.pre_auth_closed_minor, None);
    assert!(pre_row.is_charge(), "the authorisation still holds");
    let cap_row = ledger.iter().find(|e| e.txn_code == "1005").unwrap();
    assert_eq!(cap_row.status, EntryStatus::Voided);
    assert!(!cap_row.is_charge());
    // The report: the pre-auth succeeded, its capture is cancelled; no row for the void.
    let report = day_rows(&c, noon().date()).await;
    let mine = rows_of(&report, &id);
    let seen: Vec<_> = mine
        .iter()
        .map(|r| {
            (
                r["txnCode"].as_str().unwrap(),
                r["txnStatus"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(seen, [("1004", "Başarılı"), ("1005", "İptal")]);
    // An open pre-auth again: not refundable; a second void releases it; a third is refused.
    let o = c.refund(OrderTarget::OrderId(id.clone()), None).await;
    assert_eq!(declined(&o).host_response_code.as_deref(), Some("12"));
    approved(&c.void(OrderTarget::OrderId(id.clone())).await);
    assert_eq!(entries_for(&h.ledger(), &id)[0].status, EntryStatus::Voided);
    assert!(matches!(resolve(&c, &id).await, OrderState::Voided(_)));
    let o = c.void(OrderTarget::OrderId(id.clone())).await;
    assert_eq!(declined(&o).response_code, "VPS-1008");
    assert!(h.ledger().iter().all(|e| !e.is_charge()));
}

#[tokio::test]
async fn a_void_after_capture_can_void_the_pre_auth_too() {
    let h = sim_at(
        &TestClock::at(noon()),
        Faults {
            void_after_capture_voids_pre_auth: true,
            ..Faults::NONE
        },
    )
    .await;
    let c = client(&h);
    let id = order_id();
    approved(&c.pre_auth(&sale_req(&id, APPROVE, 3000, 1)).await);
    approved(&c.post_auth(&capture(&id, 3000)).await);
    approved(&c.void(OrderTarget::OrderId(id.clone())).await);
    let rows = inquiry_rows(&c, &id).await;
    let status: Vec<_> = rows.iter().map(|r| r.txn_status.clone().unwrap()).collect();
    assert_eq!(status, ["V", "V"]);
    assert!(matches!(resolve(&c, &id).await, OrderState::Voided(_)));
    assert!(h.ledger().iter().all(|e| e.status == EntryStatus::Voided));
    let o = c.void(OrderTarget::OrderId(id.clone())).await;
    assert_eq!(declined(&o).response_code, "VPS-1008");
}

/// A refusal before the issuer: `rrn` "0", batch 0, no host code.
fn assert_pre_host(o: &Outcome, code: &str) {
    let r = declined(o);
    assert_eq!(r.response_code, code, "{r:?}");
    assert_eq!(r.rrn.as_deref(), Some("0"));
    assert_eq!(r.batch_number, Some(0));
    assert!(r.host_response_code.is_none());
}

#[tokio::test]
async fn refusals_before_the_issuer_are_recorded_and_spend_the_order_id() {
    let h = sim_at(&TestClock::at(noon()), Faults::NONE).await;
    let c = client(&h);
    // Instalments on another bank's card.
    let inst = order_id();
    assert_pre_host(
        &c.sale(&sale_req(&inst, NOT_ONUS, 15000, 3)).await,
        "VPS-1044",
    );
    let pre = order_id();
    assert_pre_host(
        &c.pre_auth(&sale_req(&pre, NOT_ONUS, 15000, 2)).await,
        "VPS-1044",
    );
    // American Express is not taken.
    let amex = order_id();
    assert_pre_host(
        &c.sale(&sale_req(&amex, "378282246310005", 1500, 1)).await,
        "VPS-1066",
    );
    // The ids are spent, even for an acceptable card and a single payment.
    for id in [&inst, &pre, &amex] {
        let again = c.sale(&sale_req(id, APPROVE, 15000, 1)).await;
        assert!(declined(&again).is_duplicate_order(), "{id}: {again:?}");
        match resolve(&c, id).await {
            OrderState::Declined(row) => {
                assert!(matches!(
                    row.response_code.as_deref(),
                    Some("VPS-1044" | "VPS-1066")
                ));
            }
            other => panic!("{id}: {other:?}"),
        }
    }
    let ledger = h.ledger();
    for id in [&inst, &pre, &amex] {
        let rows = entries_for(&ledger, id);
        assert_eq!(rows.len(), 1);
        assert_eq!(
            (rows[0].status, rows[0].batch_number, rows[0].rrn.as_deref()),
            (EntryStatus::Declined, 0, None)
        );
        assert!(!rows[0].is_charge());
    }
    // The report lists them as failed, in batch 0, without RRN or host code.
    let report = day_rows(&c, noon().date()).await;
    let row = rows_of(&report, &inst)[0];
    assert_eq!(row["txnStatus"], "Başarısız");
    assert_eq!(row["responseCode"], "VPS-1044");
    assert_eq!(row["responseMessage"], "Not-Onus Kart hatalı taksit");
    assert_eq!(
        (
            row["batchNumber"].as_u64(),
            row["installmentCount"].as_u64()
        ),
        (Some(0), Some(3))
    );
    for absent in ["rrn", "hostResponseCode", "authCode", "settlementId"] {
        assert!(row.get(absent).is_none(), "{absent} in {row}");
    }
    assert_eq!(rows_of(&report, &amex)[0]["responseCode"], "VPS-1066");
    // A single payment on the other bank's card is fine.
    approved(&c.sale(&sale_req(&order_id(), NOT_ONUS, 15000, 1)).await);
}

#[tokio::test]
async fn the_mastercard_test_card_takes_instalments_unless_switched() {
    let h = sim_at(&TestClock::at(noon()), Faults::NONE).await;
    let c = client(&h);
    // As on Akbank's test host: instalments on it are approved.
    let r = approved(
        &c.sale(&sale_req(&order_id(), MASTERCARD_TEST_CARD, 9000, 6))
            .await,
    )
    .clone();
    assert_eq!(r.host_response_code.as_deref(), Some("00"));
    approved(
        &c.pre_auth(&sale_req(&order_id(), MASTERCARD_TEST_CARD, 9000, 3))
            .await,
    );
    h.set_faults(Faults {
        mastercard_test_card_not_onus: true,
        ..Faults::NONE
    });
    let id = order_id();
    assert_pre_host(
        &c.sale(&sale_req(&id, MASTERCARD_TEST_CARD, 9000, 6)).await,
        "VPS-1044",
    );
    assert!(declined(&c.sale(&sale_req(&id, APPROVE, 9000, 1)).await).is_duplicate_order());
    // Single payments on it, and instalments on Akbank's own card, still go through.
    approved(
        &c.sale(&sale_req(&order_id(), MASTERCARD_TEST_CARD, 9000, 1))
            .await,
    );
    approved(&c.sale(&sale_req(&order_id(), APPROVE, 9000, 6)).await);
}

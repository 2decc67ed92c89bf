//! The akbank client against the simulator: recurring orders and the history report.

mod common;

use common::*;
use tahsildar_akbank::terminal::test_terminals;
use tahsildar_akbank::{
    Currency, FrequencyCycle, HistoryOutcome, HistoryQuery, InquiryOutcome, InstalmentStatus,
    Money, OrderRef, OrderTarget, Outcome, Recurrence, RecurringSaleRequest,
};

fn recurring(track: &str, n: u16) -> RecurringSaleRequest {
    RecurringSaleRequest {
        track_id: track.into(),
        amount: Money::new(500, Currency::Try),
        card: card("5218076007402834"),
        recurrence: Recurrence {
            interval: 3,
            cycle: FrequencyCycle::Month,
            number_of_payments: n,
        },
        moto_ind: 1,
        customer_ip: "127.0.0.1".into(),
    }
}

#[tokio::test]
async fn recurring_orders() {
    let h = sim().await;
    let a = client(&h);
    let b = client_for(&h, test_terminals::b());
    let track = format!("{:X<36}", order_id());
    let o = a.recurring_sale(&recurring(&track, 3)).await;
    assert_eq!(declined(&o).response_code, "VPS-1061");
    assert!(
        h.ledger()
            .iter()
            .all(|e| e.order_track_id.as_deref() != Some(&track))
    );
    let o = b.recurring_sale(&recurring(&track, 3)).await;
    let Outcome::Approved(r) = &o else {
        panic!("{o:?}")
    };
    assert_eq!(r.order_track_id.as_deref(), Some(track.as_str()));
    let again = b.recurring_sale(&recurring(&track, 3)).await;
    assert!(declined(&again).is_duplicate_order());
    let InquiryOutcome::Found(inq) = b.inquiry(&OrderRef::TrackId(track.clone())).await else {
        panic!()
    };
    let st: Vec<_> = inq
        .rows
        .iter()
        .map(|r| (r.recurring_order, r.instalment_status()))
        .collect();
    assert_eq!(
        st,
        [
            (Some(1), Some(InstalmentStatus::Charged)),
            (Some(2), Some(InstalmentStatus::Waiting)),
            (Some(3), Some(InstalmentStatus::Waiting))
        ]
    );
    let planned: Vec<_> = inq
        .rows
        .iter()
        .map(|r| r.planned_date_time.clone().unwrap())
        .collect();
    assert!(planned[0] < planned[1] && planned[1] < planned[2]);
    {
        use tahsildar_akbank::{InstalmentState, interpret_instalment};
        assert!(matches!(
            interpret_instalment(&inq.rows, 1),
            InstalmentState::Charged(_)
        ));
        assert!(matches!(
            interpret_instalment(&inq.rows, 2),
            InstalmentState::Waiting(_)
        ));
    }
    // Cancel one pending instalment, then all, then nothing is left.
    assert!(matches!(
        b.cancel_recurring(&track, Some(2)).await,
        Outcome::Approved(_)
    ));
    assert!(matches!(
        b.cancel_recurring(&track, None).await,
        Outcome::Approved(_)
    ));
    assert_eq!(
        declined(&b.cancel_recurring(&track, None).await).response_code,
        "VPS-1059"
    );
    // Void the charged first instalment.
    let inst = OrderTarget::Instalment {
        track_id: track.clone(),
        recurring_order: 1,
    };
    assert!(matches!(b.void(inst).await, Outcome::Approved(_)));
    let InquiryOutcome::Found(inq) = b.inquiry(&OrderRef::TrackId(track.clone())).await else {
        panic!()
    };
    let st: Vec<_> = inq
        .rows
        .iter()
        .map(|r| r.instalment_status().unwrap())
        .collect();
    assert_eq!(
        st,
        [
            InstalmentStatus::Voided,
            InstalmentStatus::Cancelled,
            InstalmentStatus::Cancelled
        ]
    );
    assert!(inq.rows[1].cancel_date.is_some());
    use tahsildar_akbank::{InstalmentState, interpret_instalment};
    assert!(matches!(
        interpret_instalment(&inq.rows, 1),
        InstalmentState::Voided(_)
    ));
    assert!(matches!(
        interpret_instalment(&inq.rows, 3),
        InstalmentState::Cancelled(_)
    ));
    assert_eq!(
        interpret_instalment(&inq.rows, 4),
        InstalmentState::NotFound
    );
    // Unknown track id.
    assert_eq!(
        declined(&b.cancel_recurring("NO-SUCH-TRACK", None).await).response_code,
        "VPS-1059"
    );
    // Refund of a charged instalment by track id.
    let t2 = format!("{:Y<36}", order_id());
    assert!(matches!(
        b.recurring_sale(&recurring(&t2, 2)).await,
        Outcome::Approved(_)
    ));
    let inst = OrderTarget::Instalment {
        track_id: t2.clone(),
        recurring_order: 1,
    };
    assert!(matches!(
        b.refund(inst, Some(Money::new(200, Currency::Try))).await,
        Outcome::Approved(_)
    ));
}

#[tokio::test]
async fn history_report() {
    let h = sim().await;
    let c = client(&h);
    let ids: Vec<String> = (0..3).map(|_| order_id()).collect();
    c.sale(&sale_req(&ids[0], "4355093000315232", 1010, 1))
        .await;
    c.sale(&sale_req(&ids[1], "4000000000000002", 2020, 1))
        .await;
    c.sale(&sale_req(&ids[2], "4355093000315232", 3030, 1))
        .await;
    c.void(OrderTarget::OrderId(ids[2].clone())).await;
    let now = jiff::ZonedDateTime::now()
        .with_time_zone(tahsildar_akbank::sign::istanbul())
        .datetime();
    let q = HistoryQuery::Range {
        start: now.saturating_sub(jiff::Span::new().hours(12)),
        end: now.saturating_add(jiff::Span::new().hours(1)),
    };
    let HistoryOutcome::Report(r) = c.history(&q).await else {
        panic!()
    };
    let find = |id: &str| {
        r.rows
            .iter()
            .find(|x| x.order_id.as_deref() == Some(id))
            .unwrap()
            .clone()
    };
    assert_eq!(find(&ids[0]).txn_status.as_deref(), Some("Başarılı"));
    assert_eq!(find(&ids[0]).amount_minor, Some(1010));
    assert_eq!(find(&ids[1]).txn_status.as_deref(), Some("Başarısız"));
    assert_eq!(find(&ids[2]).txn_status.as_deref(), Some("İptal"));
    assert!(find(&ids[0]).rrn.unwrap().parse::<u64>().is_ok());
    let batch = h.ledger()[0].batch_number;
    let HistoryOutcome::Report(rb) = c.history(&HistoryQuery::Batch(batch)).await else {
        panic!()
    };
    assert_eq!(rb.rows.len(), 3);
    let HistoryOutcome::Report(empty) = c.history(&HistoryQuery::Batch(batch + 1)).await else {
        panic!()
    };
    assert!(empty.rows.is_empty());
    // The host refuses ranges over one day (the client refuses to build them, so send raw).
    let body = format!(
        r#"{{"terminal":{{"merchantSafeId":"{}","terminalSafeId":"{}"}},"randomNumber":"{}","report":{{"startDateTime":"2024-04-13T13:00:00.000","endDateTime":"2024-04-15T13:00:00.000"}}}}"#,
        test_terminals::A_MERCHANT_SAFE_ID,
        test_terminals::A_TERMINAL_SAFE_ID,
        tahsildar_akbank::sign::random_number()
    );
    match c
        .post(
            "/portal/report/transaction",
            zeroize::Zeroizing::new(body.into_bytes()),
        )
        .await
    {
        tahsildar_akbank::Exchange::Failure(tahsildar_akbank::Failure::Rejected(e)) => {
            assert_eq!(e.http_status, 400)
        }
        other => panic!("{other:?}"),
    }
}

//! The akbank client against the simulator over loopback: every transaction type and test card.

mod common;

use common::*;
use tahsildar_akbank::reply::{DUPLICATE_ORDER, TxnReply};
use tahsildar_akbank::terminal::test_terminals;
use tahsildar_akbank::{
    CodeClass, Currency, FrequencyCycle, HistoryOutcome, HistoryQuery, InquiryOutcome,
    InstalmentStatus, Money, OrderRef, OrderState, OrderTarget, Outcome, PostAuthRequest,
    Recurrence, RecurringSaleRequest, interpret,
};
use tahsildar_bank_sim::EntryStatus;

/// The reply of a decline; every code the simulator answers with is in the catalogue.
fn declined(o: &Outcome) -> &TxnReply {
    match o {
        Outcome::Declined(r) => {
            assert!(
                tahsildar_akbank::catalogue::vps(&r.response_code).is_some(),
                "{}",
                r.response_code
            );
            if let Some(h) = &r.host_response_code {
                assert!(tahsildar_akbank::catalogue::host(h).is_some(), "host {h}");
            }
            r
        }
        other => panic!("expected declined, got {other:?}"),
    }
}

#[tokio::test]
async fn test_cards_answer_as_documented() {
    let h = sim().await;
    let c = client(&h);
    for pan in ["4355093000315232", "5218076007402834", "4111111111111111"] {
        let id = order_id();
        let o = c.sale(&sale_req(&id, pan, 12345, 1)).await;
        check_invariants(&h, &id, &o);
        let Outcome::Approved(r) = &o else {
            panic!("{}: {o:?}", tahsildar_akbank::card::mask_digits(pan))
        };
        assert_eq!(r.host_response_code.as_deref(), Some("00"));
        assert_eq!(r.auth_code.as_ref().map(|a| a.len()), Some(6));
        let ledger = h.ledger();
        let e = entries_for(&ledger, &id)[0];
        assert_eq!(
            (e.amount_minor, e.currency, e.status),
            (12345, 949, EntryStatus::Approved)
        );
        assert_eq!(e.masked_pan, tahsildar_akbank::card::mask_digits(pan));
        assert_eq!(e.auth_code, r.auth_code);
    }
    for (pan, host, class) in [
        ("4000000000000002", "05", CodeClass::SoftDecline),
        ("4000000000009995", "51", CodeClass::SoftDecline),
        ("4000000000000069", "54", CodeClass::HardDecline),
        ("4000000000000127", "14", CodeClass::HardDecline),
    ] {
        let id = order_id();
        let o = c.sale(&sale_req(&id, pan, 5000, 1)).await;
        check_invariants(&h, &id, &o);
        let r = declined(&o);
        assert_eq!(
            (r.response_code.as_str(), r.host_response_code.as_deref()),
            ("VPS-1005", Some(host))
        );
        assert_eq!(
            r.info().class,
            class,
            "{}",
            tahsildar_akbank::card::mask_digits(pan)
        );
        assert_eq!(r.auth_code.as_deref(), Some("000000"));
        let ledger = h.ledger();
        assert_eq!(entries_for(&ledger, &id)[0].status, EntryStatus::Declined);
        // A declined id cannot be used again.
        let again = c.sale(&sale_req(&id, "4355093000315232", 5000, 1)).await;
        assert!(declined(&again).is_duplicate_order());
        assert_eq!(entries_for(&h.ledger(), &id).len(), 1);
    }
}

#[tokio::test]
async fn expired_card_gets_54_and_bad_luhn_gets_14() {
    let h = sim().await;
    let c = client(&h);
    let id = order_id();
    let mut req = sale_req(&id, "4355093000315232", 100, 1);
    req.card.expiry = tahsildar_akbank::Expiry::new(1, 2020).unwrap();
    let o = c.sale(&req).await;
    assert_eq!(declined(&o).host_response_code.as_deref(), Some("54"));
    // A bad Luhn number cannot be built through `Pan`; send the body as a foreign client would.
    let id = order_id();
    let body = format!(
        r#"{{"terminal":{{"merchantSafeId":"{}","terminalSafeId":"{}"}},"version":"1.00","txnCode":"1000","requestDateTime":"{}","randomNumber":"{}","card":{{"cardNumber":"4355093000315233","cvv2":"471","expireDate":"1140"}},"transaction":{{"amount":"1.00","currencyCode":949,"motoInd":0,"installCount":1}},"customer":{{"ipAddress":"127.0.0.1"}},"order":{{"orderId":"{id}"}}}}"#,
        test_terminals::A_MERCHANT_SAFE_ID,
        test_terminals::A_TERMINAL_SAFE_ID,
        tahsildar_akbank::sign::request_date_time(),
        tahsildar_akbank::sign::random_number()
    );
    let ex = c
        .post(
            "/transaction/process",
            zeroize::Zeroizing::new(body.into_bytes()),
        )
        .await;
    let tahsildar_akbank::Exchange::Body(b) = ex else {
        panic!("{ex:?}")
    };
    let r = TxnReply::parse(&b).unwrap();
    assert_eq!(
        (r.response_code.as_str(), r.host_response_code.as_deref()),
        ("VPS-1005", Some("14"))
    );
}

#[tokio::test]
async fn book_then_drop_card_is_unknown_and_resolved_by_inquiry() {
    let h = sim().await;
    let c = client(&h);
    let id = order_id();
    let o = c.sale(&sale_req(&id, "4000000000000119", 2500, 1)).await;
    assert!(matches!(o, Outcome::Unknown(_)), "{o:?}");
    check_invariants(&h, &id, &o);
    assert_eq!(
        entries_for(&h.ledger(), &id)[0].status,
        EntryStatus::Approved
    );
    let inq = c.inquiry(&OrderRef::OrderId(id.clone())).await;
    match interpret(&inq, &id) {
        OrderState::Approved {
            row,
            refunded_minor,
        } => {
            assert_eq!(row.amount_minor, Some(2500));
            assert_eq!(refunded_minor, 0);
            assert_eq!(row.auth_code, entries_for(&h.ledger(), &id)[0].auth_code);
        }
        other => panic!("{other:?}"),
    }
    // Resending the same id is refused, never charged twice.
    let again = c.sale(&sale_req(&id, "4355093000315232", 2500, 1)).await;
    assert_eq!(declined(&again).response_code, DUPLICATE_ORDER);
    assert_eq!(entries_for(&h.ledger(), &id).len(), 1);
}

#[tokio::test]
async fn installment_sale_and_inquiry_rows() {
    let h = sim().await;
    let c = client(&h);
    let id = order_id();
    let o = c.sale(&sale_req(&id, "5218076007402834", 120000, 6)).await;
    assert!(matches!(o, Outcome::Approved(_)), "{o:?}");
    assert_eq!(entries_for(&h.ledger(), &id)[0].install_count, 6);
    let InquiryOutcome::Found(inq) = c.inquiry(&OrderRef::OrderId(id.clone())).await else {
        panic!()
    };
    assert_eq!(inq.rows.len(), 1);
    let row = &inq.rows[0];
    assert_eq!(row.install_count, Some(6));
    assert_eq!(row.amount_minor, Some(120000));
    assert_eq!(row.masked_card_number.as_deref(), Some("521807******2834"));
    assert_eq!(row.txn_status.as_deref(), Some("N"));
    // Declined sales appear as rows with VPS-1005.
    let id2 = order_id();
    c.sale(&sale_req(&id2, "4000000000009995", 100, 1)).await;
    let inq = c.inquiry(&OrderRef::OrderId(id2.clone())).await;
    match interpret(&inq, &id2) {
        OrderState::Declined(row) => assert_eq!(row.host_response_code.as_deref(), Some("51")),
        other => panic!("{other:?}"),
    }
    // Not found.
    let missing = order_id();
    let inq = c.inquiry(&OrderRef::OrderId(missing.clone())).await;
    assert!(matches!(inq, InquiryOutcome::NotFound(ref m) if m.contains(&missing)));
    assert_eq!(interpret(&inq, &missing), OrderState::NotFound);
}

#[tokio::test]
async fn pre_auth_post_auth_refunds_and_void() {
    let h = sim().await;
    let c = client(&h);
    let id = order_id();
    assert!(matches!(
        c.pre_auth(&sale_req(&id, "4355093000315232", 3000, 3))
            .await,
        Outcome::Approved(_)
    ));
    let post = |amount: i64, order: &str| PostAuthRequest {
        order_id: order.into(),
        amount: Money::new(amount, Currency::Try),
        customer_ip: "127.0.0.1".into(),
    };
    // An open pre-auth cannot be refunded; above the authorised amount cannot be captured.
    let o = c.refund(OrderTarget::OrderId(id.clone()), None).await;
    assert_eq!(declined(&o).host_response_code.as_deref(), Some("12"));
    let o = c.post_auth(&post(3001, &id)).await;
    assert_eq!(declined(&o).host_response_code.as_deref(), Some("13"));
    let o = c.post_auth(&post(100, &order_id())).await;
    assert_eq!(declined(&o).response_code, "VPS-1007");
    assert!(matches!(
        c.post_auth(&post(2800, &id)).await,
        Outcome::Approved(_)
    ));
    // Partial refunds, never above what was captured.
    let part = |m| Some(Money::new(m, Currency::Try));
    assert!(matches!(
        c.refund(OrderTarget::OrderId(id.clone()), part(800)).await,
        Outcome::Approved(_)
    ));
    let o = c.refund(OrderTarget::OrderId(id.clone()), part(2001)).await;
    assert_eq!(declined(&o).host_response_code.as_deref(), Some("13"));
    let InquiryOutcome::Found(inq) = c.inquiry(&OrderRef::OrderId(id.clone())).await else {
        panic!()
    };
    let codes: Vec<_> = inq
        .rows
        .iter()
        .map(|r| r.txn_code.clone().unwrap())
        .collect();
    assert_eq!(codes, ["1004", "1005", "1002"]);
    assert_eq!(inq.rows[0].pre_auth_status.as_deref(), Some("C"));
    assert_eq!(inq.rows[0].pre_auth_close_amount_minor, Some(2800));
    for r in &inq.rows[1..] {
        assert_eq!(r.org_order_id.as_deref(), Some(id.as_str()));
        assert_ne!(r.order_id.as_deref(), Some(id.as_str()));
        assert_eq!(r.order_id.as_ref().map(|s| s.len()), Some(36), "bank UUID");
    }
    match tahsildar_akbank::order_state::interpret_rows(&inq.rows, &id) {
        OrderState::Approved { refunded_minor, .. } => assert_eq!(refunded_minor, 800),
        other => panic!("{other:?}"),
    }
    // The rest in full: status R.
    assert!(matches!(
        c.refund(OrderTarget::OrderId(id.clone()), None).await,
        Outcome::Approved(_)
    ));
    let o = c.refund(OrderTarget::OrderId(id.clone()), part(1)).await;
    assert!(matches!(o, Outcome::Declined(_)));
    let inq = c.inquiry(&OrderRef::OrderId(id.clone())).await;
    assert!(matches!(interpret(&inq, &id), OrderState::Refunded(_)));
    let ledger = h.ledger();
    let refunded: i64 = ledger
        .iter()
        .filter(|e| e.txn_code == "1002" && e.org_order_id.as_deref() == Some(&id))
        .map(|e| e.amount_minor)
        .sum();
    assert_eq!(refunded, 2800);
}

#[tokio::test]
async fn void_rules() {
    let h = sim().await;
    let c = client(&h);
    let id = order_id();
    assert!(matches!(
        c.sale(&sale_req(&id, "4355093000315232", 990, 1)).await,
        Outcome::Approved(_)
    ));
    assert!(matches!(
        c.void(OrderTarget::OrderId(id.clone())).await,
        Outcome::Approved(_)
    ));
    assert_eq!(entries_for(&h.ledger(), &id)[0].status, EntryStatus::Voided);
    let o = c.void(OrderTarget::OrderId(id.clone())).await;
    assert_eq!(declined(&o).response_code, "VPS-1008");
    let o = c.refund(OrderTarget::OrderId(id.clone()), None).await;
    assert_eq!(declined(&o).response_code, "VPS-1008");
    let o = c.void(OrderTarget::OrderId(order_id())).await;
    assert_eq!(declined(&o).response_code, "VPS-1007");
    assert_eq!(declined(&o).info().class, CodeClass::OurError);
    let inq = c.inquiry(&OrderRef::OrderId(id.clone())).await;
    assert!(matches!(interpret(&inq, &id), OrderState::Voided(_)));
    // A declined sale has nothing to void.
    let d = order_id();
    c.sale(&sale_req(&d, "4000000000000002", 100, 1)).await;
    assert_eq!(
        declined(&c.void(OrderTarget::OrderId(d)).await).response_code,
        "VPS-1007"
    );
}

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

#[tokio::test]
async fn signature_and_format_errors() {
    let h = sim().await;
    let wrong_key = tahsildar_akbank::Credentials::new(
        test_terminals::A_MERCHANT_SAFE_ID,
        test_terminals::A_TERMINAL_SAFE_ID,
        "wrong",
    );
    let id = order_id();
    let o = client_for(&h, wrong_key)
        .sale(&sale_req(&id, "4355093000315232", 100, 1))
        .await;
    let Outcome::Rejected(e) = &o else {
        panic!("{o:?}")
    };
    assert_eq!((e.http_status, e.code.as_str()), (401, "401"));
    check_invariants(&h, &id, &o);
    assert!(entries_for(&h.ledger(), &id).is_empty());
    let unknown = tahsildar_akbank::Credentials::new("X", "Y", test_terminals::A_SECRET_KEY);
    assert!(
        matches!(client_for(&h, unknown).sale(&sale_req(&id, "4355093000315232", 100, 1)).await, Outcome::Rejected(ref e) if e.http_status == 401)
    );

    let c = client(&h);
    let raw = |amount: &str, date: &str| {
        format!(
            r#"{{"terminal":{{"merchantSafeId":"{}","terminalSafeId":"{}"}},"version":"1.00","txnCode":"1000","requestDateTime":"{date}","randomNumber":"{}","card":{{"cardNumber":"4355093000315232","cvv2":"471","expireDate":"1140"}},"transaction":{amount},"customer":{{"ipAddress":"127.0.0.1"}},"order":{{"orderId":"{}"}}}}"#,
            test_terminals::A_MERCHANT_SAFE_ID,
            test_terminals::A_TERMINAL_SAFE_ID,
            tahsildar_akbank::sign::random_number(),
            order_id()
        )
    };
    let send = |body: String| {
        let c = c.clone();
        async move {
            c.post(
                "/transaction/process",
                zeroize::Zeroizing::new(body.into_bytes()),
            )
            .await
        }
    };
    let now = tahsildar_akbank::sign::request_date_time();
    let before = h.ledger().len();
    for amount in [
        r#"{"amount":"1.1","currencyCode":949}"#,
        r#"{"amount":1.10,"currencyCode":949}"#,
        r#"{"amount":"1,10","currencyCode":949}"#,
    ] {
        match send(raw(amount, &now)).await {
            tahsildar_akbank::Exchange::Failure(tahsildar_akbank::Failure::Rejected(e)) => {
                assert_eq!(
                    (e.http_status, e.code.as_str()),
                    (400, "VPS-3001"),
                    "{amount}"
                );
            }
            other => panic!("{amount}: {other:?}"),
        }
    }
    for date in [
        "2024-04-20 13:48:02.000",
        "2024-04-20T13:48:02",
        "yesterday",
    ] {
        match send(raw(r#"{"amount":"1.10","currencyCode":949}"#, date)).await {
            tahsildar_akbank::Exchange::Body(b) => {
                assert_eq!(TxnReply::parse(&b).unwrap().response_code, "VPS-1073")
            }
            other => panic!("{date}: {other:?}"),
        }
    }
    match send("not json".into()).await {
        tahsildar_akbank::Exchange::Failure(tahsildar_akbank::Failure::Rejected(e)) => {
            assert_eq!(e.http_status, 400)
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(h.ledger().len(), before, "refused requests book nothing");
    assert!(
        h.ledger()
            .iter()
            .all(|e| e.status != EntryStatus::Approved || e.response_code == "VPS-0000")
    );
}

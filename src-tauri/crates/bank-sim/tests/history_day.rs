//! A day's history report lets a client match every row to its own orders: sales, declines,
//! voids, pre-auths with their captures and refunds (by `orgOrderId`), refusals before the
//! issuer and host reversals, each on the Istanbul day of its `txnDateTime`.

mod common;

use std::collections::BTreeSet;

use common::*;
use serde_json::json;
use tahsildar_akbank::{
    Currency, HistoryOutcome, HistoryQuery, Money, OrderTarget, Outcome, PostAuthRequest,
};
use tahsildar_bank_sim::Faults;
use tahsildar_bank_sim::cards::NOT_ONUS;

fn money(minor: i64) -> Option<Money> {
    Some(Money::new(minor, Currency::Try))
}

fn ok(o: Outcome) {
    assert!(matches!(o, Outcome::Approved(_)), "{o:?}");
}

#[tokio::test]
async fn a_day_s_report_matches_every_row_to_an_order_on_its_istanbul_day() {
    let day = jiff::civil::date(2031, 6, 14);
    let clock = TestClock::at(day.at(23, 59, 50, 0));
    let h = sim_at(&clock, Faults::NONE).await;
    let c = client(&h);
    let [a, b, v, p, n, t, held, e] = std::array::from_fn(|_| order_id());

    ok(c.sale(&sale_req(&a, APPROVE, 1010, 1)).await);
    ok(c.refund(OrderTarget::OrderId(a.clone()), money(300)).await);
    declined(&c.sale(&sale_req(&b, DECLINE_05, 2020, 1)).await);
    ok(c.sale(&sale_req(&v, APPROVE, 3030, 1)).await);
    ok(c.pre_auth(&sale_req(&p, APPROVE, 3000, 3)).await);
    ok(c.post_auth(&PostAuthRequest {
        order_id: p.clone(),
        amount: Money::new(2000, Currency::Try),
        customer_ip: "127.0.0.1".into(),
    })
    .await);
    ok(c.refund(OrderTarget::OrderId(p.clone()), money(500)).await);
    declined(&c.sale(&sale_req(&n, NOT_ONUS, 4040, 3)).await);
    h.set_faults(Faults {
        technical_reversal_after_booking: 1.0,
        ..Faults::NONE
    });
    c.sale(&sale_req(&t, APPROVE, 5050, 1)).await;
    h.set_faults(Faults {
        hold_without_record: 1.0,
        ..Faults::NONE
    });
    c.sale(&sale_req(&held, APPROVE, 6060, 1)).await;
    h.set_faults(Faults::NONE);

    // One second after midnight in Istanbul, still the evening before in UTC.
    let next = day.tomorrow().unwrap();
    clock.set(next.at(0, 0, 1, 0));
    assert_eq!(
        clock
            .sim_clock()
            .now()
            .to_zoned_datetime(jiff::tz::TimeZone::UTC)
            .date(),
        day
    );
    ok(c.void(OrderTarget::OrderId(v.clone())).await);
    ok(c.sale(&sale_req(&e, APPROVE, 7070, 1)).await);

    let rows = day_rows(&c, day).await;
    let seen: BTreeSet<(String, String, String)> = rows
        .iter()
        .map(|r| {
            let org = r["orgOrderId"].as_str().unwrap().to_string();
            let mine = [&a, &b, &v, &p, &n, &t]
                .iter()
                .position(|x| **x == org)
                .map(|i| ["a", "b", "v", "p", "n", "t"][i])
                .unwrap_or_else(|| panic!("a row matches none of our orders: {r}"));
            (
                mine.to_string(),
                r["txnCode"].as_str().unwrap().to_string(),
                r["txnStatus"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let expected: BTreeSet<(String, String, String)> = [
        ("a", "1000", "Başarılı"),
        ("a", "1002", "Başarılı"),
        ("b", "1000", "Başarısız"),
        ("v", "1000", "İptal"),
        ("p", "1004", "Başarılı"),
        ("p", "1005", "Başarılı"),
        ("p", "1002", "Başarılı"),
        ("n", "1000", "Başarısız"),
        ("t", "1000", "Teknik İptal"),
    ]
    .into_iter()
    .map(|(x, y, z)| (x.into(), y.into(), z.into()))
    .collect();
    assert_eq!(seen, expected);
    assert_eq!(
        rows.len(),
        9,
        "no row for the void, the held id or the next day"
    );
    // Originals carry the merchant's id; follow-ups the bank's, with orgOrderId.
    for r in &rows {
        let original = matches!(r["txnCode"].as_str(), Some("1000" | "1004"));
        assert_eq!(original, r["orderId"] == r["orgOrderId"], "{r}");
        assert_eq!(r["txnDateTime"].as_str().unwrap()[..10], day.to_string());
    }
    let pre = rows_of(&rows, &p)
        .into_iter()
        .find(|r| r["txnCode"] == "1004")
        .unwrap();
    assert_eq!(pre["preAuthCloseAmount"], json!(20));
    assert!(pre["preAuthCloseDate"].is_string());
    assert_eq!(rows_of(&rows, &v)[0]["responseCode"], "VPS-0000");
    assert!(rows_of(&rows, &t)[0].get("responseCode").is_none());

    // The next day holds only its own sale: the void flipped the earlier day's row.
    let later = day_rows(&c, next).await;
    assert_eq!(later.len(), 1, "{later:?}");
    assert_eq!(later[0]["orderId"], e.as_str());

    // By batch: one per Istanbul day; refusals before the issuer are in batch 0.
    let batch = rows_of(&rows, &a)[0]["batchNumber"].as_u64().unwrap();
    let by_batch = report_rows(&c, json!({"batchNumber": batch})).await;
    assert_eq!(by_batch.len(), 8);
    assert!(rows_of(&by_batch, &n).is_empty());
    assert_eq!(later[0]["batchNumber"].as_u64(), Some(batch + 1));

    // The client's report reader agrees.
    let HistoryOutcome::Report(r) = c
        .history(&HistoryQuery::Range {
            start: day.at(0, 0, 0, 0),
            end: day.at(23, 59, 59, 999_000_000),
        })
        .await
    else {
        panic!()
    };
    assert_eq!(r.rows.len(), 9);
    let status = |id: &str| {
        r.rows
            .iter()
            .find(|x| x.order_id.as_deref() == Some(id))
            .and_then(|x| x.txn_status.clone())
    };
    assert_eq!(status(&v).as_deref(), Some("İptal"));
    assert_eq!(status(&t).as_deref(), Some("Teknik İptal"));
    assert_eq!(status(&held), None);
}

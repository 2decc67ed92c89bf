//! A simulator restarted on the same ledger file still knows old orders.

mod common;

use common::*;
use tahsildar_akbank::{InquiryOutcome, OrderRef, OrderTarget, Outcome};
use tahsildar_bank_sim::{EntryStatus, SimConfig, Simulator};

#[tokio::test]
async fn ledger_survives_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ledger.jsonl");
    let config = SimConfig {
        ledger_path: Some(path.clone()),
        ..SimConfig::default()
    };
    let id = order_id();
    let declined = order_id();
    {
        let h = Simulator::start(config.clone()).await.unwrap();
        let c = client(&h);
        assert!(matches!(
            c.sale(&sale_req(&id, "4355093000315232", 700, 1)).await,
            Outcome::Approved(_)
        ));
        assert!(matches!(
            c.sale(&sale_req(&declined, "4000000000000002", 700, 1))
                .await,
            Outcome::Declined(_)
        ));
        h.shutdown().await;
    }
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        !text.contains("4355093000315232"),
        "the ledger file holds masked numbers only"
    );
    // A line cut short by a kill is ignored.
    std::fs::write(&path, format!("{text}{{\"id\":2,\"termi")).unwrap();
    let h = Simulator::start(config).await.unwrap();
    let c = client(&h);
    assert_eq!(h.ledger().len(), 2);
    assert!(matches!(
        c.inquiry(&OrderRef::OrderId(id.clone())).await,
        InquiryOutcome::Found(_)
    ));
    let o = c
        .sale(&sale_req(&declined, "4355093000315232", 700, 1))
        .await;
    assert!(matches!(o, Outcome::Declined(ref r) if r.is_duplicate_order()));
    assert!(matches!(
        c.void(OrderTarget::OrderId(id.clone())).await,
        Outcome::Approved(_)
    ));
    h.shutdown().await;
    let h = Simulator::start(SimConfig {
        ledger_path: Some(path),
        ..SimConfig::default()
    })
    .await
    .unwrap();
    assert_eq!(entries_for(&h.ledger(), &id)[0].status, EntryStatus::Voided);
}

//! Imported payments against the simulator, and batches: listing, filtering, cancelling.

use tahsildar_core::import;
use tahsildar_core::payments::{self, PaymentStatus, page::PaymentQuery};
use tahsildar_core::{Error, audit_log};

use crate::files::{csv, dry_run, fixture};
use crate::invariants;
use crate::report::HEADER;
use crate::world::{Vaulted, World};

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap()
}

pub fn imported_payments_are_charged_and_cancel_leaves_paid_ones() {
    runtime().block_on(async {
        let w = World::new().await;
        let v = &w.v;
        let tmp = tempfile::tempdir().unwrap();
        let path = csv(
            tmp.path(),
            "aralik.csv",
            HEADER,
            &[
                "B-1,Ayşe Yılmaz,4355093000315232,12/30,100.00,,,,",
                "B-2,Ömer Çelik,5218076007402834,05/29,200.00,3,,,",
                "B-3,İsmail Işık,4355093000315232,12/30,300.00,,10.12.2026,,",
                "B-4,Şule Öztürk,5218076007402834,05/29,400.00,,,aylık,3",
                "B-5,Çağrı Ünal,4000000000009995,12/30,500.00,,,,",
            ],
        );
        let prepared = dry_run(&v.admin, v.store_id, &path);
        assert_eq!(prepared.report.ok, 5);
        let batch = import::commit(&v.admin, &prepared).unwrap();
        assert_eq!(batch.payments, 7);
        let engine = w.engine();
        let summary = engine.run(None).await.unwrap();
        // Due today: B-1, B-2 (3 installments), B-4's first, B-5 (declined, soft).
        assert_eq!((summary.payments, summary.approved), (4, 3));
        let list = |status: &str| -> Vec<(String, String)> {
            payments::page::all(
                &v.admin,
                &PaymentQuery {
                    batch_id: Some(batch.id),
                    statuses: vec![PaymentStatus::parse(status).unwrap()],
                    ..PaymentQuery::default()
                },
            )
            .unwrap()
            .into_iter()
            .map(|p| (p.customer_ref, p.due_date))
            .collect()
        };
        assert_eq!(list("paid").len(), 3);
        assert_eq!(
            list("retry_wait"),
            [("B-5".to_string(), "2026-11-27".to_string())]
        );
        let charged = |ledger: &[tahsildar_bank_sim::LedgerEntry]| {
            let mut c: Vec<(i64, u32)> = ledger
                .iter()
                .filter(|l| l.status == tahsildar_bank_sim::EntryStatus::Approved)
                .map(|l| (l.amount_minor, l.install_count))
                .collect();
            c.sort();
            c
        };
        assert_eq!(
            charged(&w.sim.ledger()),
            [(10_000, 1), (20_000, 3), (40_000, 1)]
        );

        // Cancel: B-3 and B-4's two later payments stop; paid ones and B-5's retry stay.
        let cancel = import::batches::cancel(&v.admin, batch.id).unwrap();
        assert_eq!((cancel.cancelled, cancel.kept), (3, 4));
        assert_eq!(list("paid").len(), 3);
        assert_eq!(list("cancelled").len(), 3);
        assert_eq!(list("retry_wait").len(), 1);
        let info = import::batches::get(&v.admin, batch.id).unwrap();
        assert!(info.cancelled_at.is_some());
        assert_eq!((info.payments_paid, info.payments_pending), (3, 0));
        let err = import::batches::cancel(&v.admin, batch.id).unwrap_err();
        assert!(matches!(err, Error::WrongState { .. }), "{err:?}");
        // A later run charges nothing of the cancelled payments.
        drop(engine);
        let mut w = w;
        w.v.advance_days(14);
        let engine = w.engine();
        engine.run(None).await.unwrap();
        let ledger = w.sim.ledger();
        // Only B-5's retries (declined again) reached the bank; nothing cancelled was charged.
        assert_eq!(charged(&ledger), [(10_000, 1), (20_000, 3), (40_000, 1)]);
        assert!(ledger.iter().all(|l| l.amount_minor != 30_000));
        invariants::check(&w.v.vault, &ledger, true);
        let entries = audit_log::recent(&w.v.admin, 500, None).unwrap();
        assert_eq!(
            entries
                .iter()
                .filter(|e| e.action == "import.commit")
                .count(),
            1
        );
        assert_eq!(
            entries
                .iter()
                .filter(|e| e.action == "import.cancel")
                .count(),
            1
        );
        audit_log::verify(&w.v.admin).unwrap();
    });
}

pub fn batches_are_listed_and_filtered() {
    let v = Vaulted::new();
    let first = import::commit(
        &v.admin,
        &dry_run(&v.admin, v.store_id, &fixture("cp1254.csv")),
    )
    .unwrap();
    let second = import::commit(
        &v.admin,
        &dry_run(&v.admin, v.store_id, &fixture("odfpy.ods")),
    )
    .unwrap();
    let list = import::batches::list(&v.admin, Some(v.store_id)).unwrap();
    let ids: Vec<i64> = list.iter().map(|b| b.id).collect();
    assert_eq!(ids, [second.id, first.id]);
    assert_eq!(list[0].file_name, "odfpy.ods");
    assert_eq!((list[0].payments, list[0].payments_pending), (16, 16));
    assert_eq!(import::batches::list(&v.admin, None).unwrap().len(), 2);
    let of_second = payments::page::all(
        &v.admin,
        &PaymentQuery {
            batch_id: Some(second.id),
            ..PaymentQuery::default()
        },
    )
    .unwrap();
    assert_eq!(of_second.len(), 16);
    assert!(of_second.iter().all(|p| p.customer_ref.starts_with("U-")));
    assert!(matches!(
        import::batches::get(&v.admin, 999),
        Err(Error::NotFound { what: "batch", .. })
    ));
}

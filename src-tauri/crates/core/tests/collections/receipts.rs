//! Receipts (dekont) of sales, refunds and voids the simulated bank approved, read back from the
//! PDF with a PDF reader: what they show, that the card number is masked everywhere in the file,
//! a page per receipt, who may have them, and the audit entry of each file saved.

use std::path::Path;

use tahsildar_core::engine::{capture::capture, reversal};
use tahsildar_core::plan::{PlanKind, ProvisionKind};
use tahsildar_core::receipt::{self, ReceiptKind, ReceiptSelection};
use tahsildar_core::{EngineConfig, Error, Lang, audit_log, plan};

use crate::world::{APPROVE, APPROVE_MC, SOFT_51, World};

/// The approved attempt of a payment, with its order id and auth code.
fn approved(w: &World, payment: i64) -> (i64, String, String) {
    w.v.vault
        .db()
        .read(|c| {
            Ok(c.query_row(
                "SELECT id, order_id, auth_code FROM attempts
                 WHERE payment_id = ?1 AND state = 'approved'",
                [payment],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )?)
        })
        .unwrap()
}

/// The PDF's text, page by page, as a PDF reader extracts it, each run of white space (a
/// line's end, a value wrapped over two lines) as one space.
fn pages(path: &Path) -> Vec<String> {
    let doc = lopdf::Document::load(path).unwrap();
    let numbers: Vec<u32> = doc.get_pages().keys().copied().collect();
    numbers
        .iter()
        .map(|n| {
            let text = doc.extract_text(&[*n]).unwrap();
            text.split_whitespace().collect::<Vec<_>>().join(" ")
        })
        .collect()
}

fn save(w: &World, selection: &ReceiptSelection, lang: Lang, path: &Path) -> i64 {
    receipt::save(&w.v.admin, selection, lang, path)
        .unwrap()
        .receipts
}

/// A sale of 1.234,50 TL to "D-12" on the approving card; returns (payment, attempt).
async fn a_sale(w: &World) -> (i64, i64) {
    let customer = w.v.customer("D-12", &[APPROVE]);
    let payment = w.v.one_off(customer, 123_450);
    w.engine().run(None).await.unwrap();
    (payment, approved(w, payment).0)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sale_receipt_shows_the_masked_card_the_amount_in_words_and_the_bank_references() {
    let w = World::new().await;
    let (payment, attempt) = a_sale(&w).await;
    let (_, order_id, auth_code) = approved(&w, payment);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("dekont.pdf");
    let selection = ReceiptSelection::Attempt {
        attempt_id: attempt,
        kind: None,
    };
    assert_eq!(save(&w, &selection, Lang::Tr, &path), 1);

    let bytes = std::fs::read(&path).unwrap();
    assert!(bytes.starts_with(b"%PDF"));
    assert!(
        !bytes
            .windows(APPROVE.len())
            .any(|w| w == APPROVE.as_bytes()),
        "the full card number is nowhere in the file"
    );
    let text = pages(&path);
    assert_eq!(text.len(), 1, "one page: {text:?}");
    let page = &text[0];
    for shown in [
        "435509******5232",
        "Visa",
        "1.234,50 ₺",
        "bin iki yüz otuz dört Türk lirası elli kuruş",
        "Mail Order",
        "Kart sahibinin talimatı ile",
        "Dekont — Satış",
        "Tek çekim",
        "Customer D-12",
        "Sandbox",
        "27.11.2026 10:00",
        order_id.as_str(),
        auth_code.as_str(),
    ] {
        assert!(page.contains(shown), "{shown:?} on the receipt: {page}");
    }
    assert!(!page.contains(APPROVE), "{page}");

    // What the page was made from.
    let found = receipt::receipts(&w.v.admin, &selection).unwrap();
    let r = &found[0];
    assert_eq!(
        (r.kind, r.payment_id, r.amount_minor, r.currency.as_str()),
        (ReceiptKind::Sale, payment, 123_450, "TRY")
    );
    assert_eq!(r.auth_code.as_deref(), Some(auth_code.as_str()));
    assert!(r.rrn.is_some(), "{r:?}");
    let batch = r
        .batch_number
        .clone()
        .expect("the bank's batch number is kept");
    assert!(
        page.contains(&format!("Batch no {batch}")),
        "batch {batch} on the receipt: {page}"
    );

    // The same receipt in English keeps the amount in Turkish words.
    let english = dir.path().join("receipt.pdf");
    save(&w, &selection, Lang::En, &english);
    let page = &pages(&english)[0];
    assert!(page.contains("Receipt — Sale"), "{page}");
    assert!(page.contains("1,234.50 ₺"), "{page}");
    assert!(page.contains("Single payment"), "{page}");
    assert!(page.contains("bin iki yüz otuz dört"), "{page}");

    // Each file saved is audited, with what it held.
    let entries = audit_log::recent(&w.v.admin, 50, None).unwrap();
    let saved: Vec<_> = entries
        .iter()
        .filter(|e| e.action == "receipt.save")
        .collect();
    assert_eq!(saved.len(), 2);
    assert_eq!(saved[0].object, format!("attempt:{attempt}"));
    assert!(
        saved[0]
            .detail
            .contains(&format!("\"attempts\":[{attempt}]")),
        "{}",
        saved[0].detail
    );
    assert!(entries.iter().all(|e| !e.detail.contains(APPROVE)));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_captured_pre_authorisation_has_the_receipt_of_a_sale_for_what_was_captured() {
    let w = World::new().await;
    let customer = w.v.customer("D-14", &[APPROVE]);
    let payment =
        w.v.plan_as(customer, 10_000, PlanKind::OneOff, ProvisionKind::PreAuth);
    w.engine().run(None).await.unwrap();
    let (attempt, _, auth_code) = approved(&w, payment);
    let selection = ReceiptSelection::Payment {
        payment_id: payment,
        kind: None,
    };
    // A hold takes no money: no receipt yet.
    let e = receipt::receipts(&w.v.admin, &selection).unwrap_err();
    assert!(matches!(e, Error::WrongState { .. }), "{e:?}");

    capture(
        &w.v.admin,
        &w.bank(),
        &EngineConfig::fast(),
        attempt,
        Some(7_000),
    )
    .await
    .unwrap();
    let found = receipt::receipts(&w.v.admin, &selection).unwrap();
    assert_eq!(found.len(), 1, "{found:?}");
    let r = &found[0];
    assert_eq!(
        (r.kind, r.attempt_id, r.amount_minor),
        (ReceiptKind::Sale, attempt, 7_000)
    );
    assert_eq!(r.auth_code.as_deref(), Some(auth_code.as_str()));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("dekont.pdf");
    assert_eq!(save(&w, &selection, Lang::Tr, &path), 1);
    let page = &pages(&path)[0];
    for shown in [
        "Dekont — Satış",
        "70,00 ₺",
        "yetmiş Türk lirası",
        auth_code.as_str(),
    ] {
        assert!(page.contains(shown), "{shown:?} on the receipt: {page}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn refunds_and_voids_have_their_own_receipts() {
    let w = World::new().await;
    let (payment, attempt) = a_sale(&w).await;
    let cfg = EngineConfig::fast();
    reversal::refund(&w.v.admin, &w.bank(), &cfg, attempt, Some(50_000))
        .await
        .unwrap();
    let dir = tempfile::tempdir().unwrap();

    let refund = dir.path().join("iade.pdf");
    let only_refunds = ReceiptSelection::Attempt {
        attempt_id: attempt,
        kind: Some(ReceiptKind::Refund),
    };
    assert_eq!(save(&w, &only_refunds, Lang::Tr, &refund), 1);
    let page = &pages(&refund)[0];
    for shown in [
        "Dekont — İade",
        "500,00 ₺",
        "beş yüz Türk lirası",
        "435509******5232",
    ] {
        assert!(page.contains(shown), "{shown:?} on the refund: {page}");
    }
    let both = receipt::receipts(
        &w.v.admin,
        &ReceiptSelection::Payment {
            payment_id: payment,
            kind: None,
        },
    )
    .unwrap();
    assert_eq!(
        both.iter()
            .map(|r| (r.kind, r.amount_minor))
            .collect::<Vec<_>>(),
        vec![(ReceiptKind::Sale, 123_450), (ReceiptKind::Refund, 50_000)]
    );
    assert!(both[1].follow_up_id.is_some());

    // A void of another sale.
    let other = w.v.customer("V-1", &[APPROVE_MC]);
    let voided = w.v.one_off(other, 2_000);
    w.engine().run(None).await.unwrap();
    let (voided_attempt, ..) = approved(&w, voided);
    reversal::void(&w.v.admin, &w.bank(), &cfg, voided_attempt)
        .await
        .unwrap();
    let void = dir.path().join("iptal.pdf");
    let selection = ReceiptSelection::Payment {
        payment_id: voided,
        kind: Some(ReceiptKind::Void),
    };
    assert_eq!(save(&w, &selection, Lang::Tr, &void), 1);
    let page = &pages(&void)[0];
    for shown in [
        "Dekont — İptal",
        "20,00 ₺",
        "yirmi Türk lirası",
        "521807******2834",
    ] {
        assert!(page.contains(shown), "{shown:?} on the void: {page}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_batch_or_a_range_of_days_is_one_file_with_a_page_per_receipt() {
    let mut w = World::new().await;
    let ids: Vec<i64> = [("B-1", APPROVE, 10_000), ("B-2", APPROVE_MC, 20_000)]
        .iter()
        .chain(&[("B-3", SOFT_51, 30_000), ("B-4", APPROVE, 40_000)])
        .map(|(reference, pan, minor)| {
            let customer = w.v.customer(reference, &[pan]);
            w.v.one_off(customer, *minor)
        })
        .collect();
    // Three of them came in one import batch (the batch row as an import writes it).
    let admin_id = w.v.admin.user_id();
    let store = w.v.store_id;
    let batch: i64 =
        w.v.vault
            .db()
            .write(|c| {
                c.execute(
                    "INSERT INTO import_batches (store_id, file_name, content_hash, rows_total,
                     rows_imported, rows_rejected, rows_warned, created_by, created_at)
                 VALUES (?1, 'aralik.xlsx', ?2, 3, 3, 0, 0, ?3, '2026-11-27T06:00:00Z')",
                    rusqlite::params![store, "0".repeat(64), admin_id],
                )?;
                let batch = c.last_insert_rowid();
                for id in &ids[..3] {
                    c.execute(
                        "UPDATE payments SET batch_id = ?1 WHERE id = ?2",
                        [batch, *id],
                    )?;
                }
                Ok(batch)
            })
            .unwrap();
    w.engine().run(None).await.unwrap();
    let dir = tempfile::tempdir().unwrap();

    // B-3 was declined: two receipts of the batch's three payments.
    let file = dir.path().join("parti.pdf");
    assert_eq!(
        save(
            &w,
            &ReceiptSelection::Batch { batch_id: batch },
            Lang::Tr,
            &file
        ),
        2
    );
    let text = pages(&file);
    assert_eq!(text.len(), 2);
    // In the order the bank answered (the engine sends them side by side).
    let b1 = text
        .iter()
        .position(|p| p.contains("Customer B-1"))
        .unwrap();
    assert!(text[b1].contains("100,00 ₺"), "{}", text[b1]);
    assert!(text[1 - b1].contains("Customer B-2") && text[1 - b1].contains("200,00 ₺"));
    assert!(text[1].contains("sayfa 2/2"), "{}", text[1]);
    assert!(
        text.iter()
            .all(|p| !p.contains("B-3") && !p.contains("B-4"))
    );

    // Today's: all three sales; a refund tomorrow is tomorrow's.
    let today = plan::today(w.v.clock.as_ref());
    let (b4, ..) = approved(&w, ids[3]);
    w.v.advance_days(1);
    reversal::refund(&w.v.admin, &w.bank(), &EngineConfig::fast(), b4, None)
        .await
        .unwrap();
    let tomorrow = plan::today(w.v.clock.as_ref());
    let day = |from, to| ReceiptSelection::Period {
        store_id: None,
        from,
        to,
    };
    let file = dir.path().join("gunler.pdf");
    assert_eq!(save(&w, &day(today, today), Lang::Tr, &file), 3);
    assert_eq!(pages(&file).len(), 3);
    let both = receipt::receipts(&w.v.admin, &day(today, tomorrow)).unwrap();
    assert_eq!(
        both.iter().map(|r| r.kind).collect::<Vec<_>>(),
        vec![
            ReceiptKind::Sale,
            ReceiptKind::Sale,
            ReceiptKind::Sale,
            ReceiptKind::Refund
        ]
    );
    let later = receipt::receipts(&w.v.admin, &day(tomorrow, tomorrow)).unwrap();
    assert_eq!(later.len(), 1);
    assert_eq!(later[0].amount_minor, 40_000);

    let nothing = receipt::receipts(
        &w.v.admin,
        &day(today.yesterday().unwrap(), today.yesterday().unwrap()),
    )
    .unwrap_err();
    assert!(
        matches!(nothing, Error::InvalidInput { field: "from", .. }),
        "{nothing:?}"
    );
    let backwards = receipt::receipts(&w.v.admin, &day(tomorrow, today)).unwrap_err();
    assert!(matches!(backwards, Error::InvalidInput { .. }));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_payment_without_an_approved_charge_has_no_receipt_and_a_user_sees_their_stores_only() {
    let w = World::new().await;
    let (_, attempt) = a_sale(&w).await;
    let declined_customer = w.v.customer("R-1", &[SOFT_51]);
    let declined = w.v.one_off(declined_customer, 5_000);
    w.engine().run(None).await.unwrap();
    let refused = receipt::receipts(
        &w.v.admin,
        &ReceiptSelection::Payment {
            payment_id: declined,
            kind: None,
        },
    )
    .unwrap_err();
    assert_eq!(refused.code(), "wrong_state");
    let tr = refused.message(Lang::Tr);
    assert!(
        tr.contains(&declined.to_string()) && tr.contains("dekont"),
        "{tr}"
    );
    assert!(
        refused.message(Lang::En).contains("no approved sale"),
        "{refused}"
    );
    let no_refund = receipt::receipts(
        &w.v.admin,
        &ReceiptSelection::Attempt {
            attempt_id: attempt,
            kind: Some(ReceiptKind::Refund),
        },
    )
    .unwrap_err();
    assert!(
        no_refund.message(Lang::Tr).contains(&format!("{attempt}")),
        "{no_refund:?}"
    );

    // A viewer of another store.
    let (_, viewer) = w.v.branch_viewer();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("yasak.pdf");
    let denied = receipt::save(
        &viewer,
        &ReceiptSelection::Attempt {
            attempt_id: attempt,
            kind: None,
        },
        Lang::Tr,
        &path,
    )
    .unwrap_err();
    assert!(
        matches!(
            denied,
            Error::PermissionDenied {
                permission: "view_reports",
                ..
            }
        ),
        "{denied:?}"
    );
    assert!(!path.exists(), "nothing written");
    let today = plan::today(w.v.clock.as_ref());
    let other_store = receipt::receipts(
        &viewer,
        &ReceiptSelection::Period {
            store_id: Some(w.v.store_id),
            from: today,
            to: today,
        },
    )
    .unwrap_err();
    assert!(matches!(other_store, Error::PermissionDenied { .. }));
    // Over every store they may see: the branch's, which has none.
    let theirs = receipt::receipts(
        &viewer,
        &ReceiptSelection::Period {
            store_id: None,
            from: today,
            to: today,
        },
    )
    .unwrap_err();
    assert!(matches!(theirs, Error::InvalidInput { .. }), "{theirs:?}");
    let entries = audit_log::recent(&w.v.admin, 50, None).unwrap();
    assert!(entries.iter().all(|e| e.action != "receipt.save"));
}

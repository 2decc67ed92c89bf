//! Commits: what is stored, the same file again, existing customers, all or nothing.

use tahsildar_core::import::{self, RowStatus};
use tahsildar_core::payments::{self, PaymentStatus, page::PaymentQuery};
use tahsildar_core::plan::{self, NewPlan, PlanKind};
use tahsildar_core::{Currency, Error, audit_log};

use crate::files::{counts, csv, dry_run, fixture};
use crate::report::HEADER;
use crate::world::{APPROVE, APPROVE_MC, Vaulted};

pub fn a_commit_stores_customers_cards_plans_and_one_audit_entry() {
    let v = Vaulted::new();
    let before = counts(&v.admin);
    let prepared = dry_run(&v.admin, v.store_id, &fixture("cp1254.csv"));
    let batch = import::commit(&v.admin, &prepared).unwrap();
    assert_eq!(batch.file_name, "cp1254.csv");
    assert_eq!(batch.content_hash, prepared.report.content_hash);
    assert_eq!(
        (
            batch.rows_total,
            batch.rows_imported,
            batch.rows_rejected,
            batch.customers_added
        ),
        (3, 3, 0, 3)
    );
    assert_eq!(
        (batch.plans, batch.payments, batch.payments_pending),
        (3, 3, 3)
    );
    assert_eq!(batch.created_by, "admin");
    let after = counts(&v.admin);
    assert_eq!(
        [
            after[0] - before[0],
            after[1] - before[1],
            after[2] - before[2],
            after[3] - before[3]
        ],
        [3, 3, 3, 3]
    );
    assert_eq!(
        (after[4], after[5] - before[5]),
        (1, 1),
        "one batch, one audit entry"
    );
    // The payments carry the batch and the row's card; the cards are sealed, shown masked.
    let rows = payments::page::all(
        &v.admin,
        &PaymentQuery {
            batch_id: Some(batch.id),
            ..PaymentQuery::default()
        },
    )
    .unwrap();
    assert_eq!(rows.len(), 3);
    let mut amounts: Vec<i64> = rows.iter().map(|r| r.amount_minor).collect();
    amounts.sort();
    assert_eq!(amounts, [9_990, 123_400, 123_456]);
    assert!(
        rows.iter()
            .all(|r| r.due_date == "2026-11-27" && r.status == PaymentStatus::Scheduled)
    );
    let masked: Vec<&str> = rows
        .iter()
        .map(|r| r.masked_pan.as_deref().unwrap())
        .collect();
    assert!(masked.contains(&"521807******2834"));
    let (card_ids, sealed_ok): (i64, bool) = v
        .vault
        .db()
        .read(|c| {
            Ok((
                c.query_row(
                    "SELECT count(*) FROM payments p JOIN cards k ON k.id = p.card_id
                     JOIN plans pl ON pl.id = p.plan_id AND pl.customer_id = k.customer_id
                     WHERE p.batch_id = ?1 AND pl.batch_id = ?1",
                    [batch.id],
                    |r| r.get(0),
                )?,
                c.query_row(
                    "SELECT count(*) = 0 FROM cards WHERE length(pan_sealed) < 40 OR instr(pan_sealed, '4355093000315232') > 0",
                    [],
                    |r| r.get(0),
                )?,
            ))
        })
        .unwrap();
    assert_eq!(card_ids, 3);
    assert!(sealed_ok);
    let entry = &audit_log::recent(&v.admin, 1, None).unwrap()[0];
    assert_eq!(entry.action, "import.commit");
    assert_eq!(entry.object, format!("batch:{}", batch.id));
    assert!(!entry.detail.to_string().contains("4355093000315232"));
    assert!(audit_log::verify(&v.admin).is_ok());
}

pub fn the_same_file_again_repeats_nothing() {
    let v = Vaulted::new();
    let first = dry_run(&v.admin, v.store_id, &fixture("cp1254.csv"));
    let batch = import::commit(&v.admin, &first).unwrap();
    let stored = counts(&v.admin);
    // A second click on the same dry run.
    let err = import::commit(&v.admin, &first).unwrap_err();
    assert!(
        matches!(err, Error::ImportAlreadyCommitted(id) if id == batch.id),
        "{err:?}"
    );
    // The same file again: a warning naming the batch, every row an error.
    let again = dry_run(&v.admin, v.store_id, &fixture("cp1254.csv"));
    let r = &again.report;
    assert_eq!(r.same_file_batch, Some(batch.id));
    assert!(
        r.problems
            .iter()
            .any(|p| p.row.is_none() && p.code == "file_already_imported")
    );
    assert_eq!((r.ok, r.warnings, r.errors), (0, 0, 3));
    assert!(
        r.row_summaries
            .iter()
            .all(|s| s.status == RowStatus::Error && s.existing_customer)
    );
    assert!(
        r.problems
            .iter()
            .filter(|p| p.code == "plan_already_stored")
            .count()
            == 3
    );
    assert!(matches!(
        import::commit(&v.admin, &again),
        Err(Error::ImportNothingToCommit)
    ));
    assert_eq!(counts(&v.admin), stored);
    // Once the batch is cancelled, the file may come in again.
    let summary = import::batches::cancel(&v.admin, batch.id).unwrap();
    assert_eq!((summary.cancelled, summary.kept), (3, 0));
    let third = dry_run(&v.admin, v.store_id, &fixture("cp1254.csv"));
    assert_eq!((third.report.ok, third.report.errors), (3, 0));
    assert_eq!(third.report.same_file_batch, None);
}

pub fn existing_customers_are_matched_by_reference() {
    let v = Vaulted::new();
    let c = v.customer("1001", &[APPROVE_MC]);
    let other = v.customer("1002", &[APPROVE_MC]);
    let prepared = dry_run(&v.admin, v.store_id, &fixture("cp1254.csv"));
    let r = &prepared.report;
    // Stored as "Customer 1001", the file says "Ayşe Yılmaz": the stored name is kept.
    assert!(r.problems_of(2).any(|p| p.code == "customer_name_differs"));
    assert_eq!(r.new_customers, 1);
    assert!(r.row_summaries[0].existing_customer && !r.row_summaries[2].existing_customer);
    let batch = import::commit(&v.admin, &prepared).unwrap();
    assert_eq!(batch.customers_added, 1);
    let customer = tahsildar_core::customer::get(&v.admin, c).unwrap();
    assert_eq!(customer.name, "Customer 1001");
    let masked: Vec<(&str, i64)> = customer
        .cards
        .iter()
        .map(|k| (k.masked_pan.as_str(), k.position))
        .collect();
    assert_eq!(masked, [("521807******2834", 0), ("435509******5232", 1)]);
    // 1002 already had this very card: no second card row.
    assert_eq!(
        tahsildar_core::customer::get(&v.admin, other)
            .unwrap()
            .cards
            .len(),
        1
    );
    // The imported payment of 1001 uses the card of its row, not the primary one.
    let rows = payments::page::all(
        &v.admin,
        &PaymentQuery {
            batch_id: Some(batch.id),
            ..PaymentQuery::default()
        },
    )
    .unwrap();
    let row_1001 = rows.iter().find(|p| p.customer_ref == "1001").unwrap();
    assert_eq!(row_1001.masked_pan.as_deref(), Some("435509******5232"));
}

pub fn a_failure_mid_commit_leaves_nothing() {
    let v = Vaulted::new();
    let tmp = tempfile::tempdir().unwrap();
    let path = csv(
        tmp.path(),
        "fail.csv",
        HEADER,
        &[
            "F-1,Ayşe Yılmaz,4355093000315232,12/30,100.00,,,,",
            "F-2,Ömer Çelik,5218076007402834,05/29,200.00,,,aylık,6",
            "F-3,İsmail Işık,4355093000315232,12/30,300.00,3,,,",
            "F-4,Şule Öztürk,5218076007402834,05/29,777.77,,,,",
            "F-5,Çağrı Ünal,4355093000315232,12/30,500.00,,,,",
        ],
    );
    let prepared = dry_run(&v.admin, v.store_id, &path);
    assert_eq!(prepared.report.ok, 5);
    let before = counts(&v.admin);
    // The database refuses the fourth row's payment: customers, cards and plans of the rows
    // before it are already written in the transaction when this happens.
    v.vault
        .db()
        .write(|tx| {
            tx.execute_batch(
                "CREATE TRIGGER refuse_one BEFORE INSERT ON payments WHEN NEW.amount_minor = 77777
                 BEGIN SELECT RAISE(ABORT, 'refused for the test'); END;",
            )?;
            Ok(())
        })
        .unwrap();
    let err = import::commit(&v.admin, &prepared).unwrap_err();
    assert!(matches!(err, Error::Database(_)), "{err:?}");
    assert_eq!(counts(&v.admin), before, "nothing half-written");
    assert!(v.vault.db().integrity_ok().unwrap());
    assert!(audit_log::verify(&v.admin).is_ok());
    v.vault
        .db()
        .write(|tx| {
            tx.execute_batch("DROP TRIGGER refuse_one")?;
            Ok(())
        })
        .unwrap();
    let batch = import::commit(&v.admin, &prepared).unwrap();
    assert_eq!((batch.plans, batch.payments), (5, 10));
    let after = counts(&v.admin);
    assert_eq!([after[0], after[2], after[3], after[4]], [5, 5, 10, 1]);
}

pub fn a_plan_stored_after_the_dry_run_stops_the_commit() {
    let v = Vaulted::new();
    let prepared = dry_run(&v.admin, v.store_id, &fixture("cp1254.csv"));
    // Meanwhile someone enters row 2's collection by hand.
    let c = v.customer("1002", &[APPROVE]);
    plan::create(
        &v.admin,
        &NewPlan {
            customer_id: c,
            amount_minor: 123_400,
            currency: Currency::Try,
            start: plan::today(v.clock.as_ref()),
            kind: PlanKind::OneOff,
            description: None,
        },
    )
    .unwrap();
    let before = counts(&v.admin);
    let err = import::commit(&v.admin, &prepared).unwrap_err();
    assert!(
        matches!(&err, Error::ImportStale(d) if d.en().contains("row 3") && d.tr().contains("satır 3")),
        "{err:?}"
    );
    assert!(
        err.message(tahsildar_core::Lang::Tr)
            .contains("deneme raporunu yeniden")
    );
    assert_eq!(counts(&v.admin), before);
}

pub fn an_archived_customer_refuses_its_rows() {
    let v = Vaulted::new();
    let c = v.customer("1001", &[APPROVE_MC]);
    tahsildar_core::customer::archive(&v.admin, c).unwrap();
    let prepared = dry_run(&v.admin, v.store_id, &fixture("cp1254.csv"));
    let r = &prepared.report;
    let archived = r
        .problems_of(2)
        .find(|p| p.code == "customer_archived")
        .expect("row 2 is refused");
    assert!(
        archived
            .message_tr
            .contains("1001 numaralı müşteri arşivde; tahsilat eklenemez"),
        "{}",
        archived.message_tr
    );
    assert_eq!(r.row_summaries[0].status, RowStatus::Error);
    assert_eq!(r.errors, 1);
    let batch = import::commit(&v.admin, &prepared).unwrap();
    assert_eq!(
        tahsildar_core::customer::search::detail(&v.admin, c)
            .unwrap()
            .plans
            .len(),
        0,
        "nothing was added to the archived customer"
    );
    assert!(batch.payments > 0, "the other rows came in");
}

pub fn a_row_gives_its_cards_signed_instruction_never_dated_after_today() {
    let v = Vaulted::new();
    let tmp = tempfile::tempdir().unwrap();
    // Today on the test clock is 27.11.2026.
    let path = csv(
        tmp.path(),
        "talimat.csv",
        &format!("{HEADER},Talimat Tarihi,Talimat No"),
        &[
            "T-1,Ayşe Yılmaz,4355093000315232,12/30,100.00,,,,,20.11.2026,MO-7",
            "T-2,Ömer Çelik,5218076007402834,05/29,200.00,,,,,28.11.2026,MO-8",
            "T-3,İsmail Işık,4355093000315232,12/30,300.00,,,,,,",
        ],
    );
    let prepared = dry_run(&v.admin, v.store_id, &path);
    let r = &prepared.report;
    let future = r
        .problems_of(3)
        .find(|p| p.code == "instruction_date_future")
        .expect("row 3's instruction is dated tomorrow");
    assert!(
        future.message_tr.contains("28.11.2026") && future.message_tr.contains("bugünden sonra"),
        "{}",
        future.message_tr
    );
    assert!(
        future.message_en.contains("cannot be after today"),
        "{}",
        future.message_en
    );
    assert_eq!((r.ok, r.errors), (2, 1));
    import::commit(&v.admin, &prepared).unwrap();
    let card_of = |reference: &str| {
        let id: i64 = v
            .vault
            .db()
            .read(|c| {
                Ok(c.query_row(
                    "SELECT id FROM customers WHERE reference = ?1",
                    [reference],
                    |r| r.get(0),
                )?)
            })
            .unwrap();
        let detail = tahsildar_core::customer::search::detail(&v.admin, id).unwrap();
        let card = &detail.cards[0];
        (card.instruction_date.clone(), card.instruction_ref.clone())
    };
    assert_eq!(
        card_of("T-1"),
        (Some("2026-11-20".to_string()), Some("MO-7".to_string()))
    );
    assert_eq!(card_of("T-3"), (None, None));

    // Manual entry keeps the same rule, naming the field.
    let c = v.customer("T-9", &[]);
    let mut card = crate::world::card("4355093000315232", false);
    card.instruction_date = Some("2026-11-28".parse().unwrap());
    match tahsildar_core::customer::card::add(&v.admin, c, &card) {
        Err(Error::InvalidInput { field, .. }) => assert_eq!(field, "instruction date"),
        other => panic!("a card with tomorrow's instruction was taken: {other:?}"),
    }
}

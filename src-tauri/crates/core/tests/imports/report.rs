//! Dry-run reports: the import crate's fixtures of every format, each rule of manual entry named
//! by row and field, duplicates within the file, progress and the permission.

use secrecy::SecretString;
use tahsildar_core::auth::users;
use tahsildar_core::import::{self, ImportOptions, ImportPhase, RowStatus};
use tahsildar_core::plan::CollectionKind;
use tahsildar_core::{Error, NewUser, Origin, Role, Scope};

use crate::files::{assert_no_pan, csv, dry_run, fixture, row_problems};
use crate::world::Vaulted;

pub const HEADER: &str =
    "Abone No,Ad Soyad,Kart No,Son Kullanma,Tutar,Taksit,Vade Tarihi,Periyot,Ödeme Sayısı";

fn totals(report: &import::ImportReport) -> Vec<(String, String, usize, i64)> {
    report
        .totals
        .iter()
        .map(|t| {
            (
                t.due_date.clone(),
                t.currency.clone(),
                t.payments,
                t.amount_minor,
            )
        })
        .collect()
}

pub fn fixtures_of_every_format() {
    let v = Vaulted::new();
    let s = v.store_id;

    // Windows-1254, `;`, Turkish amounts, no due date: due today (27.11.2026).
    let r = dry_run(&v.admin, s, &fixture("cp1254.csv")).report;
    assert_eq!((r.rows, r.ok, r.warnings, r.errors), (3, 3, 0, 0));
    assert_eq!(r.new_customers, 3);
    assert_eq!(
        totals(&r),
        [(
            "2026-11-27".into(),
            "TRY".into(),
            3,
            123_456 + 123_400 + 9_990
        )]
    );
    assert_eq!(
        r.row_summaries[0].masked_pan.as_deref(),
        Some("435509******5232")
    );
    assert_eq!(r.content_hash.len(), 64);
    assert_eq!(r.file_name, "cp1254.csv");
    assert_no_pan(&r);

    // UTF-8 with BOM: recurring plans in USD (monthly x6) and EUR (every 2 weeks x3).
    let r = dry_run(&v.admin, s, &fixture("utf8_bom.csv")).report;
    assert_eq!((r.rows, r.errors), (2, 0));
    assert_eq!(r.payments, 9);
    let usd: Vec<_> = r.totals.iter().filter(|t| t.currency == "USD").collect();
    assert_eq!(usd.len(), 6);
    assert!(
        usd.iter()
            .all(|t| t.amount_minor == 123_456 && t.payments == 1)
    );
    assert_eq!(usd[1].due_date, "2026-12-27");
    let eur: Vec<&str> = r
        .totals
        .iter()
        .filter(|t| t.currency == "EUR")
        .map(|t| t.due_date.as_str())
        .collect();
    assert_eq!(eur, ["2026-11-27", "2026-12-11", "2026-12-25"]);
    assert!(
        r.row_summaries
            .iter()
            .all(|x| x.kind == Some(CollectionKind::Recurring))
    );

    // OpenDocument: monthly x12 and quarterly x4, from January.
    let r = dry_run(&v.admin, s, &fixture("odfpy.ods")).report;
    assert_eq!((r.rows, r.errors, r.payments), (2, 0, 16));
    assert_eq!(r.totals[0].due_date, "2027-01-05");

    // xlsx written by openpyxl: title rows above the header, date cells.
    let r = dry_run(&v.admin, s, &fixture("openpyxl.xlsx")).report;
    assert!(r.rows >= 2);
    assert_eq!(r.errors, 0);
    assert_eq!(r.payments, r.ok + r.warnings);
    assert!(r.totals.iter().all(|t| t.due_date.starts_with("2026-12-0")));
    assert_no_pan(&r);

    // Legacy xls: a 3-installment sale.
    let r = dry_run(&v.admin, s, &fixture("xlwt.xls")).report;
    assert_eq!((r.rows, r.errors), (2, 0));
    assert_eq!(r.row_summaries[0].kind, Some(CollectionKind::Installment));
    assert_eq!(r.row_summaries[1].kind, Some(CollectionKind::OneOff));

    // A card number saved as a number (its last digit zeroed by Excel); the file has no name
    // column, so its new customers have no name either.
    let r = dry_run(&v.admin, s, &fixture("numeric_pan.xlsx")).report;
    assert_eq!((r.rows, r.ok, r.errors), (2, 0, 2));
    assert!(
        r.problems_of(2)
            .any(|p| p.code == "pan_numeric_cell" && p.column.as_deref() == Some("B"))
    );
    assert!(r.problems_of(3).all(|p| p.code == "name_missing"));
    assert_eq!(r.problems_of(3).count(), 1);
    assert_no_pan(&r);

    // Nothing was stored by any dry run.
    assert_eq!(crate::files::counts(&v.admin)[..5], [0, 0, 0, 0, 0]);
}

pub fn rule_breaks_are_named_by_row_and_field() {
    let v = Vaulted::new();
    let tmp = tempfile::tempdir().unwrap();
    let path = csv(
        tmp.path(),
        "rules.csv",
        HEADER,
        &[
            "R-1,Ali Veli,4355093000315233,12/30,100.00,,,,",
            "R-2,Ali Veli,6011000990139424,12/30,100.00,,,,",
            "R-3,Ali Veli,4355093000315232,10/26,100.00,,,,",
            "R-4,Ali Veli,4355093000315232,12/30,2000000.00,,,,",
            "R-5,Ali Veli,4355093000315232,12/30,100.00,12,,,",
            "R-6,Ali Veli,4355093000315232,12/30,100.00,,01.11.2026,,",
            "R-7,Ali Veli,4355093000315232,12/30,100.00,,,aylık,",
            "R-8,,4355093000315232,12/30,100.00,,,,",
            "R-9,Ali Veli,4355093000315232,12/30,100.00,,,200 gün,3",
            "R-10,Ali Veli,4355093000315232,12/30,100.00,,,,",
        ],
    );
    let prepared = dry_run(&v.admin, v.store_id, &path);
    let r = &prepared.report;
    assert_eq!((r.rows, r.ok, r.warnings, r.errors), (10, 1, 0, 9));
    let expected = [
        (2, "pan", "card_invalid"),
        (3, "pan", "card_brand_unsupported"),
        (4, "expiry", "card_expired"),
        (5, "amount", "amount_too_large"),
        (6, "installments", "installments_out_of_range"),
        (7, "due_date", "due_date_past"),
        (8, "count", "count_missing"),
        (9, "name", "name_missing"),
        (10, "every", "period_out_of_range"),
    ];
    let found = row_problems(r);
    for (row, field, code) in expected {
        assert!(
            found
                .iter()
                .any(|p| p.0 == row && p.1 == Some(field) && p.2 == "error" && p.3 == code),
            "row {row}: expected {code} on {field}, found {found:?}"
        );
    }
    // Column letters and both languages.
    let p = r.problems_of(2).next().unwrap();
    assert_eq!(p.column.as_deref(), Some("C"));
    assert!(p.message_tr.contains("Kart numarası") && p.message_en.contains("card number"));
    let p = r.problems_of(3).next().unwrap();
    assert!(
        p.message_en.contains("601100******9424"),
        "{}",
        p.message_en
    );
    assert_eq!(r.row_summaries[9].status, RowStatus::Ok);
    assert_eq!(r.payments, 1);
    assert_no_pan(r);
}

pub fn a_missing_reference_is_an_error_of_every_row() {
    let v = Vaulted::new();
    // Holder, card, expiry, amount, installments, phone: no reference column.
    let r = dry_run(&v.admin, v.store_id, &fixture("utf16.txt")).report;
    assert_eq!((r.rows, r.errors), (2, 2));
    for row in [2, 3] {
        assert!(
            r.problems_of(row)
                .any(|p| p.code == "reference_missing"
                    && p.field.map(|f| f.key()) == Some("reference")),
            "row {row}"
        );
    }
    assert!(r.totals.is_empty());
}

pub fn duplicates_within_the_file_are_warned() {
    let v = Vaulted::new();
    let tmp = tempfile::tempdir().unwrap();
    let path = csv(
        tmp.path(),
        "dup.csv",
        HEADER,
        &[
            "D-1,Ayşe Yılmaz,4355093000315232,12/30,100.00,,05.12.2026,,",
            "D-1,Ayşe Yılmaz,4355093000315232,12/30,100.00,,05.12.2026,,",
            "D-1,Ayşe Yılmaz,4355093000315232,12/30,250.00,,05.12.2026,,",
            "D-2,Mehmet Demir,5218076007402834,05/29,100.00,,05.12.2026,,",
        ],
    );
    let r = dry_run(&v.admin, v.store_id, &path).report;
    assert_eq!((r.ok, r.warnings, r.errors), (2, 2, 0));
    let found = row_problems(&r);
    assert!(
        found
            .iter()
            .any(|p| p.0 == 3 && p.3 == "duplicate_in_file" && p.2 == "warning")
    );
    assert!(
        found
            .iter()
            .any(|p| p.0 == 4 && p.3 == "same_card_same_reference")
    );
    assert!(!found.iter().any(|p| p.0 == 2 || p.0 == 5));
    assert_eq!(totals(&r), [("2026-12-05".into(), "TRY".into(), 4, 55_000)]);
    assert_eq!(r.new_customers, 2);
}

pub fn progress_is_reported_in_phases() {
    let v = Vaulted::new();
    let tmp = tempfile::tempdir().unwrap();
    let lines: Vec<String> = (0..12_000)
        .map(|i| {
            format!(
                "P-{i},Ad {i},4355093000315232,12/30,{}.00,,,,",
                100 + i % 50
            )
        })
        .collect();
    let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
    let path = csv(tmp.path(), "big.csv", HEADER, &refs);
    let mut seen = Vec::new();
    let prepared = import::dry_run_with_progress(
        &v.admin,
        v.store_id,
        &path,
        &ImportOptions::default(),
        &mut |p| seen.push(p),
    )
    .unwrap();
    assert_eq!(prepared.report.ok, 12_000);
    let validating: Vec<u64> = seen
        .iter()
        .filter(|p| p.phase == ImportPhase::Validating)
        .map(|p| p.rows_done)
        .collect();
    assert_eq!(validating, [5_000, 10_000, 12_000]);
    assert!(seen.iter().any(|p| p.phase == ImportPhase::Reading));
    assert!(
        seen.iter()
            .any(|p| p.phase == ImportPhase::Mapping && p.rows_done == 12_000)
    );
    let mut committing = Vec::new();
    import::commit_with_progress(&v.admin, &prepared, &mut |p| committing.push(p.rows_done))
        .unwrap();
    assert_eq!(committing, [5_000, 10_000, 12_000]);
}

pub fn importing_needs_the_import_permission() {
    let v = Vaulted::new();
    users::add_user(
        &v.admin,
        &NewUser {
            name: "viewer".into(),
            password: SecretString::from("viewer password 1"),
            role: Role::Viewer,
            scope: Scope::AllStores,
        },
    )
    .unwrap();
    let viewer = v
        .auth
        .sign_in(
            "viewer",
            &SecretString::from("viewer password 1"),
            Origin::App,
        )
        .unwrap();
    let err = import::dry_run(
        &viewer,
        v.store_id,
        &fixture("cp1254.csv"),
        &ImportOptions::default(),
    )
    .unwrap_err();
    assert!(
        matches!(
            err,
            Error::PermissionDenied {
                permission: "import_batches",
                ..
            }
        ),
        "{err:?}"
    );
    // An operator may import (the preset holds import_batches).
    users::add_user(
        &v.admin,
        &NewUser {
            name: "operator".into(),
            password: SecretString::from("operator password 1"),
            role: Role::Operator,
            scope: Scope::Store(v.store_id),
        },
    )
    .unwrap();
    let operator = v
        .auth
        .sign_in(
            "operator",
            &SecretString::from("operator password 1"),
            Origin::App,
        )
        .unwrap();
    let prepared = dry_run(&operator, v.store_id, &fixture("cp1254.csv"));
    // The prepared rows cannot be committed by a user without the permission either.
    assert!(import::commit(&viewer, &prepared).is_err());
    let batch = import::commit(&operator, &prepared).unwrap();
    assert_eq!(batch.created_by, "operator");
}

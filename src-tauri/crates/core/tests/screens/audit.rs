//! The audit log screen: filters, pages, the stores a user may see, the refusal without
//! `view_audit`, the chain's verification and the export of the filtered entries.

use jiff::SignedDuration;
use tahsildar_core::audit::list::{self, AuditQuery};
use tahsildar_core::audit::{self as audit, AuditAction};
use tahsildar_core::customer::{self, NewCustomer};
use tahsildar_core::export::{ExportFormat, ExportRequest, export};
use tahsildar_core::{Error, Lang, Origin, Role, Session};

use crate::setup::{APPROVE, Office, secret};

fn add_customer(office: &Office, store_id: i64, reference: &str) -> i64 {
    add_customer_as(&office.admin, store_id, reference)
}

fn add_customer_as(session: &Session, store_id: i64, reference: &str) -> i64 {
    let new = NewCustomer {
        reference: reference.into(),
        name: format!("Müşteri {reference}"),
        ..NewCustomer::default()
    };
    customer::add(session, store_id, &new).unwrap().id
}

fn of_action(action: AuditAction) -> AuditQuery {
    AuditQuery {
        action: Some(action),
        ..AuditQuery::default()
    }
}

#[test]
fn filters_and_pages_run_newest_first() {
    let office = Office::new();
    let branch = office.second_store();
    for i in 0..5 {
        add_customer(&office, office.store_id, &format!("A-{i}"));
    }
    // Past midnight in Istanbul (10:00 + 14 h), signed in again after the idle timeout.
    office.clock.advance(SignedDuration::from_hours(14));
    let admin = office
        .auth
        .sign_in("admin", &secret("admin password 1"), Origin::App)
        .unwrap();
    for i in 0..3 {
        add_customer_as(&admin, branch, &format!("B-{i}"));
    }

    let all = list::page(&admin, &AuditQuery::default()).unwrap();
    assert!(all.total >= 10, "{}", all.total);
    let seqs: Vec<i64> = all.rows.iter().map(|r| r.seq).collect();
    assert!(
        seqs.windows(2).all(|w| w[0] > w[1]),
        "newest first: {seqs:?}"
    );

    let added = list::page(&admin, &of_action(AuditAction::CustomerAdd)).unwrap();
    assert_eq!(added.total, 8);
    assert!(added.rows.iter().all(|r| r.action == "customer.add"));
    assert_eq!(added.rows[0].action_text.tr(), "Müşteri ekleme");
    assert_eq!(added.rows[0].store.as_deref(), Some("Branch"));

    let in_branch = AuditQuery {
        store_id: Some(branch),
        ..of_action(AuditAction::CustomerAdd)
    };
    assert_eq!(list::page(&admin, &in_branch).unwrap().total, 3);

    // Istanbul days: the first five on 27 Nov, the other three on 28 Nov.
    let day = |d: &str| Some(d.parse().unwrap());
    let first_day = AuditQuery {
        from: day("2026-11-27"),
        to: day("2026-11-27"),
        ..of_action(AuditAction::CustomerAdd)
    };
    assert_eq!(list::page(&admin, &first_day).unwrap().total, 5);
    let second_day = AuditQuery {
        from: day("2026-11-28"),
        ..of_action(AuditAction::CustomerAdd)
    };
    assert_eq!(list::page(&admin, &second_day).unwrap().total, 3);
    let backwards = AuditQuery {
        from: day("2026-11-28"),
        to: day("2026-11-27"),
        ..AuditQuery::default()
    };
    let refused = list::page(&admin, &backwards).unwrap_err();
    assert!(refused.message(Lang::Tr).contains("Tarih aralığının başı"));

    let by_admin = AuditQuery {
        user_id: Some(office.admin.user_id()),
        ..AuditQuery::default()
    };
    let mine = list::page(&admin, &by_admin).unwrap();
    assert!(mine.total > 0);
    assert!(
        mine.rows
            .iter()
            .all(|r| r.user_name.as_deref() == Some("admin"))
    );

    // Pages of three never overlap and cover the filtered entries.
    let mut seen = Vec::new();
    for offset in [0, 3, 6] {
        let page = list::page(
            &admin,
            &AuditQuery {
                offset,
                limit: Some(3),
                ..of_action(AuditAction::CustomerAdd)
            },
        )
        .unwrap();
        assert_eq!(page.total, 8);
        seen.extend(page.rows.iter().map(|r| r.seq));
    }
    assert_eq!(seen.len(), 8);
    assert!(seen.windows(2).all(|w| w[0] > w[1]));
    let too_big = AuditQuery {
        limit: Some(501),
        ..AuditQuery::default()
    };
    assert!(list::page(&admin, &too_big).is_err());

    let choices = list::choices(&admin).unwrap();
    assert_eq!(choices.actions.len(), AuditAction::ALL.len());
    assert!(choices.users.iter().any(|u| u.user_name == "admin"));
}

#[test]
fn a_user_sees_the_entries_of_their_stores_only() {
    let office = Office::new();
    let branch = office.second_store();
    add_customer(&office, office.store_id, "A-1");
    let theirs = add_customer(&office, branch, "B-1");
    let manager = office.user("mudur", Role::Manager, office.store_id);

    let page = list::page(&manager, &AuditQuery::default()).unwrap();
    assert!(page.total > 0);
    assert!(
        page.rows
            .iter()
            .all(|r| r.store_id == Some(office.store_id)),
        "only the manager's store: {:?}",
        page.rows
    );
    assert!(
        !page
            .rows
            .iter()
            .any(|r| r.object == format!("customer:{theirs}")),
        "the other store's customer stays hidden"
    );
    assert!(
        !page.rows.iter().any(|r| r.action == "auth.sign_in"),
        "entries of no store need view_audit on every store"
    );
    let other = AuditQuery {
        store_id: Some(branch),
        ..AuditQuery::default()
    };
    assert!(matches!(
        list::page(&manager, &other),
        Err(Error::PermissionDenied { .. })
    ));
    // The verification names a place in the chain only, so a grant on one store is enough.
    assert!(audit::check(&manager).unwrap().holds());
}

#[test]
fn without_view_audit_the_log_is_refused_in_both_languages() {
    let office = Office::new();
    let viewer = office.user("izleyici", Role::Viewer, office.store_id);
    for refused in [
        list::page(&viewer, &AuditQuery::default()).map(|_| ()),
        list::choices(&viewer).map(|_| ()),
        audit::check(&viewer).map(|_| ()),
    ] {
        let e = refused.unwrap_err();
        assert!(matches!(e, Error::PermissionDenied { .. }), "{e:?}");
        assert_eq!(
            e.message(Lang::Tr),
            "Bu işlem için yetkiniz yok: denetim kaydını görme. Bir yöneticiden yetki isteyin."
        );
        assert_eq!(
            e.message(Lang::En),
            "You do not have permission for this: viewing the audit log. Ask an administrator."
        );
    }
}

#[test]
fn the_verification_names_the_first_broken_entry() {
    let office = Office::new();
    add_customer(&office, office.store_id, "A-1");
    let intact = audit::check(&office.admin).unwrap();
    assert!(intact.holds());
    assert_eq!(intact.verified_up_to, intact.entries as i64);
    assert!(intact.entries >= 3);

    office
        .vault
        .db()
        .write(|tx| {
            tx.execute_batch(
                "DROP TRIGGER audit_log_no_update;
                 UPDATE audit_log SET detail = '{\"role\":\"viewer\"}' WHERE seq = 2;",
            )?;
            Ok(())
        })
        .unwrap();
    let tampered = audit::check(&office.admin).unwrap();
    assert_eq!(tampered.broken_at, Some(2));
    assert_eq!(tampered.verified_up_to, 1);
    let problem = tampered.problem.unwrap();
    assert_eq!(problem.tr(), "2 numaralı kayıt değiştirilmiş");
    assert_eq!(problem.en(), "entry 2 was changed");
    // The list still shows the entries, so that the changed one can be read.
    assert!(
        list::page(&office.admin, &AuditQuery::default())
            .unwrap()
            .total
            >= 3
    );
}

#[test]
fn the_export_writes_the_filtered_entries_masked_and_is_audited() {
    let office = Office::new();
    office.customer("D-12", "=Ayşe", &[(APPROVE, "11/30")]);
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("denetim.csv");
    let request = ExportRequest::Audit {
        query: of_action(AuditAction::CardAdd),
    };
    let written = export(&office.admin, &request, ExportFormat::Csv, Lang::Tr, &out).unwrap();
    assert_eq!(written.rows, 1);
    let bytes = std::fs::read(&out).unwrap();
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    assert!(
        text.starts_with("No;Zaman;Kullanıcı;İşlem;Mağaza;Nesne;Sonuç;Kaynak;Ayrıntı"),
        "{text}"
    );
    assert!(text.contains("Kart ekleme;Sandbox;card:"), "{text}");
    assert!(
        text.contains("27.11.2026 10:00:00"),
        "Istanbul time: {text}"
    );
    assert!(text.contains("435509******5232"), "{text}");
    assert!(!text.contains(APPROVE));

    let exports = list::page(&office.admin, &of_action(AuditAction::Export)).unwrap();
    assert_eq!(exports.total, 1);
    assert_eq!(exports.rows[0].object, "audit");

    let xlsx = dir.path().join("denetim.xlsx");
    let all = ExportRequest::Audit {
        query: AuditQuery::default(),
    };
    let written = export(&office.admin, &all, ExportFormat::Xlsx, Lang::En, &xlsx).unwrap();
    assert!(written.rows >= 5);
}

//! Tampering with the audit log: the verifier names the place. The attacker works on the raw
//! database with the key (as someone with the unlocked vault could) and drops the triggers first.

use tahsildar_core::{AuditBreak, BreakKind, Error, Origin};

use crate::common::*;

/// A fixture with a few more entries.
fn with_entries() -> Fixture {
    let f = Fixture::new();
    for _ in 0..3 {
        let _ = f
            .auth
            .sign_in("admin", &secret("wrong password!!"), Origin::Cli);
    }
    f.auth
        .sign_in("admin", &secret(ADMIN_PASSWORD), Origin::Cli)
        .unwrap();
    assert!(f.vault.verify_audit().unwrap() >= 7);
    f
}

fn attack(f: &Fixture, sql: &str) {
    f.vault
        .db()
        .write(|tx| {
            tx.execute_batch(
                "DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;",
            )?;
            tx.execute_batch(sql)?;
            Ok(())
        })
        .unwrap();
}

fn broken_at(f: &Fixture) -> AuditBreak {
    match f.vault.verify_audit() {
        Err(Error::AuditBroken(b)) => b,
        other => panic!("expected a broken chain, got {other:?}"),
    }
}

#[test]
fn the_log_refuses_update_and_delete() {
    let f = with_entries();
    let update = f
        .vault
        .db()
        .write(|tx| Ok(tx.execute("UPDATE audit_log SET result = 'ok' WHERE seq = 2", [])?));
    assert!(update.is_err());
    let delete = f
        .vault
        .db()
        .write(|tx| Ok(tx.execute("DELETE FROM audit_log WHERE seq = 2", [])?));
    assert!(delete.is_err());
    f.vault.verify_audit().unwrap();
}

#[test]
fn a_changed_entry_is_named() {
    let f = with_entries();
    attack(&f, "UPDATE audit_log SET result = 'ok' WHERE seq = 4");
    let b = broken_at(&f);
    assert_eq!(
        b,
        AuditBreak {
            seq: 4,
            kind: BreakKind::Tampered
        }
    );
    let text = Error::AuditBroken(b).message(tahsildar_core::Lang::En);
    assert!(text.contains("entry 4"), "{text}");
}

#[test]
fn a_deleted_entry_is_named() {
    let f = with_entries();
    attack(&f, "DELETE FROM audit_log WHERE seq = 3");
    assert_eq!(
        broken_at(&f),
        AuditBreak {
            seq: 3,
            kind: BreakKind::Missing
        }
    );
}

#[test]
fn a_deleted_last_entry_is_named() {
    let f = with_entries();
    let last: i64 = f
        .vault
        .db()
        .read(|c| Ok(c.query_row("SELECT max(seq) FROM audit_log", [], |r| r.get(0))?))
        .unwrap();
    attack(&f, &format!("DELETE FROM audit_log WHERE seq = {last}"));
    assert_eq!(
        broken_at(&f),
        AuditBreak {
            seq: last,
            kind: BreakKind::Missing
        }
    );
}

#[test]
fn two_reordered_entries_are_named() {
    let f = with_entries();
    attack(
        &f,
        "UPDATE audit_log SET seq = -1 WHERE seq = 3;
         UPDATE audit_log SET seq = 3 WHERE seq = 4;
         UPDATE audit_log SET seq = 4 WHERE seq = -1;",
    );
    assert_eq!(
        broken_at(&f),
        AuditBreak {
            seq: 3,
            kind: BreakKind::Reordered { found_at: 4 }
        }
    );
}

#[test]
fn an_inserted_forged_entry_is_named() {
    let f = with_entries();
    let last: i64 = f
        .vault
        .db()
        .read(|c| Ok(c.query_row("SELECT max(seq) FROM audit_log", [], |r| r.get(0))?))
        .unwrap();
    attack(
        &f,
        &format!(
            "INSERT INTO audit_log (seq, at, action, object, result, origin, detail, hash)
             VALUES ({}, '2026-11-27T08:00:00Z', 'payment.refund', 'payment:1', 'ok', 'cli', '{{}}', x'00')",
            last + 1
        ),
    );
    assert_eq!(
        broken_at(&f),
        AuditBreak {
            seq: last + 1,
            kind: BreakKind::Tampered
        }
    );
}

#[test]
fn no_pan_reaches_the_log() {
    let f = Fixture::new();
    f.vault
        .audit(
            tahsildar_core::AuditRecord::new(
                f.admin.actor(),
                tahsildar_core::AuditAction::CardAdd,
                format!("card:{PAN}"),
                tahsildar_core::AuditResult::Ok,
                Origin::App,
            )
            .with_detail(serde_json::json!({ "pan": PAN })),
        )
        .unwrap();
    let entries = tahsildar_core::audit_log::recent(&f.admin, 5, None).unwrap();
    assert!(
        entries
            .iter()
            .all(|e| !e.detail.contains(PAN) && !e.object.contains(PAN))
    );
    assert!(entries[0].detail.contains("435509******5232"));
    f.vault.verify_audit().unwrap();
}

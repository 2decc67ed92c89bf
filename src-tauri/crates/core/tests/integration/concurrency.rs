//! The connection model under parallel writers, as the engine will use it.

use std::sync::Arc;

use tahsildar_core::{
    Actor, AuditAction, AuditRecord, AuditResult, Auth, Db, Origin, Session, Vault,
};

use crate::common::*;

fn send_sync<T: Send + Sync>() {}

#[test]
fn vault_types_are_shareable_across_threads() {
    send_sync::<Vault>();
    send_sync::<Db>();
    send_sync::<Auth>();
    send_sync::<Session>();
}

#[test]
fn eight_parallel_writers_with_audit_entries_keep_the_chain() {
    let f = Fixture::new();
    let before = f.vault.verify_audit().unwrap();
    f.vault
        .db()
        .write(
            |tx| Ok(tx.execute_batch("CREATE TABLE attempts_probe (worker INTEGER, n INTEGER)")?),
        )
        .unwrap();
    let threads: Vec<_> = (0..8)
        .map(|worker| {
            let vault: Arc<Vault> = f.vault.clone();
            std::thread::spawn(move || {
                for n in 0..25 {
                    vault
                        .write_audited(|tx, _| {
                            tx.execute("INSERT INTO attempts_probe VALUES (?1, ?2)", [worker, n])?;
                            let record = AuditRecord::new(
                                Actor::nobody(),
                                AuditAction::ProvisionSubmit,
                                format!("probe:{worker}:{n}"),
                                AuditResult::Ok,
                                Origin::Scheduler,
                            );
                            Ok(((), record))
                        })
                        .unwrap();
                    let count: i64 = vault
                        .db()
                        .read(|c| {
                            Ok(c.query_row("SELECT count(*) FROM attempts_probe", [], |r| {
                                r.get(0)
                            })?)
                        })
                        .unwrap();
                    assert!(count >= 1);
                }
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
    let rows: i64 = f
        .vault
        .db()
        .read(|c| Ok(c.query_row("SELECT count(*) FROM attempts_probe", [], |r| r.get(0))?))
        .unwrap();
    assert_eq!(rows, 200);
    assert_eq!(f.vault.verify_audit().unwrap(), before + 200);
    assert!(f.vault.db().integrity_ok().unwrap());
}

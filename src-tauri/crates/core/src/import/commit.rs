//! Storing a checked file: every ready row in one transaction (customers matched by reference
//! or added, cards sealed and fingerprinted, plans and payments), the batch record and one
//! audit entry. A failure anywhere leaves nothing behind.

use std::collections::HashMap;

use rusqlite::{Transaction, params};

use super::batches::{self, BatchInfo};
use super::duplicates::{self, PlanKey};
use super::validate::{Instruction, ReadyCard};
use super::{ImportPhase, ImportProgress, PROGRESS_EVERY, PreparedImport};
use crate::audit::{AuditAction, AuditResult};
use crate::auth::{Permission, Session};
use crate::customer::card::{self, PlacedCard};
use crate::error::{Error, Result};
use crate::i18n::Text;
use crate::plan::terms::{self, PlanPlacement};
use crate::vault::keys::Keys;

/// Failpoint (see `engine::failpoint`) armed to abort the process halfway through a commit.
pub const MID_COMMIT_FAILPOINT: &str = "import_mid_commit";

/// [`commit_with_progress`] without progress.
pub fn commit(session: &Session, prepared: &PreparedImport) -> Result<BatchInfo> {
    commit_with_progress(session, prepared, &mut |_| {})
}

/// Stores every row of `prepared` that is not an error, all or nothing. Needs
/// `import_batches` on the store. Refuses a file committed again since its dry run, and rows
/// whose plan was stored meanwhile.
pub fn commit_with_progress(
    session: &Session,
    prepared: &PreparedImport,
    progress: &mut dyn FnMut(ImportProgress),
) -> Result<BatchInfo> {
    let report = &prepared.report;
    let store_id = report.store_id;
    session.require(Permission::ImportBatches, Some(store_id))?;
    if prepared.rows.is_empty() {
        return Err(Error::ImportNothingToCommit);
    }
    let vault = session.vault();
    vault
        .db()
        .read(crate::settlement::require_no_restore_hold)?;
    let now = vault.clock().now().to_string();
    let total = prepared.rows.len() as u64;
    let batch_id = vault.write_audited(|tx, keys| {
        // A large batch touches more pages than SQLite's default cache (2 MiB) holds; spilling
        // them to the WAL in the middle of the transaction costs more than the inserts.
        let _cache = LargeCache::set(tx, prepared.rows.len())?;
        recheck(tx, prepared)?;
        tx.execute(
            "INSERT INTO import_batches (store_id, file_name, content_hash, rows_total, rows_imported,
                 rows_rejected, rows_warned, created_by, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![
                store_id,
                report.file_name,
                report.content_hash,
                report.rows as i64,
                prepared.rows.len() as i64,
                report.errors as i64,
                report.warnings as i64,
                session.user_id(),
                now
            ],
        )?;
        let batch_id = tx.last_insert_rowid();
        let mut store = Storer::load(tx, keys, store_id, &now)?;
        let placement = |card_id| PlanPlacement {
            store_id,
            created_by: session.user_id(),
            batch_id: Some(batch_id),
            card_id: Some(card_id),
            pre_auth: false,
        };
        let (mut plans, mut payments) = (0i64, 0i64);
        for (n, row) in prepared.rows.iter().enumerate() {
            if n == prepared.rows.len() / 2 {
                crate::engine::failpoint::hit(MID_COMMIT_FAILPOINT);
            }
            let customer_id = store.customer(row)?;
            let card_id = store.card(customer_id, &row.card, &row.instruction)?;
            if let Some(alternate) = &row.alternate {
                store.card(customer_id, alternate, &Instruction::default())?;
            }
            let mut plan = row.plan.clone();
            plan.customer_id = customer_id;
            let (_, count) = terms::insert(tx, &plan, &placement(card_id), &now)?;
            plans += 1;
            payments += count as i64;
            if (n + 1) % PROGRESS_EVERY == 0 {
                progress(ImportProgress {
                    phase: ImportPhase::Committing,
                    rows_done: n as u64 + 1,
                    rows_total: total,
                });
            }
        }
        tx.execute(
            "UPDATE import_batches SET customers_added = ?1, plans = ?2, payments = ?3 WHERE id = ?4",
            params![store.added, plans, payments, batch_id],
        )?;
        let record = session
            .record(
                AuditAction::ImportCommit,
                format!("batch:{batch_id}"),
                AuditResult::Ok,
            )
            .with_detail(serde_json::json!({
                "store": store_id,
                "file_name": report.file_name,
                "content_hash": report.content_hash,
                "rows": report.rows,
                "imported": prepared.rows.len(),
                "rejected": report.errors,
                "warned": report.warnings,
                "customers_added": store.added,
                "plans": plans,
                "payments": payments,
            }));
        Ok((batch_id, record))
    })?;
    progress(ImportProgress {
        phase: ImportPhase::Committing,
        rows_done: total,
        rows_total: total,
    });
    tracing::info!(batch_id, store_id, rows = total, "import committed");
    batches::get(session, batch_id)
}

/// A larger page cache on the writer connection for one commit, put back when dropped.
struct LargeCache<'a> {
    conn: &'a rusqlite::Connection,
    previous: i64,
}

impl<'a> LargeCache<'a> {
    fn set(conn: &'a rusqlite::Connection, rows: usize) -> Result<Option<Self>> {
        // About 1 KiB of pages per row, between the default and 128 MiB.
        let kib = (rows as i64).clamp(2_000, 131_072);
        let previous: i64 = conn.query_row("PRAGMA cache_size", [], |r| r.get(0))?;
        let wanted = -kib;
        if previous < 0 && wanted >= previous {
            return Ok(None);
        }
        conn.pragma_update(None, "cache_size", wanted)?;
        Ok(Some(LargeCache { conn, previous }))
    }
}

impl Drop for LargeCache<'_> {
    fn drop(&mut self) {
        let _ = self.conn.pragma_update(None, "cache_size", self.previous);
    }
}

/// What may have changed since the dry run: the same file committed (a second click), or a
/// plan stored that a row repeats.
fn recheck(tx: &Transaction, prepared: &PreparedImport) -> Result<()> {
    let store_id = prepared.report.store_id;
    if let Some((batch, _)) =
        duplicates::same_file_batch(tx, store_id, &prepared.report.content_hash)?
        && batch > prepared.seen_batch
    {
        return Err(Error::ImportAlreadyCommitted(batch));
    }
    let newest_plan: i64 =
        tx.query_row("SELECT COALESCE(MAX(id), 0) FROM plans", [], |r| r.get(0))?;
    if newest_plan > prepared.seen_plan {
        let customers = super::stored_customers(tx, store_id)?;
        let plans = duplicates::stored_plans(tx, store_id)?;
        for row in &prepared.rows {
            let repeated = customers.get(row.reference()).is_some_and(|c| {
                plans
                    .get(&c.id)
                    .is_some_and(|set| set.contains(&PlanKey::of(row)))
            });
            if repeated {
                let (n, reference) = (row.source_row, row.reference());
                return Err(Error::ImportStale(Text::new(
                    format!("satır {n}: {reference} abonesinde bu plan artık var"),
                    format!("row {n}: customer {reference} now has this plan"),
                )));
            }
        }
    }
    Ok(())
}

/// Finds or stores customers and cards during one commit.
struct Storer<'a> {
    tx: &'a Transaction<'a>,
    keys: &'a Keys,
    store_id: i64,
    now: &'a str,
    /// Reference -> customer id, stored before or during this commit.
    customers: HashMap<String, i64>,
    /// (customer, fingerprint) -> card id, for cards in use.
    cards: HashMap<(i64, [u8; 32]), i64>,
    /// Customer -> the position the next card of theirs takes.
    next_position: HashMap<i64, i64>,
    /// The id the next card takes.
    next_card: i64,
    added: i64,
}

impl<'a> Storer<'a> {
    fn load(tx: &'a Transaction<'a>, keys: &'a Keys, store_id: i64, now: &'a str) -> Result<Self> {
        let customers = super::stored_customers(tx, store_id)?
            .into_iter()
            .map(|(reference, c)| (reference, c.id))
            .collect();
        let mut cards = HashMap::new();
        let mut next_position: HashMap<i64, i64> = HashMap::new();
        let mut stmt = tx.prepare(
            "SELECT k.id, k.customer_id, k.pan_fingerprint, k.position FROM cards k
             JOIN customers c ON c.id = k.customer_id
             WHERE c.store_id = ?1 AND k.removed_at IS NULL",
        )?;
        let mut rows = stmt.query([store_id])?;
        while let Some(r) = rows.next()? {
            let (id, customer, position): (i64, i64, i64) = (r.get(0)?, r.get(1)?, r.get(3)?);
            let fingerprint: Vec<u8> = r.get(2)?;
            if let Ok(fp) = <[u8; 32]>::try_from(fingerprint.as_slice()) {
                cards.insert((customer, fp), id);
            }
            let next = next_position.entry(customer).or_insert(0);
            *next = (*next).max(position + 1);
        }
        drop(rows);
        drop(stmt);
        let next_card = card::next_id(tx)?;
        Ok(Storer {
            tx,
            keys,
            store_id,
            now,
            customers,
            cards,
            next_position,
            next_card,
            added: 0,
        })
    }

    fn customer(&mut self, row: &super::validate::ReadyRow) -> Result<i64> {
        if let Some(&id) = self.customers.get(row.reference()) {
            return Ok(id);
        }
        let id = crate::customer::insert(self.tx, self.store_id, &row.customer, self.now)?;
        self.customers.insert(row.reference().to_string(), id);
        self.added += 1;
        Ok(id)
    }

    /// The customer's card with this number: the stored one (given the row's instruction if
    /// it has none yet), or a new one after their others.
    fn card(
        &mut self,
        customer_id: i64,
        ready: &ReadyCard,
        instruction: &Instruction,
    ) -> Result<i64> {
        if let Some(&id) = self.cards.get(&(customer_id, ready.fingerprint)) {
            if instruction.date.is_some() || instruction.reference.is_some() {
                self.tx
                    .prepare_cached(
                        "UPDATE cards SET instruction_date = COALESCE(instruction_date, ?2),
                             instruction_ref = COALESCE(instruction_ref, ?3)
                         WHERE id = ?1",
                    )?
                    .execute(params![
                        id,
                        instruction.date.map(|d| d.to_string()),
                        instruction.reference
                    ])?;
            }
            return Ok(id);
        }
        let position = self.next_position.entry(customer_id).or_insert(0);
        let placed = PlacedCard {
            id: Some(self.next_card),
            customer_id,
            position: *position,
            fingerprint: &ready.fingerprint,
            instruction_date: instruction.date,
            instruction_ref: instruction.reference.as_deref(),
        };
        let id = card::insert_sealed(self.tx, self.keys, &ready.card, &placed, self.now)?;
        *position += 1;
        self.next_card = id + 1;
        self.cards.insert((customer_id, ready.fingerprint), id);
        Ok(id)
    }
}

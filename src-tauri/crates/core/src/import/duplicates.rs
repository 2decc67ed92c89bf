//! Rows that would store the same thing twice: within the file (same reference, amount and due
//! date; the same card twice for one reference) and against what is stored (the same plan
//! already present for that customer; the same file committed before, by content hash).

use std::collections::{HashMap, HashSet};

use rusqlite::{Connection, params};
use tahsildar_import::{Field, Problem, Severity};

use super::report::{file_problem, row_problem};
use super::validate::{ReadyRow, StoredCustomer};
use crate::error::Result;
use crate::plan::terms::{CollectionKind, PlanKind, PlanStatus};
use crate::stored::sql_list;

/// What makes two plans of one customer the same: amount, currency, first due date, kind,
/// cadence and end, installments.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct PlanKey {
    amount_minor: i64,
    currency: u16,
    start: String,
    kind: CollectionKind,
    cadence: Option<String>,
    installments: i64,
}

impl PlanKey {
    pub fn of(row: &ReadyRow) -> PlanKey {
        let (cadence, installments) = match row.plan.kind {
            PlanKind::Recurring(s) | PlanKind::Split(s) => (Some(s.cadence().to_string()), 1),
            PlanKind::Installment(n) => (None, i64::from(n)),
            PlanKind::OneOff => (None, 1),
        };
        PlanKey {
            amount_minor: row.plan.amount_minor,
            currency: row.plan.currency.code(),
            start: row.plan.start.to_string(),
            kind: row.plan.kind.collection_kind(),
            cadence,
            installments,
        }
    }
}

/// Live plans (active or paused) of the store's customers, by customer.
pub(crate) fn stored_plans(
    conn: &Connection,
    store_id: i64,
) -> Result<HashMap<i64, HashSet<PlanKey>>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT customer_id, amount_minor, currency, start_date, kind, cadence, installments
         FROM plans WHERE store_id = ?1 AND status IN ({})",
        sql_list(&[PlanStatus::Active, PlanStatus::Paused])
    ))?;
    let mut out: HashMap<i64, HashSet<PlanKey>> = HashMap::new();
    let mut rows = stmt.query([store_id])?;
    while let Some(r) = rows.next()? {
        out.entry(r.get(0)?).or_default().insert(PlanKey {
            amount_minor: r.get(1)?,
            currency: r.get(2)?,
            start: r.get(3)?,
            kind: r.get(4)?,
            cadence: r.get(5)?,
            installments: r.get(6)?,
        });
    }
    Ok(out)
}

/// The newest committed, not cancelled batch of the store with this content hash.
pub(crate) fn same_file_batch(
    conn: &Connection,
    store_id: i64,
    content_hash: &str,
) -> Result<Option<(i64, String)>> {
    let mut stmt = conn.prepare(
        "SELECT id, created_at FROM import_batches
         WHERE store_id = ?1 AND content_hash = ?2 AND cancelled_at IS NULL ORDER BY id DESC LIMIT 1",
    )?;
    let mut rows = stmt.query(params![store_id, content_hash])?;
    Ok(match rows.next()? {
        Some(r) => Some((r.get(0)?, r.get(1)?)),
        None => None,
    })
}

/// The warning for a file committed before. A warning, not an error: a file without due dates
/// may rightly come back unchanged next month; the rows that would repeat stored plans are
/// errors on their own (see [`against_stored`]).
pub(crate) fn same_file_warning(batch: i64, created_at: &str) -> Problem {
    let when = created_at.get(..10).unwrap_or(created_at);
    file_problem(
        Severity::Warning,
        "file_already_imported",
        format!(
            "Bu dosyanın aynısı {when} tarihinde {batch} numaralı parti olarak kaydedildi. Kayıtlı planları tekrarlayan satırlar hata olarak işaretlendi."
        ),
        format!(
            "This very file was committed on {when} as batch {batch}. Rows that repeat stored plans are marked as errors."
        ),
    )
}

/// Within the file: later rows that repeat an earlier one are warned about.
pub(crate) fn within_file(rows: &[ReadyRow], problems: &mut Vec<Problem>) {
    let mut by_due: HashMap<(&str, i64, u16, jiff::civil::Date), usize> = HashMap::new();
    let mut by_card: HashMap<(&str, [u8; 32]), usize> = HashMap::new();
    for row in rows {
        let reference = row.reference();
        let due_key = (
            reference,
            row.plan.amount_minor,
            row.plan.currency.code(),
            row.plan.start,
        );
        if let Some(&earlier) = by_due.get(&due_key) {
            problems.push(row_problem(
                row.source_row,
                Some(Field::Reference),
                None,
                Severity::Warning,
                "duplicate_in_file",
                format!(
                    "{earlier}. satırla aynı müşteri, tutar ve vade tarihi: müşteriden aynı gün iki kez çekim yapılacak."
                ),
                format!(
                    "Same customer, amount and due date as row {earlier}: the customer would be charged twice that day."
                ),
            ));
        } else {
            by_due.insert(due_key, row.source_row);
            if let Some(&earlier) = by_card.get(&(reference, row.card.fingerprint)) {
                problems.push(row_problem(
                    row.source_row,
                    Some(Field::Pan),
                    None,
                    Severity::Warning,
                    "same_card_same_reference",
                    format!(
                        "Bu kart bu müşteri için {earlier}. satırda da var: kart bir kez kaydedilir, iki ayrı tahsilat oluşur."
                    ),
                    format!(
                        "This card is also on row {earlier} for this customer: the card is stored once, and two collections are made."
                    ),
                ));
            }
        }
        by_card
            .entry((reference, row.card.fingerprint))
            .or_insert(row.source_row);
    }
}

/// Against what is stored: rows whose plan the customer already has are errors. Returns the
/// rows that remain.
pub(crate) fn against_stored(
    rows: Vec<ReadyRow>,
    customers: &HashMap<String, StoredCustomer>,
    plans: &HashMap<i64, HashSet<PlanKey>>,
    problems: &mut Vec<Problem>,
) -> Vec<ReadyRow> {
    rows.into_iter()
        .filter(|row| {
            let Some(customer) = customers.get(row.reference()) else {
                return true;
            };
            let repeated = plans
                .get(&customer.id)
                .is_some_and(|set| set.contains(&PlanKey::of(row)));
            if repeated {
                problems.push(row_problem(
                    row.source_row,
                    Some(Field::Reference),
                    None,
                    Severity::Error,
                    "plan_already_stored",
                    format!(
                        "{} numaralı müşterinin aynı tutar, vade ve periyotta bir planı zaten kayıtlı; ikinci kez alınmadı.",
                        row.reference()
                    ),
                    format!(
                        "Customer {} already has a plan with the same amount, due date and period; it was not taken twice.",
                        row.reference()
                    ),
                ));
            }
            !repeated
        })
        .collect()
}

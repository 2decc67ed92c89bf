//! Rows for unit tests of guarded changes: one store, customer, card and plan, and payments,
//! attempts and follow-ups in the states a test needs, in an in-memory vault schema.

use rusqlite::{Connection, params};

use crate::engine::attempt_state::AttemptState;
use crate::engine::follow_up::{FollowUpKind, FollowUpState};
use crate::payments::PaymentStatus;
use crate::plan::terms::{CollectionKind, PlanStatus};
use crate::store::Environment;

/// A migrated in-memory database with one store, customer, card and plan (`plan_status`).
pub(crate) fn with_plan(plan_status: PlanStatus) -> Connection {
    let conn = crate::vault::db::migrated_in_memory();
    conn.execute(
        "INSERT INTO stores (id, name, environment, created_at, updated_at) VALUES (1, 's', ?1, 't', 't')",
        [Environment::Sandbox],
    )
    .unwrap();
    conn.execute_batch(
        "INSERT INTO customers (id, store_id, reference, name, created_at, updated_at)
             VALUES (1, 1, 'c', 'c', 't', 't');
         INSERT INTO cards (id, customer_id, pan_sealed, expiry_sealed, pan_fingerprint, masked_pan,
                 brand, position, created_at)
             VALUES (1, 1, x'00', x'00', zeroblob(32), '4***', 'visa', 0, 't');",
    )
    .unwrap();
    conn.execute(
        "INSERT INTO plans (id, store_id, customer_id, kind, amount_minor, currency, start_date, status,
             created_at, updated_at)
         VALUES (1, 1, 1, ?1, 100, 949, '2025-01-01', ?2, 't', 't')",
        params![CollectionKind::OneOff, plan_status],
    )
    .unwrap();
    conn
}

/// Adds payment `id` of plan 1 in `status`.
pub(crate) fn payment(conn: &Connection, id: i64, status: PaymentStatus) {
    conn.execute(
        "INSERT INTO payments (id, plan_id, store_id, occurrence, due_date, amount_minor, currency, status,
             updated_at)
         VALUES (?1, 1, 1, ?1, '2025-01-01', 100, 949, ?2, 't')",
        params![id, status],
    )
    .unwrap();
}

/// Adds attempt `id` of payment `id` in `state`.
pub(crate) fn attempt(conn: &Connection, id: i64, state: AttemptState) {
    conn.execute(
        "INSERT INTO attempts (id, payment_id, order_id, card_id, amount_minor, currency, state, created_at)
         VALUES (?1, ?1, 'O' || ?1, 1, 100, 949, ?2, 't')",
        params![id, state],
    )
    .unwrap();
}

/// Adds void `id` of attempt `attempt_id` in `state`.
pub(crate) fn void(conn: &Connection, id: i64, attempt_id: i64, state: FollowUpState) {
    conn.execute(
        "INSERT INTO reversals (id, attempt_id, kind, amount_minor, state, created_at)
         VALUES (?1, ?2, ?3, 100, ?4, 't')",
        params![id, attempt_id, FollowUpKind::Void, state],
    )
    .unwrap();
}

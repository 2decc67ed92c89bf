//! Voids (1003) and refunds (1002) asked for by an operator. A refund never exceeds what
//! remains captured. A void of an attempt whose outcome is not known yet is recorded as
//! requested and carried out by reconciliation (see [`super::follow_up`]).
//!
//! Installment sales: a void cancels the whole sale, and a refund, full or partial, is sent
//! against the sale's order id like any sale's. PROTOCOL.md (section 3.5) describes a partial
//! refund as "send a smaller amount" and names no exception for installment sales (the
//! reference client's functional test refunds an installment pre-authorisation after its
//! capture), so partial refunds of installment sales are allowed here too; how the issuer
//! spreads the refunded amount over the remaining installments is the bank's business.

use super::bank::BankDirectory;
use super::config::EngineConfig;
use super::follow_up::{self, FollowUpKind, request};
use crate::auth::{Permission, Session};
use crate::engine::EngineActor;
use crate::error::Result;

pub use super::follow_up::ReversalOutcome;

/// Voids an approved attempt (same day, before settlement), or, when its outcome is not known
/// yet, records the void to be carried out once an inquiry settles the attempt. Needs `void`
/// on its store.
pub async fn void(
    session: &Session,
    bank: &BankDirectory,
    config: &EngineConfig,
    attempt_id: i64,
) -> Result<ReversalOutcome> {
    let store = request::store_of(session, attempt_id)?;
    session.require(Permission::Void, Some(store))?;
    follow(
        session,
        bank,
        config,
        attempt_id,
        FollowUpKind::Void,
        None,
        store,
    )
    .await
}

/// Refunds an approved attempt in full (`None`) or in part. Needs `refund` on its store.
pub async fn refund(
    session: &Session,
    bank: &BankDirectory,
    config: &EngineConfig,
    attempt_id: i64,
    amount_minor: Option<i64>,
) -> Result<ReversalOutcome> {
    let store = request::store_of(session, attempt_id)?;
    session.require(Permission::Refund, Some(store))?;
    follow(
        session,
        bank,
        config,
        attempt_id,
        FollowUpKind::Refund,
        amount_minor,
        store,
    )
    .await
}

/// Writes the follow-up ahead and, unless it waits for its attempt, sends it.
pub(crate) async fn follow(
    session: &Session,
    bank: &BankDirectory,
    config: &EngineConfig,
    attempt_id: i64,
    kind: FollowUpKind,
    amount_minor: Option<i64>,
    store: i64,
) -> Result<ReversalOutcome> {
    let vault = session.vault();
    // The client is built first: a store without a reachable bank fails before anything is
    // written.
    let client = bank.client_for(vault, store, config.request_timeout, config.connect_timeout)?;
    let (id, send_now) = request::write_ahead(session, attempt_id, kind, amount_minor)?;
    if !send_now {
        return vault.db().read(|c| follow_up::outcome(c, id));
    }
    super::failpoint::hit(super::failpoint::AFTER_FOLLOW_UP_WRITE_AHEAD);
    let actor = EngineActor::of_session(session);
    follow_up::send(vault, &client, &actor, config, id).await
}

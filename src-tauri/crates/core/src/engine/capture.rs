//! Capturing a pre-authorisation (post-authorisation, 1005): in full or in part, never above
//! the authorised amount, once. The payment waits as `authorized` until then; a void instead
//! releases the hold. Written ahead and reconciled like voids and refunds
//! (see [`super::follow_up`]); an open pre-authorisation cannot be refunded, only voided.

use super::bank::BankDirectory;
use super::config::EngineConfig;
use super::follow_up::{FollowUpKind, ReversalOutcome, request};
use super::reversal::follow;
use crate::auth::{Permission, Session};
use crate::error::Result;

/// Captures an approved pre-authorisation: all of it (`None`) or a part. Needs
/// `submit_provisions` on its store.
pub async fn capture(
    session: &Session,
    bank: &BankDirectory,
    config: &EngineConfig,
    attempt_id: i64,
    amount_minor: Option<i64>,
) -> Result<ReversalOutcome> {
    let store = request::store_of(session, attempt_id)?;
    session.require(Permission::SubmitProvisions, Some(store))?;
    follow(
        session,
        bank,
        config,
        attempt_id,
        FollowUpKind::Capture,
        amount_minor,
        store,
    )
    .await
}

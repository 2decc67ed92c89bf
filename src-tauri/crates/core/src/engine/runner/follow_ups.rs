//! The runner's part in follow-ups: settling voids, refunds and captures whose answer was lost,
//! and sending a void that waited for the outcome of its attempt.

use super::{Engine, Lane};
use crate::engine::follow_up::{self, FollowUpKind, FollowUpState};
use crate::error::Result;

impl Engine {
    /// Settles every open follow-up (of one store, or all): `unknown` ones by inquiry, and
    /// requested voids whose attempt is now approved by sending them. Returns how many ended.
    pub(super) async fn settle_follow_ups(&self, store: Option<i64>) -> Result<u64> {
        let vault = &self.inner.vault;
        let open = vault.db().read(|c| follow_up::open_list(c, store))?;
        let mut settled = 0;
        for (id, store_id) in open {
            // A store whose bank cannot be reached keeps its follow-ups for the next run.
            let Ok(lane) = self.lane(store_id) else {
                continue;
            };
            let state = vault.db().read(|c| follow_up::load(c, id))?.state;
            let outcome = if state == FollowUpState::Requested {
                if !follow_up::start_requested(vault, id)? {
                    continue;
                }
                self.send_follow_up(&lane, id).await?
            } else {
                lane.rate.wait().await;
                follow_up::settle(
                    vault,
                    &lane.client,
                    &self.inner.actor,
                    &self.inner.config,
                    id,
                )
                .await?
            };
            let open = matches!(
                outcome.state,
                FollowUpState::Unknown | FollowUpState::Requested
            );
            if !open {
                settled += 1;
            }
        }
        Ok(settled)
    }

    /// Right after an attempt is found approved: the void an operator asked for meanwhile.
    pub(super) async fn carry_out_requested_void(
        &self,
        lane: &Lane,
        attempt_id: i64,
    ) -> Result<()> {
        let vault = &self.inner.vault;
        let requested: Option<i64> = vault.db().read(|c| {
            Ok(rusqlite::OptionalExtension::optional(c.query_row(
                "SELECT id FROM reversals WHERE attempt_id = ?1 AND kind = ?2 AND state = ?3",
                rusqlite::params![attempt_id, FollowUpKind::Void, FollowUpState::Requested],
                |r| r.get(0),
            ))?)
        })?;
        if let Some(id) = requested
            && follow_up::start_requested(vault, id)?
        {
            self.send_follow_up(lane, id).await?;
        }
        Ok(())
    }

    async fn send_follow_up(&self, lane: &Lane, id: i64) -> Result<follow_up::ReversalOutcome> {
        lane.rate.wait().await;
        follow_up::send(
            &self.inner.vault,
            &lane.client,
            &self.inner.actor,
            &self.inner.config,
            id,
        )
        .await
    }
}

//! Who the engine acts for: the signed-in user who started a run, or the scheduler itself.

use crate::audit::{Actor, AuditAction, AuditRecord, AuditResult, Origin};
use crate::auth::Session;

/// The actor written on every audit entry the engine appends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EngineActor {
    pub actor: Actor,
    pub origin: Origin,
}

impl EngineActor {
    /// A run started by a user (CLI `run`, the app's "run now").
    pub fn of_session(session: &Session) -> EngineActor {
        EngineActor {
            actor: session.actor(),
            origin: session.origin(),
        }
    }

    /// The background scheduler, which runs without a signed-in user.
    pub fn scheduler() -> EngineActor {
        EngineActor {
            actor: Actor {
                user_id: None,
                user_name: Some("scheduler".to_string()),
            },
            origin: Origin::Scheduler,
        }
    }

    pub(crate) fn record(
        &self,
        action: AuditAction,
        object: impl Into<String>,
        result: AuditResult,
    ) -> AuditRecord {
        AuditRecord::new(self.actor.clone(), action, object, result, self.origin)
    }
}

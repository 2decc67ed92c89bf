//! Which bank host the app talks to. Only sandbox exists for now: its host is the built-in
//! simulator, so no real card is ever charged.

use serde::Serialize;
use specta::Type;

/// The bank environment the app runs against, shown as a coloured badge in the window header.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum Environment {
    /// The built-in simulator; test cards only, nothing leaves the machine.
    Sandbox,
    /// Akbank's test host.
    Test,
    /// Akbank's production host: real cards, real money.
    Live,
}

/// The environment this build runs in.
pub const CURRENT: Environment = Environment::Sandbox;

//! Which bank host a store talks to, as the UI shows it: sandbox (the built-in simulator, no
//! real card is ever charged), Akbank's test host, or live.

use serde::{Deserialize, Serialize};
use specta::Type;

/// A bank environment, shown everywhere with its own colour and word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum Environment {
    /// The built-in simulator; test cards only, nothing leaves the machine.
    Sandbox,
    /// Akbank's test host.
    Test,
    /// Akbank's production host: real cards, real money.
    Live,
}

/// The environment of a new vault (its one store is the sandbox).
pub const CURRENT: Environment = Environment::Sandbox;

impl From<tahsildar_core::Environment> for Environment {
    fn from(env: tahsildar_core::Environment) -> Self {
        match env {
            tahsildar_core::Environment::Sandbox => Environment::Sandbox,
            tahsildar_core::Environment::Test => Environment::Test,
            tahsildar_core::Environment::Live => Environment::Live,
        }
    }
}

impl From<Environment> for tahsildar_core::Environment {
    fn from(env: Environment) -> Self {
        match env {
            Environment::Sandbox => tahsildar_core::Environment::Sandbox,
            Environment::Test => tahsildar_core::Environment::Test,
            Environment::Live => tahsildar_core::Environment::Live,
        }
    }
}

//! Simulator settings.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};
use tahsildar_akbank::terminal::test_terminals;

use crate::clock::SimClock;
use crate::faults::Faults;

/// A terminal the simulated host knows.
#[derive(Clone, Serialize, Deserialize)]
pub struct SimTerminal {
    /// `merchantSafeId`.
    pub merchant_safe_id: String,
    /// `terminalSafeId`.
    pub terminal_safe_id: String,
    /// Secret key used to check `auth-hash`.
    pub secret_key: String,
    /// Whether recurring orders are allowed (else VPS-1061).
    pub recurring_allowed: bool,
}

impl std::fmt::Debug for SimTerminal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SimTerminal")
            .field("merchant_safe_id", &self.merchant_safe_id)
            .field("terminal_safe_id", &self.terminal_safe_id)
            .field("secret_key", &"***")
            .field("recurring_allowed", &self.recurring_allowed)
            .finish()
    }
}

impl SimTerminal {
    /// Public test terminal A (no recurring permission).
    pub fn test_a() -> SimTerminal {
        SimTerminal {
            merchant_safe_id: test_terminals::A_MERCHANT_SAFE_ID.into(),
            terminal_safe_id: test_terminals::A_TERMINAL_SAFE_ID.into(),
            secret_key: test_terminals::A_SECRET_KEY.into(),
            recurring_allowed: false,
        }
    }

    /// Public test terminal B (recurring enabled).
    pub fn test_b() -> SimTerminal {
        SimTerminal {
            merchant_safe_id: test_terminals::B_MERCHANT_SAFE_ID.into(),
            terminal_safe_id: test_terminals::B_TERMINAL_SAFE_ID.into(),
            secret_key: test_terminals::B_SECRET_KEY.into(),
            recurring_allowed: true,
        }
    }
}

/// How to start the simulator.
#[derive(Debug, Clone)]
pub struct SimConfig {
    /// Loopback port; 0 picks a free one.
    pub port: u16,
    /// Known terminals.
    pub terminals: Vec<SimTerminal>,
    /// Seed of every random choice (faults, auth codes, RRNs, bank order ids).
    pub seed: u64,
    /// Faults active from the start.
    pub faults: Faults,
    /// Keep the ledger as JSON lines in this file and reload it on start.
    pub ledger_path: Option<PathBuf>,
    /// What the host takes for now (booking times, the report's days, card expiry).
    pub clock: SimClock,
}

impl Default for SimConfig {
    fn default() -> SimConfig {
        SimConfig {
            port: 0,
            terminals: vec![SimTerminal::test_a(), SimTerminal::test_b()],
            seed: 1,
            faults: Faults::default(),
            ledger_path: None,
            clock: SimClock::system(),
        }
    }
}

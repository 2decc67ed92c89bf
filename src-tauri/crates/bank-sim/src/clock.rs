//! The simulated host's idea of now. The real host dates every booking, the history report
//! reads days and card expiries are checked against the date; a test that moves its engine's
//! clock moves the simulator's with it, so no answer depends on the day the tests run.

use std::sync::Arc;

use jiff::Timestamp;

/// The system clock, or a clock the embedding test reads from its own.
#[derive(Clone, Default)]
pub struct SimClock(Option<Arc<dyn Fn() -> Timestamp + Send + Sync>>);

impl SimClock {
    /// The system clock.
    pub fn system() -> SimClock {
        SimClock(None)
    }

    /// A clock that reads `now` (e.g. a test clock shared with the engine).
    pub fn from_fn(now: impl Fn() -> Timestamp + Send + Sync + 'static) -> SimClock {
        SimClock(Some(Arc::new(now)))
    }

    /// The current instant.
    pub fn now(&self) -> Timestamp {
        match &self.0 {
            Some(f) => f(),
            None => Timestamp::now(),
        }
    }
}

impl std::fmt::Debug for SimClock {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.0.is_some() {
            "SimClock(test)"
        } else {
            "SimClock(system)"
        })
    }
}

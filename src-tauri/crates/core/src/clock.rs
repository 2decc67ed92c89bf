//! Time as a dependency, so that idle expiry and lockout can be tested without sleeping.

use std::sync::Mutex;

use jiff::{SignedDuration, Timestamp};

/// A source of the current time.
pub trait Clock: Send + Sync {
    fn now(&self) -> Timestamp;
}

/// The system clock.
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> Timestamp {
        Timestamp::now()
    }
}

/// A clock that only moves when told to.
#[derive(Debug)]
pub struct TestClock {
    now: Mutex<Timestamp>,
}

impl TestClock {
    pub fn new(start: Timestamp) -> TestClock {
        TestClock {
            now: Mutex::new(start),
        }
    }

    pub fn advance(&self, by: SignedDuration) {
        let mut now = self.now.lock().unwrap_or_else(|p| p.into_inner());
        *now = now.checked_add(by).expect("test clock overflow");
    }
}

impl Clock for TestClock {
    fn now(&self) -> Timestamp {
        *self.now.lock().unwrap_or_else(|p| p.into_inner())
    }
}

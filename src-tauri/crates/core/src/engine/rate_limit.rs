//! Spacing the requests of one store to its rate limit (requests per second).
//!
//! Each request takes the next slot of a fixed schedule, one interval apart. A request that
//! wakes a little after its slot (timers fire late by up to a millisecond or so, more on a busy
//! machine) does not push the schedule back: the next slot is counted from the slot, not from
//! the moment of waking, so the store gets its full rate over a run. After an idle spell the
//! schedule restarts from now, with at most `burst` of missed slots made up, so the bank never
//! sees more than a short burst above the rate.

use std::sync::Mutex;
use std::time::Duration;

use tokio::time::Instant;

/// The catch-up allowed after a late or idle spell: a tenth of a second, at least one slot.
fn burst_of(interval: Duration) -> Duration {
    interval.max(Duration::from_millis(100))
}

/// When a request may go, and the slot after it, given the next free slot and the time now.
fn take_slot(
    next: Instant,
    now: Instant,
    interval: Duration,
    burst: Duration,
) -> (Instant, Instant) {
    let earliest = now.checked_sub(burst).unwrap_or(now);
    let slot = next.max(earliest);
    (slot, slot + interval)
}

pub(crate) struct RateLimiter {
    next: Mutex<Instant>,
    interval: Duration,
    burst: Duration,
}

impl RateLimiter {
    pub(crate) fn new(per_sec: u32) -> RateLimiter {
        let interval = Duration::from_secs(1) / per_sec.max(1);
        RateLimiter {
            next: Mutex::new(Instant::now()),
            interval,
            burst: burst_of(interval),
        }
    }

    /// Waits for this request's slot.
    pub(crate) async fn wait(&self) {
        let slot = {
            let mut next = self.next.lock().unwrap_or_else(|p| p.into_inner());
            let (slot, after) = take_slot(*next, Instant::now(), self.interval, self.burst);
            *next = after;
            slot
        };
        tokio::time::sleep_until(slot).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MS: Duration = Duration::from_millis(1);

    #[test]
    fn waking_late_keeps_the_schedule() {
        let t0 = Instant::now();
        let interval = 10 * MS;
        let burst = burst_of(interval);
        // The first request goes at once; the next slot is 10 ms on.
        let (slot, next) = take_slot(t0, t0, interval, burst);
        assert_eq!((slot, next), (t0, t0 + interval));
        // It woke 1 ms late: its successor still gets the slot at 20 ms, not 21 ms.
        let (slot, next) = take_slot(next, t0 + 11 * MS, interval, burst);
        assert_eq!((slot, next), (t0 + interval, t0 + 2 * interval));
        // 1,000 requests each a millisecond late still take 1,000 slots, not 1,100.
        let mut next = t0;
        for i in 0..1000u32 {
            let now = t0 + interval * i + MS;
            next = take_slot(next, now.max(next), interval, burst).1;
        }
        assert_eq!(next, t0 + interval * 1000);
    }

    #[test]
    fn after_an_idle_spell_only_a_short_burst_is_made_up() {
        let t0 = Instant::now();
        let interval = 10 * MS;
        let burst = burst_of(interval);
        assert_eq!(burst, 100 * MS);
        let now = t0 + Duration::from_secs(5);
        let mut next = t0;
        let mut at_once = 0;
        loop {
            let (slot, after) = take_slot(next, now, interval, burst);
            if slot > now {
                break;
            }
            at_once += 1;
            next = after;
        }
        // The missed 5 s are not made up: 100 ms worth (10 slots) plus the one due now.
        assert_eq!(at_once, 11);
    }

    #[test]
    fn a_slow_rate_allows_one_slot_of_catch_up() {
        let interval = Duration::from_secs(1) / 5;
        assert_eq!(burst_of(interval), interval);
    }
}

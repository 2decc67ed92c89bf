//! Fault injection, switchable at start and at run time, driven by a seeded generator.
//!
//! Each request draws the same fixed set of random numbers whatever the settings, so a given
//! seed and request sequence always gives the same faults.

use rand::{Rng, SeedableRng, rngs::StdRng};
use serde::{Deserialize, Serialize};

/// Faults of the simulated host. Probabilities are 0.0..=1.0 per request.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct Faults {
    /// Delay before every answer.
    pub latency_ms: u64,
    /// Extra random delay, uniform in 0..=jitter_ms.
    pub jitter_ms: u64,
    /// Process (book) the request, then close the connection without a reply.
    pub drop_after_booking: f64,
    /// HTTP 503 before processing: nothing booked.
    pub error_5xx_before_booking: f64,
    /// Process (book) the request, then answer HTTP 500.
    pub error_5xx_after_booking: f64,
    /// Process (book) the request, then answer HTTP 200 with a truncated, unparsable body.
    pub malformed_after_booking: f64,
    /// HTTP 429 with `Retry-After` before processing: nothing booked.
    pub throttle_429: f64,
    /// `Retry-After` seconds of a 429.
    pub retry_after_secs: u64,
    /// Stop accepting connections: the listener is closed (clients get "connection refused")
    /// and idle connections are shut; reopened on the same port when switched off.
    pub refuse_connections: bool,
    /// With `refuse_connections`, reopen by itself after this many milliseconds (0 = stay
    /// closed until switched off). Lets an out-of-process test end a refusal it started over
    /// the admin endpoint, which a closed listener cannot receive.
    pub refuse_for_ms: u64,
}

/// What happens to one request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct FaultPlan {
    /// Total delay.
    pub delay_ms: u64,
    /// 429 before processing.
    pub throttle: bool,
    /// 503 before processing.
    pub error_before: bool,
    /// Drop after processing.
    pub drop_after: bool,
    /// 500 after processing.
    pub error_after: bool,
    /// Malformed body after processing.
    pub malformed: bool,
}

/// The seeded generator.
pub struct FaultDice {
    rng: StdRng,
}

impl FaultDice {
    /// A generator for a seed.
    pub fn new(seed: u64) -> FaultDice {
        FaultDice {
            rng: StdRng::seed_from_u64(seed),
        }
    }

    /// Draws the plan for one request.
    pub fn plan(&mut self, f: &Faults) -> FaultPlan {
        let jitter = self.rng.random_range(0..=f.jitter_ms);
        let mut roll = |p: f64| {
            let x: f64 = self.rng.random();
            x < p
        };
        let throttle = roll(f.throttle_429);
        let error_before = roll(f.error_5xx_before_booking);
        let drop_after = roll(f.drop_after_booking);
        let error_after = roll(f.error_5xx_after_booking);
        let malformed = roll(f.malformed_after_booking);
        FaultPlan {
            delay_ms: f.latency_ms + jitter,
            throttle,
            error_before,
            drop_after,
            error_after,
            malformed,
        }
    }

    /// Random digits for auth codes and RRNs.
    pub fn digits(&mut self, n: usize) -> String {
        (0..n)
            .map(|_| char::from(b'0' + self.rng.random_range(0..10u8)))
            .collect()
    }

    /// A random (version 4 shaped) UUID, as the bank gives follow-up transactions.
    pub fn uuid(&mut self) -> String {
        let b: [u8; 16] = self.rng.random();
        let h: String = b.iter().map(|x| format!("{x:02x}")).collect();
        format!(
            "{}-{}-4{}-a{}-{}",
            &h[0..8],
            &h[8..12],
            &h[13..16],
            &h[17..20],
            &h[20..32]
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_faults() {
        let f = Faults {
            jitter_ms: 40,
            drop_after_booking: 0.3,
            throttle_429: 0.2,
            ..Faults::default()
        };
        let mut a = FaultDice::new(7);
        let mut b = FaultDice::new(7);
        let pa: Vec<_> = (0..50).map(|_| a.plan(&f)).collect();
        let pb: Vec<_> = (0..50).map(|_| b.plan(&f)).collect();
        assert_eq!(pa, pb);
        assert!(pa.iter().any(|p| p.drop_after) && pa.iter().any(|p| !p.drop_after));
        let mut c = FaultDice::new(8);
        let pc: Vec<_> = (0..50).map(|_| c.plan(&f)).collect();
        assert_ne!(pa, pc);
    }

    #[test]
    fn zero_means_never_one_means_always() {
        let mut d = FaultDice::new(1);
        let never = Faults::default();
        let always = Faults {
            throttle_429: 1.0,
            malformed_after_booking: 1.0,
            ..Faults::default()
        };
        for _ in 0..100 {
            let p = d.plan(&never);
            assert!(
                !p.throttle && !p.drop_after && !p.error_before && !p.error_after && !p.malformed
            );
            let p = d.plan(&always);
            assert!(p.throttle && p.malformed);
        }
    }
}

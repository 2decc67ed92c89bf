//! Fault injection, switchable at start and at run time, driven by a seeded generator.
//!
//! Each request draws the same fixed set of random numbers whatever the settings, so a given
//! seed and request sequence always gives the same faults. The faults added after the first set
//! draw from a second generator of the same seed, so a seed still gives exactly the faults it
//! gave before they existed.

use rand::{Rng, SeedableRng, rngs::StdRng};
use serde::{Deserialize, Serialize};

/// Faults and switchable behaviours of the simulated host. Probabilities are 0.0..=1.0 per
/// request. Every field at zero or false ([`Faults::NONE`]) is the plain host, so a test names
/// only what it changes.
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
    /// Process (book) the request, mark the booking suspicious (an inquiry shows `txnStatus`
    /// S), then answer HTTP 504.
    pub suspicious_after_booking: f64,
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
    /// A sale or pre-auth (1000/1004 by `orderId`, not recurring) with a new order id: the host
    /// reserves the id but books nothing visible and answers HTTP 504 without a body. An inquiry
    /// of the id then answers VPS-1123 and any later 1000/1004 with it VPS-1013; nothing is
    /// charged and the history report does not list it (ledger status
    /// [`crate::EntryStatus::Held`]).
    pub hold_without_record: f64,
    /// Process (book) a sale, pre-auth, refund, void or post-auth as usual, then answer HTTP 200
    /// with a `responseCode` no catalogue knows (`VPS-9997` "Beklenmeyen hata") and no host code.
    /// Every HTTP 200 answer to those is replaced, a refusal that booked nothing (VPS-1013,
    /// VPS-1007, ...) too; inquiries and reports answer normally.
    pub unlisted_code_after_booking: f64,
    /// Process (book) a refund, void or post-auth (1002/1003/1005), then close the connection
    /// without a reply. Unlike `drop_after_booking`, which loses every reply (sales, inquiries
    /// and reports too), this loses only the replies to follow-ups, the host's refusals of them
    /// included.
    pub drop_follow_up_reply: f64,
    /// Book an approved sale or pre-auth (not recurring), then reverse it at the host
    /// ("Teknik İptal") and close the connection without a reply: nothing stays charged, an
    /// inquiry shows the row with `txnStatus` R and no responseCode, the history report lists
    /// it as "Teknik İptal" (ledger status [`crate::EntryStatus::TechnicallyReversed`]). A
    /// declined booking is answered as usual.
    pub technical_reversal_after_booking: f64,
    /// An inquiry (1010) lists no refund (1002) rows, and the original row's `txnStatus` stays
    /// N after a partial or full refund (whether the real host shows R is not known). The
    /// history report still lists the refund rows.
    pub inquiry_omits_refunds: bool,
    /// A void (1003) of a captured pre-auth also voids the pre-auth row (its hold released at
    /// once). Off, the host does what Akbank's test host does: it voids only the post-auth
    /// (1005) row and reopens the pre-auth (`preAuthStatus` O, close amount 0), whose hold stands
    /// until a second void releases it.
    pub void_after_capture_voids_pre_auth: bool,
    /// Treat the Mastercard test card 5218076007402834 as a card of another bank: an instalment
    /// sale or pre-auth on it gets VPS-1044, as on [`crate::cards::NOT_ONUS`]. Off by default:
    /// Akbank's test host approved instalments on that card.
    pub mastercard_test_card_not_onus: bool,
}

impl Faults {
    /// No faults: the plain host (equal to `Faults::default()`, usable in a `const`).
    pub const NONE: Faults = Faults {
        latency_ms: 0,
        jitter_ms: 0,
        drop_after_booking: 0.0,
        error_5xx_before_booking: 0.0,
        error_5xx_after_booking: 0.0,
        malformed_after_booking: 0.0,
        suspicious_after_booking: 0.0,
        throttle_429: 0.0,
        retry_after_secs: 0,
        refuse_connections: false,
        refuse_for_ms: 0,
        hold_without_record: 0.0,
        unlisted_code_after_booking: 0.0,
        drop_follow_up_reply: 0.0,
        technical_reversal_after_booking: 0.0,
        inquiry_omits_refunds: false,
        void_after_capture_voids_pre_auth: false,
        mastercard_test_card_not_onus: false,
    };
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
    /// Suspicious booking and 504 after processing.
    pub suspicious: bool,
    /// Hold a new sale's order id without a record, answer 504.
    pub hold: bool,
    /// Unlisted responseCode after processing.
    pub unlisted: bool,
    /// Drop a follow-up's reply after processing.
    pub drop_follow_up: bool,
    /// Reverse an approved sale at the host, then drop.
    pub technical_reversal: bool,
}

/// The seeded generator.
pub struct FaultDice {
    rng: StdRng,
    /// Draws of the faults added later, kept apart so `rng` draws what it always drew.
    later: StdRng,
}

/// Mixed into the seed of the second generator.
const LATER_SEED: u64 = 0x7EC4_1C41_1BA1_0002;

fn roll(rng: &mut StdRng, p: f64) -> bool {
    let x: f64 = rng.random();
    x < p
}

impl FaultDice {
    /// A generator for a seed.
    pub fn new(seed: u64) -> FaultDice {
        FaultDice {
            rng: StdRng::seed_from_u64(seed),
            later: StdRng::seed_from_u64(seed ^ LATER_SEED),
        }
    }

    /// Draws the plan for one request.
    pub fn plan(&mut self, f: &Faults) -> FaultPlan {
        let jitter = self.rng.random_range(0..=f.jitter_ms);
        let r = &mut self.rng;
        let throttle = roll(r, f.throttle_429);
        let error_before = roll(r, f.error_5xx_before_booking);
        let drop_after = roll(r, f.drop_after_booking);
        let error_after = roll(r, f.error_5xx_after_booking);
        let malformed = roll(r, f.malformed_after_booking);
        let suspicious = roll(r, f.suspicious_after_booking);
        // New faults draw here, from the second generator, in this order; append, never insert.
        let l = &mut self.later;
        let hold = roll(l, f.hold_without_record);
        let unlisted = roll(l, f.unlisted_code_after_booking);
        let drop_follow_up = roll(l, f.drop_follow_up_reply);
        let technical_reversal = roll(l, f.technical_reversal_after_booking);
        FaultPlan {
            delay_ms: f.latency_ms + jitter,
            throttle,
            error_before,
            drop_after,
            error_after,
            malformed,
            suspicious,
            hold,
            unlisted,
            drop_follow_up,
            technical_reversal,
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
            hold_without_record: 0.3,
            technical_reversal_after_booking: 0.3,
            ..Faults::default()
        };
        let mut a = FaultDice::new(7);
        let mut b = FaultDice::new(7);
        let pa: Vec<_> = (0..50).map(|_| a.plan(&f)).collect();
        let pb: Vec<_> = (0..50).map(|_| b.plan(&f)).collect();
        assert_eq!(pa, pb);
        assert!(pa.iter().any(|p| p.drop_after) && pa.iter().any(|p| !p.drop_after));
        assert!(pa.iter().any(|p| p.hold) && pa.iter().any(|p| !p.hold));
        let mut c = FaultDice::new(8);
        let pc: Vec<_> = (0..50).map(|_| c.plan(&f)).collect();
        assert_ne!(pa, pc);
    }

    #[test]
    fn none_is_the_default() {
        assert_eq!(Faults::NONE, Faults::default());
        let parsed: Faults = serde_json::from_str("{}").unwrap();
        assert_eq!(parsed, Faults::NONE);
    }

    /// The first faults draw what they drew before later faults existed: the jitter, then one
    /// number per fault in declaration order, from a generator seeded with the seed itself.
    #[test]
    fn later_faults_leave_a_seed_s_first_faults_unchanged() {
        let first = Faults {
            jitter_ms: 40,
            throttle_429: 0.2,
            error_5xx_before_booking: 0.2,
            drop_after_booking: 0.3,
            error_5xx_after_booking: 0.2,
            malformed_after_booking: 0.2,
            suspicious_after_booking: 0.2,
            ..Faults::NONE
        };
        let with_later = Faults {
            hold_without_record: 0.5,
            unlisted_code_after_booking: 0.5,
            drop_follow_up_reply: 0.5,
            technical_reversal_after_booking: 0.5,
            ..first.clone()
        };
        let mut old = StdRng::seed_from_u64(11);
        let mut a = FaultDice::new(11);
        let mut b = FaultDice::new(11);
        let mut later_seen = 0;
        for _ in 0..200 {
            let jitter = old.random_range(0..=first.jitter_ms);
            let rolls: Vec<bool> = [0.2, 0.2, 0.3, 0.2, 0.2, 0.2]
                .iter()
                .map(|p| roll(&mut old, *p))
                .collect();
            let expected = FaultPlan {
                delay_ms: jitter,
                throttle: rolls[0],
                error_before: rolls[1],
                drop_after: rolls[2],
                error_after: rolls[3],
                malformed: rolls[4],
                suspicious: rolls[5],
                ..FaultPlan::default()
            };
            assert_eq!(a.plan(&first), expected);
            let p = b.plan(&with_later);
            assert_eq!(
                FaultPlan {
                    hold: false,
                    unlisted: false,
                    drop_follow_up: false,
                    technical_reversal: false,
                    ..p
                },
                expected
            );
            later_seen += usize::from(p.hold || p.unlisted || p.drop_follow_up);
        }
        assert!(later_seen > 0);
    }

    #[test]
    fn zero_means_never_one_means_always() {
        let mut d = FaultDice::new(1);
        let never = Faults::default();
        let always = Faults {
            throttle_429: 1.0,
            malformed_after_booking: 1.0,
            hold_without_record: 1.0,
            unlisted_code_after_booking: 1.0,
            drop_follow_up_reply: 1.0,
            technical_reversal_after_booking: 1.0,
            ..Faults::default()
        };
        for _ in 0..100 {
            let p = d.plan(&never);
            assert_eq!(p, FaultPlan::default());
            let p = d.plan(&always);
            assert!(p.throttle && p.malformed);
            assert!(p.hold && p.unlisted && p.drop_follow_up && p.technical_reversal);
        }
    }
}

//! Settings of the engine that are not per store.

use std::time::Duration;

/// How hard the engine tries within one run before leaving an attempt for the next one.
#[derive(Debug, Clone)]
pub struct EngineConfig {
    /// Waits before each inquiry of an attempt whose fate is unknown; the last repeats.
    pub inquiry_backoff: Vec<Duration>,
    /// Inquiries without a definite answer after which the attempt goes to manual review.
    pub max_inquiries: u32,
    /// Sends of one order id within a run when nothing reached the bank (refused, 429).
    pub max_resends: u32,
    /// Sends of one attempt whose answer never came (timeout, 5xx, unreadable, our own id
    /// already used) after which it goes to manual review instead of being sent again.
    pub max_lost_replies: u32,
    /// How long after a send the bank's "no such order" is not believed yet: the request could
    /// still be on its way or being booked.
    pub not_found_grace: Duration,
    /// The least time between the two "no such order" answers that let an order id be sent
    /// again.
    pub not_found_gap: Duration,
    /// How often an attempt in manual review is asked about again without an operator.
    pub review_recheck: Duration,
    /// Wait between such resends when the bank gave no `Retry-After`.
    pub resend_backoff: Duration,
    /// Longest `Retry-After` honoured within a run; beyond it the attempt waits for the next run.
    pub max_retry_after: Duration,
    /// Time allowed for one exchange with the bank.
    pub request_timeout: Duration,
    /// Time allowed to open a connection.
    pub connect_timeout: Duration,
}

impl Default for EngineConfig {
    fn default() -> Self {
        EngineConfig {
            inquiry_backoff: [1, 2, 5, 10, 30].map(Duration::from_secs).to_vec(),
            max_inquiries: 5,
            max_resends: 3,
            max_lost_replies: 3,
            not_found_grace: Duration::from_secs(15 * 60),
            not_found_gap: Duration::from_secs(60),
            review_recheck: Duration::from_secs(60 * 60),
            resend_backoff: Duration::from_secs(1),
            max_retry_after: Duration::from_secs(60),
            request_timeout: Duration::from_secs(60),
            connect_timeout: Duration::from_secs(10),
        }
    }
}

impl EngineConfig {
    /// Short waits for tests against the local simulator: inquiries after 0.2, 0.5, 1 and 2 s;
    /// a not-found believed 1 s after the send, on a second answer 0.3 s after the first.
    pub fn fast() -> Self {
        EngineConfig {
            inquiry_backoff: [200, 500, 1000, 2000].map(Duration::from_millis).to_vec(),
            not_found_grace: Duration::from_secs(1),
            not_found_gap: Duration::from_millis(300),
            review_recheck: Duration::from_secs(5),
            resend_backoff: Duration::from_millis(100),
            max_retry_after: Duration::from_secs(3),
            request_timeout: Duration::from_secs(2),
            connect_timeout: Duration::from_secs(1),
            ..EngineConfig::default()
        }
    }

    /// The engine's settings for this process: the defaults, or with `TAHSILDAR_FAST_RETRIES=1`
    /// the short waits of the test suites (the app and the command line alike).
    pub fn from_env() -> Self {
        if std::env::var("TAHSILDAR_FAST_RETRIES").as_deref() == Ok("1") {
            EngineConfig::fast()
        } else {
            EngineConfig::default()
        }
    }

    pub(crate) fn inquiry_wait(&self, inquiries_so_far: u32) -> Duration {
        let i = (inquiries_so_far as usize).min(self.inquiry_backoff.len().saturating_sub(1));
        self.inquiry_backoff
            .get(i)
            .copied()
            .unwrap_or(Duration::from_secs(1))
    }
}

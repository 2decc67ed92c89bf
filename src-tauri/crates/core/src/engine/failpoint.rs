//! Failpoints for crash tests: when `TAHSILDAR_FAILPOINT` names a step, the process aborts
//! there, as if the PC lost power. Inert unless the variable is set.

/// The environment variable naming the step to abort at.
pub const FAILPOINT_ENV: &str = "TAHSILDAR_FAILPOINT";

/// After the attempt is written ahead, before anything is sent.
pub const AFTER_WRITE_AHEAD: &str = "after_write_ahead";
/// After the bank answered, before the answer is recorded.
pub const AFTER_SEND_BEFORE_RECORD: &str = "after_send_before_record";
/// After the answer is recorded.
pub const AFTER_RECORD: &str = "after_record";
/// After an inquiry was answered, before its result is recorded.
pub const DURING_INQUIRY: &str = "during_inquiry";

/// After a void, refund or capture is written ahead, before it is sent.
pub const AFTER_FOLLOW_UP_WRITE_AHEAD: &str = "after_follow_up_write_ahead";
/// After the bank answered a void, refund or capture, before the answer is recorded.
pub const AFTER_FOLLOW_UP_SEND: &str = "after_follow_up_send";

/// While a sale's request, card and all, is in memory: panics, showing the request as a panic
/// message would (its card masked), to prove that a panic reveals no card data.
pub const PANIC_WITH_CARD: &str = "panic_with_card";

/// Every failpoint, in the order an attempt meets them.
pub const ALL: [&str; 4] = [
    AFTER_WRITE_AHEAD,
    AFTER_SEND_BEFORE_RECORD,
    AFTER_RECORD,
    DURING_INQUIRY,
];

fn armed(name: &str) -> bool {
    std::env::var(FAILPOINT_ENV).is_ok_and(|armed| armed == name)
}

/// Aborts the process when the failpoint `name` is armed.
pub fn hit(name: &str) {
    if armed(name) {
        std::process::abort();
    }
}

/// Panics with `what` shown in the message when the failpoint `name` is armed.
pub fn panic_showing(name: &str, what: &dyn std::fmt::Debug) {
    if armed(name) {
        panic!("failpoint {name}: {what:?}");
    }
}

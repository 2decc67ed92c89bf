//! A locked account as an error shows it: when the lock ends and how many minutes are left.

use jiff::Timestamp;

use crate::i18n::{Lang, Text};

/// The lock on an account after too many failed sign-ins, seen at one moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Lockout {
    until: Timestamp,
    minutes_left: i64,
}

impl Lockout {
    /// The lock ending at `until`, as seen at `now` (the vault's clock): whole minutes left,
    /// rounded up and at least one.
    pub fn new(until: Timestamp, now: Timestamp) -> Lockout {
        let seconds = until.as_second() - now.as_second();
        let minutes_left = ((seconds + 59) / 60).max(1);
        Lockout {
            until,
            minutes_left,
        }
    }

    /// When the lock ends.
    pub fn until(&self) -> Timestamp {
        self.until
    }

    /// Whole minutes left at the moment of the error (at least one).
    pub fn minutes_left(&self) -> i64 {
        self.minutes_left
    }

    /// The end as an operator reads it in Europe/Istanbul: `15:42`, with the date in front when
    /// a day or more is left.
    pub fn ends_at(&self) -> String {
        let pattern = if self.minutes_left >= 24 * 60 {
            "%d.%m.%Y %H:%M"
        } else {
            "%H:%M"
        };
        self.until
            .to_zoned_datetime(crate::plan::time_zone())
            .strftime(pattern)
            .to_string()
    }

    /// "Hesap kilitli; 27 dakika sonra yeniden deneyin (15:42)." and its English.
    pub fn text(&self) -> Text {
        let n = self.minutes_left;
        let at = self.ends_at();
        let unit = if n == 1 { "minute" } else { "minutes" };
        Text::new(
            format!("Hesap kilitli; {n} dakika sonra yeniden deneyin ({at})."),
            format!("The account is locked; try again in {n} {unit} ({at})."),
        )
    }
}

impl std::fmt::Display for Lockout {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.text().get(Lang::En).fmt(f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> Timestamp {
        text.parse().unwrap()
    }

    #[test]
    fn minutes_left_round_up_from_the_given_moment() {
        // 12:42 UTC is 15:42 in Istanbul.
        let until = at("2026-03-02T12:42:00Z");
        let lock = Lockout::new(until, at("2026-03-02T12:15:30Z"));
        assert_eq!(lock.minutes_left(), 27);
        assert_eq!(
            lock.text().get(Lang::Tr),
            "Hesap kilitli; 27 dakika sonra yeniden deneyin (15:42)."
        );
        assert_eq!(
            lock.text().get(Lang::En),
            "The account is locked; try again in 27 minutes (15:42)."
        );
    }

    #[test]
    fn the_last_seconds_still_say_one_minute() {
        let until = at("2026-03-02T12:42:00Z");
        let lock = Lockout::new(until, at("2026-03-02T12:41:59Z"));
        assert_eq!(lock.minutes_left(), 1);
        assert!(lock.text().get(Lang::En).contains("in 1 minute ("));
        assert_eq!(Lockout::new(until, until).minutes_left(), 1);
    }

    #[test]
    fn a_lock_past_a_day_shows_its_date() {
        let lock = Lockout::new(at("2026-03-04T12:42:00Z"), at("2026-03-02T12:00:00Z"));
        assert_eq!(lock.ends_at(), "04.03.2026 15:42");
    }
}

use std::time::Duration;

use jiff::Timestamp;
use tahsildar_akbank::{Currency, InquiryRow, OrderState};

use super::{FollowUp, FollowUpKind, FollowUpState, Settled, decide, may_still_land};
use crate::engine::config::EngineConfig;

fn follow_up(kind: FollowUpKind, amount_minor: i64, base_minor: i64) -> FollowUp {
    FollowUp {
        id: 1,
        kind,
        state: FollowUpState::Unknown,
        amount_minor,
        base_minor,
        sent_at: Some("2026-11-27T07:00:00Z".into()),
        attempt_id: 7,
        payment_id: 3,
        order_id: "TH261127-ABC".into(),
        currency: Currency::Try,
        of_captured_pre_auth: false,
    }
}

fn approved(refunded_minor: i64) -> OrderState {
    OrderState::Approved {
        row: InquiryRow::default(),
        refunded_minor,
    }
}

#[test]
fn a_void_shows_as_voided() {
    let f = follow_up(FollowUpKind::Void, 1_000, 0);
    let v = OrderState::Voided(InquiryRow::default());
    assert_eq!(
        decide(&f, &v),
        Some(Settled::Approved {
            amount_minor: 1_000
        })
    );
    assert!(matches!(
        decide(&f, &approved(0)),
        Some(Settled::Declined(_))
    ));
    assert_eq!(decide(&f, &OrderState::NotFound), None);
    assert_eq!(decide(&f, &OrderState::Undetermined("x".into())), None);
}

#[test]
fn a_refund_shows_in_the_refunded_amount_but_its_absence_proves_nothing() {
    // 300 were refunded before; this one is 200.
    let f = follow_up(FollowUpKind::Refund, 200, 300);
    assert_eq!(
        decide(&f, &approved(500)),
        Some(Settled::Approved { amount_minor: 200 })
    );
    // An inquiry may not list refunds at all: only the day's report can show it was not done.
    assert_eq!(decide(&f, &approved(300)), None);
    // Part of it: the bank cannot have refunded a part of one refund; ask again later.
    assert_eq!(decide(&f, &approved(400)), None);
    assert_eq!(
        decide(&f, &OrderState::Refunded(InquiryRow::default())),
        Some(Settled::Approved { amount_minor: 200 })
    );
    assert!(matches!(
        decide(&f, &OrderState::Voided(InquiryRow::default())),
        Some(Settled::Declined(_))
    ));
}

#[test]
fn a_capture_shows_as_a_closed_pre_authorisation() {
    let f = follow_up(FollowUpKind::Capture, 700, 0);
    let row = |status: &str, close: Option<i64>| OrderState::Approved {
        row: InquiryRow {
            pre_auth_status: Some(status.into()),
            pre_auth_close_amount_minor: close,
            ..InquiryRow::default()
        },
        refunded_minor: 0,
    };
    assert_eq!(
        decide(&f, &row("C", Some(700))),
        Some(Settled::Approved { amount_minor: 700 })
    );
    assert!(matches!(
        decide(&f, &row("O", Some(0))),
        Some(Settled::Declined(_))
    ));
    assert_eq!(decide(&f, &approved(0)), None, "no pre-auth status");
}

#[test]
fn absence_counts_only_after_the_time_limit() {
    let f = follow_up(FollowUpKind::Refund, 100, 0);
    let config = EngineConfig {
        request_timeout: Duration::from_secs(2),
        connect_timeout: Duration::from_secs(1),
        ..EngineConfig::fast()
    };
    let sent: Timestamp = "2026-11-27T07:00:00Z".parse().unwrap();
    assert!(may_still_land(&f, sent, &config));
    let later = sent + jiff::SignedDuration::from_millis(2_900);
    assert!(may_still_land(&f, later, &config));
    let after = sent + jiff::SignedDuration::from_secs(3);
    assert!(!may_still_land(&f, after, &config));
}

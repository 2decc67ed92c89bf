use std::collections::HashMap;

use jiff::Timestamp;
use tahsildar_akbank::HistoryRow;

use super::*;

const TAG: &str = "K7Q2";

fn ours(payment: i64) -> String {
    format!("THK7Q2261127-{payment}-1-ABCDEFGH")
}

fn row(txn: &str, order: &str, org: Option<&str>, status: &str, amount: i64) -> HistoryRow {
    HistoryRow {
        txn_code: Some(txn.into()),
        order_id: Some(order.into()),
        org_order_id: org.map(str::to_string),
        txn_status: Some(status.into()),
        amount_minor: Some(amount),
        ..HistoryRow::default()
    }
}

fn approved(id: i64, order: &str, amount: i64) -> LocalAttempt {
    LocalAttempt {
        id,
        order_id: order.into(),
        state: AttemptState::Approved,
        amount_minor: amount,
        pre_auth: false,
        voided: false,
        captured_minor: None,
        due_today: true,
        near_midnight: false,
    }
}

fn run(rows: &[HistoryRow], attempts: &[LocalAttempt], follow_ups: &[LocalFollowUp]) -> Matched {
    let attempts: HashMap<String, LocalAttempt> = attempts
        .iter()
        .map(|a| (a.order_id.clone(), a.clone()))
        .collect();
    match_day(&Day {
        tag: TAG,
        rows,
        spill: &[],
        attempts: &attempts,
        follow_ups,
        restoring: false,
        conclusive_before: "2026-11-27T12:00:00Z".parse().unwrap(),
    })
}

fn kinds(m: &Matched) -> Vec<(DifferenceKind, String)> {
    m.findings
        .iter()
        .filter_map(|f| match f {
            Finding::Difference(d) => Some((d.kind, d.order_id.clone())),
            _ => None,
        })
        .collect()
}

#[test]
fn agreeing_records_settle_and_other_programs_rows_are_left_alone() {
    let rows = [
        row("1000", &ours(1), Some(&ours(1)), "Başarılı", 10_000),
        row("1000", "20240418BA6C", None, "Başarılı", 5_000),
    ];
    let m = run(&rows, &[approved(1, &ours(1), 10_000)], &[]);
    assert_eq!((m.matched, m.others), (1, 1));
    assert!(kinds(&m).is_empty());
    assert_eq!(m.findings, [Finding::Seen { attempt_id: 1 }]);
}

#[test]
fn each_kind_of_difference() {
    let rows = [
        // Ours, charged, with no record here.
        row("1000", &ours(7), None, "Başarılı", 1_000),
        // Declined there, approved here.
        row("1000", &ours(2), None, "Başarısız", 2_000),
        // Another amount.
        row("1000", &ours(3), None, "Başarılı", 3_100),
        // Reversed by the host, approved here.
        row("1000", &ours(4), None, "Teknik İptal", 4_000),
    ];
    let local = [
        approved(2, &ours(2), 2_000),
        approved(3, &ours(3), 3_000),
        approved(4, &ours(4), 4_000),
        approved(5, &ours(5), 5_000),
    ];
    let m = run(&rows, &local, &[]);
    let mut found = kinds(&m);
    found.sort_by(|a, b| a.1.cmp(&b.1));
    assert_eq!(
        found,
        [
            (DifferenceKind::StatusDiffers, ours(2)),
            (DifferenceKind::AmountDiffers, ours(3)),
            (DifferenceKind::StatusDiffers, ours(4)),
            (DifferenceKind::MissingAtBank, ours(5)),
            (DifferenceKind::UnknownBooking, ours(7)),
        ]
    );
}

#[test]
fn a_void_of_a_captured_pre_authorisation_shows_on_its_post_auth_row() {
    let pre = ours(9);
    let rows = [
        row("1004", &pre, Some(&pre), "Başarılı", 9_000),
        row("1005", "bank-uuid-1", Some(&pre), "İptal", 8_000),
    ];
    let a = LocalAttempt {
        pre_auth: true,
        voided: true,
        captured_minor: Some(8_000),
        ..approved(9, &pre, 9_000)
    };
    let capture = LocalFollowUp {
        id: 21,
        attempt_id: 9,
        kind: FollowUpKind::Capture,
        state: FollowUpState::Approved,
        amount_minor: 8_000,
        bank_order_id: Some("bank-uuid-1".into()),
        sent_at: None,
        of_today: true,
        near_midnight: false,
    };
    let m = run(&rows, &[a], &[capture]);
    assert!(kinds(&m).is_empty(), "{:?}", m.findings);
    assert_eq!(m.matched, 2);
}

#[test]
fn a_lost_refund_is_settled_by_the_report_either_way() {
    let sale = ours(11);
    let listed = [
        row("1000", &sale, Some(&sale), "Başarılı", 10_000),
        row("1002", "bank-uuid-2", Some(&sale), "Başarılı", 2_500),
    ];
    let lost = |sent: &str| LocalFollowUp {
        id: 31,
        attempt_id: 11,
        kind: FollowUpKind::Refund,
        state: FollowUpState::Unknown,
        amount_minor: 2_500,
        bank_order_id: None,
        sent_at: Some(sent.parse::<Timestamp>().unwrap()),
        of_today: true,
        near_midnight: false,
    };
    let a = approved(11, &sale, 10_000);
    let m = run(
        &listed,
        std::slice::from_ref(&a),
        &[lost("2026-11-27T08:00:00Z")],
    );
    assert!(m.findings.contains(&Finding::Settle {
        reversal_id: 31,
        done: true,
        bank_order_id: Some("bank-uuid-2".into()),
    }));
    // Not listed, and sent long enough ago: not done.
    let m = run(
        &listed[..1],
        std::slice::from_ref(&a),
        &[lost("2026-11-27T08:00:00Z")],
    );
    assert!(m.findings.contains(&Finding::Settle {
        reversal_id: 31,
        done: false,
        bank_order_id: None,
    }));
    // Not listed, but sent too recently for the report to tell.
    let m = run(&listed[..1], &[a], &[lost("2026-11-27T12:30:00Z")]);
    assert!(
        !m.findings
            .iter()
            .any(|f| matches!(f, Finding::Settle { .. })),
        "{:?}",
        m.findings
    );
}

#[test]
fn an_open_attempt_waits_for_its_inquiry() {
    let order = ours(12);
    let rows = [row("1000", &order, None, "Başarılı", 1_200)];
    let a = LocalAttempt {
        state: AttemptState::Unknown,
        due_today: false,
        ..approved(12, &order, 1_200)
    };
    let m = run(&rows, &[a], &[]);
    assert!(m.findings.is_empty());
}

#[test]
fn a_restored_vault_writes_back_its_own_bookings() {
    let rows = [row("1000", &ours(13), None, "Başarılı", 1_300)];
    let attempts = HashMap::new();
    let m = match_day(&Day {
        tag: TAG,
        rows: &rows,
        spill: &[],
        attempts: &attempts,
        follow_ups: &[],
        restoring: true,
        conclusive_before: Timestamp::UNIX_EPOCH,
    });
    assert_eq!(
        m.findings,
        [Finding::Restore {
            row: rows[0].clone()
        }]
    );
}

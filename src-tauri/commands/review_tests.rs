//! The review commands against a real vault, engine and sandbox bank: what an operator sees of
//! an attempt in review and each way out, with its refusals in the user's language.

use tahsildar_core::Permission;
use tahsildar_core::engine::attempt_state::AttemptState;
use tahsildar_core::payments::PaymentStatus;
use tahsildar_core::payments::timeline::StepState;

use super::*;
use crate::commands::test_world::{World, wait_for_status};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_answer_lost_after_booking_is_asked_about_and_the_payment_is_paid() {
    let w = World::new().await;
    let (attempt, payment) = (w.attempt_id, w.payment_id);
    // As the engine leaves it when every answer and inquiry was lost after the bank booked it.
    w.poke(&format!(
        "UPDATE attempts SET state = 'manual_review', lost_replies = 2, next_check_at = NULL,
             review_reason = 'no definite answer after 4 inquiries: timeout' WHERE id = {attempt};
         UPDATE payments SET status = 'attention', attention = 'check with the bank'
             WHERE id = {payment};"
    ));
    let before = state_of(&w.state, attempt).await.unwrap();
    assert_eq!(before.state, AttemptState::ManualReview);
    assert_eq!(before.lost_replies, 2);
    assert!(!before.not_found_confirmed && !before.can_send_again && !before.can_close);
    assert!(before.reason.unwrap().contains("4 inquiries"));

    // Not before the bank has said twice that it has no such order; refused in Turkish.
    for refused in [
        send_again(&w.state, attempt).await.unwrap_err(),
        close_not_charged(&w.state, attempt).await.unwrap_err(),
    ] {
        assert_eq!(refused.code, "wrong_state");
        assert!(
            refused.message.contains("bankaya sorun"),
            "{}",
            refused.message
        );
    }

    let asked = ask_bank(&w.state, attempt).await.unwrap();
    assert_eq!(asked.state, AttemptState::Approved);
    assert!(!asked.can_send_again && !asked.can_close);
    wait_for_status(&w.state, payment, PaymentStatus::Paid).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_confirmed_not_found_is_closed_as_not_charged_and_the_payment_goes_on() {
    let w = World::new().await;
    let payment = w.another_payment();
    let attempt = w.attempt_never_booked(payment, "manual_review", true);
    let review = state_of(&w.state, attempt).await.unwrap();
    assert!(
        review.not_found_confirmed && review.can_send_again && review.can_close,
        "{review:?}"
    );

    let closed = close_not_charged(&w.state, attempt).await.unwrap();
    assert_eq!(closed.state, AttemptState::Withdrawn);
    assert!(!closed.can_close && !closed.can_send_again);
    let session = w.state.session().unwrap();
    let detail = tahsildar_core::payments::timeline::detail(&session, payment).unwrap();
    assert_eq!(
        detail.payment.status,
        PaymentStatus::Scheduled,
        "a new attempt at the next run"
    );
    let entry = detail
        .timeline
        .iter()
        .find(|e| e.attempt_id == attempt)
        .unwrap();
    assert_eq!(entry.state, StepState::Attempt(AttemptState::Withdrawn));
    let why = entry
        .explanation
        .as_ref()
        .map(|t| t.tr())
        .unwrap_or_default();
    assert!(why.contains("çekilmedi olarak kapattı"), "{why}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_confirmed_not_found_is_sent_again_under_the_same_order_id() {
    let w = World::new().await;
    let payment = w.another_payment();
    let attempt = w.attempt_never_booked(payment, "manual_review", true);
    let sent = send_again(&w.state, attempt).await.unwrap();
    assert_eq!(sent.state, AttemptState::Approved, "{sent:?}");
    assert_eq!(sent.order_id, format!("NEVER-BOOKED-{payment}"));
    wait_for_status(&w.state, payment, PaymentStatus::Paid).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_viewer_sees_where_it_stands_but_may_not_act_and_others_may_not_look() {
    let w = World::new().await;
    let payment = w.another_payment();
    let attempt = w.attempt_never_booked(payment, "manual_review", true);

    w.only("izleyici", Permission::ViewReports);
    assert!(state_of(&w.state, attempt).await.unwrap().can_close);
    for refused in [
        ask_bank(&w.state, attempt).await.unwrap_err(),
        send_again(&w.state, attempt).await.unwrap_err(),
        close_not_charged(&w.state, attempt).await.unwrap_err(),
    ] {
        assert_eq!(refused.code, "permission_denied");
        assert!(!refused.message.is_empty());
    }

    w.only("aktarici", Permission::ImportBatches);
    let hidden = state_of(&w.state, attempt).await.unwrap_err();
    assert_eq!(hidden.code, "permission_denied");

    w.admin();
    let missing = state_of(&w.state, 999_999).await.unwrap_err();
    assert_eq!(missing.code, "not_found");
}

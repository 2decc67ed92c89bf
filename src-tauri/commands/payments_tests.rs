//! Pre-authorisations through the commands, against a real vault, engine and sandbox bank:
//! entered from the collection form, captured in part (never above what was authorised, once)
//! or voided, with each refusal in the user's language.

use tahsildar_core::engine::follow_up::{FollowUpKind, FollowUpState};
use tahsildar_core::payments::PaymentStatus;
use tahsildar_core::payments::timeline::{self, PaymentDetail, StepKind, StepState};
use tahsildar_core::plan::{CollectionKind, ProvisionKind};
use tahsildar_core::{Lang, Permission};

use super::*;
use crate::commands::collections;
use crate::commands::test_world::{World, wait_for_status};
use crate::error::CommandError;

/// A one-off pre-authorisation of `amount` entered as the window does, run and held on the
/// card; returns its payment and the approved attempt.
async fn pre_authorised(w: &World, amount: &str) -> (i64, i64) {
    let mut input = w.collection(amount, CollectionKind::OneOff);
    input.provision = Some(ProvisionKind::PreAuth);
    collections::preview(&w.state, input.clone()).await.unwrap();
    let plan = collections::create(&w.state, input).await.unwrap();
    let payment = plan.payments[0].id;
    w.state.engine().unwrap().run(None).await.unwrap();
    wait_for_status(&w.state, payment, PaymentStatus::Authorized).await;
    let attempt = detail(w, payment).actions.approved_attempt.unwrap();
    (payment, attempt)
}

/// Captures through the command's path, with the amount as typed.
async fn capture(
    w: &World,
    attempt: i64,
    amount: Option<&str>,
) -> Result<ReversalOutcome, CommandError> {
    follow_up(&w.state, attempt, FollowUpKind::Capture, amount).await
}

fn detail(w: &World, payment: i64) -> PaymentDetail {
    timeline::detail(&w.state.session().unwrap(), payment).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_pre_authorisation_is_captured_in_part_once_and_never_above_what_was_held() {
    let w = World::new().await;
    let (payment, attempt) = pre_authorised(&w, "250,00").await;
    let held = detail(&w, payment);
    assert_eq!(
        held.timeline[0].kind,
        StepKind::Attempt(ProvisionKind::PreAuth)
    );
    let a = &held.actions;
    assert!(a.can_capture && a.can_void && !a.can_refund, "{a:?}");
    assert_eq!((a.capturable_minor, a.refundable_minor), (25_000, 0));

    // More than authorised: refused by name, in Turkish and in English; nothing sent.
    let over = capture(&w, attempt, Some("250,01")).await.unwrap_err();
    assert_eq!(
        (over.code.as_str(), over.field.as_deref()),
        ("invalid_input", Some("amount"))
    );
    assert!(
        over.message.contains("en çok onaylanan 250,00"),
        "{}",
        over.message
    );
    w.state.set_lang(Lang::En);
    let over = capture(&w, attempt, Some("300")).await.unwrap_err();
    assert!(
        over.message.contains("at most the 250.00 authorised"),
        "{}",
        over.message
    );
    let typo = capture(&w, attempt, Some("12,3,4")).await.unwrap_err();
    assert_eq!(typo.field.as_deref(), Some("amount"), "{}", typo.message);

    // A sale is not a pre-authorisation.
    let sale = capture(&w, w.attempt_id, None).await.unwrap_err();
    assert_eq!(sale.code, "wrong_state");
    assert!(
        sale.message
            .contains("it is a sale, not a pre-authorisation"),
        "{}",
        sale.message
    );
    w.state.set_lang(Lang::Tr);
    let sale = capture(&w, w.attempt_id, None).await.unwrap_err();
    assert!(
        sale.message.contains("bu bir satış, ön provizyon değil"),
        "{}",
        sale.message
    );

    // Part of it, then the payment is paid and its history shows the capture.
    let out = capture(&w, attempt, Some("200,00")).await.unwrap();
    assert_eq!(
        (out.state, out.amount_minor),
        (FollowUpState::Approved, 20_000)
    );
    let paid = detail(&w, payment);
    assert_eq!(paid.payment.status, PaymentStatus::Paid);
    let last = paid.timeline.last().unwrap();
    assert_eq!(
        (last.kind.as_str(), last.state, last.amount_minor),
        (
            "capture",
            StepState::FollowUp(FollowUpState::Approved),
            20_000
        )
    );
    let a = &paid.actions;
    assert!(!a.can_capture && a.can_refund, "{a:?}");
    assert_eq!((a.capturable_minor, a.refundable_minor), (0, 20_000));

    // Once only.
    let again = capture(&w, attempt, None).await.unwrap_err();
    assert_eq!(again.code, "wrong_state");
    assert!(
        again.message.contains("zaten tahsil edildi (200,00"),
        "{}",
        again.message
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_voided_pre_authorisation_cannot_be_captured() {
    let w = World::new().await;
    let (payment, attempt) = pre_authorised(&w, "80,00").await;
    let out = follow_up(&w.state, attempt, FollowUpKind::Void, None)
        .await
        .unwrap();
    assert_eq!(out.state, FollowUpState::Approved);
    let voided = detail(&w, payment);
    assert_eq!(voided.payment.status, PaymentStatus::Voided);
    assert!(!voided.actions.can_capture && !voided.actions.can_void);
    let refused = capture(&w, attempt, None).await.unwrap_err();
    assert_eq!(refused.code, "wrong_state");
    assert!(
        refused.message.contains("zaten iptal edildi"),
        "{}",
        refused.message
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_a_user_who_may_send_provisions_captures() {
    let w = World::new().await;
    let (payment, attempt) = pre_authorised(&w, "50,00").await;

    w.only("izleyici", Permission::ViewReports);
    let seen = detail(&w, payment);
    assert_eq!(seen.actions.approved_attempt, Some(attempt));
    assert!(
        !seen.actions.can_capture && !seen.actions.can_void,
        "{:?}",
        seen.actions
    );
    let refused = capture(&w, attempt, None).await.unwrap_err();
    assert_eq!(refused.code, "permission_denied");
    assert!(
        refused.message.contains("yetkiniz yok: provizyon gönderme"),
        "{}",
        refused.message
    );
    w.state.set_lang(Lang::En);
    let refused = capture(&w, attempt, Some("10,00")).await.unwrap_err();
    assert!(
        refused
            .message
            .contains("permission for this: sending provisions"),
        "{}",
        refused.message
    );

    // The admin's capture still finds it held: nothing was sent for the refusals.
    w.admin();
    assert_eq!(
        detail(&w, payment).payment.status,
        PaymentStatus::Authorized
    );
    capture(&w, attempt, None).await.unwrap();
    assert_eq!(detail(&w, payment).payment.status, PaymentStatus::Paid);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_recurring_plan_is_never_pre_authorised() {
    let w = World::new().await;
    let mut input = w.collection("100,00", CollectionKind::Recurring);
    input.count = Some(3);
    input.provision = Some(ProvisionKind::PreAuth);
    let refused = collections::preview(&w.state, input.clone())
        .await
        .unwrap_err();
    assert_eq!(
        (refused.code.as_str(), refused.field.as_deref()),
        ("invalid_input", Some("pre_auth"))
    );
    assert!(
        refused.message.contains("ön provizyon alınabilir"),
        "{}",
        refused.message
    );
    w.state.set_lang(Lang::En);
    let refused = collections::create(&w.state, input).await.unwrap_err();
    assert_eq!(refused.field.as_deref(), Some("pre_auth"));
    assert!(
        refused
            .message
            .contains("Only one-off and installment collections can be pre-authorised"),
        "{}",
        refused.message
    );
}

//! A payment's timeline and actions against the simulator: a soft decline explained from the
//! code catalogue, the attention queue, retry with another card, a partial refund.

use tahsildar_akbank::catalogue::CodeClass;
use tahsildar_bank_sim::{SimClock, SimConfig, Simulator};
use tahsildar_core::engine::reversal;
use tahsildar_core::payments::PaymentStatus;
use tahsildar_core::payments::queue::{AttentionProblem, Waiting, queue, waiting};
use tahsildar_core::payments::retry::retry_with_card;
use tahsildar_core::payments::timeline::detail;
use tahsildar_core::plan::{self, NewPlan, PlanKind};
use tahsildar_core::{BankDirectory, Currency, Engine, EngineActor, EngineConfig, Role};

use crate::setup::{APPROVE, Office, card};

const HARD_54: &str = "4000000000000069";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn decline_queue_retry_refund_all_show_in_the_timeline() {
    let office = Office::new();
    let clock = office.clock.clone();
    let sim = Simulator::start(SimConfig {
        clock: SimClock::from_fn(move || tahsildar_core::Clock::now(clock.as_ref())),
        ..SimConfig::default()
    })
    .await
    .unwrap();
    let bank = BankDirectory::new(Some(sim.base_url()));
    let cfg = EngineConfig::fast();
    let customer = office.customer("T-1", "Zeynep Demir", &[(HARD_54, "12/30")]);
    let info = plan::create(
        &office.admin,
        &NewPlan {
            customer_id: customer,
            amount_minor: 123_456,
            currency: Currency::Try,
            start: plan::today(office.clock.as_ref()),
            kind: PlanKind::OneOff,
            description: None,
        },
    )
    .unwrap();
    let payment = info.payments[0].id;
    let engine = Engine::start(
        office.vault.clone(),
        bank.clone(),
        cfg.clone(),
        EngineActor::of_session(&office.admin),
    )
    .unwrap();
    engine.run(None).await.unwrap();

    // Declined for good (54, expired card): the only card is used up, so it waits for an operator.
    let d = detail(&office.admin, payment).unwrap();
    assert_eq!(d.payment.status, PaymentStatus::Attention);
    assert_eq!(d.timeline.len(), 1);
    let sale = &d.timeline[0];
    assert_eq!(
        (sale.kind.as_str(), sale.state.as_str()),
        ("sale", "declined")
    );
    assert_eq!(sale.host_code.as_deref(), Some("54"));
    assert_eq!(sale.class, Some(CodeClass::HardDecline));
    let info54 = tahsildar_akbank::catalogue::host("54").unwrap();
    let explanation = sale.explanation.as_ref().unwrap();
    assert_eq!((explanation.tr(), explanation.en()), (info54.tr, info54.en));
    assert_eq!(sale.masked_pan.as_deref(), Some("400000******0069"));
    assert!(sale.order_id.is_some());
    assert!(d.actions.can_retry_with_card);
    assert!(!d.actions.can_void && !d.actions.can_refund);

    let q = queue(&office.admin, None).unwrap();
    assert_eq!(q.payments_total, 1);
    assert_eq!(q.payments[0].payment.id, payment);
    assert_eq!(q.payments[0].problem, AttentionProblem::Declined);
    // The same count, without a session, for the desktop notification.
    let counted = waiting(&office.vault).unwrap();
    assert_eq!(
        counted,
        Waiting {
            declined: 1,
            ..Waiting::default()
        }
    );

    // A viewer sees the payment but may do nothing to it.
    let viewer = office.user("viewer", Role::Viewer, office.store_id);
    let seen = detail(&viewer, payment).unwrap();
    assert!(!seen.actions.can_retry_with_card && !seen.actions.can_cancel_plan);

    // Another card, then the next run charges it.
    retry_with_card(
        &office.admin,
        payment,
        &card(APPROVE, "10/29", false),
        false,
    )
    .unwrap();
    engine.run(None).await.unwrap();
    let d = detail(&office.admin, payment).unwrap();
    assert_eq!(d.payment.status, PaymentStatus::Paid);
    assert_eq!(d.timeline.len(), 2);
    assert_eq!(d.timeline[1].state.as_str(), "approved");
    assert_eq!(d.timeline[1].class, Some(CodeClass::Approved));
    assert_eq!(
        d.timeline[1].masked_pan.as_deref(),
        Some("435509******5232")
    );
    assert_ne!(d.timeline[0].order_id, d.timeline[1].order_id);
    assert!(d.actions.can_void && d.actions.can_refund);
    assert_eq!(d.actions.refundable_minor, 123_456);
    assert!(queue(&office.admin, None).unwrap().payments.is_empty());
    assert!(waiting(&office.vault).unwrap().is_empty());

    // An operator may void but not refund (the preset keeps refunds with the administrator).
    let operator = office.user("operator", Role::Operator, office.store_id);
    let as_operator = detail(&operator, payment).unwrap();
    assert!(as_operator.actions.can_void && !as_operator.actions.can_refund);

    // Part of it back: shown after the sale, and the rest is what may still be refunded.
    let attempt = d.actions.approved_attempt.unwrap();
    let out = reversal::refund(&office.admin, &bank, &cfg, attempt, Some(23_456))
        .await
        .unwrap();
    assert_eq!(out.state.as_str(), "approved");
    let d = detail(&office.admin, payment).unwrap();
    assert_eq!(d.payment.status, PaymentStatus::PartiallyRefunded);
    assert_eq!(d.timeline.len(), 3);
    let refund = &d.timeline[2];
    assert_eq!(
        (refund.kind.as_str(), refund.state.as_str()),
        ("refund", "approved")
    );
    assert_eq!(refund.amount_minor, 23_456);
    assert_eq!(refund.attempt_id, attempt);
    assert_eq!(d.actions.refundable_minor, 100_000);
    assert!(
        !d.actions.can_void,
        "a partly refunded sale is refunded, not voided"
    );
    assert!(d.actions.can_refund);
    let text = serde_json::to_string(&d).unwrap();
    assert!(!text.contains(APPROVE) && !text.contains(HARD_54));
}

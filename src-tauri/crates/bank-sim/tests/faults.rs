//! Faults: the client never reports a decline for a fault, never approves without a ledger
//! entry, and a not-sent request leaves nothing in the ledger.

mod common;

use std::time::Duration;

use common::*;
use tahsildar_akbank::{InquiryOutcome, OrderRef, OrderState, Outcome, interpret};
use tahsildar_bank_sim::{EntryStatus, Faults, SimConfig, Simulator};

async fn resolve(c: &tahsildar_akbank::Client, id: &str) -> OrderState {
    interpret(&c.inquiry(&OrderRef::OrderId(id.into())).await, id)
}

#[tokio::test]
async fn latency_and_jitter_still_approve() {
    let h = sim().await;
    h.set_faults(Faults {
        latency_ms: 20,
        jitter_ms: 20,
        ..Faults::default()
    });
    let c = client(&h);
    for _ in 0..3 {
        let id = order_id();
        let o = c.sale(&sale_req(&id, "4355093000315232", 100, 1)).await;
        check_invariants(&h, &id, &o);
        assert!(matches!(o, Outcome::Approved(_)));
    }
}

#[tokio::test]
async fn faults_after_booking_are_unknown_and_booked() {
    let h = sim().await;
    let c = client(&h);
    let cases = [
        Faults {
            drop_after_booking: 1.0,
            ..Faults::default()
        },
        Faults {
            error_5xx_after_booking: 1.0,
            ..Faults::default()
        },
        Faults {
            malformed_after_booking: 1.0,
            ..Faults::default()
        },
    ];
    for f in cases {
        for pan in ["4355093000315232", "4000000000009995"] {
            h.set_faults(f.clone());
            let id = order_id();
            let o = c.sale(&sale_req(&id, pan, 4200, 1)).await;
            assert!(
                matches!(o, Outcome::Unknown(_)),
                "{f:?} {}: {o:?}",
                tahsildar_akbank::card::mask_digits(pan)
            );
            check_invariants(&h, &id, &o);
            assert_eq!(
                entries_for(&h.ledger(), &id).len(),
                1,
                "booked before the fault"
            );
            h.set_faults(Faults::default());
            let state = resolve(&c, &id).await;
            if pan == "4355093000315232" {
                assert!(matches!(state, OrderState::Approved { .. }), "{state:?}");
            } else {
                assert!(matches!(state, OrderState::Declined(_)), "{state:?}");
            }
        }
    }
}

#[tokio::test]
async fn faults_before_booking_book_nothing() {
    let h = sim().await;
    let c = client(&h);
    h.set_faults(Faults {
        error_5xx_before_booking: 1.0,
        ..Faults::default()
    });
    let id = order_id();
    let o = c.sale(&sale_req(&id, "4000000000000002", 100, 1)).await;
    assert!(matches!(o, Outcome::Unknown(_)), "{o:?}");
    assert!(entries_for(&h.ledger(), &id).is_empty());
    h.set_faults(Faults::default());
    assert_eq!(resolve(&c, &id).await, OrderState::NotFound);
    // Resend with the same id once the inquiry says nothing landed.
    let o = c.sale(&sale_req(&id, "4355093000315232", 100, 1)).await;
    assert!(matches!(o, Outcome::Approved(_)));
    check_invariants(&h, &id, &o);

    h.set_faults(Faults {
        throttle_429: 1.0,
        retry_after_secs: 2,
        ..Faults::default()
    });
    let id = order_id();
    let o = c.sale(&sale_req(&id, "4355093000315232", 100, 1)).await;
    assert_eq!(
        o,
        Outcome::Throttled {
            retry_after: Some(Duration::from_secs(2))
        }
    );
    check_invariants(&h, &id, &o);
    h.set_faults(Faults::default());
    let o = c.sale(&sale_req(&id, "4355093000315232", 100, 1)).await;
    assert!(
        matches!(o, Outcome::Approved(_)),
        "same order id after a 429: {o:?}"
    );
}

#[tokio::test]
async fn refusal_is_not_sent_and_the_port_reopens() {
    let h = sim().await;
    let c = client(&h);
    // Warm the connection pool first: refusal must also end pooled connections.
    let id = order_id();
    assert!(matches!(
        c.sale(&sale_req(&id, "4355093000315232", 100, 1)).await,
        Outcome::Approved(_)
    ));
    h.set_faults(Faults {
        refuse_connections: true,
        ..Faults::default()
    });
    tokio::time::sleep(Duration::from_millis(50)).await;
    let before = h.ledger().len();
    for _ in 0..3 {
        let id = order_id();
        let o = c.sale(&sale_req(&id, "4355093000315232", 100, 1)).await;
        assert!(matches!(o, Outcome::NotSent(_)), "{o:?}");
        check_invariants(&h, &id, &o);
    }
    assert!(matches!(
        c.inquiry(&OrderRef::OrderId(id.clone())).await,
        InquiryOutcome::NotSent(_)
    ));
    assert_eq!(h.ledger().len(), before);
    h.set_faults(Faults::default());
    let id = order_id();
    let mut o = c.sale(&sale_req(&id, "4355093000315232", 100, 1)).await;
    for _ in 0..20 {
        if !matches!(o, Outcome::NotSent(_)) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
        o = c.sale(&sale_req(&id, "4355093000315232", 100, 1)).await;
    }
    assert!(matches!(o, Outcome::Approved(_)), "{o:?}");
    // A timed refusal ends by itself.
    h.set_faults(Faults {
        refuse_connections: true,
        refuse_for_ms: 100,
        ..Faults::default()
    });
    tokio::time::sleep(Duration::from_millis(30)).await;
    assert!(matches!(
        c.void(tahsildar_akbank::OrderTarget::OrderId(order_id()))
            .await,
        Outcome::NotSent(_)
    ));
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert!(!h.faults().refuse_connections);
    assert!(matches!(
        c.void(tahsildar_akbank::OrderTarget::OrderId(id.clone()))
            .await,
        Outcome::Approved(_)
    ));
}

#[tokio::test]
async fn client_timeout_during_a_slow_reply_is_unknown_and_booked() {
    let h = sim().await;
    h.set_faults(Faults {
        latency_ms: 800,
        ..Faults::default()
    });
    let mut cfg = tahsildar_akbank::ClientConfig::new(
        h.base_url(),
        tahsildar_akbank::terminal::test_terminals::a(),
    );
    cfg.timeout = Duration::from_millis(200);
    let c = tahsildar_akbank::Client::new(cfg).unwrap();
    let id = order_id();
    let o = c.sale(&sale_req(&id, "4355093000315232", 100, 1)).await;
    assert!(matches!(o, Outcome::Unknown(_)), "{o:?}");
    assert_eq!(
        entries_for(&h.ledger(), &id)[0].status,
        EntryStatus::Approved
    );
}

#[tokio::test]
async fn random_faults_never_mislead_the_client() {
    let h = Simulator::start(SimConfig {
        seed: 42,
        faults: Faults {
            jitter_ms: 3,
            drop_after_booking: 0.15,
            error_5xx_before_booking: 0.1,
            error_5xx_after_booking: 0.1,
            malformed_after_booking: 0.1,
            throttle_429: 0.1,
            retry_after_secs: 1,
            ..Faults::default()
        },
        ..SimConfig::default()
    })
    .await
    .unwrap();
    let c = client(&h);
    let mut kinds = std::collections::BTreeMap::new();
    for i in 0..60 {
        let id = order_id();
        let pan = if i % 3 == 0 {
            "4000000000000002"
        } else {
            "4355093000315232"
        };
        let o = c.sale(&sale_req(&id, pan, 100 + i, 1)).await;
        check_invariants(&h, &id, &o);
        *kinds.entry(o.kind()).or_insert(0) += 1;
        let ledger = h.ledger();
        let rows = entries_for(&ledger, &id);
        match &o {
            // A decline is only ever the host's real decline of the decline card.
            Outcome::Declined(r) => {
                assert_eq!(pan, "4000000000000002");
                assert_eq!(r.host_response_code.as_deref(), Some("05"));
                assert_eq!(rows[0].status, EntryStatus::Declined);
            }
            Outcome::Approved(_) => assert_eq!(rows[0].status, EntryStatus::Approved),
            _ => {}
        }
    }
    assert!(kinds.len() >= 4, "{kinds:?}");
}

#[tokio::test]
async fn a_seed_repeats_a_run() {
    async fn run(seed: u64) -> Vec<&'static str> {
        let h = Simulator::start(SimConfig {
            seed,
            faults: Faults {
                drop_after_booking: 0.3,
                throttle_429: 0.3,
                error_5xx_before_booking: 0.2,
                ..Faults::default()
            },
            ..SimConfig::default()
        })
        .await
        .unwrap();
        let c = client(&h);
        let mut out = Vec::new();
        for _ in 0..20 {
            out.push(
                c.sale(&sale_req(&order_id(), "4355093000315232", 100, 1))
                    .await
                    .kind(),
            );
        }
        out
    }
    let a = run(9).await;
    assert_eq!(a, run(9).await);
    assert_ne!(a, run(10).await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_requests_at_50_ms() {
    let h = sim().await;
    h.set_faults(Faults {
        latency_ms: 50,
        ..Faults::default()
    });
    let c = client(&h);
    let mut tasks = Vec::new();
    for _ in 0..16 {
        let c = c.clone();
        tasks.push(tokio::spawn(async move {
            let id = order_id();
            (c.sale(&sale_req(&id, "4355093000315232", 100, 1)).await, id)
        }));
    }
    for t in tasks {
        let (o, id) = t.await.unwrap();
        assert!(matches!(o, Outcome::Approved(_)), "{o:?}");
        check_invariants(&h, &id, &o);
    }
    assert_eq!(h.ledger().len(), 16);
}

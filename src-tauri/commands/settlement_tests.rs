//! The settlement commands against a real vault, engine and sandbox bank: today's day after a
//! run, a difference found and resolved with a note, and the refusals.

use tahsildar_core::{Permission, SystemClock, plan};

use super::*;
use crate::commands::test_world::World;
use tahsildar_core::payments::queue::queue as queue_view;
use tahsildar_core::settlement::{DayState, DifferenceKind};

fn today() -> String {
    plan::today(&SystemClock).to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn after_a_run_today_is_settled_with_its_one_sale_and_may_be_read_again() {
    let w = World::new().await;
    let day = reread_day(&w.state, w.store_id, today()).await.unwrap();
    assert_eq!(day.state, DayState::Settled, "{day:?}");
    assert_eq!(
        (day.bank_rows, day.matched, day.differences, day.open_here),
        (1, 1, 0, 0)
    );
    assert!(!day.complete, "today is not over");
    assert_eq!(day.state.text().tr(), "mutabık");

    let listed = days(&w.state, Some(w.store_id), None).await.unwrap();
    assert_eq!(listed[0].day, today());
    assert_eq!(listed[0].matched, 1);
    let all = days(&w.state, None, Some(today())).await.unwrap();
    assert_eq!(all.len(), 1);
    assert!(
        differences(&w.state, Some(w.store_id), Some(today()))
            .await
            .unwrap()
            .is_empty()
    );
    assert!(differences(&w.state, None, None).await.unwrap().is_empty());
    assert_eq!(hold(&w.state).await.unwrap(), None);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_day_not_yet_come_or_a_malformed_one_is_refused() {
    let w = World::new().await;
    let tomorrow = plan::today(&SystemClock).tomorrow().unwrap().to_string();
    let refused = reread_day(&w.state, w.store_id, tomorrow)
        .await
        .unwrap_err();
    assert_eq!(refused.code, "invalid_input");
    assert_eq!(refused.field.as_deref(), Some("day"));
    assert!(
        refused.message.contains("Henüz gelmemiş"),
        "{}",
        refused.message
    );
    let refused = days(&w.state, None, Some("27.11.2026".into()))
        .await
        .unwrap_err();
    assert_eq!(refused.code, "invalid_input");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sale_the_bank_does_not_list_is_a_difference_until_resolved_with_a_note() {
    let w = World::new().await;
    let payment = w.another_payment();
    w.attempt_never_booked(payment, "approved", false);
    w.poke(&format!(
        "UPDATE payments SET status = 'paid', attention = NULL WHERE id = {payment}"
    ));

    let day = reread_day(&w.state, w.store_id, today()).await.unwrap();
    assert_eq!(day.state, DayState::Differences, "{day:?}");
    assert_eq!((day.matched, day.differences), (1, 1));
    let found = differences(&w.state, None, None).await.unwrap();
    assert_eq!(found.len(), 1, "{found:?}");
    let d = &found[0];
    assert_eq!(d.kind, DifferenceKind::MissingAtBank);
    assert_eq!(d.order_id, format!("NEVER-BOOKED-{payment}"));
    assert_eq!(d.payment_id, Some(payment));
    assert_eq!(
        (d.local_amount_minor, d.bank_amount_minor),
        (Some(5_000), None)
    );
    assert_eq!(d.currency.as_deref(), Some("TRY"));
    assert!(d.meaning.tr().contains("banka raporunda yok"));
    let session = w.state.session().unwrap();
    assert_eq!(queue_view(&session, None).unwrap().settlement.len(), 1);

    // A note is required, and a viewer may see the difference but not resolve it.
    let empty = resolve(&w.state, d.id, "   ".into()).await.unwrap_err();
    assert_eq!(empty.code, "invalid_input");
    assert_eq!(empty.field.as_deref(), Some("note"));
    // A grant on one store is enough to see its days, differences and attention queue.
    let viewer = w.only("izleyici", Permission::ViewReports);
    assert_eq!(differences(&w.state, None, None).await.unwrap().len(), 1);
    assert_eq!(days(&w.state, None, None).await.unwrap().len(), 1);
    assert_eq!(queue_view(&viewer, None).unwrap().settlement.len(), 1);
    let denied = resolve(&w.state, d.id, "bakıldı".into()).await.unwrap_err();
    assert_eq!(denied.code, "permission_denied");
    let denied = reread_day(&w.state, w.store_id, today()).await.unwrap_err();
    assert_eq!(denied.code, "permission_denied");

    let admin = w.admin();
    let note = "Bankayla konuşuldu: işlem bankada yok, müşteriden çekilmedi.";
    let resolved = resolve(&w.state, d.id, note.into()).await.unwrap();
    assert!(resolved.resolved_at.is_some());
    assert_eq!(resolved.resolution.as_deref(), Some(note));
    assert!(differences(&w.state, None, None).await.unwrap().is_empty());
    let listed = differences(&w.state, Some(w.store_id), Some(today()))
        .await
        .unwrap();
    assert_eq!(listed.len(), 1, "a day's list keeps what was resolved");
    assert_eq!(
        days(&w.state, Some(w.store_id), None).await.unwrap()[0].differences,
        0
    );
    assert!(queue_view(&admin, None).unwrap().settlement.is_empty());
    let again = resolve(&w.state, d.id, note.into()).await.unwrap_err();
    assert_eq!(again.code, "wrong_state");
}

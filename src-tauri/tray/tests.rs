//! The tray's view and orders against a real vault with the sandbox bank: the state the menu
//! shows as the scheduler is paused and resumed through the same checked, audited path as the
//! window's buttons, and the refusals without a user or without the permission.

use std::time::Duration;

use tahsildar_core::audit::AuditQuery;
use tahsildar_core::engine::scheduler::SchedulerCommand;
use tahsildar_core::{AuditAction, Lang, Permission};

use super::labels::{self, Action, SchedulerState, TrayState};
use super::{first_close_notice, read_state};
use crate::commands::scheduler::tell;
use crate::commands::test_world::{ADMIN, World};
use crate::state::AppState;
use tauri::Manager;

async fn read(state: &AppState) -> TrayState {
    let state = state.clone();
    tokio::task::spawn_blocking(move || read_state(&state))
        .await
        .unwrap()
}

/// Waits until the tray would show `wanted` (the scheduler takes orders on its own task).
async fn wait_for(state: &AppState, wanted: impl Fn(&SchedulerState) -> bool) -> TrayState {
    for _ in 0..200 {
        let now = read(state).await;
        if wanted(&now.scheduler) {
            return now;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!(
        "the tray never showed the wanted state: {:?}",
        read(state).await
    );
}

fn audited(w: &World, action: AuditAction) -> Vec<(Option<String>, String)> {
    let admin = w.admin();
    tahsildar_core::audit::list::all(
        &admin,
        &AuditQuery {
            action: Some(action),
            ..AuditQuery::default()
        },
    )
    .unwrap()
    .into_iter()
    .map(|row| (row.user_name, row.result))
    .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pause_and_resume_from_the_menu_are_shown_checked_and_audited() {
    let w = World::new().await;
    let waiting = wait_for(&w.state, |s| matches!(s, SchedulerState::Waiting { .. })).await;
    assert!(waiting.signed_in);
    let SchedulerState::Waiting { next_run } = &waiting.scheduler else {
        unreachable!()
    };
    // The sandbox store is enabled, so a next run is always ahead.
    assert!(next_run.is_some(), "{waiting:?}");
    let items = labels::items(&waiting, Lang::Tr);
    assert_eq!((items[1].action, items[1].enabled), (Action::Pause, true));

    tell(&w.state, SchedulerCommand::Pause).await.unwrap();
    let paused = wait_for(&w.state, |s| *s == SchedulerState::Paused).await;
    let items = labels::items(&paused, Lang::En);
    assert_eq!(items[0].label, "Scheduler: paused");
    assert_eq!((items[1].action, items[1].enabled), (Action::Resume, true));

    tell(&w.state, SchedulerCommand::Resume).await.unwrap();
    wait_for(&w.state, |s| matches!(s, SchedulerState::Waiting { .. })).await;

    let ok = (Some(ADMIN.to_string()), "ok".to_string());
    assert_eq!(
        audited(&w, AuditAction::SchedulerPause),
        std::slice::from_ref(&ok)
    );
    assert_eq!(audited(&w, AuditAction::SchedulerResume), [ok]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_a_user_or_the_permission_the_orders_are_refused() {
    let w = World::new().await;
    w.state.sign_out().unwrap();
    let signed_out = read(&w.state).await;
    assert!(!signed_out.signed_in);
    assert!(labels::state_line(&signed_out, Lang::Tr).ends_with("kilitli (oturum açılmadı)"));
    let items = labels::items(&signed_out, Lang::Tr);
    assert!(!items[1].enabled && !items[2].enabled, "{items:?}");
    let refused = tell(&w.state, SchedulerCommand::RunNow(None))
        .await
        .unwrap_err();
    assert_eq!(refused.code, "signed_out");

    w.only("izleyici", Permission::ViewReports);
    let refused = tell(&w.state, SchedulerCommand::Pause).await.unwrap_err();
    assert_eq!(refused.code, "permission_denied");
    assert!(audited(&w, AuditAction::SchedulerPause).is_empty());
    assert!(audited(&w, AuditAction::SchedulerRunNow).is_empty());
}

/// What the window's close calls after hiding it, on Tauri's mock runtime with the app's data
/// folder and language: the notice once, in the UI language, then never again.
#[test]
fn the_first_close_to_the_tray_gives_the_notice_once() {
    let dir = tempfile::tempdir().unwrap();
    let app = tauri::test::mock_builder()
        .build(tauri::test::mock_context(tauri::test::noop_assets()))
        .unwrap();
    let state = AppState::new(tahsildar_core::DataDir::new(dir.path()), Lang::En);
    app.manage(state);
    app.manage(crate::AppPaths {
        data_dir: dir.path().to_path_buf(),
    });
    let (title, body) = first_close_notice(app.handle()).expect("the first close");
    assert_eq!(title, "Tahsildar keeps running in the background");
    assert!(body.contains("\"Quit\""), "{body}");
    assert!(dir.path().join(super::notice::FILE).exists());
    assert_eq!(first_close_notice(app.handle()), None);
}

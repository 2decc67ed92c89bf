//! The audit commands against a real vault: the entries of the collected sale, the filters'
//! choices, the verification, and the refusal of a user without `view_audit`.

use tahsildar_core::audit::AuditQuery;
use tahsildar_core::{AuditAction, Permission};

use super::*;
use crate::commands::test_world::World;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_log_lists_filters_and_verifies() {
    let w = World::new().await;
    let submitted = entries(
        &w.state,
        AuditQuery {
            action: Some(AuditAction::ProvisionSubmit),
            store_id: Some(w.store_id),
            ..AuditQuery::default()
        },
    )
    .await
    .unwrap();
    assert_eq!(submitted.total, 1, "{submitted:?}");
    assert_eq!(
        submitted.rows[0].object,
        format!("payment:{}", w.payment_id)
    );
    assert!(!submitted.rows[0].detail.contains("4355093000315232"));

    let offered = choices(&w.state).await.unwrap();
    assert!(
        offered
            .users
            .iter()
            .any(|u| u.user_name == crate::commands::test_world::ADMIN)
    );

    let checked = verify(&w.state).await.unwrap();
    assert!(checked.broken_at.is_none(), "{checked:?}");
    assert_eq!(checked.verified_up_to, checked.entries as i64);

    let refused = entries(
        &w.state,
        AuditQuery {
            limit: Some(0),
            ..AuditQuery::default()
        },
    )
    .await
    .unwrap_err();
    assert_eq!(refused.code, "invalid_input");

    w.only("izleyici", Permission::ViewReports);
    let denied = entries(&w.state, AuditQuery::default()).await.unwrap_err();
    assert_eq!(denied.code, "permission_denied");
    assert_eq!(
        verify(&w.state).await.unwrap_err().code,
        "permission_denied"
    );
}

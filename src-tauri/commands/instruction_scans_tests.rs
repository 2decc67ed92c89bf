//! The instruction scan commands against a real vault: the e2e fixture attached from its file,
//! shown in the customer's detail, opened (audited, bytes as base64), a copy saved, removed;
//! a file that is not a scan refused in the user's language; a viewer opens but never
//! attaches or removes.

use std::path::{Path, PathBuf};

use base64::Engine as _;
use tahsildar_core::customer::instruction_scan::ScanType;
use tahsildar_core::customer::search;
use tahsildar_core::{Lang, Permission, audit_log};

use super::*;
use crate::commands::test_world::World;

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/e2e/fixtures/signed-instruction.png")
}

/// The collected sale's card.
fn card_of(w: &World) -> (i64, i64) {
    let admin = w.admin();
    let customer = tahsildar_core::payments::timeline::detail(&admin, w.payment_id)
        .unwrap()
        .customer_id;
    let card = search::detail(&admin, customer).unwrap().cards[0].id;
    (customer, card)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_scan_is_attached_from_its_file_opened_saved_and_removed() {
    let w = World::new().await;
    let (customer, card) = card_of(&w);
    let bytes = std::fs::read(fixture()).unwrap();

    let scan = attach_path(&w.state, card, fixture()).await.unwrap();
    assert_eq!(
        (scan.file_name.as_str(), scan.media_type, scan.size),
        ("signed-instruction.png", ScanType::Png, bytes.len() as i64)
    );
    let listed = search::detail(&w.admin(), customer).unwrap().cards[0]
        .instruction_scan
        .clone();
    assert_eq!(listed, Some(scan.clone()));

    let opened = open(&w.state, card).await.unwrap();
    let json = serde_json::to_value(&opened).unwrap();
    let content = base64::engine::general_purpose::STANDARD
        .decode(json["content"].as_str().unwrap())
        .unwrap();
    assert_eq!(content, bytes);
    assert_eq!(json["masked_pan"], "435509******5232");

    let dir = tempfile::tempdir().unwrap();
    let saved = save_to(&w.state, card, dir.path().join("talimat-kopya.png"))
        .await
        .unwrap();
    assert_eq!(saved, "talimat-kopya.png");
    assert_eq!(
        std::fs::read(dir.path().join("talimat-kopya.png")).unwrap(),
        bytes
    );

    remove(&w.state, card).await.unwrap();
    assert_eq!(
        search::detail(&w.admin(), customer).unwrap().cards[0].instruction_scan,
        None
    );
    let gone = open(&w.state, card).await.unwrap_err();
    assert_eq!(gone.code, "not_found");

    let log = audit_log::recent(&w.admin(), 20, None).unwrap();
    let actions: Vec<&str> = log
        .iter()
        .filter(|e| e.object == format!("card:{card}"))
        .map(|e| e.action.as_str())
        .collect();
    assert_eq!(
        actions,
        [
            "card.instruction_scan.remove",
            "card.instruction_scan.save",
            "card.instruction_scan.view",
            "card.instruction_scan.attach",
            "card.add",
        ]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_file_that_is_not_a_scan_is_refused_in_the_users_language_and_a_viewer_only_opens() {
    let w = World::new().await;
    let (_, card) = card_of(&w);
    let dir = tempfile::tempdir().unwrap();
    let fake = dir.path().join("talimat.pdf");
    std::fs::write(&fake, "Ad Soyad;Tutar\nAyşe;100\n").unwrap();

    let refused = attach_path(&w.state, card, fake.clone()).await.unwrap_err();
    assert_eq!(
        (refused.code.as_str(), refused.field.as_deref()),
        ("invalid_input", Some("file"))
    );
    assert!(
        refused
            .message
            .starts_with("talimat.pdf: dosya PDF, PNG ya da JPEG değil"),
        "{}",
        refused.message
    );
    w.state.set_lang(Lang::En);
    let refused = attach_path(&w.state, card, fake).await.unwrap_err();
    assert!(
        refused
            .message
            .starts_with("talimat.pdf: the file is not a PDF, PNG or JPEG"),
        "{}",
        refused.message
    );
    attach_path(&w.state, card, fixture()).await.unwrap();

    w.only("izleyici", Permission::ViewReports);
    let denied = attach_path(&w.state, card, fixture()).await.unwrap_err();
    assert_eq!(denied.code, "permission_denied");
    assert_eq!(
        remove(&w.state, card).await.unwrap_err().code,
        "permission_denied"
    );
    let opened = open(&w.state, card).await.unwrap();
    assert_eq!(opened.scan.file_name, "signed-instruction.png");
}

#[test]
fn the_e2e_scan_file_is_read_only_from_the_environment() {
    // The variable is unset in unit tests: the native dialog would open.
    if std::env::var_os(E2E_SCAN_FILE_VAR).is_none() {
        assert!(crate::commands::open_dialog::e2e_path(E2E_SCAN_FILE_VAR).is_none());
    }
}

//! The scan of a card's signed instruction: PDF, PNG and JPEG taken by their first bytes, one
//! per card (attaching again replaces it), shown in the customer's detail without its bytes;
//! refusals in both languages naming the file and leaving nothing written; every opening
//! audited with the masked card number and the file's name, never the content.

use tahsildar_core::customer::instruction_scan::{self, MAX_BYTES, ScanType};
use tahsildar_core::customer::search::detail;
use tahsildar_core::customer::{self};
use tahsildar_core::{AuditEntry, Error, Lang, Role, audit_log};

use crate::setup::{APPROVE, APPROVE_MC, Office};

/// A secret the file holds: it must never reach the audit log or an error.
const INSIDE: &str = "ICERIK-GIZLI-7d1f";

fn pdf() -> Vec<u8> {
    format!("%PDF-1.4\n1 0 obj << /Title ({INSIDE}) >> endobj\n%%EOF\n").into_bytes()
}

fn png() -> Vec<u8> {
    let mut bytes = b"\x89PNG\r\n\x1a\n".to_vec();
    bytes.extend_from_slice(INSIDE.as_bytes());
    bytes
}

fn jpeg() -> Vec<u8> {
    let mut bytes = vec![0xFF, 0xD8, 0xFF, 0xE0];
    bytes.extend_from_slice(INSIDE.as_bytes());
    bytes
}

fn entries(office: &Office) -> Vec<AuditEntry> {
    audit_log::recent(&office.admin, 1000, None).unwrap()
}

fn stored_scans(office: &Office) -> i64 {
    office
        .vault
        .db()
        .read(|c| {
            Ok(
                c.query_row("SELECT count(*) FROM card_instruction_scans", [], |r| {
                    r.get(0)
                })?,
            )
        })
        .unwrap()
}

/// The card of a new customer with one card.
fn card(office: &Office, reference: &str) -> (i64, i64) {
    let customer = office.customer(reference, "Ayşe Yılmaz", &[(APPROVE, "12/40")]);
    let card = detail(&office.admin, customer).unwrap().cards[0].id;
    (customer, card)
}

#[test]
fn pdf_png_and_jpeg_are_taken_by_their_content_and_shown_without_their_bytes() {
    let office = Office::new();
    let (customer, card) = card(&office, "S-1");
    assert_eq!(
        detail(&office.admin, customer).unwrap().cards[0].instruction_scan,
        None
    );
    for (name, bytes, kind) in [
        ("talimat.pdf", pdf(), ScanType::Pdf),
        ("talimat.png", png(), ScanType::Png),
        // The name does not decide: a JPEG named .pdf is a JPEG.
        ("tarama.pdf", jpeg(), ScanType::Jpeg),
    ] {
        let scan = instruction_scan::attach(&office.admin, card, name, &bytes).unwrap();
        assert_eq!(
            (scan.file_name.as_str(), scan.media_type, scan.size),
            (name, kind, bytes.len() as i64)
        );
        assert_eq!(scan.added_by, "admin");
        let shown = detail(&office.admin, customer).unwrap().cards[0]
            .instruction_scan
            .clone()
            .unwrap();
        assert_eq!(shown, scan);
        let opened = instruction_scan::open(&office.admin, card).unwrap();
        assert_eq!(opened.content, bytes);
        assert_eq!(opened.masked_pan, "435509******5232");
    }
    assert_eq!(stored_scans(&office), 1, "one scan per card");

    // The window receives the bytes as base64, and `Debug` never prints them.
    let opened = instruction_scan::open(&office.admin, card).unwrap();
    let json = serde_json::to_value(&opened).unwrap();
    use base64::Engine as _;
    assert_eq!(
        json["content"],
        base64::engine::general_purpose::STANDARD.encode(jpeg())
    );
    assert_eq!(json["scan"]["media_type"], "image/jpeg");
    assert!(!format!("{opened:?}").contains("content"), "{opened:?}");
}

#[test]
fn attaching_again_replaces_and_every_change_and_view_is_audited_without_the_content() {
    let office = Office::new();
    let (_, card) = card(&office, "S-2");
    instruction_scan::attach(&office.admin, card, "ilk.png", &png()).unwrap();
    instruction_scan::attach(&office.admin, card, "imzali talimat.pdf", &pdf()).unwrap();
    let viewer = office.user("izleyici", Role::Viewer, office.store_id);
    for _ in 0..3 {
        instruction_scan::open(&viewer, card).unwrap();
    }
    instruction_scan::remove(&office.admin, card).unwrap();
    assert_eq!(stored_scans(&office), 0);

    let log = entries(&office);
    let scans: Vec<&AuditEntry> = log
        .iter()
        .filter(|e| e.action.starts_with("card.instruction_scan."))
        .rev()
        .collect();
    assert_eq!(
        scans.iter().map(|e| e.action.as_str()).collect::<Vec<_>>(),
        [
            "card.instruction_scan.attach",
            "card.instruction_scan.replace",
            "card.instruction_scan.view",
            "card.instruction_scan.view",
            "card.instruction_scan.view",
            "card.instruction_scan.remove",
        ]
    );
    for entry in &scans {
        assert_eq!(entry.object, format!("card:{card}"));
        assert!(
            entry.detail.contains("435509******5232"),
            "{}",
            entry.detail
        );
        assert!(!entry.detail.contains(APPROVE), "{}", entry.detail);
        assert!(!entry.detail.contains(INSIDE), "{}", entry.detail);
        assert!(!entry.detail.contains("PDF-1.4"), "{}", entry.detail);
    }
    assert!(scans[1].detail.contains("imzali talimat.pdf"));
    assert!(
        scans[1]
            .detail
            .contains("\"replaced_file_name\":\"ilk.png\"")
    );
    assert!(
        scans[2..5]
            .iter()
            .all(|e| e.user_name.as_deref() == Some("izleyici")
                && e.detail.contains("imzali talimat.pdf"))
    );
    office.vault.verify_audit().unwrap();

    // Nothing left to open or remove: refused by name.
    let none = instruction_scan::open(&office.admin, card).unwrap_err();
    assert!(
        none.message(Lang::Tr).contains("talimat formu bulunamadı"),
        "{}",
        none.message(Lang::Tr)
    );
}

#[test]
fn a_file_that_is_not_a_scan_empty_too_large_or_from_a_user_without_the_permission_is_refused_and_nothing_is_written()
 {
    let office = Office::new();
    let (_, card) = card(&office, "S-3");
    let before = entries(&office).len();
    let mut eleven_mb = pdf();
    eleven_mb.resize(11 * 1024 * 1024, b'0');

    let cases: [(&str, Vec<u8>, &str, &str); 3] = [
        (
            "talimat.pdf",
            format!("not a pdf at all {INSIDE}").into_bytes(),
            "talimat.pdf: dosya PDF, PNG ya da JPEG değil",
            "talimat.pdf: the file is not a PDF, PNG or JPEG",
        ),
        (
            "bos.pdf",
            Vec::new(),
            "bos.pdf: dosya boş",
            "bos.pdf: the file is empty",
        ),
        (
            "buyuk.pdf",
            eleven_mb,
            "buyuk.pdf: dosya 11,0 MB; talimat formu en çok 10 MB olabilir.",
            "buyuk.pdf: the file is 11.0 MB; the instruction form may be at most 10 MB.",
        ),
    ];
    for (name, bytes, tr, en) in cases {
        let refused = instruction_scan::attach(&office.admin, card, name, &bytes).unwrap_err();
        assert!(
            matches!(&refused, Error::InvalidInput { field: "file", .. }),
            "{refused:?}"
        );
        let (in_tr, in_en) = (refused.message(Lang::Tr), refused.message(Lang::En));
        assert!(in_tr.contains(tr), "{in_tr}");
        assert!(in_en.contains(en), "{in_en}");
        assert!(!in_tr.contains(INSIDE) && !in_en.contains(INSIDE));
        assert!(!format!("{refused:?}").contains(INSIDE));
    }

    let viewer = office.user("izleyici", Role::Viewer, office.store_id);
    let denied = instruction_scan::attach(&viewer, card, "talimat.pdf", &pdf()).unwrap_err();
    assert!(
        matches!(
            denied,
            Error::PermissionDenied {
                permission: "create_collections",
                ..
            }
        ),
        "{denied:?}"
    );
    assert!(
        denied.message(Lang::Tr).contains("tahsilat oluşturma"),
        "{}",
        denied.message(Lang::Tr)
    );
    assert!(
        denied.message(Lang::En).contains("creating collections"),
        "{}",
        denied.message(Lang::En)
    );
    assert!(instruction_scan::may_attach(&viewer, card).is_err());

    assert_eq!(stored_scans(&office), 0, "nothing stored");
    // Only the viewer's creation and sign-in were recorded since.
    let after = entries(&office);
    let new = &after[..after.len() - before];
    assert!(
        new.iter()
            .all(|e| e.action.starts_with("auth.") || e.action.starts_with("user.")),
        "{new:?}"
    );

    // A user without the store cannot open it either.
    instruction_scan::attach(&office.admin, card, "talimat.pdf", &pdf()).unwrap();
    let other = office.second_store();
    let outsider = office.user("sube", Role::Operator, other);
    let refused = instruction_scan::open(&outsider, card).unwrap_err();
    assert!(
        matches!(refused, Error::PermissionDenied { .. }),
        "{refused:?}"
    );
    assert!(instruction_scan::remove(&outsider, card).is_err());
    assert_eq!(stored_scans(&office), 1);
}

#[test]
fn a_file_over_the_limit_is_refused_with_its_size_before_it_is_read_and_a_card_number_in_its_name_is_masked()
 {
    let office = Office::new();
    let (_, card) = card(&office, "S-4");
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("cok-buyuk.pdf");
    let mut bytes = pdf();
    bytes.resize(MAX_BYTES + 5 * 1024 * 1024, b' ');
    std::fs::write(&big, &bytes).unwrap();
    let refused = instruction_scan::read(&big).unwrap_err();
    assert!(
        refused
            .message(Lang::Tr)
            .contains("cok-buyuk.pdf: dosya 15,0 MB; talimat formu en çok 10 MB olabilir."),
        "{}",
        refused.message(Lang::Tr)
    );
    let refused = instruction_scan::attach_file(&office.admin, card, &big).unwrap_err();
    assert!(
        refused
            .message(Lang::En)
            .contains("cok-buyuk.pdf: the file is 15.0 MB"),
        "{}",
        refused.message(Lang::En)
    );

    let exactly = dir.path().join(format!("{APPROVE}.pdf"));
    bytes.truncate(MAX_BYTES);
    std::fs::write(&exactly, &bytes).unwrap();
    let scan = instruction_scan::attach_file(&office.admin, card, &exactly).unwrap();
    assert_eq!(scan.file_name, "435509******5232.pdf");
    assert_eq!(scan.size, MAX_BYTES as i64);
    let log = entries(&office);
    assert!(log.iter().all(|e| !e.detail.contains(APPROVE)));
}

#[test]
fn a_removed_or_replaced_card_keeps_its_scan_for_the_history() {
    let office = Office::new();
    let customer = office.customer(
        "S-5",
        "Cem Uç",
        &[(APPROVE, "12/40"), (APPROVE_MC, "11/39")],
    );
    let cards = detail(&office.admin, customer).unwrap().cards;
    let (first, second) = (cards[0].id, cards[1].id);
    instruction_scan::attach(&office.admin, first, "cem.pdf", &pdf()).unwrap();
    instruction_scan::attach(&office.admin, second, "cem-mc.png", &png()).unwrap();
    customer::remove_card(&office.admin, second).unwrap();
    customer::replace_card(
        &office.admin,
        first,
        &crate::setup::card("4000000000009995", "10/41", false),
    )
    .unwrap();
    assert_eq!(stored_scans(&office), 2);
    let now = detail(&office.admin, customer).unwrap().cards;
    assert_eq!(now.len(), 1);
    assert_eq!(now[0].instruction_scan, None, "the new card has none yet");

    // Still opened (audited) for the history; changing it is refused.
    assert_eq!(
        instruction_scan::open(&office.admin, second)
            .unwrap()
            .content,
        png()
    );
    let refused = instruction_scan::remove(&office.admin, second).unwrap_err();
    assert!(
        refused
            .message(Lang::Tr)
            .contains("kart kaldırılmış; talimat formu geçmiş için olduğu gibi saklanır"),
        "{}",
        refused.message(Lang::Tr)
    );
    assert!(
        refused
            .message(Lang::En)
            .contains("the card has been removed"),
        "{}",
        refused.message(Lang::En)
    );
    assert!(instruction_scan::attach(&office.admin, first, "yeni.pdf", &pdf()).is_err());
    assert_eq!(stored_scans(&office), 2);
}

#[test]
fn a_copy_is_saved_where_chosen_and_audited() {
    let office = Office::new();
    let (_, card) = card(&office, "S-6");
    instruction_scan::attach(&office.admin, card, "talimat.pdf", &pdf()).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("kopya.pdf");
    let scan = instruction_scan::save_copy(&office.admin, card, &out).unwrap();
    assert_eq!(scan.file_name, "talimat.pdf");
    assert_eq!(std::fs::read(&out).unwrap(), pdf());
    let last = &entries(&office)[0];
    assert_eq!(last.action, "card.instruction_scan.save");
    assert!(
        last.detail.contains("\"saved_as\":\"kopya.pdf\""),
        "{}",
        last.detail
    );
    assert!(!last.detail.contains(INSIDE));
}

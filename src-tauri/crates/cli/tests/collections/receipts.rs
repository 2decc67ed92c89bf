//! Receipts on the command line: a sale and its partial refund as one PDF, the day's receipts,
//! and a payment with nothing approved refused with the reason.

use tahsildar_core::SystemClock;

use serde_json::Value;

use crate::world::{APPROVE, Data, Sim, attempt_of, ok};

fn text_of(path: &std::path::Path) -> (usize, String) {
    let doc = lopdf::Document::load(path).unwrap();
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    let text = doc.extract_text(&pages).unwrap();
    // A line's end or a value wrapped over two lines reads as one space.
    (
        pages.len(),
        text.split_whitespace().collect::<Vec<_>>().join(" "),
    )
}

/// A command of a Turkish user, with JSON out.
fn in_turkish(d: &Data, args: &[&str]) -> Value {
    ok(d.text_cmd("tr_TR.UTF-8")
        .arg("--json")
        .args(args)
        .output()
        .unwrap())
}

#[test]
fn receipts_are_written_as_a_pdf_with_the_card_masked() {
    let sim = Sim::start();
    let d = Data::new(&sim);
    d.due("R-1", "CARD_A", "1.234,50");
    d.due("R-2", "CARD_DECLINE", "100");
    d.run(&["run"]);
    let attempt = attempt_of(&d, "paid");
    d.run(&["refund", &attempt, "--amount", "34,50"]);

    let pdf = d.dir.with_file_name("dekont.pdf");
    let written = in_turkish(&d, &["receipt", &attempt, "--out", pdf.to_str().unwrap()]);
    assert_eq!(written["receipts"], 2, "the sale and its refund: {written}");
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(bytes.starts_with(b"%PDF"));
    assert!(
        !bytes
            .windows(APPROVE.len())
            .any(|w| w == APPROVE.as_bytes())
    );
    let (pages, text) = text_of(&pdf);
    assert_eq!(pages, 2);
    for shown in [
        "435509******5232",
        "1.234,50 ₺",
        "bin iki yüz otuz dört Türk lirası elli kuruş",
        "34,50 ₺",
        "Kart sahibinin talimatı ile",
    ] {
        assert!(text.contains(shown), "{shown:?}: {text}");
    }
    assert!(!text.contains(APPROVE));

    // Only the refund; then the whole day, for one store.
    let refund = d.dir.with_file_name("iade.pdf");
    let written = in_turkish(
        &d,
        &[
            "receipt",
            &attempt,
            "--kind",
            "refund",
            "--out",
            refund.to_str().unwrap(),
        ],
    );
    assert_eq!(written["receipts"], 1);
    assert!(text_of(&refund).1.contains("Dekont — İade"));
    let today = tahsildar_core::plan::today(&SystemClock).to_string();
    let day = d.dir.with_file_name("gun.pdf");
    let written = d.run(&[
        "receipt",
        "--from",
        &today,
        "--to",
        &today,
        "--store",
        "Sandbox",
        "--out",
        day.to_str().unwrap(),
    ]);
    assert_eq!(written["receipts"], 2, "{written}");

    // The declined payment has none: refused, saying why, in Turkish.
    let declined = d.run(&["payments", "--status", "retry_wait"]);
    let payment = declined[0]["id"].as_i64().unwrap().to_string();
    let none = d.dir.with_file_name("yok.pdf");
    let refused = d
        .text_cmd("tr_TR.UTF-8")
        .args([
            "receipt",
            "--payment",
            &payment,
            "--out",
            none.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(!refused.status.success());
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(
        stderr.contains("dekont") && stderr.contains(&payment),
        "{stderr}"
    );
    assert!(!none.exists());
}

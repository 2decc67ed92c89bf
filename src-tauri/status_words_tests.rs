//! A payment's status reads the same in the window and on the command line: the window's words
//! (`ui/src/i18n/payments.{tr,en}.ts`) are core's `PaymentStatus::text`, capitalised.

use tahsildar_core::Lang;
use tahsildar_core::payments::PaymentStatus;
use tahsildar_words::turkish;

/// `status: { name: "Words", ... }` of a payments texts file, as (name, words).
fn window_words(file: &str) -> Vec<(String, String)> {
    let path = format!("{}/ui/src/i18n/{file}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let start = text.find("    status: {").expect("a status block") + "    status: {".len();
    let block = &text[start..start + text[start..].find('}').unwrap()];
    block
        .lines()
        .filter_map(|line| {
            let (name, words) = line.trim().split_once(": ")?;
            Some((
                name.to_string(),
                words.trim_end_matches(',').trim_matches('"').to_string(),
            ))
        })
        .collect()
}

#[test]
fn the_window_and_the_command_line_name_each_payment_status_alike() {
    for (lang, file) in [(Lang::Tr, "payments.tr.ts"), (Lang::En, "payments.en.ts")] {
        let shown = window_words(file);
        assert_eq!(shown.len(), PaymentStatus::ALL.len(), "{file}");
        for status in PaymentStatus::ALL {
            let words = &shown
                .iter()
                .find(|(name, _)| name == status.as_str())
                .unwrap_or_else(|| panic!("{file} has no words for {status}"))
                .1;
            assert_eq!(
                turkish::lower(words),
                status.text().get(lang),
                "{file}: {status}"
            );
        }
    }
}

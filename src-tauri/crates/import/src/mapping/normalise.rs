//! Header text to a comparable key: Turkish-aware lower case, diacritics folded to ASCII
//! (`tahsildar_words::turkish::plain`), punctuation and parenthesised notes dropped, spaces
//! collapsed.

use tahsildar_words::turkish;

/// Normalise a header: `"Kart Numarası (16 hane) *"` -> `"kart numarasi"`,
/// `"İŞLEM TARİHİ"` -> `"islem tarihi"`, `"E-posta"` -> `"e posta"`.
pub fn normalise(header: &str) -> String {
    // Parenthesised notes go first; the rest is folded as a search folds it.
    let mut kept = String::with_capacity(header.len());
    let mut depth = 0usize;
    for ch in header.chars() {
        match ch {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            _ if depth == 0 => kept.push(ch),
            _ => {}
        }
    }
    let mut out = String::with_capacity(kept.len());
    let mut space = true; // drop leading spaces
    for c in turkish::plain(&kept).chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
            space = false;
        } else if !space {
            out.push(' ');
            space = true;
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::normalise;

    #[test]
    fn turkish_casing_and_folding() {
        assert_eq!(normalise("Kart Numarası"), "kart numarasi");
        assert_eq!(normalise("KART NUMARASI"), "kart numarasi");
        assert_eq!(normalise("İŞLEM TARİHİ"), "islem tarihi");
        assert_eq!(normalise("Açıklama"), "aciklama");
        assert_eq!(normalise("AÇIKLAMA"), "aciklama");
        assert_eq!(normalise("Ödeme Sayısı"), "odeme sayisi");
        assert_eq!(normalise("  E-posta "), "e posta");
        assert_eq!(normalise("Tutar (TL) *"), "tutar");
        assert_eq!(normalise("Poliçe No."), "police no");
        assert_eq!(normalise("Son_Kullanma"), "son kullanma");
        assert_eq!(normalise("EMAIL"), "email");
        assert_eq!(normalise("Müşteri"), "musteri");
        // Combining dot above (a decomposed İ) is dropped.
        assert_eq!(normalise("I\u{0307}sim"), "isim");
    }
}

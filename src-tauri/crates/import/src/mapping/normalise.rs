//! Header text to a comparable key: Turkish-aware lower case, diacritics folded to ASCII,
//! punctuation and parenthesised notes dropped, spaces collapsed.

/// Normalise a header: `"Kart Numarası (16 hane) *"` -> `"kart numarasi"`,
/// `"İŞLEM TARİHİ"` -> `"islem tarihi"`, `"E-posta"` -> `"e posta"`.
pub fn normalise(header: &str) -> String {
    let mut out = String::with_capacity(header.len());
    let mut depth = 0usize;
    let mut space = true; // drop leading spaces
    for ch in header.chars() {
        match ch {
            '(' | '[' => {
                depth += 1;
                continue;
            }
            ')' | ']' => {
                depth = depth.saturating_sub(1);
                continue;
            }
            _ if depth > 0 => continue,
            _ => {}
        }
        for lower in turkish_lower(ch) {
            if ('\u{0300}'..='\u{036F}').contains(&lower) {
                continue; // combining marks vanish with the accent they carry
            }
            match fold(lower) {
                Some(c) if c.is_ascii_alphanumeric() => {
                    out.push(c);
                    space = false;
                }
                _ => {
                    if !space {
                        out.push(' ');
                        space = true;
                    }
                }
            }
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// Lower case with Turkish rules for the dotted and dotless I.
fn turkish_lower(ch: char) -> impl Iterator<Item = char> {
    let special = match ch {
        'İ' => Some('i'),
        'I' => Some('ı'),
        _ => None,
    };
    let mut buf = [None, None, None];
    match special {
        Some(c) => buf[0] = Some(c),
        None => {
            for (slot, c) in buf.iter_mut().zip(ch.to_lowercase()) {
                *slot = Some(c);
            }
        }
    }
    buf.into_iter().flatten()
}

/// Fold a lower-case letter to ASCII; `None` for marks and symbols.
fn fold(c: char) -> Option<char> {
    Some(match c {
        'ç' => 'c',
        'ğ' => 'g',
        'ı' => 'i',
        'ö' => 'o',
        'ş' => 's',
        'ü' => 'u',
        'â' | 'à' | 'á' | 'ä' | 'ã' | 'å' => 'a',
        'î' | 'ì' | 'í' | 'ï' => 'i',
        'û' | 'ù' | 'ú' => 'u',
        'ô' | 'ò' | 'ó' | 'õ' => 'o',
        'é' | 'è' | 'ê' | 'ë' => 'e',
        'ñ' => 'n',
        c if c.is_ascii() => c,
        _ => return None,
    })
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

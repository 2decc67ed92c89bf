//! Turkish letters for search and order: lower case as Turkish writes it (`I` → `ı`, `İ` → `i`),
//! the same without the letters Turkish adds to Latin (`ş` → `s`, `ı` → `i`, ...) for a search
//! that ignores them, and a key that puts names in Turkish alphabetical order (`Ç` after `C`,
//! `Ş` after `S`, `I` before `İ`) when compared byte by byte, as an index does.

/// The Turkish alphabet in its order.
const ALPHABET: [char; 29] = [
    'a', 'b', 'c', 'ç', 'd', 'e', 'f', 'g', 'ğ', 'h', 'ı', 'i', 'j', 'k', 'l', 'm', 'n', 'o', 'ö',
    'p', 'r', 's', 'ş', 't', 'u', 'ü', 'v', 'y', 'z',
];

/// `text` in lower case as Turkish writes it: `I` is `ı` and `İ` is `i`.
pub fn lower(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            'I' => out.push('ı'),
            'İ' => out.push('i'),
            // A dotted capital I written as I and a combining dot (U+0307) is still İ.
            '\u{0307}' if out.ends_with('ı') => {
                out.pop();
                out.push('i');
            }
            c => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// The Latin base of a lower-case Turkish (or other accented) letter, if it has one.
fn base(c: char) -> Option<char> {
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
        _ => return None,
    })
}

/// [`lower`] without the letters Turkish adds to Latin (and without other accents, combining
/// marks included): "Ayşe Işık" → "ayse isik", "José" → "jose".
pub fn plain(text: &str) -> String {
    lower(text)
        .chars()
        .filter(|c| !('\u{0300}'..='\u{036F}').contains(c))
        .map(|c| base(c).unwrap_or(c))
        .collect()
}

/// A key that sorts texts in Turkish alphabetical order under a plain byte comparison: each
/// letter of the alphabet becomes one character in alphabet order (after digits and spaces),
/// circumflexed vowels sort as their base; other characters stay as they are.
pub fn sort_key(text: &str) -> String {
    lower(text.trim())
        .chars()
        .map(|c| {
            let c = match c {
                'â' | 'î' | 'û' => base(c).unwrap_or(c),
                c => c,
            };
            match ALPHABET.iter().position(|&l| l == c) {
                // 'A' (0x41) on: after the digits and the space, before `[` and the lower case.
                Some(i) => char::from(b'A' + i as u8),
                None => c,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn turkish_lower_case_keeps_dotted_and_dotless_i_apart() {
        assert_eq!(lower("AYŞE IŞIK"), "ayşe ışık");
        assert_eq!(lower("İSTANBUL"), "istanbul");
        assert_eq!(lower("I\u{0307}stanbul"), "istanbul");
        assert_eq!(lower("Çağrı ÖZGÜR"), "çağrı özgür");
    }

    #[test]
    fn plain_text_drops_the_turkish_letters() {
        assert_eq!(plain("Ayşe Işık"), "ayse isik");
        assert_eq!(plain("ÇAĞRI ÖZGÜR"), "cagri ozgur");
        assert_eq!(plain("Hâle"), "hale");
        assert_eq!(plain("José Muñoz"), "jose munoz");
        assert_eq!(plain("e\u{0301}"), "e");
    }

    #[test]
    fn names_sort_in_turkish_order() {
        let mut names = vec![
            "Zeynep",
            "Şule",
            "Sibel",
            "Ömer",
            "Oya",
            "İlknur",
            "Irmak",
            "Çetin",
            "Cem",
            "Ümit",
            "Uğur",
            "Ğ",
            "Gül",
            "ayla",
            "Ahmet Can",
            "Ahmet",
            "2. Blok",
        ];
        names.sort_by_key(|n| sort_key(n));
        assert_eq!(
            names,
            vec![
                "2. Blok",
                "Ahmet",
                "Ahmet Can",
                "ayla",
                "Cem",
                "Çetin",
                "Gül",
                "Ğ",
                "Irmak",
                "İlknur",
                "Oya",
                "Ömer",
                "Sibel",
                "Şule",
                "Uğur",
                "Ümit",
                "Zeynep",
            ]
        );
    }
}

//! An amount in Turkish words, as a receipt writes it under the figures: "bin iki yüz otuz dört
//! Türk lirası elli kuruş". Words are separated by spaces; one hundred is "yüz" and one thousand
//! "bin" (never "bir yüz", "bir bin"), a million "bir milyon".

use tahsildar_akbank::Currency;

const ONES: [&str; 10] = [
    "", "bir", "iki", "üç", "dört", "beş", "altı", "yedi", "sekiz", "dokuz",
];
const TENS: [&str; 10] = [
    "", "on", "yirmi", "otuz", "kırk", "elli", "altmış", "yetmiş", "seksen", "doksan",
];
/// The names of the groups of three digits, from the thousands up.
const GROUPS: [&str; 6] = [
    "bin",
    "milyon",
    "milyar",
    "trilyon",
    "katrilyon",
    "kentilyon",
];

/// A number below a thousand, in words (empty for zero).
fn below_thousand(n: u64, out: &mut Vec<&'static str>) {
    let (hundreds, tens, ones) = (n / 100, (n / 10) % 10, n % 10);
    if hundreds > 1 {
        out.push(ONES[hundreds as usize]);
    }
    if hundreds > 0 {
        out.push("yüz");
    }
    if tens > 0 {
        out.push(TENS[tens as usize]);
    }
    if ones > 0 {
        out.push(ONES[ones as usize]);
    }
}

/// A whole number in Turkish words: `0` is "sıfır", `1000` "bin", `1001` "bin bir",
/// `2_000_000` "iki milyon".
pub fn number(n: u64) -> String {
    if n == 0 {
        return "sıfır".to_string();
    }
    // Groups of three digits, the lowest first.
    let mut groups = Vec::new();
    let mut rest = n;
    while rest > 0 {
        groups.push(rest % 1000);
        rest /= 1000;
    }
    let mut words = Vec::new();
    for (i, &group) in groups.iter().enumerate().rev() {
        if group == 0 {
            continue;
        }
        // "bin", not "bir bin"; every other group keeps its "bir" ("bir milyon").
        if !(i == 1 && group == 1) {
            below_thousand(group, &mut words);
        }
        if i > 0 {
            words.push(GROUPS[i - 1]);
        }
    }
    words.join(" ")
}

/// The names of a currency's unit and hundredth, in Turkish.
fn units(currency: Currency) -> (&'static str, &'static str) {
    match currency {
        Currency::Try => ("Türk lirası", "kuruş"),
        Currency::Usd => ("ABD doları", "sent"),
        Currency::Eur => ("avro", "sent"),
        Currency::Gbp => ("İngiliz sterlini", "peni"),
    }
}

/// An amount in minor units in Turkish words: `123450` TRY is "bin iki yüz otuz dört Türk
/// lirası elli kuruş", `50` TRY "elli kuruş", `0` "sıfır Türk lirası". A negative amount is
/// written as its size (a receipt says what it is: a refund, a void).
pub fn amount(minor: i64, currency: Currency) -> String {
    let abs = minor.unsigned_abs();
    let (whole, cents) = (abs / 100, abs % 100);
    let (unit, hundredth) = units(currency);
    match (whole, cents) {
        (_, 0) => format!("{} {unit}", number(whole)),
        (0, _) => format!("{} {hundredth}", number(cents)),
        _ => format!("{} {unit} {} {hundredth}", number(whole), number(cents)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_numbers() {
        assert_eq!(number(0), "sıfır");
        assert_eq!(number(1), "bir");
        assert_eq!(number(10), "on");
        assert_eq!(number(11), "on bir");
        assert_eq!(number(19), "on dokuz");
        assert_eq!(number(40), "kırk");
        assert_eq!(number(99), "doksan dokuz");
    }

    #[test]
    fn hundreds_and_thousands_drop_their_one() {
        assert_eq!(number(100), "yüz");
        assert_eq!(number(101), "yüz bir");
        assert_eq!(number(200), "iki yüz");
        assert_eq!(number(999), "dokuz yüz doksan dokuz");
        assert_eq!(number(1000), "bin");
        assert_eq!(number(1001), "bin bir");
        assert_eq!(number(1100), "bin yüz");
        assert_eq!(number(2000), "iki bin");
        assert_eq!(number(11_000), "on bir bin");
        assert_eq!(number(101_000), "yüz bir bin");
        assert_eq!(number(1234), "bin iki yüz otuz dört");
    }

    #[test]
    fn millions_and_beyond_keep_their_one() {
        assert_eq!(number(1_000_000), "bir milyon");
        assert_eq!(number(1_001_000), "bir milyon bin");
        assert_eq!(number(2_000_001), "iki milyon bir");
        assert_eq!(number(1_000_000_000), "bir milyar");
        assert_eq!(
            number(12_345_678),
            "on iki milyon üç yüz kırk beş bin altı yüz yetmiş sekiz"
        );
        assert_eq!(
            number(u64::MAX),
            "on sekiz kentilyon dört yüz kırk altı katrilyon yedi yüz kırk dört trilyon \
             yetmiş üç milyar yedi yüz dokuz milyon beş yüz elli bir bin altı yüz on beş"
        );
    }

    #[test]
    fn amounts_with_their_units() {
        assert_eq!(
            amount(123_450, Currency::Try),
            "bin iki yüz otuz dört Türk lirası elli kuruş"
        );
        assert_eq!(amount(100_000, Currency::Try), "bin Türk lirası");
        assert_eq!(amount(100_000_000, Currency::Try), "bir milyon Türk lirası");
        assert_eq!(amount(50, Currency::Try), "elli kuruş");
        assert_eq!(amount(5, Currency::Try), "beş kuruş");
        assert_eq!(amount(0, Currency::Try), "sıfır Türk lirası");
        assert_eq!(amount(101, Currency::Usd), "bir ABD doları bir sent");
        assert_eq!(amount(-2_500, Currency::Eur), "yirmi beş avro");
    }
}

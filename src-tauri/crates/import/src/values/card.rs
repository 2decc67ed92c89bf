//! Card numbers: text cells only; spaces and dashes accepted; a number cell refused (Excel
//! keeps 15 significant digits and has already replaced the 16th with a zero).

use secrecy::{ExposeSecret, SecretString};
use zeroize::Zeroizing;

use super::{ValueError, error_cell};
use crate::table::Cell;

/// Parse a card number into a secret (digits only). Checks the characters and length
/// (12..=19 digits); the Luhn check and the brand belong to the caller.
pub fn parse_pan(cell: &Cell) -> Result<SecretString, ValueError> {
    match cell {
        Cell::Text(s) => {
            let s = s.trim().trim_start_matches('\'');
            if is_scientific(s) {
                return Err(numeric_cell());
            }
            let mut digits = Zeroizing::new(String::with_capacity(19));
            for c in s.chars() {
                match c {
                    '0'..='9' => digits.push(c),
                    ' ' | '-' | '\u{00A0}' => {}
                    _ => {
                        return Err(ValueError::new(
                            "pan_invalid_characters",
                            "Kart numarasında rakam, boşluk ve tire dışında karakter var.",
                            "The card number holds characters other than digits, spaces and dashes.",
                        ));
                    }
                }
            }
            if digits.is_empty() {
                return Err(missing());
            }
            if !(12..=19).contains(&digits.len()) {
                return Err(ValueError::new(
                    "pan_length",
                    format!(
                        "Kart numarası {} haneli; 12 ile 19 hane arasında olmalı.",
                        digits.len()
                    ),
                    format!(
                        "The card number has {} digits; it must have 12 to 19.",
                        digits.len()
                    ),
                ));
            }
            Ok(SecretString::from(digits.as_str()))
        }
        Cell::Number(_) | Cell::Int(_) => Err(numeric_cell()),
        Cell::Empty => Err(missing()),
        Cell::Error(e) => Err(error_cell(e)),
        Cell::Bool(_) | Cell::Date(_) => Err(ValueError::new(
            "pan_invalid_characters",
            "Kart numarası hücresinde sayı değil, başka türde bir değer var.",
            "The card number cell holds a value of another type.",
        )),
    }
}

fn numeric_cell() -> ValueError {
    ValueError::new(
        "pan_numeric_cell",
        "Kart numarası sayı olarak kaydedilmiş: Excel yalnızca 15 haneyi saklar ve 16. haneyi sıfır yapmıştır, numara geri getirilemez. Sütunu 'Metin' olarak biçimlendirip numaraları yeniden yazın (ya da şablonu kullanın).",
        "The card number was saved as a number: Excel keeps only 15 digits and has already turned the 16th into a zero, so the number cannot be recovered. Format the column as Text and type the numbers again (or use the template).",
    )
}

/// `4,35509E+15` / `4.35509E+15`: a number column that Excel wrote out to text.
fn is_scientific(s: &str) -> bool {
    let Some((mantissa, exp)) = s.split_once(['E', 'e']) else {
        return false;
    };
    let exp = exp.trim_start_matches('+');
    !mantissa.is_empty()
        && mantissa
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
        && !exp.is_empty()
        && exp.chars().all(|c| c.is_ascii_digit())
}

fn missing() -> ValueError {
    ValueError::new(
        "pan_missing",
        "Kart numarası boş.",
        "The card number is empty.",
    )
}

/// The masked form shown everywhere: first six and last four digits, `435509******5232`.
pub fn mask_pan(pan: &SecretString) -> String {
    let digits = pan.expose_secret();
    let n = digits.len();
    if n < 10 {
        return "*".repeat(n);
    }
    format!("{}{}{}", &digits[..6], "*".repeat(n - 10), &digits[n - 4..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_cells_with_spaces_and_dashes() {
        for s in [
            "4355093000315232",
            "4355 0930 0031 5232",
            "4355-0930-0031-5232",
            " 4355093000315232 ",
        ] {
            let pan = parse_pan(&Cell::Text(s.into())).unwrap();
            assert_eq!(pan.expose_secret(), "4355093000315232");
            assert_eq!(mask_pan(&pan), "435509******5232");
        }
    }

    #[test]
    fn numeric_and_malformed_cells_are_refused() {
        let err = parse_pan(&Cell::Number(4355093000315230.0)).unwrap_err();
        assert_eq!(err.code, "pan_numeric_cell");
        assert!(!err.message_en.contains("4355"));
        assert_eq!(
            parse_pan(&Cell::Int(4355093000315232)).unwrap_err().code,
            "pan_numeric_cell"
        );
        assert_eq!(
            parse_pan(&Cell::Text("4355x0930".into())).unwrap_err().code,
            "pan_invalid_characters"
        );
        assert_eq!(
            parse_pan(&Cell::Text("43550930".into())).unwrap_err().code,
            "pan_length"
        );
        assert_eq!(
            parse_pan(&Cell::Text("  ".into())).unwrap_err().code,
            "pan_missing"
        );
    }
}

//! The log writer's last line of defence: a run of 12 or more digits (a card number, even with
//! spaces or dashes between its groups) is written masked.

/// `text` with every run of 12 to 19 or more digits (separators ` ` and `-` allowed inside)
/// shown as its first 6 and last 4 digits, the rest as `*`.
pub fn mask_digit_runs(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        // The run: digits, with single separators between them.
        let mut end = i;
        let mut digits = 0;
        let mut j = i;
        while j < chars.len() {
            if chars[j].is_ascii_digit() {
                digits += 1;
                end = j + 1;
                j += 1;
            } else if matches!(chars[j], ' ' | '-')
                && chars.get(j + 1).is_some_and(|c| c.is_ascii_digit())
            {
                j += 1;
            } else {
                break;
            }
        }
        let run: String = chars[i..end]
            .iter()
            .filter(|c| c.is_ascii_digit())
            .collect();
        if digits >= 12 {
            out.push_str(&run[..6]);
            out.push_str(&"*".repeat(digits - 10));
            out.push_str(&run[digits - 4..]);
        } else {
            out.extend(&chars[i..end]);
        }
        i = end;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::mask_digit_runs;

    #[test]
    fn card_numbers_are_masked_in_any_spelling_and_other_numbers_are_left() {
        assert_eq!(
            mask_digit_runs("card 4355093000315232 x"),
            "card 435509******5232 x"
        );
        assert_eq!(
            mask_digit_runs("4355 0930 0031 5232 and 5218-0760-0740-2834"),
            "435509******5232 and 521807******2834"
        );
        assert_eq!(
            mask_digit_runs("payment 1234 attempt 56 at 2026-12-04T10:00:00Z, 12 345"),
            "payment 1234 attempt 56 at 2026-12-04T10:00:00Z, 12 345"
        );
        assert_eq!(mask_digit_runs("ödeme 12"), "ödeme 12");
    }
}

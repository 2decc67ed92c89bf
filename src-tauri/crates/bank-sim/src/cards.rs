//! The simulator's test cards and how the "issuer" answers a card.

use tahsildar_akbank::card::luhn_valid;

/// What the issuer does with a card.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CardVerdict {
    /// Approve.
    Approve,
    /// Decline with this host code.
    Decline(&'static str),
    /// Approve and book, then drop the connection without replying.
    ApproveThenDrop,
}

/// Approved test cards.
pub const APPROVED: [&str; 2] = ["4355093000315232", MASTERCARD_TEST_CARD];
/// Declined 05 (soft).
pub const DECLINE_05: &str = "4000000000000002";
/// Declined 51, insufficient funds (soft).
pub const DECLINE_51: &str = "4000000000009995";
/// Declined 54, expired card (hard).
pub const DECLINE_54: &str = "4000000000000069";
/// Declined 14, invalid card (hard).
pub const DECLINE_14: &str = "4000000000000127";
/// Booked, then the connection is dropped before the reply.
pub const BOOK_THEN_DROP: &str = "4000000000000119";
/// A Mastercard of another bank ("not on us"): single payments approve, instalments get
/// VPS-1044 before the issuer.
pub const NOT_ONUS: &str = "5105105105105100";
/// The Mastercard test card, an Akbank card unless `mastercard_test_card_not_onus` is set.
pub const MASTERCARD_TEST_CARD: &str = "5218076007402834";

/// Whether the host takes `pan` for a card of another bank, for which it refuses instalments.
/// Every other card counts as Akbank's own, so instalments work on them as before.
pub fn is_not_onus(pan: &str, mastercard_test_card_not_onus: bool) -> bool {
    pan == NOT_ONUS || (mastercard_test_card_not_onus && pan == MASTERCARD_TEST_CARD)
}

/// Host message of a host code.
pub fn host_message(code: &str) -> &'static str {
    match code {
        "00" => "000 ONAY KODU XXXXXX",
        "05" => "005 RED-ONAYLANMADI",
        "12" => "012 RED-GECERSIZ ISLEM",
        "13" => "013 RED-GECERSIZ TUTAR",
        "14" => "014 RED-HATALI KART",
        "51" => "051 RED-YETERSIZ BAKIYE",
        "54" => "054 RED-VADESI DOLMUS KART",
        _ => "RED",
    }
}

/// The verdict for a card number and expiry (`expired` = the expiry month is past).
/// Other Luhn-valid cards are approved.
pub fn verdict(pan: &str, expired: bool) -> CardVerdict {
    if !luhn_valid(pan) {
        return CardVerdict::Decline("14");
    }
    if expired {
        return CardVerdict::Decline("54");
    }
    match pan {
        DECLINE_05 => CardVerdict::Decline("05"),
        DECLINE_51 => CardVerdict::Decline("51"),
        DECLINE_54 => CardVerdict::Decline("54"),
        DECLINE_14 => CardVerdict::Decline("14"),
        BOOK_THEN_DROP => CardVerdict::ApproveThenDrop,
        _ => CardVerdict::Approve,
    }
}

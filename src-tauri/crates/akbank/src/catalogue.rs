//! Response-code catalogue: every VPS code and host code the protocol documents, with an
//! operator message in Turkish and English and a class that tells the engine what to do.

/// What a code means for the next step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum CodeClass {
    /// Approved.
    Approved,
    /// Declined for now; retry later on the schedule (e.g. 05, 51, 91, 96).
    SoftDecline,
    /// Declined for good; never retry this card (e.g. 14, 41, 43, 54, 57, 62).
    HardDecline,
    /// Our side is wrong: configuration, permissions, request format, clock, order id.
    OurError,
    /// Not known, or no decision possible from this code alone.
    Unknown,
}

/// The meaning of a code for an operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CodeInfo {
    /// The code that was looked up (host code when it decided, else the VPS code).
    pub code: &'static str,
    /// Class.
    pub class: CodeClass,
    /// Turkish message.
    pub tr: &'static str,
    /// English message.
    pub en: &'static str,
}

use CodeClass::{Approved, HardDecline, OurError, SoftDecline, Unknown};

/// VPS response codes (`responseCode`, and `code` of HTTP 4xx bodies).
pub const VPS_CODES: &[CodeInfo] = &[
    CodeInfo {
        code: "VPS-0000",
        class: Approved,
        tr: "İşlem onaylandı.",
        en: "Approved.",
    },
    CodeInfo {
        code: "VPS-1005",
        class: SoftDecline,
        tr: "Banka işlemi onaylamadı (provizyon hatası). Daha sonra tekrar deneyin ya da kart sahibiyle görüşün.",
        en: "The bank declined the transaction (authorization error). Try again later or contact the cardholder.",
    },
    CodeInfo {
        code: "VPS-1007",
        class: OurError,
        tr: "Asıl işlem bankada bulunamadı. Sipariş numarasını kontrol edin.",
        en: "The original transaction was not found at the bank. Check the order number.",
    },
    CodeInfo {
        code: "VPS-1008",
        class: OurError,
        tr: "Bu işlem daha önce iptal edilmiş.",
        en: "This transaction was already cancelled.",
    },
    CodeInfo {
        code: "VPS-1013",
        class: OurError,
        tr: "Bu sipariş numarası daha önce kullanılmış. Önceki denemenin sonucu sorgulanacak; kart ikinci kez çekilmeyecek.",
        en: "This order number was already used. The earlier attempt will be looked up; the card will not be charged twice.",
    },
    CodeInfo {
        code: "VPS-1044",
        class: OurError,
        tr: "Bu kart (Akbank dışı) için bu taksit sayısı geçersiz. Tek çekim ya da başka taksit sayısı deneyin.",
        en: "This instalment count is not allowed for this (non-Akbank) card. Use a single payment or another count.",
    },
    CodeInfo {
        code: "VPS-1055",
        class: OurError,
        tr: "Tekrarlayan ödeme alanları eksik ya da geçersiz.",
        en: "Recurring payment fields are missing or invalid.",
    },
    CodeInfo {
        code: "VPS-1059",
        class: OurError,
        tr: "Planlı (tekrarlayan) işlem bulunamadı. Takip numarasını kontrol edin.",
        en: "The scheduled (recurring) order was not found. Check the track number.",
    },
    CodeInfo {
        code: "VPS-1060",
        class: OurError,
        tr: "Bu üye işyeri terminali bu işlem türünü desteklemiyor (Posnet işyerlerinde ECOM yok). Bankanızla görüşün.",
        en: "This merchant terminal does not support this transaction type (no ECOM on Posnet merchants). Contact your bank.",
    },
    CodeInfo {
        code: "VPS-1061",
        class: OurError,
        tr: "Bu üye işyerinin planlı ve tekrarlayan işlem yetkisi yok. Bankanızdan yetki isteyin.",
        en: "This merchant has no permission for scheduled and recurring transactions. Ask your bank to enable it.",
    },
    CodeInfo {
        code: "VPS-1066",
        class: HardDecline,
        tr: "Bu kart şeması desteklenmiyor. Başka bir kart kullanın.",
        en: "This card scheme is not supported. Use another card.",
    },
    CodeInfo {
        code: "VPS-1073",
        class: OurError,
        tr: "İstek tarihi geçersiz. Bilgisayarın saatini ve saat dilimini kontrol edin.",
        en: "The request date is invalid. Check the computer's clock and time zone.",
    },
    CodeInfo {
        code: "VPS-1123",
        class: Unknown,
        tr: "Bankada bu sipariş numarasıyla işlem bulunamadı.",
        en: "The bank has no transaction with this order number.",
    },
    CodeInfo {
        code: "VPS-1279",
        class: HardDecline,
        tr: "3D Secure doğrulaması başarısız.",
        en: "3D Secure authentication failed.",
    },
    CodeInfo {
        code: "VPS-2235",
        class: OurError,
        tr: "Rapordaki kayıt sayısı sınırı aşıldı. Gün sonu (batch) numarasıyla sorgulayın.",
        en: "The report has too many records. Query by batch number instead.",
    },
    CodeInfo {
        code: "VPS-3001",
        class: OurError,
        tr: "Tutar biçimi geçersiz (iki ondalıklı olmalı).",
        en: "The amount format is invalid (two decimals required).",
    },
    CodeInfo {
        code: "400",
        class: OurError,
        tr: "Banka isteği geçersiz buldu. Mağaza ayarlarını kontrol edin; sorun sürerse destekle görüşün.",
        en: "The bank found the request invalid. Check the store settings; contact support if it persists.",
    },
    CodeInfo {
        code: "401",
        class: OurError,
        tr: "Banka kimlik doğrulamasını reddetti. Mağaza ayarlarındaki Üye İşyeri No, Terminal No ve Güvenlik Anahtarını kontrol edin.",
        en: "The bank rejected the authentication. Check the merchant id, terminal id and secret key in the store settings.",
    },
];

/// Host (issuer) codes (`hostResponseCode`), ISO 8583 style.
pub const HOST_CODES: &[CodeInfo] = &[
    CodeInfo {
        code: "00",
        class: Approved,
        tr: "Onaylandı.",
        en: "Approved.",
    },
    CodeInfo {
        code: "01",
        class: SoftDecline,
        tr: "Kartı veren bankayı arayın. Kart sahibi bankasıyla görüşmeli; daha sonra tekrar deneyin.",
        en: "Refer to card issuer. The cardholder should call their bank; try again later.",
    },
    CodeInfo {
        code: "02",
        class: SoftDecline,
        tr: "Kartı veren bankayı arayın (özel durum). Daha sonra tekrar deneyin.",
        en: "Refer to card issuer (special condition). Try again later.",
    },
    CodeInfo {
        code: "03",
        class: OurError,
        tr: "Geçersiz üye işyeri. Mağazanın terminal bilgilerini bankanızla kontrol edin.",
        en: "Invalid merchant. Check the store's terminal details with your bank.",
    },
    CodeInfo {
        code: "04",
        class: HardDecline,
        tr: "Karta el konulmalı (banka kartı kapattı). Bu kartla tekrar denemeyin; müşteriden başka kart isteyin.",
        en: "Pick up card (the issuer has closed it). Do not retry this card; ask the customer for another card.",
    },
    CodeInfo {
        code: "05",
        class: SoftDecline,
        tr: "İşlem onaylanmadı. Daha sonra tekrar deneyin ya da kart sahibiyle görüşün.",
        en: "Do not honour. Try again later or contact the cardholder.",
    },
    CodeInfo {
        code: "07",
        class: HardDecline,
        tr: "Karta el konulmalı (özel durum, dolandırıcılık şüphesi). Bu kartla tekrar denemeyin.",
        en: "Pick up card, special condition (suspected fraud). Do not retry this card.",
    },
    CodeInfo {
        code: "09",
        class: SoftDecline,
        tr: "İşlem sürüyor ya da tekrar denenmeli. Daha sonra tekrar deneyin.",
        en: "Request in progress or to be retried. Try again later.",
    },
    CodeInfo {
        code: "12",
        class: HardDecline,
        tr: "Geçersiz işlem. Bu kartla bu işlem yapılamaz.",
        en: "Invalid transaction. This card cannot be used for this transaction.",
    },
    CodeInfo {
        code: "13",
        class: OurError,
        tr: "Geçersiz tutar (ör. iade kalan tutardan fazla ya da provizyon tutarı aşıldı). Tutarı kontrol edin.",
        en: "Invalid amount (e.g. a refund above what remains, or above the authorised amount). Check the amount.",
    },
    CodeInfo {
        code: "14",
        class: HardDecline,
        tr: "Kart numarası geçersiz. Müşteriden doğru kart bilgisini alın.",
        en: "Invalid card number. Get the correct card details from the customer.",
    },
    CodeInfo {
        code: "15",
        class: HardDecline,
        tr: "Kartı veren banka bulunamadı. Kart numarasını müşteriyle kontrol edin.",
        en: "No such issuer. Check the card number with the customer.",
    },
    CodeInfo {
        code: "19",
        class: SoftDecline,
        tr: "Kart hatası; işlem yeniden denenmeli. Daha sonra tekrar deneyin.",
        en: "Card error; re-enter the transaction. Try again later.",
    },
    CodeInfo {
        code: "41",
        class: HardDecline,
        tr: "Kayıp kart. Bu kartla tekrar denemeyin; müşteriden başka kart isteyin.",
        en: "Lost card. Do not retry this card; ask the customer for another card.",
    },
    CodeInfo {
        code: "43",
        class: HardDecline,
        tr: "Çalıntı kart. Bu kartla tekrar denemeyin; müşteriden başka kart isteyin.",
        en: "Stolen card. Do not retry this card; ask the customer for another card.",
    },
    CodeInfo {
        code: "46",
        class: HardDecline,
        tr: "Kart hesabı kapalı. Bu kartla tekrar denemeyin; müşteriden başka kart isteyin.",
        en: "The card account is closed. Do not retry this card; ask the customer for another card.",
    },
    CodeInfo {
        code: "51",
        class: SoftDecline,
        tr: "Yetersiz bakiye. Müşteri bakiyesini kontrol edip daha sonra tekrar deneyin.",
        en: "Insufficient funds. Ask the customer to check the balance and try again later.",
    },
    CodeInfo {
        code: "54",
        class: HardDecline,
        tr: "Kartın son kullanma tarihi geçmiş. Müşteriden yeni kart bilgisini alın.",
        en: "The card has expired. Get the new card details from the customer.",
    },
    CodeInfo {
        code: "57",
        class: HardDecline,
        tr: "Kart sahibine bu işlem izni verilmemiş (ör. internet/mail order kapalı). Müşteri bankasıyla görüşmeli.",
        en: "Transaction not permitted to the cardholder (e.g. online/mail order disabled). The customer should call their bank.",
    },
    CodeInfo {
        code: "58",
        class: OurError,
        tr: "Bu işlem bu terminale kapalı (ör. mail order izni yok). Bankanızla görüşün.",
        en: "Transaction not permitted to this terminal (e.g. no mail order permission). Contact your bank.",
    },
    CodeInfo {
        code: "59",
        class: HardDecline,
        tr: "Dolandırıcılık şüphesi. Bu kartla tekrar denemeyin; müşteriyle görüşün.",
        en: "Suspected fraud. Do not retry this card; contact the customer.",
    },
    CodeInfo {
        code: "61",
        class: SoftDecline,
        tr: "Kartın tutar limiti aşıldı. Daha sonra tekrar deneyin ya da kart sahibiyle görüşün.",
        en: "The card's amount limit is exceeded. Try again later or contact the cardholder.",
    },
    CodeInfo {
        code: "62",
        class: HardDecline,
        tr: "Kısıtlı kart. Bu kartla tekrar denemeyin; müşteriden başka kart isteyin.",
        en: "Restricted card. Do not retry this card; ask the customer for another card.",
    },
    CodeInfo {
        code: "65",
        class: SoftDecline,
        tr: "Kartın işlem sayısı limiti aşıldı. Daha sonra tekrar deneyin.",
        en: "The card's transaction count limit is exceeded. Try again later.",
    },
    CodeInfo {
        code: "78",
        class: SoftDecline,
        tr: "Kart henüz kullanıma açılmamış. Müşteri kartını açtıktan sonra tekrar deneyin.",
        en: "The card is not activated yet. Try again once the customer has activated it.",
    },
    CodeInfo {
        code: "83",
        class: OurError,
        tr: "Taksit tutarı ya da sayısı bu kart için uygun değil. Tek çekim ya da daha az taksit deneyin.",
        en: "The instalment amount or count is not allowed for this card. Use a single payment or fewer instalments.",
    },
    CodeInfo {
        code: "91",
        class: SoftDecline,
        tr: "Kartı veren banka şu an yanıt vermiyor. Daha sonra tekrar deneyin.",
        en: "The card issuer is unavailable. Try again later.",
    },
    CodeInfo {
        code: "96",
        class: SoftDecline,
        tr: "Banka sisteminde geçici bir sorun var (bankanızı arayın). Daha sonra tekrar deneyin.",
        en: "Temporary system problem at the bank (call your bank). Try again later.",
    },
    CodeInfo {
        code: "99",
        class: SoftDecline,
        tr: "Genel hata. Daha sonra tekrar deneyin.",
        en: "General error. Try again later.",
    },
    CodeInfo {
        code: "N7",
        class: HardDecline,
        tr: "Güvenlik kodu (CVV2) hatalı. Bu bilgilerle tekrar denemeyin; müşteriden doğru kart bilgisini alın.",
        en: "The security code (CVV2) does not match. Do not retry with these details; get the correct card details from the customer.",
    },
    CodeInfo {
        code: "R0",
        class: HardDecline,
        tr: "Kart sahibi bu ödemeyi durdurdu (ödeme durdurma talimatı). Bu kartla tekrar denemeyin; müşteriyle görüşün.",
        en: "The cardholder stopped this payment (stop payment order). Do not retry this card; contact the customer.",
    },
    CodeInfo {
        code: "R1",
        class: HardDecline,
        tr: "Kart sahibi bu işyerine verdiği ödeme talimatını iptal etti. Bu kartla tekrar denemeyin; müşteriyle görüşün.",
        en: "The cardholder revoked this merchant's payment authorisation. Do not retry this card; contact the customer.",
    },
    CodeInfo {
        code: "R3",
        class: HardDecline,
        tr: "Kart sahibi tüm ödeme talimatlarını iptal etti. Bu kartla tekrar denemeyin; müşteriyle görüşün.",
        en: "The cardholder revoked all payment authorisations. Do not retry this card; contact the customer.",
    },
];

const UNKNOWN: CodeInfo = CodeInfo {
    code: "",
    class: Unknown,
    tr: "Bilinmeyen banka yanıtı. İşlem durumu sorgulanmalı; sorun sürerse bankanızla görüşün.",
    en: "Unknown bank response. Check the transaction status; contact your bank if it persists.",
};

/// A host decline whose code the catalogue does not know: the card is not tried again (it may
/// be a "never approve" code), the customer's next card is.
const UNKNOWN_HOST_DECLINE: CodeInfo = CodeInfo {
    code: "",
    class: HardDecline,
    tr: "Banka işlemi onaylamadı (tanımsız kod). Bu kartla tekrar denenmeyecek; müşteriyle görüşün.",
    en: "The bank declined the transaction (unlisted code). This card will not be tried again; contact the customer.",
};

/// Looks up a VPS code alone.
pub fn vps(code: &str) -> Option<&'static CodeInfo> {
    VPS_CODES.iter().find(|c| c.code == code)
}

/// Looks up a host code alone (`5` and `005` are read as `05`).
pub fn host(code: &str) -> Option<&'static CodeInfo> {
    let t = code.trim();
    let norm = if t.len() > 2 && t.bytes().all(|b| b.is_ascii_digit()) {
        &t[t.len() - 2..]
    } else {
        t
    };
    let padded;
    let norm = if norm.len() == 1 {
        padded = format!("0{norm}");
        padded.as_str()
    } else {
        norm
    };
    HOST_CODES.iter().find(|c| c.code == norm)
}

/// Describes a reply: the host code decides for a host decline (VPS-1005), else the VPS code.
pub fn describe(vps_code: &str, host_code: Option<&str>) -> CodeInfo {
    let host_code = host_code.map(str::trim).filter(|h| !h.is_empty());
    if vps_code == "VPS-1005"
        && let Some(h) = host_code
    {
        return match host(h) {
            Some(info) if info.class != Approved => *info,
            // A decline with an unlisted (or contradictory "00") host code.
            _ => UNKNOWN_HOST_DECLINE,
        };
    }
    match vps(vps_code) {
        Some(info) => *info,
        None => UNKNOWN,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_decides_for_1005() {
        assert_eq!(describe("VPS-1005", Some("51")).class, SoftDecline);
        assert_eq!(describe("VPS-1005", Some("54")).class, HardDecline);
        assert_eq!(describe("VPS-1005", Some("14")).class, HardDecline);
        assert_eq!(describe("VPS-1005", Some("005")).code, "05");
        assert_eq!(describe("VPS-1005", Some("77")).class, HardDecline);
        assert_eq!(describe("VPS-0000", Some("00")).class, Approved);
        assert_eq!(describe("VPS-1013", None).class, OurError);
        assert_eq!(describe("VPS-9999", None).class, Unknown);
        assert!(
            describe("VPS-1005", Some("51"))
                .tr
                .starts_with("Yetersiz bakiye")
        );
    }

    #[test]
    fn retry_classes() {
        for c in ["05", "51", "61", "65", "78", "91", "96"] {
            assert_eq!(host(c).unwrap().class, SoftDecline, "{c}");
        }
        // Visa's category 1 "never approve" codes, and the other card-level refusals.
        for c in [
            "04", "07", "12", "14", "15", "41", "43", "46", "54", "57", "59", "62", "N7", "R0",
            "R1", "R3",
        ] {
            assert_eq!(host(c).unwrap().class, HardDecline, "{c}");
        }
        for c in ["03", "58"] {
            assert_eq!(host(c).unwrap().class, OurError, "{c}");
        }
    }
}

//! The fields a batch file can carry, and the header names that mean each of them.

use super::normalise::normalise;

/// A column's meaning.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Field {
    /// Card number.
    Pan,
    /// Card expiry (month/year).
    Expiry,
    /// Amount of one payment.
    Amount,
    /// Currency code or symbol.
    Currency,
    /// Bank installment count of a sale (1 or 2..12).
    Installments,
    /// Customer's name.
    Name,
    /// Name on the card, when it differs from the customer's.
    Holder,
    /// Customer reference: subscriber, flat, member, policy number.
    Reference,
    /// Free text for the payment.
    Description,
    /// Due date of the (first) payment.
    DueDate,
    /// Recurrence period of a plan.
    Every,
    /// Number of payments of a plan.
    Count,
    /// Alternate card number.
    AlternatePan,
    /// Alternate card's expiry.
    AlternateExpiry,
    /// E-mail address.
    Email,
    /// Phone number.
    Phone,
    /// Date of the customer's signed mail-order instruction for the card.
    InstructionDate,
    /// Reference (number) of that signed instruction.
    InstructionRef,
    /// Card security code: recognised only to be ignored, never read or stored.
    Cvv,
}

impl Field {
    /// Every field, in template order.
    pub const ALL: [Field; 19] = [
        Field::Reference,
        Field::Name,
        Field::Pan,
        Field::Expiry,
        Field::Amount,
        Field::Currency,
        Field::Installments,
        Field::DueDate,
        Field::Every,
        Field::Count,
        Field::Description,
        Field::Holder,
        Field::AlternatePan,
        Field::AlternateExpiry,
        Field::Email,
        Field::Phone,
        Field::InstructionDate,
        Field::InstructionRef,
        Field::Cvv,
    ];

    /// Stable snake_case name (as in mapping files).
    pub fn key(self) -> &'static str {
        match self {
            Field::Pan => "pan",
            Field::Expiry => "expiry",
            Field::Amount => "amount",
            Field::Currency => "currency",
            Field::Installments => "installments",
            Field::Name => "name",
            Field::Holder => "holder",
            Field::Reference => "reference",
            Field::Description => "description",
            Field::DueDate => "due_date",
            Field::Every => "every",
            Field::Count => "count",
            Field::AlternatePan => "alternate_pan",
            Field::AlternateExpiry => "alternate_expiry",
            Field::Email => "email",
            Field::Phone => "phone",
            Field::InstructionDate => "instruction_date",
            Field::InstructionRef => "instruction_ref",
            Field::Cvv => "cvv",
        }
    }

    /// The canonical Turkish header (the template's).
    pub fn header_tr(self) -> &'static str {
        match self {
            Field::Pan => "Kart No",
            Field::Expiry => "Son Kullanma",
            Field::Amount => "Tutar",
            Field::Currency => "Para Birimi",
            Field::Installments => "Taksit",
            Field::Name => "Ad Soyad",
            Field::Holder => "Kart Sahibi",
            Field::Reference => "Abone No",
            Field::Description => "Açıklama",
            Field::DueDate => "Vade Tarihi",
            Field::Every => "Periyot",
            Field::Count => "Ödeme Sayısı",
            Field::AlternatePan => "Yedek Kart",
            Field::AlternateExpiry => "Yedek Kart Son Kullanma",
            Field::Email => "E-posta",
            Field::Phone => "Telefon",
            Field::InstructionDate => "Talimat Tarihi",
            Field::InstructionRef => "Talimat No",
            Field::Cvv => "CVV",
        }
    }

    /// The English header.
    pub fn header_en(self) -> &'static str {
        match self {
            Field::Pan => "Card Number",
            Field::Expiry => "Expiry",
            Field::Amount => "Amount",
            Field::Currency => "Currency",
            Field::Installments => "Installments",
            Field::Name => "Name",
            Field::Holder => "Holder",
            Field::Reference => "Reference",
            Field::Description => "Description",
            Field::DueDate => "Due Date",
            Field::Every => "Every",
            Field::Count => "Count",
            Field::AlternatePan => "Alternate Card",
            Field::AlternateExpiry => "Alternate Card Expiry",
            Field::Email => "E-mail",
            Field::Phone => "Phone",
            Field::InstructionDate => "Instruction Date",
            Field::InstructionRef => "Instruction Reference",
            Field::Cvv => "CVV",
        }
    }

    /// The field a header names, if any (case-, accent- and punctuation-insensitive).
    pub fn from_header(header: &str) -> Option<Field> {
        let key = normalise(header);
        if key.is_empty() {
            return None;
        }
        Field::ALL
            .into_iter()
            .find(|f| super::synonyms::synonyms(*f).contains(&key.as_str()))
    }

    /// Parse a field's key (`"due_date"`) or any of its header names.
    pub fn parse(name: &str) -> Option<Field> {
        Field::ALL
            .into_iter()
            .find(|f| f.key() == name.trim())
            .or_else(|| Field::from_header(name))
    }
}

#[cfg(test)]
mod tests {
    use super::Field;

    #[test]
    fn headers_from_the_issue_map() {
        let cases = [
            ("Kart No", Field::Pan),
            ("Talimat Tarihi", Field::InstructionDate),
            ("TALİMAT TARİHİ", Field::InstructionDate),
            ("Instruction Date", Field::InstructionDate),
            ("Talimat No", Field::InstructionRef),
            ("Talimat Numarası", Field::InstructionRef),
            ("Instruction Reference", Field::InstructionRef),
            ("Kart Numarası", Field::Pan),
            ("KART NUMARASI", Field::Pan),
            ("Card Number", Field::Pan),
            ("PAN", Field::Pan),
            ("Son Kullanma", Field::Expiry),
            ("SKT", Field::Expiry),
            ("Expiry", Field::Expiry),
            ("Tutar", Field::Amount),
            ("Amount", Field::Amount),
            ("Para Birimi", Field::Currency),
            ("Currency", Field::Currency),
            ("Taksit", Field::Installments),
            ("Taksit Sayısı", Field::Installments),
            ("TAKSİT SAYISI", Field::Installments),
            ("Installments", Field::Installments),
            ("Ad Soyad", Field::Name),
            ("Müşteri", Field::Name),
            ("MÜŞTERİ", Field::Name),
            ("Name", Field::Name),
            ("Kart Sahibi", Field::Holder),
            ("Holder", Field::Holder),
            ("Abone No", Field::Reference),
            ("Daire No", Field::Reference),
            ("Üye No", Field::Reference),
            ("Poliçe No", Field::Reference),
            ("POLİÇE NO", Field::Reference),
            ("Referans", Field::Reference),
            ("Reference", Field::Reference),
            ("Açıklama", Field::Description),
            ("Description", Field::Description),
            ("Vade", Field::DueDate),
            ("Vade Tarihi", Field::DueDate),
            ("Tarih", Field::DueDate),
            ("Due Date", Field::DueDate),
            ("Periyot", Field::Every),
            ("Tekrar", Field::Every),
            ("Every", Field::Every),
            ("Adet", Field::Count),
            ("Ödeme Sayısı", Field::Count),
            ("Count", Field::Count),
            ("Yedek Kart", Field::AlternatePan),
            ("Alternate Card", Field::AlternatePan),
            ("E-posta", Field::Email),
            ("Telefon", Field::Phone),
            ("CVV2", Field::Cvv),
        ];
        for (header, field) in cases {
            assert_eq!(Field::from_header(header), Some(field), "{header}");
        }
        assert_eq!(Field::from_header("Renk"), None);
        assert_eq!(Field::from_header(""), None);
    }

    #[test]
    fn canonical_headers_map_to_their_field() {
        for f in Field::ALL {
            assert_eq!(
                Field::from_header(f.header_tr()),
                Some(f),
                "{}",
                f.header_tr()
            );
            assert_eq!(
                Field::from_header(f.header_en()),
                Some(f),
                "{}",
                f.header_en()
            );
            assert_eq!(Field::parse(f.key()), Some(f));
        }
    }
}

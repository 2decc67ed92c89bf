//! The downloadable template: canonical Turkish headers, text-formatted card columns, two
//! example rows with the sandbox's test cards, and an explanation sheet (Turkish, then English).
//! The examples are dated from the day the template is made (due next month, cards valid for
//! years), so a template imported as it is never trips over a past date.

use std::path::Path;

use jiff::ToSpan;
use jiff::civil::Date;
use rust_xlsxwriter::{ExcelDateTime, Format, FormatAlign, Workbook, Worksheet, XlsxError};

use crate::ImportError;
use crate::mapping::Field;

/// The template's columns, in order.
pub const TEMPLATE_FIELDS: [Field; 17] = [
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
    Field::AlternatePan,
    Field::AlternateExpiry,
    Field::Email,
    Field::Phone,
    Field::InstructionDate,
    Field::InstructionRef,
];

/// Name of the sheet that holds the rows.
pub const DATA_SHEET: &str = "Tahsilatlar";
/// Name of the explanation sheet.
pub const HELP_SHEET: &str = "Açıklama - Help";

/// Formats of the template's cells.
pub struct TemplateFormats {
    /// Text (card numbers, expiry, references, phones).
    pub text: Format,
    /// Amount with two decimals.
    pub amount: Format,
    /// Date as `dd.mm.yyyy`.
    pub date: Format,
}

impl TemplateFormats {
    /// The formats the template uses.
    pub fn new() -> Self {
        TemplateFormats {
            text: Format::new().set_num_format("@"),
            amount: Format::new().set_num_format("#,##0.00"),
            date: Format::new().set_num_format("dd.mm.yyyy"),
        }
    }
}

impl Default for TemplateFormats {
    fn default() -> Self {
        Self::new()
    }
}

/// True for the columns kept as text so that Excel cannot turn them into numbers or dates.
pub fn is_text_column(field: Field) -> bool {
    matches!(
        field,
        Field::Pan
            | Field::Expiry
            | Field::AlternatePan
            | Field::AlternateExpiry
            | Field::Reference
            | Field::Phone
            | Field::InstructionRef
    )
}

/// The template made on `today`, as a workbook, for callers that add rows before saving (the
/// data sheet is index 0, headers on row 1, examples on rows 2 and 3).
pub fn template_workbook(today: Date) -> Result<Workbook, ImportError> {
    build(today).map_err(xlsx_error)
}

/// The bytes of the template made on `today`.
pub fn template_bytes(today: Date) -> Result<Vec<u8>, ImportError> {
    build(today)
        .and_then(|mut wb| wb.save_to_buffer())
        .map_err(xlsx_error)
}

/// Writes the template made on `today` to `path`.
pub fn write_template(path: &Path, today: Date) -> Result<(), ImportError> {
    build(today)
        .and_then(|mut wb| wb.save(path))
        .map_err(xlsx_error)
}

const MONTHS_TR: [&str; 12] = [
    "Ocak", "Şubat", "Mart", "Nisan", "Mayıs", "Haziran", "Temmuz", "Ağustos", "Eylül", "Ekim",
    "Kasım", "Aralık",
];

/// The two example rows, as text: a monthly due from the 1st of next month and a three-
/// instalment sale on the 15th, on cards that expire three and four years from now; the first
/// card's instruction was signed a week ago.
fn examples(today: Date) -> [[String; 17]; 2] {
    let next_month = today.first_of_month().saturating_add(1.month());
    let expiry = |years: i16| format!("{:02}/{:02}", today.month(), (today.year() + years) % 100);
    let month = MONTHS_TR[next_month.month() as usize - 1];
    let t = |v: &str| v.to_string();
    [
        [
            t("D-12"),
            t("Ayşe Yılmaz"),
            t("4355 0930 0031 5232"),
            expiry(3),
            t("1250"),
            t("TRY"),
            t("1"),
            next_month.to_string(),
            t("aylık"),
            t("12"),
            format!("{month} {} aidatı", next_month.year()),
            t(""),
            t(""),
            t("ayse@example.com"),
            t("05321234567"),
            today.saturating_sub(7.days()).to_string(),
            t("MO-2026-041"),
        ],
        [
            t("P-2048"),
            t("Mehmet Demir"),
            t("5218076007402834"),
            expiry(4),
            t("2400.5"),
            t("TRY"),
            t("3"),
            next_month.saturating_add(14.days()).to_string(),
            t(""),
            t(""),
            t("Kasko poliçesi"),
            t(""),
            t(""),
            t(""),
            t(""),
            t(""),
            t(""),
        ],
    ]
}

fn xlsx_error(e: XlsxError) -> ImportError {
    ImportError::Template {
        detail: e.to_string(),
    }
}

fn build(today: Date) -> Result<Workbook, XlsxError> {
    let mut wb = Workbook::new();
    let f = TemplateFormats::new();
    let header = Format::new()
        .set_bold()
        .set_background_color(0xDDEBF7)
        .set_align(FormatAlign::Center);
    let header_text = header.clone().set_num_format("@");
    let ws = wb.add_worksheet();
    ws.set_name(DATA_SHEET)?;
    for (col, field) in TEMPLATE_FIELDS.iter().enumerate() {
        let col = col as u16;
        let (width, format) = match field {
            Field::Pan | Field::AlternatePan => (22, Some(&f.text)),
            Field::Name | Field::Description | Field::Email => (24, None),
            Field::Amount => (12, Some(&f.amount)),
            Field::DueDate | Field::InstructionDate => (13, Some(&f.date)),
            _ => (14, is_text_column(*field).then_some(&f.text)),
        };
        ws.set_column_width(col, width)?;
        if let Some(format) = format {
            ws.set_column_format(col, format)?;
        }
        let hf = if is_text_column(*field) {
            &header_text
        } else {
            &header
        };
        ws.write_string_with_format(0, col, field.header_tr(), hf)?;
    }
    ws.set_freeze_panes(1, 0)?;
    for (i, example) in examples(today).iter().enumerate() {
        let cells: Vec<&str> = example.iter().map(String::as_str).collect();
        write_row(ws, i as u32 + 1, &cells, &f)?;
    }
    help_sheet(wb.add_worksheet())?;
    Ok(wb)
}

/// Write one row of template values (given as text) with the template's cell types: amount as
/// a number, due date as a date cell (`yyyy-mm-dd` given), installments and count as numbers,
/// everything else as text.
pub fn write_row(
    ws: &mut Worksheet,
    row: u32,
    values: &[&str],
    f: &TemplateFormats,
) -> Result<(), XlsxError> {
    for (col, (field, value)) in TEMPLATE_FIELDS.iter().zip(values).enumerate() {
        let col = col as u16;
        if value.is_empty() {
            continue;
        }
        match field {
            Field::Amount => {
                ws.write_number_with_format(
                    row,
                    col,
                    value.parse::<f64>().unwrap_or(0.0),
                    &f.amount,
                )?;
            }
            Field::Installments | Field::Count => {
                ws.write_number(row, col, value.parse::<f64>().unwrap_or(0.0))?;
            }
            Field::DueDate | Field::InstructionDate => {
                let d = ExcelDateTime::parse_from_str(value)?;
                ws.write_date_with_format(row, col, &d, &f.date)?;
            }
            _ if is_text_column(*field) => {
                ws.write_string_with_format(row, col, *value, &f.text)?;
            }
            _ => {
                ws.write_string(row, col, *value)?;
            }
        }
    }
    Ok(())
}

fn help_sheet(ws: &mut Worksheet) -> Result<(), XlsxError> {
    ws.set_name(HELP_SHEET)?;
    let bold = Format::new().set_bold();
    let wrap = Format::new().set_text_wrap();
    ws.set_column_width(0, 26)?;
    ws.set_column_width(1, 12)?;
    ws.set_column_width(2, 90)?;
    let mut row = 0u32;
    let tr_intro = [
        "Bu dosyayı doldurup Tahsildar'a yükleyin. İlk satırdaki başlıkları değiştirmeyin; kullanmadığınız sütunları boş bırakabilirsiniz.",
        "Kart numarası sütunu 'Metin' biçimindedir: Excel sayıları 15 haneye yuvarlar ve 16. haneyi sıfır yapar. Numaraları başka bir dosyadan yapıştırırken 'Yalnızca değerleri yapıştır' kullanın.",
        "CVV (güvenlik kodu) sütunu eklemeyin: CVV hiçbir zaman okunmaz ve saklanmaz.",
        "Örnek satırlar (2. ve 3. satır) deneme ortamının test kartlarıdır; kendi verinizi girmeden önce silin.",
    ];
    let en_intro = [
        "Fill this file in and upload it to Tahsildar. Do not change the headers on the first row; unused columns may stay empty.",
        "The card number column is formatted as Text: Excel rounds numbers to 15 digits and turns the 16th into a zero. When pasting numbers from another file, use 'Paste values only'.",
        "Do not add a CVV (security code) column: the CVV is never read or stored.",
        "The example rows (rows 2 and 3) use the sandbox's test cards; delete them before entering your own data.",
    ];
    let columns: [(Field, bool, &str, &str); 17] = [
        (
            Field::Reference,
            false,
            "Abone, daire, üye ya da poliçe numarası. Örnek: D-12",
            "Subscriber, flat, member or policy number. Example: D-12",
        ),
        (
            Field::Name,
            false,
            "Müşterinin adı soyadı.",
            "The customer's full name.",
        ),
        (
            Field::Pan,
            true,
            "12-19 hane; boşluk ve tire olabilir. Örnek: 4355 0930 0031 5232",
            "12-19 digits; spaces and dashes allowed. Example: 4355 0930 0031 5232",
        ),
        (
            Field::Expiry,
            true,
            "AA/YY, AA/YYYY ya da AAYY. Örnek: 11/28",
            "MM/YY, MM/YYYY or MMYY. Example: 11/28",
        ),
        (
            Field::Amount,
            true,
            "Tek bir ödemenin tutarı. Örnek: 1.234,56 ya da 1234.56",
            "The amount of one payment. Example: 1,234.56 or 1234,56",
        ),
        (
            Field::Currency,
            false,
            "TRY (boşsa), USD, EUR, GBP.",
            "TRY (when empty), USD, EUR, GBP.",
        ),
        (
            Field::Installments,
            false,
            "Banka taksidi: 1 (tek çekim, boşsa) ya da 2-12.",
            "Bank installments: 1 (single payment, when empty) or 2-12.",
        ),
        (
            Field::DueDate,
            false,
            "Ödeme (ilk ödeme) tarihi: GG.AA.YYYY. Boşsa yükleme günü.",
            "Date of the (first) payment: dd.MM.yyyy. Empty means the day of the upload.",
        ),
        (
            Field::Every,
            false,
            "Tekrarlı ödeme: 'aylık', 'haftalık', '2 haftada bir', '10 gün' ya da '1m', '2w', '10d'.",
            "Recurring payment: 'monthly', 'weekly', 'every 2 weeks', '10 days' or '1m', '2w', '10d'.",
        ),
        (
            Field::Count,
            false,
            "Tekrarlı ödemenin kaç kez çekileceği (1-999).",
            "How many times a recurring payment is charged (1-999).",
        ),
        (
            Field::Description,
            false,
            "Ödemenin açıklaması (ör. 'Aralık aidatı').",
            "A description of the payment (e.g. 'December dues').",
        ),
        (
            Field::AlternatePan,
            false,
            "Asıl kart reddedilirse denenecek kart.",
            "A card tried when the main card is declined.",
        ),
        (
            Field::AlternateExpiry,
            false,
            "Yedek kartın son kullanma tarihi.",
            "The alternate card's expiry.",
        ),
        (
            Field::Email,
            false,
            "Müşterinin e-posta adresi.",
            "The customer's e-mail address.",
        ),
        (
            Field::Phone,
            false,
            "Müşterinin telefonu. Örnek: 05321234567",
            "The customer's phone. Example: 05321234567",
        ),
        (
            Field::InstructionDate,
            false,
            "Müşterinin imzaladığı mail order talimatının tarihi (asıl kart için): GG.AA.YYYY; bugünden sonra olamaz.",
            "Date of the mail-order instruction the customer signed (for the main card): dd.MM.yyyy; not after today.",
        ),
        (
            Field::InstructionRef,
            false,
            "O talimatın numarası ya da referansı. Örnek: MO-2026-041",
            "That instruction's number or reference. Example: MO-2026-041",
        ),
    ];
    ws.write_string_with_format(row, 0, "Tahsilat yükleme şablonu", &bold)?;
    row += 1;
    for line in tr_intro {
        ws.write_string_with_format(row, 2, line, &wrap)?;
        row += 1;
    }
    row += 1;
    for (label, i) in [("Sütun", 0), ("Zorunlu", 1), ("Açıklama", 2)] {
        ws.write_string_with_format(row, i, label, &bold)?;
    }
    row += 1;
    for (field, required, tr, _) in columns {
        ws.write_string(row, 0, field.header_tr())?;
        ws.write_string(row, 1, if required { "Evet" } else { "Hayır" })?;
        ws.write_string_with_format(row, 2, tr, &wrap)?;
        row += 1;
    }
    row += 2;
    ws.write_string_with_format(row, 0, "Collections upload template (English)", &bold)?;
    row += 1;
    for line in en_intro {
        ws.write_string_with_format(row, 2, line, &wrap)?;
        row += 1;
    }
    row += 1;
    for (label, i) in [("Column", 0), ("Required", 1), ("Description", 2)] {
        ws.write_string_with_format(row, i, label, &bold)?;
    }
    row += 1;
    for (field, required, _, en) in columns {
        ws.write_string(
            row,
            0,
            format!("{} ({})", field.header_tr(), field.header_en()),
        )?;
        ws.write_string(row, 1, if required { "Yes" } else { "No" })?;
        ws.write_string_with_format(row, 2, en, &wrap)?;
        row += 1;
    }
    Ok(())
}

//! The crate's one error type: every way a whole file can be refused, with a stable code and a
//! Turkish and English message. Row-level findings are [`crate::Problem`]s, not errors.

pub use tahsildar_words::Lang;

use crate::sniff::FileKind;

/// Why a file could not be read. Never carries cell contents (a cell may hold a card number).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum ImportError {
    /// The file could not be opened or read from disk.
    Io { detail: String },
    /// The file is bigger than the allowed size.
    FileTooLarge { size: u64, max: u64 },
    /// The extension is not one the importer reads.
    UnsupportedExtension { extension: String },
    /// The content is of another kind than the extension says.
    KindMismatch { actual: FileKind, extension: String },
    /// An encrypted (password-protected) Office file.
    PasswordProtected,
    /// The file is damaged or truncated.
    Corrupt { detail: String },
    /// The zip container holds more entries than allowed.
    TooManyEntries { count: u64, max: u64 },
    /// The zip container would unpack to more bytes than allowed, or one entry is compressed
    /// suspiciously well (a zip bomb).
    Unpacks {
        entry: String,
        uncompressed: u64,
        max: u64,
        ratio: u64,
        max_ratio: u64,
    },
    /// A sheet declares a cell area larger than allowed.
    SheetTooLarge {
        sheet: String,
        area: String,
        cells: u64,
        max: u64,
    },
    /// More data rows than allowed.
    TooManyRows { max: u64 },
    /// The named sheet does not exist.
    SheetNotFound {
        sheet: String,
        available: Vec<String>,
    },
    /// The workbook has no visible worksheet.
    NoVisibleSheet,
    /// Text that is not valid in the detected encoding.
    Encoding { encoding: String, line: u64 },
    /// A delimited text file whose quoting or structure is broken.
    Delimited { line: u64, detail: String },
    /// No row within the first rows looks like a header.
    NoHeader { searched_rows: u64 },
    /// A header row was found but no data row follows it.
    NoDataRows,
    /// The reader needed more memory than allowed.
    NeedsTooMuchMemory { limit_mib: u64 },
    /// The reader ran longer than allowed.
    TookTooLong { seconds: u64 },
    /// The reader crashed on the file.
    ReaderCrashed { detail: String },
    /// The reader process could not be started or answered nonsense.
    Worker { detail: String },
    /// An explicit column mapping is invalid.
    Mapping { detail: String },
    /// The template could not be written.
    Template { detail: String },
}

impl ImportError {
    /// Stable snake_case code for the UI and logs.
    pub fn code(&self) -> &'static str {
        use ImportError::*;
        match self {
            Io { .. } => "import_io",
            FileTooLarge { .. } => "file_too_large",
            UnsupportedExtension { .. } => "unsupported_extension",
            KindMismatch { .. } => "kind_mismatch",
            PasswordProtected => "password_protected",
            Corrupt { .. } => "file_corrupt",
            TooManyEntries { .. } => "zip_too_many_entries",
            Unpacks { .. } => "zip_bomb",
            SheetTooLarge { .. } => "sheet_too_large",
            TooManyRows { .. } => "too_many_rows",
            SheetNotFound { .. } => "sheet_not_found",
            NoVisibleSheet => "no_visible_sheet",
            Encoding { .. } => "bad_encoding",
            Delimited { .. } => "bad_delimited_text",
            NoHeader { .. } => "no_header_row",
            NoDataRows => "no_data_rows",
            NeedsTooMuchMemory { .. } => "reader_out_of_memory",
            TookTooLong { .. } => "reader_timeout",
            ReaderCrashed { .. } => "reader_crashed",
            Worker { .. } => "reader_unavailable",
            Mapping { .. } => "bad_mapping",
            Template { .. } => "template_failed",
        }
    }

    /// The message in the requested language.
    pub fn message(&self, lang: Lang) -> String {
        let (tr, en) = self.texts();
        match lang {
            Lang::Tr => tr,
            Lang::En => en,
        }
    }

    /// Turkish message.
    pub fn message_tr(&self) -> String {
        self.message(Lang::Tr)
    }

    /// English message.
    pub fn message_en(&self) -> String {
        self.message(Lang::En)
    }

    fn texts(&self) -> (String, String) {
        use ImportError::*;
        const SAFE_TR: &str = "Dosya güvenli biçimde okunamadı";
        const SAFE_EN: &str = "The file could not be read safely";
        match self {
            Io { detail } => (
                format!("Dosya okunamadı: {detail}"),
                format!("The file could not be read: {detail}"),
            ),
            FileTooLarge { size, max } => (
                format!(
                    "Dosya çok büyük: {} MB (en fazla {} MB).",
                    mb(*size),
                    mb(*max)
                ),
                format!(
                    "The file is too large: {} MB (at most {} MB).",
                    mb(*size),
                    mb(*max)
                ),
            ),
            UnsupportedExtension { extension } => (
                format!(
                    "'{extension}' uzantılı dosyalar okunamaz. Desteklenenler: .xlsx, .xlsm, .xls, .ods, .csv, .txt."
                ),
                format!(
                    "Files ending in '{extension}' cannot be read. Supported: .xlsx, .xlsm, .xls, .ods, .csv, .txt."
                ),
            ),
            KindMismatch { actual, extension } => (
                format!(
                    "Bu bir {} dosyası, tablo değil (uzantısı '{extension}' olsa da).",
                    actual.name_tr()
                ),
                format!(
                    "This is a {} file, not a spreadsheet (although it ends in '{extension}').",
                    actual.name_en()
                ),
            ),
            PasswordProtected => (
                "Dosya parola ile korunuyor. Excel'de parolayı kaldırıp yeniden kaydedin.".into(),
                "The file is password-protected. Remove the password in Excel and save it again."
                    .into(),
            ),
            Corrupt { detail } => (
                format!("Dosya bozuk ya da eksik: {detail}"),
                format!("The file is damaged or incomplete: {detail}"),
            ),
            TooManyEntries { count, max } => (
                format!("{SAFE_TR}: arşivde {count} parça var (en fazla {max})."),
                format!("{SAFE_EN}: the archive holds {count} entries (at most {max})."),
            ),
            Unpacks {
                entry,
                uncompressed,
                max,
                ratio,
                max_ratio,
            } => (
                format!(
                    "{SAFE_TR}: '{entry}' açıldığında {} MB (sınır {} MB), sıkıştırma oranı {ratio} (sınır {max_ratio}).",
                    mb(*uncompressed),
                    mb(*max)
                ),
                format!(
                    "{SAFE_EN}: '{entry}' unpacks to {} MB (limit {} MB) at a compression ratio of {ratio} (limit {max_ratio}).",
                    mb(*uncompressed),
                    mb(*max)
                ),
            ),
            SheetTooLarge {
                sheet,
                area,
                cells,
                max,
            } => (
                format!(
                    "{SAFE_TR}: '{sheet}' sayfası {area} alanını ({cells} hücre) bildiriyor; en fazla {max} hücre okunur."
                ),
                format!(
                    "{SAFE_EN}: sheet '{sheet}' declares the area {area} ({cells} cells); at most {max} cells are read."
                ),
            ),
            TooManyRows { max } => (
                format!("Dosyada {max} satırdan fazla veri var. Dosyayı bölün."),
                format!("The file holds more than {max} data rows. Split it."),
            ),
            SheetNotFound { sheet, available } => (
                format!("'{sheet}' sayfası yok. Sayfalar: {}", available.join(", ")),
                format!(
                    "There is no sheet '{sheet}'. Sheets: {}",
                    available.join(", ")
                ),
            ),
            NoVisibleSheet => (
                "Dosyada görünür bir çalışma sayfası yok.".into(),
                "The workbook has no visible worksheet.".into(),
            ),
            Encoding { encoding, line } => (
                format!(
                    "{line}. satırdaki metin {encoding} olarak çözülemedi. Dosyayı UTF-8 olarak kaydedin."
                ),
                format!("The text on line {line} is not valid {encoding}. Save the file as UTF-8."),
            ),
            Delimited { line, detail } => (
                format!("{line}. satır okunamadı: {detail}"),
                format!("Line {line} could not be read: {detail}"),
            ),
            NoHeader { searched_rows } => (
                format!(
                    "İlk {searched_rows} satırda başlık satırı bulunamadı (ör. 'Kart No', 'Tutar', 'Abone No'). Şablonu kullanın ya da sütunları elle eşleyin."
                ),
                format!(
                    "No header row in the first {searched_rows} rows (e.g. 'Card Number', 'Amount', 'Reference'). Use the template or map the columns by hand."
                ),
            ),
            NoDataRows => (
                "Başlık satırının altında veri satırı yok.".into(),
                "There are no data rows below the header row.".into(),
            ),
            NeedsTooMuchMemory { limit_mib } => (
                format!("{SAFE_TR}: izin verilenden ({limit_mib} MiB) fazla bellek gerekiyor."),
                format!("{SAFE_EN}: it needs more memory than allowed ({limit_mib} MiB)."),
            ),
            TookTooLong { seconds } => (
                format!("{SAFE_TR}: okuma {seconds} saniyede bitmedi."),
                format!("{SAFE_EN}: reading took longer than {seconds} seconds."),
            ),
            ReaderCrashed { detail } => (
                format!("{SAFE_TR}: okuyucu çöktü ({detail})."),
                format!("{SAFE_EN}: it made the reader crash ({detail})."),
            ),
            Worker { detail } => (
                format!("Dosya okuyucu çalıştırılamadı: {detail}"),
                format!("The file reader could not be run: {detail}"),
            ),
            Mapping { detail } => (
                format!("Sütun eşlemesi geçersiz: {detail}"),
                format!("The column mapping is invalid: {detail}"),
            ),
            Template { detail } => (
                format!("Şablon yazılamadı: {detail}"),
                format!("The template could not be written: {detail}"),
            ),
        }
    }
}

impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for ImportError {}

fn mb(bytes: u64) -> String {
    let tenths = bytes.saturating_mul(10) / (1024 * 1024);
    format!("{},{}", tenths / 10, tenths % 10)
}

impl From<std::io::Error> for ImportError {
    fn from(e: std::io::Error) -> Self {
        ImportError::Io {
            detail: e.kind().to_string(),
        }
    }
}

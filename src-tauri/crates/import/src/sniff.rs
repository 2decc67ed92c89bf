//! Tell a file's real kind from its first bytes, and refuse a file whose content does not match
//! its extension ("this is a PDF file, not a spreadsheet").

use std::io::Read;
use std::path::Path;

use crate::ImportError;

/// The kind of a file, judged by its content.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum FileKind {
    /// A zip container (xlsx, xlsm, ods, or any other zip).
    Zip,
    /// An OLE compound file holding a legacy workbook (xls).
    Cfb,
    /// An OLE compound file holding an encrypted Office document.
    EncryptedOffice,
    /// A PDF document.
    Pdf,
    /// A picture (PNG, JPEG, GIF).
    Image,
    /// Text (any encoding this crate reads).
    Text,
    /// Anything else.
    Binary,
}

impl FileKind {
    /// Turkish name for messages.
    pub fn name_tr(self) -> &'static str {
        match self {
            FileKind::Zip => "ZIP arşivi",
            FileKind::Cfb => "eski Office (OLE)",
            FileKind::EncryptedOffice => "şifreli Office",
            FileKind::Pdf => "PDF",
            FileKind::Image => "resim",
            FileKind::Text => "metin",
            FileKind::Binary => "ikili (tanınmayan)",
        }
    }

    /// English name for messages.
    pub fn name_en(self) -> &'static str {
        match self {
            FileKind::Zip => "ZIP archive",
            FileKind::Cfb => "legacy Office (OLE)",
            FileKind::EncryptedOffice => "encrypted Office",
            FileKind::Pdf => "PDF",
            FileKind::Image => "picture",
            FileKind::Text => "text",
            FileKind::Binary => "binary (unrecognised)",
        }
    }
}

/// What the extension promises.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Declared {
    /// `.xlsx` / `.xlsm`.
    Xlsx,
    /// `.xls`.
    Xls,
    /// `.ods`.
    Ods,
    /// `.csv` / `.txt` / `.tsv`.
    Delimited,
}

/// The extension's promise, or an error for an extension the importer does not read.
pub fn declared_kind(path: &Path) -> Result<Declared, ImportError> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_lowercase();
    match ext.as_str() {
        "xlsx" | "xlsm" => Ok(Declared::Xlsx),
        "xls" => Ok(Declared::Xls),
        "ods" => Ok(Declared::Ods),
        "csv" | "txt" | "tsv" => Ok(Declared::Delimited),
        _ => Err(ImportError::UnsupportedExtension {
            extension: format!(".{ext}"),
        }),
    }
}

const CFB_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Judge the kind of `bytes` (the file's first few KB; the whole file for OLE containers, whose
/// directory may sit anywhere).
pub fn kind_of(head: &[u8]) -> FileKind {
    if head.starts_with(b"PK\x03\x04") || head.starts_with(b"PK\x05\x06") {
        FileKind::Zip
    } else if head.starts_with(&CFB_MAGIC) {
        FileKind::Cfb
    } else if head.starts_with(b"%PDF") {
        FileKind::Pdf
    } else if head.starts_with(b"\x89PNG")
        || head.starts_with(&[0xFF, 0xD8, 0xFF])
        || head.starts_with(b"GIF8")
    {
        FileKind::Image
    } else if looks_like_text(head) {
        FileKind::Text
    } else {
        FileKind::Binary
    }
}

fn looks_like_text(head: &[u8]) -> bool {
    if head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]) {
        return true; // UTF-16 with a byte order mark
    }
    // NUL bytes or many control characters mean binary.
    let controls = head
        .iter()
        .filter(|&&b| b == 0 || (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C)))
        .count();
    controls == 0 || (head.len() >= 64 && controls * 100 / head.len() < 1 && !head.contains(&0))
}

/// UTF-16LE bytes of an OLE directory entry name.
fn utf16le(name: &str) -> Vec<u8> {
    name.encode_utf16().flat_map(|u| u.to_le_bytes()).collect()
}

/// True when an OLE container holds the streams of an encrypted OOXML package
/// (`EncryptionInfo` and `EncryptedPackage`, MS-OFFCRYPTO).
pub fn is_encrypted_office(whole: &[u8]) -> bool {
    let has = |name: &str| {
        let needle = utf16le(name);
        whole.windows(needle.len()).any(|w| w == needle.as_slice())
    };
    has("EncryptionInfo") && has("EncryptedPackage")
}

/// Check the file size and that its content matches the extension. Returns the extension's
/// promise when they agree.
pub fn check_file(path: &Path, max_file_bytes: u64) -> Result<Declared, ImportError> {
    let declared = declared_kind(path)?;
    let size = std::fs::metadata(path)?.len();
    if size > max_file_bytes {
        return Err(ImportError::FileTooLarge {
            size,
            max: max_file_bytes,
        });
    }
    let mut head = Vec::with_capacity(4096);
    std::fs::File::open(path)?
        .take(4096)
        .read_to_end(&mut head)?;
    let mut kind = kind_of(&head);
    if kind == FileKind::Cfb && is_encrypted_office(&std::fs::read(path)?) {
        kind = FileKind::EncryptedOffice;
    }
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .map(|e| format!(".{e}"))
        .unwrap_or_default();
    let agrees = match (declared, kind) {
        (_, FileKind::EncryptedOffice) => return Err(ImportError::PasswordProtected),
        (Declared::Xlsx | Declared::Ods, FileKind::Zip) => true,
        (Declared::Xls, FileKind::Cfb) => true,
        (Declared::Delimited, FileKind::Text) => true,
        _ => false,
    };
    if agrees {
        Ok(declared)
    } else if head.is_empty() {
        Err(ImportError::NoDataRows)
    } else {
        Err(ImportError::KindMismatch {
            actual: kind,
            extension,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_by_magic() {
        assert_eq!(kind_of(b"%PDF-1.7\n"), FileKind::Pdf);
        assert_eq!(kind_of(b"PK\x03\x04rest"), FileKind::Zip);
        assert_eq!(kind_of(&CFB_MAGIC), FileKind::Cfb);
        assert_eq!(kind_of("Kart No;Tutar\n".as_bytes()), FileKind::Text);
        assert_eq!(kind_of(&[0xFF, 0xFE, b'K', 0]), FileKind::Text);
        assert_eq!(kind_of(&[0, 1, 2, 3, 4]), FileKind::Binary);
    }

    #[test]
    fn encrypted_streams_are_recognised() {
        let mut bytes = CFB_MAGIC.to_vec();
        bytes.extend(utf16le("EncryptionInfo"));
        assert!(!is_encrypted_office(&bytes));
        bytes.extend(utf16le("EncryptedPackage"));
        assert!(is_encrypted_office(&bytes));
    }
}

//! Delimited text (`.csv`, `.txt`): encoding detected (UTF-8 with or without BOM, UTF-16 with
//! BOM, Windows-1254), separator detected (`;` `,` TAB `|`), quotes per RFC 4180. Text that does
//! not decode is an error naming the line; nothing is replaced silently.

use std::path::Path;

use super::builder::TableBuilder;
use crate::table::{Cell, DelimitedInfo, SourceFormat};
use crate::{ImportError, Progress, ReadOptions, Table};

const SEPARATORS: [u8; 4] = [b';', b'\t', b'|', b','];

pub(super) fn read(
    path: &Path,
    options: &ReadOptions,
    progress: &mut dyn FnMut(Progress),
) -> Result<Table, ImportError> {
    let bytes = std::fs::read(path)?;
    let (text, encoding, bom) = decode(&bytes)?;
    drop(bytes);
    let separator = detect_separator(&text);
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut builder = TableBuilder::new(
        SourceFormat::Delimited,
        name,
        options.header_row,
        &options.limits,
        progress,
    );
    builder.set_total_estimate(text.bytes().filter(|&b| b == b'\n').count() as u64 + 1);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(separator)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut record = csv::StringRecord::new();
    // Line numbers from byte offsets: a record starts at the first byte after the previous
    // record that is not a line break (the reader's own line count is off after CRLF).
    let bytes = text.as_bytes();
    let (mut at_byte, mut at_line) = (0usize, 1usize);
    loop {
        let mut start = (reader.position().byte() as usize).clamp(at_byte, bytes.len());
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                while start < bytes.len() && matches!(bytes[start], b'\r' | b'\n') {
                    start += 1;
                }
                at_line += bytes[at_byte..start]
                    .iter()
                    .filter(|&&b| b == b'\n')
                    .count();
                at_byte = start;
                let line = at_line;
                let cells = record
                    .iter()
                    .map(|f| {
                        if f.is_empty() {
                            Cell::Empty
                        } else {
                            Cell::Text(f.to_string())
                        }
                    })
                    .collect();
                builder.push(line, cells)?;
            }
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                return Err(ImportError::Delimited {
                    line,
                    detail: e.kind_text(),
                });
            }
        }
    }
    builder.finish(Some(DelimitedInfo {
        separator: separator as char,
        encoding: encoding.into(),
        bom,
    }))
}

trait KindText {
    fn kind_text(&self) -> String;
}

impl KindText for csv::Error {
    fn kind_text(&self) -> String {
        match self.kind() {
            csv::ErrorKind::Io(e) => e.kind().to_string(),
            csv::ErrorKind::Utf8 { .. } => "invalid UTF-8".into(),
            _ => "malformed record".into(),
        }
    }
}

/// Decode the file: returns the text, the encoding's name and whether a BOM was present.
pub(crate) fn decode(bytes: &[u8]) -> Result<(String, &'static str, bool), ImportError> {
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return utf8(rest).map(|s| (s, "UTF-8", true));
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return utf16(rest, u16::from_le_bytes, "UTF-16LE").map(|s| (s, "UTF-16LE", true));
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return utf16(rest, u16::from_be_bytes, "UTF-16BE").map(|s| (s, "UTF-16BE", true));
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Ok((s.to_string(), "UTF-8", false));
    }
    // Not UTF-8: Turkish Excel saves "CSV" in Windows-1254. Bytes that code page leaves
    // undefined decode to C1 control characters: those mean it is not Windows-1254 either.
    let (decoded, had_errors) = encoding_rs::WINDOWS_1254.decode_without_bom_handling(bytes);
    let bad = decoded
        .char_indices()
        .find(|(_, c)| ('\u{80}'..='\u{9F}').contains(c));
    if had_errors || bad.is_some() {
        let at = bad.map_or(decoded.len(), |(i, _)| i);
        return Err(ImportError::Encoding {
            encoding: "windows-1254".into(),
            line: line_of(decoded[..at].as_bytes()),
        });
    }
    Ok((decoded.into_owned(), "windows-1254", false))
}

fn utf8(bytes: &[u8]) -> Result<String, ImportError> {
    std::str::from_utf8(bytes)
        .map(str::to_string)
        .map_err(|e| ImportError::Encoding {
            encoding: "UTF-8".into(),
            line: line_of(&bytes[..e.valid_up_to()]),
        })
}

fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16, name: &str) -> Result<String, ImportError> {
    let mut out = String::with_capacity(bytes.len() / 2);
    let units = bytes.chunks(2).map(|c| {
        if c.len() == 2 {
            Ok(unit([c[0], c[1]]))
        } else {
            Err(())
        }
    });
    let mut line = 1u64;
    let mut iter = units.peekable();
    let mut pending: Vec<u16> = Vec::new();
    while let Some(u) = iter.next() {
        let Ok(u) = u else {
            return Err(ImportError::Encoding {
                encoding: name.into(),
                line,
            });
        };
        pending.push(u);
        if (0xD800..0xDC00).contains(&u) && iter.peek().is_some() {
            continue; // high surrogate: wait for its pair
        }
        for c in char::decode_utf16(pending.drain(..)) {
            match c {
                Ok(c) => {
                    if c == '\n' {
                        line += 1;
                    }
                    out.push(c);
                }
                Err(_) => {
                    return Err(ImportError::Encoding {
                        encoding: name.into(),
                        line,
                    });
                }
            }
        }
    }
    Ok(out)
}

fn line_of(before: &[u8]) -> u64 {
    before.iter().filter(|&&b| b == b'\n').count() as u64 + 1
}

/// The separator that splits the first lines most consistently. Counts outside quotes; on a
/// tie the order `;` TAB `|` `,` wins (a comma is also the Turkish decimal mark).
pub(crate) fn detect_separator(text: &str) -> u8 {
    let lines: Vec<&str> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(50)
        .collect();
    let mut best = (0usize, 0usize, b';'); // (consistent lines, count, separator)
    for sep in SEPARATORS {
        let counts: Vec<usize> = lines.iter().map(|l| count_outside_quotes(l, sep)).collect();
        let Some(&first) = counts.first() else {
            continue;
        };
        if first == 0 {
            continue;
        }
        let consistent = counts.iter().filter(|&&c| c == first).count();
        if (consistent, first) > (best.0, best.1) {
            best = (consistent, first, sep);
        }
    }
    best.2
}

fn count_outside_quotes(line: &str, sep: u8) -> usize {
    let mut quoted = false;
    let mut n = 0;
    for b in line.bytes() {
        if b == b'"' {
            quoted = !quoted;
        } else if b == sep && !quoted {
            n += 1;
        }
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn separators() {
        assert_eq!(
            detect_separator("Kart No;Tutar;Açıklama\n4355;1.234,56;a, b\n"),
            b';'
        );
        assert_eq!(
            detect_separator("Card Number,Amount\n4355,\"1,234.56\"\n"),
            b','
        );
        assert_eq!(detect_separator("a\tb\tc\n1\t2,5\t3\n"), b'\t');
        assert_eq!(detect_separator("a|b\n1|2\n"), b'|');
    }

    #[test]
    fn encodings() {
        let (s, enc, bom) = decode(b"\xEF\xBB\xBFKart No").unwrap();
        assert_eq!((s.as_str(), enc, bom), ("Kart No", "UTF-8", true));
        let cp1254 = [0x41, 0xE7, 0xFD, 0x6B, 0x6C, 0x61, 0x6D, 0x61]; // "Açıklama"
        let (s, enc, _) = decode(&cp1254).unwrap();
        assert_eq!((s.as_str(), enc), ("Açıklama", "windows-1254"));
        let mut utf16: Vec<u8> = vec![0xFF, 0xFE];
        utf16.extend("Şahin;1\n".encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(decode(&utf16).unwrap().0, "Şahin;1\n");
        // A byte Windows-1254 leaves undefined, on line 2.
        let err = decode(b"a;b\n\x81x;y\xE7").unwrap_err();
        assert_eq!(
            err,
            ImportError::Encoding {
                encoding: "windows-1254".into(),
                line: 2
            }
        );
        let err = decode(b"\xEF\xBB\xBFok\nbad\xFF").unwrap_err();
        assert_eq!(
            err,
            ImportError::Encoding {
                encoding: "UTF-8".into(),
                line: 2
            }
        );
        // A lone low surrogate.
        let err = decode(&[0xFF, 0xFE, b'a', 0, b'\n', 0, 0x00, 0xDC]).unwrap_err();
        assert_eq!(err.code(), "bad_encoding");
    }
}

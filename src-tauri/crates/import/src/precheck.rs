//! Cheap checks of a zip container (xlsx, ods) before any parser sees it: entry count, declared
//! sizes and compression ratios, a sheet's declared `<dimension>`, the shared-string count, and
//! (in the reader process) a streamed scan of the real cell area and unpacked size.

use std::fs::File;
use std::io::{BufReader, Read};
use std::path::Path;

use zip::ZipArchive;

use crate::{ImportError, Limits};

/// Bytes of a sheet entry read to find its `<dimension>` element.
const HEAD_BYTES: u64 = 16 * 1024;

fn open(path: &Path) -> Result<ZipArchive<BufReader<File>>, ImportError> {
    ZipArchive::new(BufReader::new(File::open(path)?)).map_err(zip_error)
}

/// Map a zip error to "damaged or incomplete".
pub(crate) fn zip_error(e: zip::result::ZipError) -> ImportError {
    ImportError::Corrupt {
        detail: format!("zip: {e}"),
    }
}

fn is_sheet_entry(name: &str) -> bool {
    name.starts_with("xl/worksheets/") && name.ends_with(".xml")
}

/// Check the container's directory and the heads of its sheets. Cheap: reads the central
/// directory and at most a few KB of each sheet.
pub fn check_zip(path: &Path, limits: &Limits) -> Result<(), ImportError> {
    let mut zip = open(path)?;
    let count = zip.len() as u64;
    if count > limits.max_zip_entries {
        return Err(ImportError::TooManyEntries {
            count,
            max: limits.max_zip_entries,
        });
    }
    let mut total: u64 = 0;
    let mut sheets = Vec::new();
    for i in 0..zip.len() {
        let entry = zip.by_index_raw(i).map_err(zip_error)?;
        let name = entry.name().map_err(zip_error)?.into_owned();
        let size = entry.size();
        let packed = entry.compressed_size().max(1);
        let ratio = size / packed;
        total = total.saturating_add(size);
        // Small entries may compress very well without harm; judge the ratio above 1 MB.
        if size > limits.max_uncompressed_bytes
            || (size > 1024 * 1024 && ratio > limits.max_ratio)
            || total > limits.max_uncompressed_bytes
        {
            return Err(ImportError::Unpacks {
                entry: name,
                uncompressed: total.max(size),
                max: limits.max_uncompressed_bytes,
                ratio,
                max_ratio: limits.max_ratio,
            });
        }
        if is_sheet_entry(&name) {
            sheets.push(name);
        }
    }
    for name in sheets {
        let head = read_head(&mut zip, &name)?;
        if let Some(area) = attribute_after(&head, b"<dimension", b"ref") {
            check_area(&name, &area, limits)?;
        }
    }
    if zip.index_for_name("xl/sharedStrings.xml").is_some() {
        let head = read_head(&mut zip, "xl/sharedStrings.xml")?;
        for attr in [b"uniqueCount".as_slice(), b"count".as_slice()] {
            if let Some(n) = attribute_after(&head, b"<sst", attr)
                && let Ok(n) = n.parse::<u64>()
                && n > limits.max_cells
            {
                return Err(ImportError::SheetTooLarge {
                    sheet: "sharedStrings".into(),
                    area: format!("{n} strings"),
                    cells: n,
                    max: limits.max_cells,
                });
            }
        }
    }
    Ok(())
}

fn read_head(zip: &mut ZipArchive<BufReader<File>>, name: &str) -> Result<Vec<u8>, ImportError> {
    let entry = zip.by_name(name).map_err(zip_error)?;
    let mut head = Vec::new();
    entry
        .take(HEAD_BYTES)
        .read_to_end(&mut head)
        .map_err(|e| ImportError::Corrupt {
            detail: format!("{name}: {e}"),
        })?;
    Ok(head)
}

/// The value of `attr` in the first element that starts with `element`.
fn attribute_after(xml: &[u8], element: &[u8], attr: &[u8]) -> Option<String> {
    let start = find(xml, element)?;
    let end = start + find(&xml[start..], b">")?;
    let tag = &xml[start..end];
    let mut at = 0;
    while let Some(pos) = find(&tag[at..], attr) {
        let p = at + pos;
        let before_ok = p > 0 && tag[p - 1].is_ascii_whitespace();
        let rest = &tag[p + attr.len()..];
        if before_ok && rest.starts_with(b"=\"") {
            let value = &rest[2..];
            let close = value.iter().position(|&b| b == b'"')?;
            return String::from_utf8(value[..close].to_vec()).ok();
        }
        at = p + attr.len();
    }
    None
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(hay, needle)
}

/// Split `AB12` into a 0-based column and a 1-based row.
fn cell_ref(r: &str) -> Option<(u64, u64)> {
    let split = r.find(|c: char| c.is_ascii_digit())?;
    let (letters, digits) = r.split_at(split);
    let col = crate::table::column_index(letters)? as u64;
    let row = digits.parse::<u64>().ok()?;
    Some((col, row))
}

fn check_area(sheet: &str, area: &str, limits: &Limits) -> Result<(), ImportError> {
    let (a, b) = area.split_once(':').unwrap_or((area, area));
    let (Some((c1, r1)), Some((c2, r2))) = (cell_ref(a), cell_ref(b)) else {
        return Ok(()); // an unreadable dimension is left to the reader, which runs capped
    };
    let cells = (c2.abs_diff(c1) + 1).saturating_mul(r2.abs_diff(r1) + 1);
    if cells > limits.max_cells {
        return Err(ImportError::SheetTooLarge {
            sheet: sheet_label(sheet),
            area: area.to_string(),
            cells,
            max: limits.max_cells,
        });
    }
    Ok(())
}

fn sheet_label(entry: &str) -> String {
    entry
        .trim_start_matches("xl/worksheets/")
        .trim_end_matches(".xml")
        .to_string()
}

/// Stream every sheet entry through a counter and a scanner of cell references, so that a
/// container whose directory lies about sizes, or whose cells span the grid (two cells at A1
/// and XFD1048576 make a parser allocate the whole grid), is refused before the parser runs.
/// Memory stays constant; runs in the reader process.
pub fn scan_sheets(path: &Path, limits: &Limits) -> Result<(), ImportError> {
    let mut zip = open(path)?;
    let names: Vec<String> = zip
        .file_names()
        .filter_map(|n| n.ok().map(|n| n.into_owned()))
        .filter(|n| is_sheet_entry(n))
        .collect();
    let mut total: u64 = 0;
    for name in names {
        let mut entry = zip.by_name(&name).map_err(zip_error)?;
        let packed = entry.compressed_size().max(1);
        let mut scan = RefScan::default();
        let mut buf = vec![0u8; 64 * 1024];
        let mut carry: Vec<u8> = Vec::new();
        let mut unpacked: u64 = 0;
        loop {
            let n = entry.read(&mut buf).map_err(|e| ImportError::Corrupt {
                detail: format!("{name}: {e}"),
            })?;
            if n == 0 {
                break;
            }
            unpacked += n as u64;
            total += n as u64;
            if total > limits.max_uncompressed_bytes
                || (unpacked > 1024 * 1024 && unpacked / packed > limits.max_ratio)
            {
                return Err(ImportError::Unpacks {
                    entry: name,
                    uncompressed: total,
                    max: limits.max_uncompressed_bytes,
                    ratio: unpacked / packed,
                    max_ratio: limits.max_ratio,
                });
            }
            carry.extend_from_slice(&buf[..n]);
            let keep = scan.feed(&carry);
            carry.drain(..carry.len() - keep);
        }
        if let Some(cells) = scan.area()
            && cells > limits.max_cells
        {
            return Err(ImportError::SheetTooLarge {
                sheet: sheet_label(&name),
                area: scan.describe(),
                cells,
                max: limits.max_cells,
            });
        }
    }
    Ok(())
}

/// Bounding box of the `r="..."` references seen so far.
#[derive(Default)]
struct RefScan {
    min_col: Option<u64>,
    max_col: u64,
    min_row: Option<u64>,
    max_row: u64,
}

impl RefScan {
    /// Scan `chunk`; returns how many trailing bytes to keep for the next call.
    fn feed(&mut self, chunk: &[u8]) -> usize {
        const PAT: &[u8] = b" r=\"";
        static FINDER: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
            std::sync::LazyLock::new(|| memchr::memmem::Finder::new(PAT));
        let mut i = 0;
        while let Some(pos) = FINDER.find(&chunk[i..]) {
            let start = i + pos + PAT.len();
            let Some(len) = chunk[start..].iter().take(16).position(|&b| b == b'"') else {
                if chunk.len() - start < 16 {
                    return chunk.len() - (i + pos); // reference cut by the chunk end
                }
                i = start; // not a cell reference
                continue;
            };
            if let Ok(text) = std::str::from_utf8(&chunk[start..start + len]) {
                self.note(text);
            }
            i = start + len;
        }
        (PAT.len() + 16).min(chunk.len() - i)
    }

    fn note(&mut self, text: &str) {
        if let Some((col, row)) = cell_ref(text) {
            self.min_col = Some(self.min_col.map_or(col, |m| m.min(col)));
            self.max_col = self.max_col.max(col);
            self.min_row = Some(self.min_row.map_or(row, |m| m.min(row)));
            self.max_row = self.max_row.max(row);
        } else if let Ok(row) = text.parse::<u64>() {
            self.min_row = Some(self.min_row.map_or(row, |m| m.min(row)));
            self.max_row = self.max_row.max(row);
        }
    }

    fn area(&self) -> Option<u64> {
        let rows = self.max_row - self.min_row? + 1;
        let cols = self.min_col.map_or(1, |c| self.max_col - c + 1);
        Some(rows.saturating_mul(cols))
    }

    fn describe(&self) -> String {
        let c1 = crate::table::column_letter(self.min_col.unwrap_or(0) as usize);
        let c2 = crate::table::column_letter(self.max_col as usize);
        format!("{c1}{}:{c2}{}", self.min_row.unwrap_or(1), self.max_row)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dimension_attribute_is_found() {
        let xml = br#"<?xml version="1.0"?><worksheet xmlns="x"><dimension ref="A1:XFD1048576"/>"#;
        assert_eq!(
            attribute_after(xml, b"<dimension", b"ref").as_deref(),
            Some("A1:XFD1048576")
        );
        let sst = br#"<sst xmlns="x" count="12" uniqueCount="9">"#;
        assert_eq!(
            attribute_after(sst, b"<sst", b"count").as_deref(),
            Some("12")
        );
        assert_eq!(
            attribute_after(sst, b"<sst", b"uniqueCount").as_deref(),
            Some("9")
        );
    }

    #[test]
    fn declared_area_over_the_cap_is_refused() {
        let limits = Limits::default();
        let err = check_area("sheet1", "A1:XFD1048576", &limits).unwrap_err();
        assert_eq!(err.code(), "sheet_too_large");
        assert!(check_area("sheet1", "A1:I100001", &limits).is_ok());
    }

    #[test]
    fn reference_scan_spans_chunks() {
        let xml = br#"<row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="1048576"><c r="XFD1048576"><v>1</v></c></row>"#;
        for split in 0..xml.len() {
            let mut scan = RefScan::default();
            let mut carry = xml[..split].to_vec();
            let keep = scan.feed(&carry);
            carry.drain(..carry.len() - keep);
            carry.extend_from_slice(&xml[split..]);
            scan.feed(&carry);
            assert_eq!(scan.area(), Some(16384 * 1048576), "split at {split}");
        }
    }
}

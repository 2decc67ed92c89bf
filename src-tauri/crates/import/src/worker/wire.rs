//! The reader process's answer on its stdout: frames of `tag, u32 length, payload`.
//! `P` progress, `T` a table (compact binary), `E` an error (JSON). Cell texts (card numbers
//! among them) travel only over this pipe and are never logged.

use std::io::{self, Read, Write};

use jiff::civil::DateTime;

use crate::limits::Phase;
use crate::table::{Cell, DelimitedInfo, Row, SourceFormat, Table};
use crate::{ImportError, Progress};

pub(crate) const TAG_PROGRESS: u8 = b'P';
pub(crate) const TAG_TABLE: u8 = b'T';
pub(crate) const TAG_ERROR: u8 = b'E';

/// Largest frame accepted from the reader (the table of a 50 MB file stays far below).
const MAX_FRAME: u32 = 1 << 30;

pub(crate) fn write_frame(out: &mut impl Write, tag: u8, payload: &[u8]) -> io::Result<()> {
    out.write_all(&[tag])?;
    out.write_all(&(payload.len() as u32).to_le_bytes())?;
    out.write_all(payload)?;
    out.flush()
}

/// Read one frame; `None` at the end of the stream.
pub(crate) fn read_frame(input: &mut impl Read) -> io::Result<Option<(u8, Vec<u8>)>> {
    let mut tag = [0u8; 1];
    if input.read(&mut tag)? == 0 {
        return Ok(None);
    }
    let mut len = [0u8; 4];
    input.read_exact(&mut len)?;
    let len = u32::from_le_bytes(len);
    if len > MAX_FRAME {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            "frame too large",
        ));
    }
    let mut payload = vec![0u8; len as usize];
    input.read_exact(&mut payload)?;
    Ok(Some((tag[0], payload)))
}

pub(crate) fn encode_progress(p: Progress) -> Vec<u8> {
    let mut e = Encoder(Vec::with_capacity(16));
    e.u8(match p.phase {
        Phase::Reading => 0,
        Phase::Mapping => 1,
    });
    e.u64(p.rows_done);
    e.u64(p.rows_total_estimate);
    e.0
}

pub(crate) fn decode_progress(b: &[u8]) -> Option<Progress> {
    let mut d = Decoder { b, at: 0 };
    let phase = if d.u8()? == 0 {
        Phase::Reading
    } else {
        Phase::Mapping
    };
    Some(Progress {
        phase,
        rows_done: d.u64()?,
        rows_total_estimate: d.u64()?,
    })
}

pub(crate) fn encode_error(e: &ImportError) -> Vec<u8> {
    serde_json::to_vec(e).unwrap_or_default()
}

pub(crate) fn decode_error(b: &[u8]) -> Option<ImportError> {
    serde_json::from_slice(b).ok()
}

/// Encode a table compactly.
pub(crate) fn encode_table(t: &Table) -> Vec<u8> {
    let mut e = Encoder(Vec::with_capacity(64 + t.rows.len() * t.headers.len() * 12));
    e.u8(match t.format {
        SourceFormat::Xlsx => 0,
        SourceFormat::Xls => 1,
        SourceFormat::Ods => 2,
        SourceFormat::Delimited => 3,
    });
    e.str(&t.sheet_name);
    e.u64(t.header_row as u64);
    e.u64(t.headers.len() as u64);
    for h in &t.headers {
        e.str(h);
    }
    e.u64(t.blank_rows_skipped as u64);
    match &t.delimited {
        None => e.u8(0),
        Some(d) => {
            e.u8(1);
            e.u64(d.separator as u64);
            e.str(&d.encoding);
            e.u8(d.bom as u8);
        }
    }
    e.u64(t.rows.len() as u64);
    for row in &t.rows {
        e.u64(row.source_row as u64);
        e.u64(row.cells.len() as u64);
        for cell in &row.cells {
            match cell {
                Cell::Empty => e.u8(0),
                Cell::Text(s) => {
                    e.u8(1);
                    e.str(s);
                }
                Cell::Number(f) => {
                    e.u8(2);
                    e.0.extend(f.to_le_bytes());
                }
                Cell::Int(i) => {
                    e.u8(3);
                    e.0.extend(i.to_le_bytes());
                }
                Cell::Bool(b) => {
                    e.u8(4);
                    e.u8(*b as u8);
                }
                Cell::Date(d) => {
                    e.u8(5);
                    e.0.extend(d.year().to_le_bytes());
                    for v in [d.month(), d.day(), d.hour(), d.minute(), d.second()] {
                        e.0.push(v as u8);
                    }
                    e.0.extend(d.subsec_nanosecond().to_le_bytes());
                }
                Cell::Error(s) => {
                    e.u8(6);
                    e.str(s);
                }
            }
        }
    }
    e.0
}

/// Decode a table; `None` when the bytes are malformed.
pub(crate) fn decode_table(b: &[u8]) -> Option<Table> {
    let mut d = Decoder { b, at: 0 };
    let format = match d.u8()? {
        0 => SourceFormat::Xlsx,
        1 => SourceFormat::Xls,
        2 => SourceFormat::Ods,
        3 => SourceFormat::Delimited,
        _ => return None,
    };
    let sheet_name = d.str()?;
    let header_row = d.u64()? as usize;
    let n = d.len()?;
    let mut headers = Vec::with_capacity(n);
    for _ in 0..n {
        headers.push(d.str()?);
    }
    let blank_rows_skipped = d.u64()? as usize;
    let delimited = match d.u8()? {
        0 => None,
        _ => Some(DelimitedInfo {
            separator: char::from_u32(d.u64()? as u32)?,
            encoding: d.str()?,
            bom: d.u8()? != 0,
        }),
    };
    let n = d.len()?;
    let mut rows = Vec::with_capacity(n);
    for _ in 0..n {
        let source_row = d.u64()? as usize;
        let w = d.len()?;
        let mut cells = Vec::with_capacity(w);
        for _ in 0..w {
            cells.push(match d.u8()? {
                0 => Cell::Empty,
                1 => Cell::Text(d.str()?),
                2 => Cell::Number(f64::from_le_bytes(d.take(8)?.try_into().ok()?)),
                3 => Cell::Int(i64::from_le_bytes(d.take(8)?.try_into().ok()?)),
                4 => Cell::Bool(d.u8()? != 0),
                5 => {
                    let y = i16::from_le_bytes(d.take(2)?.try_into().ok()?);
                    let p = d.take(5)?;
                    let ns = i32::from_le_bytes(d.take(4)?.try_into().ok()?);
                    let (mo, dd, h, mi, s) =
                        (p[0] as i8, p[1] as i8, p[2] as i8, p[3] as i8, p[4] as i8);
                    Cell::Date(DateTime::new(y, mo, dd, h, mi, s, ns).ok()?)
                }
                6 => Cell::Error(d.str()?),
                _ => return None,
            });
        }
        rows.push(Row { source_row, cells });
    }
    (d.at == b.len()).then_some(Table {
        format,
        sheet_name,
        header_row,
        headers,
        rows,
        blank_rows_skipped,
        delimited,
    })
}

struct Encoder(Vec<u8>);

impl Encoder {
    fn u8(&mut self, v: u8) {
        self.0.push(v);
    }
    /// LEB128: most lengths and row numbers take one to three bytes.
    fn u64(&mut self, mut v: u64) {
        while v >= 0x80 {
            self.0.push((v as u8) | 0x80);
            v >>= 7;
        }
        self.0.push(v as u8);
    }
    fn str(&mut self, s: &str) {
        self.u64(s.len() as u64);
        self.0.extend(s.as_bytes());
    }
}

struct Decoder<'a> {
    b: &'a [u8],
    at: usize,
}

impl<'a> Decoder<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let end = self.at.checked_add(n)?;
        let s = self.b.get(self.at..end)?;
        self.at = end;
        Some(s)
    }
    fn u8(&mut self) -> Option<u8> {
        self.take(1).map(|s| s[0])
    }
    fn u64(&mut self) -> Option<u64> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.u8()?;
            v |= u64::from(b & 0x7F) << shift;
            if b & 0x80 == 0 {
                return Some(v);
            }
        }
        None
    }
    /// A count, bounded by the bytes left (each item takes at least one byte).
    fn len(&mut self) -> Option<usize> {
        let n = self.u64()? as usize;
        (n <= self.b.len() - self.at).then_some(n)
    }
    fn str(&mut self) -> Option<String> {
        let n = self.len()?;
        std::str::from_utf8(self.take(n)?).ok().map(str::to_owned)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_round_trips() {
        let t = Table {
            format: SourceFormat::Delimited,
            sheet_name: "a.csv".into(),
            header_row: 3,
            headers: vec!["Kart No".into(), "Tutar".into(), String::new()],
            rows: vec![Row {
                source_row: 4,
                cells: vec![
                    Cell::Text("Şahin".into()),
                    Cell::Number(1234.56),
                    Cell::Int(-7),
                    Cell::Bool(true),
                    Cell::Date(jiff::civil::date(2026, 11, 27).at(13, 5, 9, 500)),
                    Cell::Error("#REF!".into()),
                    Cell::Empty,
                ],
            }],
            blank_rows_skipped: 2,
            delimited: Some(DelimitedInfo {
                separator: ';',
                encoding: "UTF-8".into(),
                bom: true,
            }),
        };
        let bytes = encode_table(&t);
        assert_eq!(decode_table(&bytes), Some(t));
        assert_eq!(decode_table(&bytes[..bytes.len() - 1]), None);
    }
}

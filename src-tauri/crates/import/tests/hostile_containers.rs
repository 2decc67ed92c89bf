//! Hostile containers: grid-sized sheets, zip bombs, lying OLE headers, truncated and
//! encrypted files, caps on size, time and memory. Each gives its documented error within the
//! caps, and the calling process (this test binary) survives.

mod common;

use std::time::Duration;

use common::{fixture, read, read_with, rewrite_zip, small_xlsx};
use tahsildar_import::{ImportError, Limits, ReadOptions, WorkerCommand, read_table_isolated};

fn tmp() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

#[test]
fn sheet_declaring_the_whole_grid_is_refused_before_parsing() {
    let dir = tmp();
    let good = dir.path().join("good.xlsx");
    small_xlsx(&good);
    let bad = dir.path().join("grid.xlsx");
    rewrite_zip(&good, &bad, |name, bytes| {
        if name == "xl/worksheets/sheet1.xml" {
            let xml = String::from_utf8(bytes).unwrap();
            let start = xml.find("<dimension ref=\"").unwrap() + 16;
            let end = start + xml[start..].find('"').unwrap();
            format!("{}A1:XFD1048576{}", &xml[..start], &xml[end..]).into_bytes()
        } else {
            bytes
        }
    });
    // Refused in this process by the cheap check, before any reader starts.
    let err = tahsildar_import::precheck_file(&bad, &ReadOptions::default()).unwrap_err();
    assert_eq!(err.code(), "sheet_too_large");
    assert!(
        err.message_en().contains("A1:XFD1048576"),
        "{}",
        err.message_en()
    );
    assert!(err.message_tr().contains("A1:XFD1048576"));
    assert_eq!(read(&bad).unwrap_err().code(), "sheet_too_large");
}

/// Two cells at A1 and XFD1048576 under a modest declared dimension: the parser would allocate
/// the whole grid (hundreds of GB).
fn spanning_grid(dir: &std::path::Path) -> std::path::PathBuf {
    let raw = dir.join("raw.xlsx");
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "Kart No").unwrap();
    ws.write_string(0, 1, "Tutar").unwrap();
    ws.write_string(1_048_575, 16_383, "x").unwrap();
    wb.save(&raw).unwrap();
    let bad = dir.join("span.xlsx");
    rewrite_zip(&raw, &bad, |name, bytes| {
        if name == "xl/worksheets/sheet1.xml" {
            String::from_utf8(bytes)
                .unwrap()
                .replace(
                    "<dimension ref=\"A1:XFD1048576\"/>",
                    "<dimension ref=\"A1:B2\"/>",
                )
                .into_bytes()
        } else {
            bytes
        }
    });
    bad
}

#[test]
fn cells_spanning_the_grid_are_refused_by_the_scan() {
    let dir = tmp();
    let bad = spanning_grid(dir.path());
    assert!(
        tahsildar_import::precheck_file(&bad, &ReadOptions::default()).is_ok(),
        "the declared area is small"
    );
    let err = read(&bad).unwrap_err();
    assert_eq!(err.code(), "sheet_too_large", "{err}");
    assert!(
        err.message_en().contains("XFD1048576"),
        "{}",
        err.message_en()
    );
}

#[test]
fn reader_that_runs_out_of_memory_is_contained() {
    // With the cell caps lifted, the parser itself tries to allocate the grid: the address-space
    // cap makes the allocation fail, the child aborts, and the caller gets a clear error.
    let dir = tmp();
    let bad = spanning_grid(dir.path());
    let limits = Limits {
        max_cells: u64::MAX,
        memory_bytes: 512 * 1024 * 1024,
        ..Limits::default()
    };
    let options = ReadOptions {
        limits,
        ..ReadOptions::default()
    };
    let err = read_with(&bad, &options).unwrap_err();
    assert_eq!(err, ImportError::NeedsTooMuchMemory { limit_mib: 512 });
    assert!(err.message_tr().contains("bellek"));
    // This process is still here and reads the next file.
    assert!(read(&fixture("openpyxl.xlsx")).is_ok());
}

#[test]
fn zip_bomb_is_refused() {
    let dir = tmp();
    let good = dir.path().join("good.xlsx");
    small_xlsx(&good);
    let bomb = dir.path().join("bomb.xlsx");
    rewrite_zip(&good, &bomb, |name, bytes| {
        if name == "xl/worksheets/sheet1.xml" {
            let xml = String::from_utf8(bytes).unwrap();
            let at = xml.find("<sheetData>").unwrap() + "<sheetData>".len();
            let mut out = Vec::with_capacity(xml.len() + (64 << 20));
            out.extend_from_slice(&xml.as_bytes()[..at]);
            out.resize(out.len() + (64 << 20), b' ');
            out.extend_from_slice(&xml.as_bytes()[at..]);
            out
        } else {
            bytes
        }
    });
    assert!(
        std::fs::metadata(&bomb).unwrap().len() < 1 << 20,
        "a small file"
    );
    let err = read(&bomb).unwrap_err();
    assert_eq!(err.code(), "zip_bomb", "{err}");
    assert!(err.message_en().contains("sheet1.xml"));
    // A total cap below the unpacked size refuses it too.
    let limits = Limits {
        max_ratio: u64::MAX,
        max_uncompressed_bytes: 16 << 20,
        ..Limits::default()
    };
    let err = read_with(
        &bomb,
        &ReadOptions {
            limits,
            ..ReadOptions::default()
        },
    )
    .unwrap_err();
    assert_eq!(err.code(), "zip_bomb");
}

#[test]
fn truncated_xlsx_is_corrupt() {
    let dir = tmp();
    let bytes = std::fs::read(fixture("openpyxl.xlsx")).unwrap();
    let cut = dir.path().join("cut.xlsx");
    std::fs::write(&cut, &bytes[..bytes.len() / 2]).unwrap();
    let err = read(&cut).unwrap_err();
    assert_eq!(err.code(), "file_corrupt", "{err}");
}

#[test]
fn password_protected_xlsx() {
    let err = read(&fixture("encrypted.xlsx")).unwrap_err();
    assert_eq!(err, ImportError::PasswordProtected);
    assert!(err.message_tr().contains("parola"));
}

#[test]
fn time_limit_kills_the_reader() {
    let limits = Limits {
        time_limit: Duration::from_millis(1),
        ..Limits::default()
    };
    let err = read_with(
        &fixture("openpyxl.xlsx"),
        &ReadOptions {
            limits,
            ..ReadOptions::default()
        },
    )
    .unwrap_err();
    assert_eq!(err.code(), "reader_timeout");
}

#[test]
fn missing_reader_binary_is_a_clear_error() {
    let worker = WorkerCommand::new("/nonexistent/tahsildar-reader");
    let err =
        read_table_isolated(&fixture("cp1254.csv"), &ReadOptions::default(), &worker).unwrap_err();
    assert_eq!(err.code(), "reader_unavailable");
}

#[test]
fn file_over_the_size_cap() {
    let limits = Limits {
        max_file_bytes: 100,
        ..Limits::default()
    };
    let err = read_with(
        &fixture("openpyxl.xlsx"),
        &ReadOptions {
            limits,
            ..ReadOptions::default()
        },
    )
    .unwrap_err();
    assert_eq!(err.code(), "file_too_large");
}

#[test]
fn xls_with_lying_ole_header_fields_is_contained() {
    // OLE header fields drive parser allocations and loops (sector size, FAT and DIFAT counts,
    // directory and mini-FAT starts: calamine issues #684, #714). Each variant either reads or
    // gives an error; none takes this process down.
    let dir = tmp();
    let original = std::fs::read(fixture("xlwt.xls")).unwrap();
    let variants: [(usize, &[u8]); 8] = [
        (0x1E, &[0xFF, 0x00]),             // sector shift
        (0x2C, &[0xFF, 0xFF, 0xFF, 0xFF]), // FAT sector count
        (0x30, &[0xFE, 0xFF, 0xFF, 0x7F]), // first directory sector
        (0x3C, &[0x00, 0x00, 0x00, 0x10]), // first mini-FAT sector
        (0x40, &[0xFF, 0xFF, 0xFF, 0xFF]), // mini-FAT sector count
        (0x44, &[0x00, 0x00, 0x00, 0x00]), // first DIFAT sector
        (0x48, &[0xFF, 0xFF, 0xFF, 0xFF]), // DIFAT sector count
        (0x4C, &[0x01, 0x00, 0x00, 0x00]), // first FAT sector points at the header
    ];
    for (i, (offset, value)) in variants.iter().enumerate() {
        let mut bytes = original.clone();
        bytes[*offset..*offset + value.len()].copy_from_slice(value);
        let p = dir.path().join(format!("ole{i}.xls"));
        std::fs::write(&p, &bytes).unwrap();
        let limits = Limits {
            time_limit: Duration::from_secs(20),
            ..Limits::default()
        };
        match read_with(
            &p,
            &ReadOptions {
                limits,
                ..ReadOptions::default()
            },
        ) {
            Ok(table) => assert_eq!(table.format, tahsildar_import::SourceFormat::Xls),
            Err(e) => assert!(
                matches!(
                    e.code(),
                    "file_corrupt"
                        | "reader_out_of_memory"
                        | "reader_crashed"
                        | "reader_timeout"
                        | "no_header_row"
                        | "no_data_rows"
                ),
                "offset {offset:#x}: {e:?}"
            ),
        }
    }
    assert!(read(&fixture("xlwt.xls")).is_ok(), "the next file reads");
}

#[test]
fn ods_with_repeated_cells_over_the_grid_is_contained() {
    // ODS repeats rows and columns by attribute: a few bytes can declare billions of cells.
    let dir = tmp();
    let bad = dir.path().join("repeat.ods");
    rewrite_zip(&fixture("odfpy.ods"), &bad, |name, bytes| {
        if name == "content.xml" {
            let xml = String::from_utf8(bytes).unwrap();
            let row = "<table:table-row table:number-rows-repeated=\"1048000\">\
                       <table:table-cell table:number-columns-repeated=\"16000\" office:value-type=\"float\" office:value=\"1\"><text:p>1</text:p></table:table-cell>\
                       </table:table-row>";
            xml.replacen("</table:table>", &format!("{row}</table:table>"), 1)
                .into_bytes()
        } else {
            bytes
        }
    });
    let limits = Limits {
        time_limit: Duration::from_secs(20),
        ..Limits::default()
    };
    let err = read_with(
        &bad,
        &ReadOptions {
            limits,
            ..ReadOptions::default()
        },
    )
    .unwrap_err();
    assert!(
        matches!(
            err.code(),
            "reader_out_of_memory"
                | "reader_timeout"
                | "sheet_too_large"
                | "too_many_rows"
                | "file_corrupt"
        ),
        "{err:?}"
    );
}

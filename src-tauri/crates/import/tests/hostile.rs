//! Hostile and broken files: each gives its documented error within the caps, and the calling
//! process (this test binary) survives.

mod common;

use std::io::Write;
use std::time::Duration;

use common::{fixture, read, read_with, rewrite_zip, small_xlsx};
use tahsildar_import::{
    Cell, Field, ImportError, Limits, ReadOptions, Severity, WorkerCommand, detect_mapping,
    map_rows, read_table_isolated,
};

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
fn renamed_pdf() {
    let dir = tmp();
    for name in ["fatura.xlsx", "fatura.csv", "fatura.xls"] {
        let p = dir.path().join(name);
        std::fs::write(
            &p,
            b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n",
        )
        .unwrap();
        let err = read(&p).unwrap_err();
        assert_eq!(err.code(), "kind_mismatch");
        assert!(
            err.message_en()
                .starts_with("This is a PDF file, not a spreadsheet"),
            "{}",
            err.message_en()
        );
        assert!(
            err.message_tr()
                .starts_with("Bu bir PDF dosyası, tablo değil")
        );
    }
    let p = dir.path().join("notes.docx");
    std::fs::write(&p, b"PK\x03\x04").unwrap();
    assert_eq!(read(&p).unwrap_err().code(), "unsupported_extension");
}

#[test]
fn million_blank_lines_give_no_data_rows() {
    let dir = tmp();
    let blank = dir.path().join("blank.csv");
    let mut f = std::io::BufWriter::new(std::fs::File::create(&blank).unwrap());
    for _ in 0..1_000_000 {
        f.write_all(b"\r\n").unwrap();
    }
    drop(f);
    assert_eq!(read(&blank).unwrap_err(), ImportError::NoDataRows);

    let headed = dir.path().join("headed.csv");
    let mut f = std::io::BufWriter::new(std::fs::File::create(&headed).unwrap());
    f.write_all(b"Kart No;Tutar;Abone No\r\n").unwrap();
    for _ in 0..1_000_000 {
        f.write_all(b";;\r\n").unwrap();
    }
    drop(f);
    assert_eq!(read(&headed).unwrap_err(), ImportError::NoDataRows);
}

#[test]
fn formulas_give_their_cached_values() {
    let dir = tmp();
    let p = dir.path().join("formulas.xlsx");
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in ["Abone No", "Kart No", "Son Kullanma", "Birim", "Tutar"]
        .iter()
        .enumerate()
    {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    ws.write_string(1, 0, "1001").unwrap();
    ws.write_string(1, 1, "4355093000315232").unwrap();
    ws.write_string(1, 2, "11/28").unwrap();
    ws.write_number(1, 3, 125.5).unwrap();
    // The cached result deliberately differs from what evaluating would give: the reader must
    // take the cached value and never evaluate.
    ws.write_formula(
        1,
        4,
        rust_xlsxwriter::Formula::new("=D2*2").set_result("999.5"),
    )
    .unwrap();
    wb.save(&p).unwrap();
    let table = read(&p).unwrap();
    let batch = map_rows(&table, &detect_mapping(&table.headers));
    assert_eq!(batch.rows[0].amount_minor, Some(99950));
    assert!(!batch.rows[0].has_errors);
}

#[test]
fn cvv_column_is_ignored_and_reported() {
    let dir = tmp();
    let p = dir.path().join("cvv.csv");
    std::fs::write(
        &p,
        "Abone No;Kart No;SKT;CVV2;Tutar\n1001;4355093000315232;11/28;123;250,00\n",
    )
    .unwrap();
    let table = read(&p).unwrap();
    let batch = map_rows(&table, &detect_mapping(&table.headers));
    assert_eq!(batch.rows.len(), 1);
    assert!(!batch.rows[0].has_errors, "{:#?}", batch.problems);
    assert_eq!(batch.ignored_columns.len(), 1);
    assert_eq!(batch.ignored_columns[0].letter, "D");
    let p = batch
        .problems
        .iter()
        .find(|p| p.code == "cvv_column_ignored")
        .unwrap();
    assert_eq!(
        (p.severity, p.row, p.field),
        (Severity::Info, None, Some(Field::Cvv))
    );
    assert!(
        !format!("{batch:?}").contains("123;"),
        "the CVV is not carried"
    );
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
fn too_many_rows() {
    let dir = tmp();
    let p = dir.path().join("rows.csv");
    let mut text = String::from("Kart No;Tutar\n");
    for _ in 0..11 {
        text.push_str("4355093000315232;1\n");
    }
    std::fs::write(&p, text).unwrap();
    let limits = Limits {
        max_rows: 10,
        ..Limits::default()
    };
    let err = read_with(
        &p,
        &ReadOptions {
            limits,
            ..ReadOptions::default()
        },
    )
    .unwrap_err();
    assert_eq!(err, ImportError::TooManyRows { max: 10 });
}

#[test]
fn wrong_encoding_names_the_line() {
    let dir = tmp();
    let p = dir.path().join("mixed.csv");
    // Windows-1254 "ç" is fine; 0x81 is undefined in that code page.
    std::fs::write(
        &p,
        b"Kart No;Tutar;A\xe7iklama\n4355093000315232;1;ok\n4355093000315232;2;\x81\n",
    )
    .unwrap();
    let err = read(&p).unwrap_err();
    assert_eq!(
        err,
        ImportError::Encoding {
            encoding: "windows-1254".into(),
            line: 3
        }
    );
}

#[test]
fn no_header_and_ambiguous_amounts() {
    let dir = tmp();
    let p = dir.path().join("noheader.csv");
    std::fs::write(&p, "a;b;c\n1;2;3\n").unwrap();
    assert_eq!(read(&p).unwrap_err().code(), "no_header_row");

    let p = dir.path().join("ambiguous.csv");
    std::fs::write(
        &p,
        "Kart No;SKT;Tutar\n4355093000315232;11/28;1.234\n5218076007402834;05/29;2.500\n",
    )
    .unwrap();
    let table = read(&p).unwrap();
    let batch = map_rows(&table, &detect_mapping(&table.headers));
    let codes: Vec<_> = batch
        .problems
        .iter()
        .filter(|p| p.row.is_some())
        .map(|p| (p.row.unwrap(), p.code.as_str()))
        .collect();
    assert_eq!(codes, [(2, "amount_ambiguous"), (3, "amount_ambiguous")]);
    assert!(
        batch
            .rows
            .iter()
            .all(|r| r.has_errors && r.amount_minor.is_none())
    );
}

#[test]
fn blank_rows_between_data_are_skipped_and_rows_keep_their_numbers() {
    let dir = tmp();
    let p = dir.path().join("gaps.csv");
    std::fs::write(&p, "\r\nRapor\r\nKart No;SKT;Tutar\r\n\r\n4355093000315232;11/28;10\r\n;;\r\n\"5218 0760 0740 2834\";05/29;20\r\n").unwrap();
    let table = read(&p).unwrap();
    assert_eq!(table.header_row, 3);
    assert_eq!(
        table.rows.iter().map(|r| r.source_row).collect::<Vec<_>>(),
        [5, 7]
    );
    assert_eq!(table.blank_rows_skipped, 1);
    assert!(matches!(&table.rows[1].cells[0], Cell::Text(_)));
}

#[test]
fn card_numbers_never_reach_messages_or_free_text() {
    let dir = tmp();
    let p = dir.path().join("misplaced.csv");
    std::fs::write(
        &p,
        "Kart No;SKT;Tutar;Açıklama\n\
         4,35509E+15;11/28;4355093000315232;ok\n\
         5218076007402834;05/29;10;kart 4355 0930 0031 5232\n",
    )
    .unwrap();
    let table = read(&p).unwrap();
    let batch = map_rows(&table, &detect_mapping(&table.headers));
    let codes: Vec<_> = batch
        .problems
        .iter()
        .map(|p| (p.row, p.code.as_str()))
        .collect();
    assert_eq!(
        codes,
        [
            (Some(2), "pan_numeric_cell"),
            (Some(2), "amount_invalid"),
            (Some(3), "card_number_in_text")
        ]
    );
    assert_eq!(batch.rows[1].description, None);
    let everything = format!("{batch:?} {:?}", batch.problems);
    for digits in [
        "4355093000315232",
        "4355 0930 0031 5232",
        "5218076007402834",
    ] {
        assert!(!everything.contains(digits), "{digits} leaked");
    }
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

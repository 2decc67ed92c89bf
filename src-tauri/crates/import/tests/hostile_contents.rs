//! Hostile and broken contents: renamed files, blank lines, formulas, CVV columns, bad
//! encodings, missing headers, ambiguous amounts, card numbers in the wrong places.

mod common;

use std::io::Write;

use common::{read, read_with};
use tahsildar_import::{
    Cell, Field, ImportError, Limits, ReadOptions, Severity, detect_mapping, map_rows,
};

fn tmp() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
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
fn repeated_rows_are_warned_about() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("dup.csv");
    std::fs::write(
        &p,
        "Daire No;Kart No;SKT;Tutar;Vade\n\
         A-1;4355093000315232;11/28;100,00;01.12.2026\n\
         A-2;4355093000315232;11/28;100,00;01.12.2026\n\
         A-1;4355 0930 0031 5232;11/28;100,00;01.12.2026\n\
         A-1;4355093000315232;11/28;100,00;02.12.2026\n",
    )
    .unwrap();
    let table = read(&p).unwrap();
    let batch = map_rows(&table, &detect_mapping(&table.headers));
    let dups: Vec<_> = batch
        .problems
        .iter()
        .filter(|p| p.code == "duplicate_row")
        .map(|p| (p.row, p.severity))
        .collect();
    // Row 3 differs by flat, row 5 by date; row 4 repeats row 2.
    assert_eq!(dups, [(Some(4), Severity::Warning)]);
    assert!(
        batch
            .problems
            .iter()
            .find(|p| p.code == "duplicate_row")
            .unwrap()
            .message_en
            .contains("row 2")
    );
    assert_eq!(batch.rows_with_errors(), 0);
}

#[test]
fn data_in_a_column_without_header_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("extra.csv");
    std::fs::write(&p, "Kart No;SKT;Tutar\n4355093000315232;11/28;10;not\n").unwrap();
    let table = read(&p).unwrap();
    assert_eq!(table.headers.len(), 4);
    let batch = map_rows(&table, &detect_mapping(&table.headers));
    let p = batch
        .problems
        .iter()
        .find(|p| p.code == "column_without_header")
        .unwrap();
    assert_eq!(
        (p.column.as_deref(), p.severity),
        (Some("D"), Severity::Warning)
    );
    assert_eq!(batch.rows_with_errors(), 0);
}

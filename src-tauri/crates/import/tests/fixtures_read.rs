//! Files written by other tools (openpyxl, xlwt, odfpy, Python's codecs) read through the
//! isolated reader and mapped.

mod common;

use common::{fixture, read};
use jiff::civil::date;
use secrecy::ExposeSecret;
use tahsildar_import::{
    Cell, Currency, DecimalStyle, Every, Expiry, Field, MappedBatch, PeriodUnit, SourceFormat,
    Table, detect_mapping, map_rows,
};

fn map(table: &Table) -> MappedBatch {
    map_rows(table, &detect_mapping(&table.headers))
}

fn no_row_problems(batch: &MappedBatch) {
    let row_problems: Vec<_> = batch.problems.iter().filter(|p| p.row.is_some()).collect();
    assert!(row_problems.is_empty(), "{row_problems:#?}");
    assert!(!batch.has_file_errors(), "{:#?}", batch.problems);
}

fn pans(batch: &MappedBatch) -> Vec<String> {
    batch
        .rows
        .iter()
        .map(|r| r.pan.as_ref().unwrap().expose_secret().to_string())
        .collect()
}

const VISA: &str = "4355093000315232";
const MC: &str = "5218076007402834";

#[test]
fn xlsx_from_openpyxl_with_title_rows_merged_and_hidden() {
    let table = read(&fixture("openpyxl.xlsx")).unwrap();
    assert_eq!(table.format, SourceFormat::Xlsx);
    assert_eq!(
        table.sheet_name, "Aidatlar",
        "the hidden first sheet is passed over"
    );
    assert_eq!(table.header_row, 3);
    assert_eq!(
        table.headers,
        [
            "Daire No",
            "Ad Soyad",
            "Kart Numarası",
            "SKT",
            "Tutar",
            "Vade Tarihi"
        ]
    );
    let rows: Vec<usize> = table.rows.iter().map(|r| r.source_row).collect();
    assert_eq!(rows, [4, 5, 6], "the hidden row 5 is data like any other");
    assert!(matches!(table.rows[0].cells[5], Cell::Date(_)));
    let batch = map(&table);
    no_row_problems(&batch);
    assert_eq!(pans(&batch), [VISA, MC, VISA]);
    let amounts: Vec<_> = batch.rows.iter().map(|r| r.amount_minor.unwrap()).collect();
    assert_eq!(amounts, [125000, 123456, 9990]);
    let expiries: Vec<_> = batch.rows.iter().map(|r| r.expiry.unwrap()).collect();
    assert_eq!(
        expiries,
        [
            Expiry {
                year: 2028,
                month: 11
            },
            Expiry {
                year: 2029,
                month: 5
            },
            Expiry {
                year: 2030,
                month: 1
            }
        ]
    );
    let due: Vec<_> = batch.rows.iter().map(|r| r.due_date.unwrap()).collect();
    assert_eq!(
        due,
        [date(2026, 12, 1), date(2026, 12, 2), date(2026, 12, 3)]
    );
    assert_eq!(batch.rows[1].name.as_deref(), Some("Ömer Çelik"));
    assert_eq!(batch.rows[2].reference.as_deref(), Some("B-7"));
    assert_eq!(
        batch.rows[0].masked_pan().as_deref(),
        Some("435509******5232")
    );
}

#[test]
fn named_sheet_and_missing_sheet() {
    use tahsildar_import::ReadOptions;
    let options = ReadOptions {
        sheet: Some("aidatlar".into()),
        ..ReadOptions::default()
    };
    let table = common::read_with(&fixture("openpyxl.xlsx"), &options).unwrap();
    assert_eq!(table.sheet_name, "Aidatlar");
    let options = ReadOptions {
        sheet: Some("Yok".into()),
        ..ReadOptions::default()
    };
    let err = common::read_with(&fixture("openpyxl.xlsx"), &options).unwrap_err();
    assert_eq!(err.code(), "sheet_not_found");
    assert!(
        err.message_tr().contains("Aidatlar"),
        "{}",
        err.message_tr()
    );
}

#[test]
fn xls_from_xlwt() {
    let table = read(&fixture("xlwt.xls")).unwrap();
    assert_eq!(table.format, SourceFormat::Xls);
    assert_eq!(table.header_row, 1);
    let batch = map(&table);
    no_row_problems(&batch);
    assert_eq!(pans(&batch), [MC, VISA]);
    let r = &batch.rows[0];
    assert_eq!(r.reference.as_deref(), Some("P-2048"));
    assert_eq!(r.amount_minor, Some(240050));
    assert_eq!(r.installments, 3);
    assert_eq!(r.due_date, Some(date(2026, 12, 15)));
    assert_eq!(
        r.expiry,
        Some(Expiry {
            year: 2029,
            month: 5
        })
    );
    assert_eq!(batch.rows[1].amount_minor, Some(78000));
    assert_eq!(batch.rows[1].name.as_deref(), Some("Zeynep Güneş"));
}

#[test]
fn ods_from_odfpy() {
    let table = read(&fixture("odfpy.ods")).unwrap();
    assert_eq!(table.format, SourceFormat::Ods);
    assert_eq!(table.sheet_name, "Üyeler");
    let batch = map(&table);
    no_row_problems(&batch);
    assert_eq!(pans(&batch), [VISA, MC]);
    let r = &batch.rows[0];
    assert_eq!(r.amount_minor, Some(35000));
    assert_eq!(
        r.every,
        Some(Every {
            n: 1,
            unit: PeriodUnit::Month
        })
    );
    assert_eq!(r.count, Some(12));
    assert_eq!(r.due_date, Some(date(2027, 1, 5)));
    assert_eq!(r.name.as_deref(), Some("Şule Öztürk"));
    let r = &batch.rows[1];
    assert_eq!(r.amount_minor, Some(35050));
    assert_eq!(
        r.every,
        Some(Every {
            n: 3,
            unit: PeriodUnit::Month
        })
    );
    assert_eq!(r.count, Some(4));
}

#[test]
fn windows_1254_semicolon_csv_with_turkish_amounts() {
    let table = read(&fixture("cp1254.csv")).unwrap();
    let info = table.delimited.clone().unwrap();
    assert_eq!(
        (info.separator, info.encoding.as_str(), info.bom),
        (';', "windows-1254", false)
    );
    assert_eq!(table.headers[2], "Kart Numarası");
    let batch = map(&table);
    no_row_problems(&batch);
    assert_eq!(batch.decimal_style, Some(DecimalStyle::Comma));
    let amounts: Vec<_> = batch.rows.iter().map(|r| r.amount_minor.unwrap()).collect();
    assert_eq!(
        amounts,
        [123456, 123400, 9990],
        "'1.234' is decided by its column"
    );
    assert_eq!(batch.rows[1].name.as_deref(), Some("İsmail Işık"));
    assert_eq!(batch.rows[2].description.as_deref(), Some("Mart; Nisan"));
    assert_eq!(
        batch.rows.iter().map(|r| r.source_row).collect::<Vec<_>>(),
        [2, 3, 4]
    );
}

#[test]
fn utf8_bom_comma_csv_with_quotes() {
    let table = read(&fixture("utf8_bom.csv")).unwrap();
    let info = table.delimited.clone().unwrap();
    assert_eq!(
        (info.separator, info.encoding.as_str(), info.bom),
        (',', "UTF-8", true)
    );
    assert_eq!(
        table.headers[0], "Reference",
        "the BOM is not part of the first header"
    );
    let batch = map(&table);
    no_row_problems(&batch);
    assert_eq!(batch.decimal_style, Some(DecimalStyle::Dot));
    assert_eq!(batch.rows[0].amount_minor, Some(123456));
    assert_eq!(batch.rows[0].currency, Currency::Usd);
    assert_eq!(
        batch.rows[0].every,
        Some(Every {
            n: 1,
            unit: PeriodUnit::Month
        })
    );
    assert_eq!(batch.rows[1].name.as_deref(), Some("Demir, Mehmet"));
    assert_eq!(batch.rows[1].amount_minor, Some(1250));
    assert_eq!(batch.rows[1].currency, Currency::Eur);
    assert_eq!(
        batch.rows[1].every,
        Some(Every {
            n: 2,
            unit: PeriodUnit::Week
        })
    );
    assert_eq!(
        batch.rows[1].expiry,
        Some(Expiry {
            year: 2029,
            month: 5
        })
    );
}

#[test]
fn utf16_tab_text() {
    let table = read(&fixture("utf16.txt")).unwrap();
    let info = table.delimited.clone().unwrap();
    assert_eq!(
        (info.separator, info.encoding.as_str(), info.bom),
        ('\t', "UTF-16LE", true)
    );
    let batch = map(&table);
    no_row_problems(&batch);
    let mapping = detect_mapping(&table.headers);
    assert_eq!(mapping.column_of(Field::Holder), Some(0));
    assert_eq!(batch.rows[0].holder.as_deref(), Some("Şahin Ağaoğlu"));
    assert_eq!(batch.rows[0].amount_minor, Some(150000));
    assert_eq!(batch.rows[0].installments, 3);
    assert_eq!(batch.rows[1].phone.as_deref(), Some("05339876543"));
    assert_eq!(batch.rows[1].amount_minor, Some(25000));
}

#[test]
fn numeric_pan_cells_are_refused_with_an_explanation() {
    let table = read(&fixture("numeric_pan.xlsx")).unwrap();
    assert!(matches!(
        table.rows[0].cells[1],
        Cell::Number(_) | Cell::Int(_)
    ));
    let batch = map(&table);
    assert!(batch.rows[0].has_errors && batch.rows[0].pan.is_none());
    assert!(!batch.rows[1].has_errors);
    let p = batch.problems.iter().find(|p| p.row == Some(2)).unwrap();
    assert_eq!(
        (p.code.as_str(), p.column.as_deref(), p.field),
        ("pan_numeric_cell", Some("B"), Some(Field::Pan))
    );
    assert!(p.message_tr.contains("Metin") && p.message_en.contains("15 digits"));
    let shown = format!("{:?} {:?}", batch, table);
    assert!(
        !shown.contains("435509300031523"),
        "no card number in Debug output"
    );
}

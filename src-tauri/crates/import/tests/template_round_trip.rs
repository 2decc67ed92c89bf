//! The template as written, and filled with 1,000 rows, reads and maps with no errors.

mod common;

use common::read;
use jiff::civil::date;
use secrecy::ExposeSecret;
use tahsildar_import::template::{
    DATA_SHEET, TEMPLATE_FIELDS, TemplateFormats, template_workbook, write_row,
};
use tahsildar_import::{
    Cell, Every, Expiry, Field, MappingSource, PeriodUnit, detect_mapping, map_rows,
};

/// The day the templates of these tests are made: their examples are dated from it.
const MADE_ON: jiff::civil::Date = date(2026, 11, 27);

#[test]
fn template_itself_reads_with_its_examples() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("sablon.xlsx");
    tahsildar_import::write_template(&p, MADE_ON).unwrap();
    let table = read(&p).unwrap();
    assert_eq!(table.sheet_name, DATA_SHEET);
    assert_eq!(table.header_row, 1);
    let mapping = detect_mapping(&table.headers);
    for (i, field) in TEMPLATE_FIELDS.iter().enumerate() {
        assert_eq!(
            mapping.columns[i].field,
            Some(*field),
            "{}",
            table.headers[i]
        );
        assert_eq!(mapping.columns[i].source, MappingSource::Detected);
    }
    let batch = map_rows(&table, &mapping);
    assert!(batch.problems.is_empty(), "{:#?}", batch.problems);
    assert_eq!(batch.rows.len(), 2);
    assert!(
        matches!(table.rows[0].cells[2], Cell::Text(_)),
        "the card number is a text cell"
    );
    let first = &batch.rows[0];
    assert_eq!(
        first.pan.as_ref().unwrap().expose_secret(),
        "4355093000315232"
    );
    assert_eq!(first.amount_minor, Some(125000));
    assert_eq!(
        first.every,
        Some(Every {
            n: 1,
            unit: PeriodUnit::Month
        })
    );
    assert_eq!(first.due_date, Some(date(2026, 12, 1)));
    assert_eq!(
        first.expiry,
        Some(Expiry {
            year: 2029,
            month: 11
        })
    );
    assert_eq!(first.description.as_deref(), Some("Aralık 2026 aidatı"));
    assert_eq!(
        batch.rows[1].pan.as_ref().unwrap().expose_secret(),
        "5218076007402834"
    );
    assert_eq!(batch.rows[1].installments, 3);
    assert_eq!(batch.rows[1].amount_minor, Some(240050));
    assert_eq!(batch.rows[1].due_date, Some(date(2026, 12, 15)));
    assert!(
        tahsildar_import::template_bytes(MADE_ON)
            .unwrap()
            .starts_with(b"PK\x03\x04")
    );
}

#[test]
fn template_filled_with_a_thousand_rows() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("dolu.xlsx");
    let mut wb = template_workbook(MADE_ON).unwrap();
    let f = TemplateFormats::new();
    let ws = wb.worksheet_from_index(0).unwrap();
    let cards = ["4355093000315232", "5218 0760 0740 2834"];
    for i in 0..1000u32 {
        let reference = format!("D-{i}");
        let name = format!("Müşteri {i}");
        let amount = format!("{}.{:02}", 100 + i, i % 100);
        let due = format!("2027-{:02}-{:02}", i % 12 + 1, i % 28 + 1);
        let count = (i % 12 + 1).to_string();
        let every = if i % 2 == 0 { "aylık" } else { "" };
        let values = [
            reference.as_str(),
            name.as_str(),
            cards[i as usize % 2],
            "11/28",
            amount.as_str(),
            "TRY",
            "1",
            due.as_str(),
            every,
            if every.is_empty() { "" } else { count.as_str() },
            "Aidat",
            "",
            "",
            "",
            "",
        ];
        write_row(ws, i + 1, &values, &f).unwrap();
    }
    wb.save(&p).unwrap();

    let table = read(&p).unwrap();
    assert_eq!(table.rows.len(), 1000);
    let batch = map_rows(&table, &detect_mapping(&table.headers));
    assert!(
        batch.problems.is_empty(),
        "{:#?}",
        &batch.problems[..batch.problems.len().min(5)]
    );
    assert_eq!(batch.rows_with_errors(), 0);
    let last = &batch.rows[999];
    assert_eq!(last.source_row, 1001);
    assert_eq!(last.reference.as_deref(), Some("D-999"));
    assert_eq!(last.amount_minor, Some(109999));
    assert_eq!(
        last.expiry,
        Some(Expiry {
            year: 2028,
            month: 11
        })
    );
    assert_eq!(last.due_date, Some(date(2027, 4, 20)));
    assert_eq!(last.every, None);
    assert_eq!(
        batch.rows[998].every,
        Some(Every {
            n: 1,
            unit: PeriodUnit::Month
        })
    );
    assert_eq!(batch.rows[998].count, Some(3));
    assert_eq!(
        last.pan.as_ref().unwrap().expose_secret(),
        "5218076007402834"
    );
    let mapping = detect_mapping(&table.headers);
    assert_eq!(mapping.column_of(Field::Pan), Some(2));
}

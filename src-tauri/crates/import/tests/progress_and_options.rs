//! Progress from the reader process and from mapping; explicit header row and mapping.

mod common;

use common::{read_with, worker};
use tahsildar_import::{
    Field, MappingSpec, Phase, Progress, ReadOptions, detect_mapping, map_rows_with_progress,
    read_table_isolated_with_progress,
};

#[test]
fn progress_is_reported_while_reading_and_mapping() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("big.csv");
    let mut text = String::from("Kart No;SKT;Tutar\n");
    for i in 0..12_000 {
        text.push_str(&format!("4355093000315232;11/28;{},50\n", i + 1));
    }
    std::fs::write(&p, text).unwrap();
    let mut seen: Vec<Progress> = Vec::new();
    let table =
        read_table_isolated_with_progress(&p, &ReadOptions::default(), &worker(), &mut |pr| {
            seen.push(pr)
        })
        .unwrap();
    assert_eq!(table.rows.len(), 12_000);
    let reading: Vec<u64> = seen
        .iter()
        .filter(|p| p.phase == Phase::Reading)
        .map(|p| p.rows_done)
        .collect();
    assert!(reading.len() >= 3, "{reading:?}");
    assert!(reading.windows(2).all(|w| w[0] <= w[1]), "{reading:?}");
    assert_eq!(*reading.last().unwrap(), 12_001, "header and data rows");
    assert!(seen.iter().all(|p| p.rows_total_estimate >= p.rows_done));

    let mut mapping_progress = Vec::new();
    let batch = map_rows_with_progress(&table, &detect_mapping(&table.headers), &mut |p| {
        mapping_progress.push(p)
    });
    assert_eq!(batch.rows_with_errors(), 0);
    assert_eq!(batch.rows[11_999].amount_minor, Some(1_200_050));
    let last = mapping_progress.last().unwrap();
    assert_eq!(
        (last.phase, last.rows_done, last.rows_total_estimate),
        (Phase::Mapping, 12_000, 12_000)
    );
    assert!(mapping_progress.len() >= 3);
}

#[test]
fn explicit_header_row_and_saved_mapping() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("custom.csv");
    // Headers the detector does not know: only an explicit mapping can read this file.
    std::fs::write(
        &p,
        "Aidat listesi\nKod;Numara;Bitiş;Ücret\nK-1;4355093000315232;11/28;1.250,00\n",
    )
    .unwrap();
    assert_eq!(common::read(&p).unwrap_err().code(), "no_header_row");
    let options = ReadOptions {
        header_row: Some(2),
        ..ReadOptions::default()
    };
    let table = read_with(&p, &options).unwrap();
    assert_eq!(table.header_row, 2);
    assert_eq!(table.headers, ["Kod", "Numara", "Bitiş", "Ücret"]);
    let spec = MappingSpec::from_json(
        r#"{"columns": {"Kod": "reference", "B": "pan", "BİTİŞ": "expiry", "Ücret": "amount"}}"#,
    )
    .unwrap();
    let mapping = spec.apply(&table.headers, true).unwrap();
    assert_eq!(mapping.column_of(Field::Pan), Some(1));
    let batch = tahsildar_import::map_rows(&table, &mapping);
    assert!(batch.problems.is_empty(), "{:#?}", batch.problems);
    assert_eq!(batch.rows[0].amount_minor, Some(125_000));
    assert_eq!(batch.rows[0].reference.as_deref(), Some("K-1"));
    // The mapping saved and loaded again gives the same result.
    let saved = mapping.to_spec().to_json();
    let again = MappingSpec::from_json(&saved)
        .unwrap()
        .apply(&table.headers, false)
        .unwrap();
    assert_eq!(again.column_of(Field::Expiry), Some(2));
}

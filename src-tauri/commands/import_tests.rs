use super::*;

fn choice(index: u32, field: Option<&str>) -> ColumnChoice {
    ColumnChoice {
        index,
        field: field.map(str::to_string),
    }
}

#[test]
fn an_edited_mapping_names_columns_by_letter() {
    let spec = mapping_spec(
        &[
            choice(0, Some("reference")),
            choice(1, None),
            choice(2, Some("pan")),
            choice(27, Some("due_date")),
        ],
        Lang::En,
    )
    .unwrap();
    let pairs: Vec<(String, Field)> = spec.columns.into_iter().collect();
    assert_eq!(
        pairs,
        vec![
            ("A".to_string(), Field::Reference),
            ("AB".to_string(), Field::DueDate),
            ("C".to_string(), Field::Pan),
        ]
    );
}

#[test]
fn an_unknown_field_is_refused_naming_the_column_in_both_languages() {
    let err = mapping_spec(&[choice(3, Some("iban"))], Lang::Tr).unwrap_err();
    assert_eq!(err.code, "invalid_mapping");
    assert_eq!(err.field.as_deref(), Some("mapping"));
    assert!(err.message.contains("D sütunu"), "{}", err.message);
    let err = mapping_spec(&[choice(3, Some("iban"))], Lang::En).unwrap_err();
    assert!(err.message.contains("column D"), "{}", err.message);
}

#[test]
fn an_edited_mapping_applies_to_the_headers_it_was_made_for() {
    let headers: Vec<String> = ["Kod", "Ad", "Numara", "Tutar"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    let spec = mapping_spec(
        &[choice(0, Some("reference")), choice(2, Some("pan"))],
        Lang::En,
    )
    .unwrap();
    let mapping = spec.apply(&headers, true).unwrap();
    assert_eq!(mapping.column_of(Field::Reference), Some(0));
    assert_eq!(mapping.column_of(Field::Pan), Some(2));
    // Columns the user left alone keep their detected field.
    assert_eq!(mapping.column_of(Field::Amount), Some(3));
}

#[test]
fn tokens_are_opaque_distinct_and_forgotten_on_remove() {
    let files = ImportFiles::default();
    let a = files.add(PathBuf::from("/tmp/aidat.xlsx"));
    let b = files.add(PathBuf::from("/tmp/aidat.xlsx"));
    assert_ne!(a, b);
    assert!(!a.contains("aidat") && !a.contains('/'), "{a}");
    assert_eq!(files.path(&a), Some(PathBuf::from("/tmp/aidat.xlsx")));
    assert!(files.dry_run(&a).is_none());
    files.remove(&a);
    assert!(files.path(&a).is_none());
    assert_eq!(files.len(), 1);
    assert!(files.path("0-0000000000000000").is_none());
}

#[test]
fn a_forgotten_file_is_a_translated_error() {
    assert!(file_gone(Lang::Tr).message.contains("yeniden seçin"));
    assert!(
        file_gone(Lang::En)
            .message
            .contains("choose the file again")
    );
    assert_eq!(file_gone(Lang::En).code, "import_file_unknown");
}

#[test]
fn progress_reaches_the_ui_with_its_phase_and_token() {
    let event = ImportProgressEvent::new(
        "7-abc",
        ImportProgress {
            phase: ImportPhase::Committing,
            rows_done: 5_000,
            rows_total: 100_000,
        },
    );
    assert_eq!(event.phase, "committing");
    assert_eq!((event.rows_done, event.rows_total), (5_000, 100_000));
    let json = serde_json::to_value(&event).unwrap();
    assert_eq!(json["token"], "7-abc");
    assert_eq!(json["rowsTotal"], 100_000);
}

#[test]
fn the_row_filter_admits_its_status_only() {
    use tahsildar_core::import::RowStatus;
    assert!(RowFilter::All.admits(RowStatus::Error));
    assert!(RowFilter::Error.admits(RowStatus::Error));
    assert!(!RowFilter::Error.admits(RowStatus::Warning));
    assert!(RowFilter::Ok.admits(RowStatus::Ok));
    assert!(!RowFilter::Warning.admits(RowStatus::Ok));
}

#[test]
fn the_e2e_file_is_read_only_from_the_environment() {
    // The variable is unset in unit tests: the native dialog would open.
    if std::env::var_os(crate::commands::import_files::E2E_IMPORT_FILE_VAR).is_none() {
        assert!(e2e_file().is_none());
    }
}

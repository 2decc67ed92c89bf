//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use tahsildar_import::{ImportError, ReadOptions, Table, WorkerCommand, read_table_isolated};

/// The crate's own reader binary, built by cargo for the tests.
pub fn worker() -> WorkerCommand {
    WorkerCommand::new(env!("CARGO_BIN_EXE_tahsildar-import-worker"))
}

pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

pub fn read(path: &Path) -> Result<Table, ImportError> {
    read_table_isolated(path, &ReadOptions::default(), &worker())
}

pub fn read_with(path: &Path, options: &ReadOptions) -> Result<Table, ImportError> {
    read_table_isolated(path, options, &worker())
}

/// Copy the zip at `src` to `dst`, passing each entry's bytes through `edit`.
pub fn rewrite_zip(src: &Path, dst: &Path, mut edit: impl FnMut(&str, Vec<u8>) -> Vec<u8>) {
    use std::io::{Read, Write};
    let mut input = zip::ZipArchive::new(std::fs::File::open(src).unwrap()).unwrap();
    let mut out = zip::ZipWriter::new(std::fs::File::create(dst).unwrap());
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for i in 0..input.len() {
        let mut entry = input.by_index(i).unwrap();
        let name = entry.name().unwrap().into_owned();
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).unwrap();
        out.start_file(name.as_str(), options).unwrap();
        out.write_all(&edit(&name, bytes)).unwrap();
    }
    out.finish().unwrap();
}

/// A small valid xlsx with the template's first columns and one good row.
pub fn small_xlsx(path: &Path) {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in ["Abone No", "Kart No", "Son Kullanma", "Tutar"]
        .iter()
        .enumerate()
    {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    for (c, v) in ["1001", "4355093000315232", "11/28", "100"]
        .iter()
        .enumerate()
    {
        ws.write_string(1, c as u16, *v).unwrap();
    }
    wb.save(path).unwrap();
}

//! The reader process for tests and tools that do not embed the importer in their own binary.

fn main() {
    tahsildar_import::worker::run_if_worker();
    eprintln!(
        "usage: tahsildar-import-worker {}  (request on stdin)",
        tahsildar_import::worker::WORKER_ARG
    );
    std::process::exit(2);
}

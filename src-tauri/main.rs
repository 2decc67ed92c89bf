// No console window next to the app in Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    // The importer parses files in a child process that re-runs this executable: when this
    // process is that child, it serves the parse and exits here.
    tahsildar_core::import::run_if_worker();
    tahsildar_lib::run();
}

//! The desktop shell of Tahsildar.
pub fn run() {}

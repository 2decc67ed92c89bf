//! tahsildar-cli

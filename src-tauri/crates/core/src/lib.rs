//! tahsildar-core

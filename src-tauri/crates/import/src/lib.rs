//! tahsildar-import

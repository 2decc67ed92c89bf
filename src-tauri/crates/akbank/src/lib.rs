//! tahsildar-akbank

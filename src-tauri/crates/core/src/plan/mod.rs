//! Collection plans and their due dates.

pub mod schedule;

//! The user's language for messages: Turkish first, English complete (the shared words crate
//! defines both).

pub use tahsildar_words::{Lang, Text};

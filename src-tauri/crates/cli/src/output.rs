//! Printing results: human text in the user's language, or JSON with `--json`.

use std::io::Write;

use serde_json::{Value, json};
use tahsildar_core::Lang;

use crate::error::CliError;

pub struct Output {
    json: bool,
    pub lang: Lang,
}

impl Output {
    pub fn new(json: bool, lang: Lang) -> Output {
        Output { json, lang }
    }

    /// True with `--json`.
    pub fn is_json(&self) -> bool {
        self.json
    }

    /// Prints `text` (Turkish, English) for people or `value` for machines, on stdout.
    pub fn result(
        &self,
        tr: impl Into<String>,
        en: impl Into<String>,
        value: Value,
    ) -> Result<(), CliError> {
        let mut stdout = std::io::stdout().lock();
        let written = if self.json {
            writeln!(stdout, "{value}")
        } else {
            writeln!(stdout, "{}", self.lang.pick(tr, en))
        };
        written.map_err(|e| CliError::Output(e.to_string()))
    }

    /// Prints an error to stderr: the translated message, or `{"error": {code, message}}`.
    pub fn error(&self, error: &CliError) {
        let message = error.message(self.lang);
        let mut stderr = std::io::stderr().lock();
        let _ = if self.json {
            writeln!(
                stderr,
                "{}",
                json!({ "error": { "code": error.code(), "message": message } })
            )
        } else {
            let label = self.lang.pick("Hata", "Error");
            writeln!(stderr, "{label}: {message}")
        };
    }
}

//! The shell's errors, and the one serialisable form every command returns to the UI:
//! `{ code, message }`, where `code` is stable and the UI translates it.

use std::path::PathBuf;

use serde::Serialize;
use specta::Type;

/// What can go wrong in the shell itself.
#[derive(Debug, thiserror::Error)]
pub enum ShellError {
    #[error("this system has no data folder; set TAHSILDAR_DATA_DIR")]
    NoDataDir,
    #[error("the data folder {} cannot be created: {source}", path.display())]
    DataDirUnavailable {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

/// Stable error codes; the UI keys its translated messages on these.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    DataDirUnavailable,
    Internal,
}

/// An error as the UI receives it from any command.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type, thiserror::Error)]
#[error("{message}")]
pub struct CommandError {
    pub code: ErrorCode,
    /// English detail for logs and support; the UI shows its own translation of `code`.
    pub message: String,
}

impl From<ShellError> for CommandError {
    fn from(err: ShellError) -> Self {
        let code = match &err {
            ShellError::NoDataDir | ShellError::DataDirUnavailable { .. } => {
                ErrorCode::DataDirUnavailable
            }
        };
        CommandError {
            code,
            message: err.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_data_dir_failure_maps_to_its_code_and_names_the_folder() {
        let err = ShellError::DataDirUnavailable {
            path: "/nope/tahsildar".into(),
            source: std::io::Error::from(std::io::ErrorKind::PermissionDenied),
        };
        let wire = CommandError::from(err);
        assert_eq!(wire.code, ErrorCode::DataDirUnavailable);
        assert!(wire.message.contains("/nope/tahsildar"), "{}", wire.message);
    }

    #[test]
    fn serialises_as_code_and_message() {
        let wire = CommandError {
            code: ErrorCode::Internal,
            message: "boom".into(),
        };
        let json = serde_json::to_value(&wire).unwrap();
        assert_eq!(
            json,
            serde_json::json!({ "code": "internal", "message": "boom" })
        );
    }
}

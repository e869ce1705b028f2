//! The error every command returns, sent to the UI as data.
//!
//! It serialises as `{"kind": "...", ...details}`. The UI owns the wording:
//! it turns each kind into a Russian or English sentence, so no user-visible
//! text is built here. Details carry only what the UI needs to say which
//! value failed.

use std::collections::BTreeMap;

use gigma_api::{ApiError, BaseUrlError};
use serde::Serialize;

#[derive(Debug, Serialize, thiserror::Error)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum CommandError {
    #[error("the server could not be reached")]
    Offline,

    #[error("the server did not answer in time")]
    Timeout,

    #[error("the session is missing, expired or revoked")]
    Unauthorized,

    #[error("the server forbids this action")]
    Forbidden,

    #[error("the server has no such object")]
    NotFound,

    #[error("the request conflicts with the server's state")]
    Conflict,

    #[error("the sign-in attempt has expired")]
    Gone,

    #[error("the server rejected fields {:?}: {message}", fields.keys().collect::<Vec<_>>())]
    Validation {
        message: String,
        fields: BTreeMap<String, Vec<String>>,
    },

    #[error("too many requests; retry after {retry_after_secs:?} s")]
    RateLimited { retry_after_secs: Option<u64> },

    #[error("the server failed with status {status}")]
    Server { status: u16 },

    #[error("the server answered something unexpected (status {status:?}): {detail}")]
    UnexpectedResponse { status: Option<u16>, detail: String },

    #[error("the phone number is not a full Russian number")]
    InvalidPhone,

    #[error("the code must be 4 digits")]
    InvalidCode,

    #[error("no shop is configured: set the API address and app token, or use the demo")]
    NotConfigured,

    #[error("nobody is signed in")]
    NotSignedIn,

    #[error("the API address {value:?} is invalid ({reason})")]
    InvalidBaseUrl {
        value: String,
        reason: BaseUrlProblem,
    },

    #[error("the demo sandbox could not start: {detail}")]
    DemoFailed { detail: String },

    #[error("the photo was rejected ({problem:?}, limit {limit:?}, detected {detected:?})")]
    PhotoRejected {
        problem: PhotoProblem,
        /// The limit that was exceeded: bytes, pixels or pixels per side.
        limit: Option<u64>,
        /// The format recognised in a file that is not supported, such as "HEIC".
        detected: Option<String>,
        /// The formats the app accepts, for the message.
        supported: &'static str,
    },

    #[error("the export to {folder:?} failed")]
    ExportFailed { folder: String },

    #[error("the photo file could not be read")]
    FileUnreadable,

    #[error("the draft is longer than {max_chars} characters")]
    DraftTooLarge { max_chars: usize },

    #[error("the settings could not be saved: {detail}")]
    SettingsIo { detail: String },

    #[error("the OS keychain failed: {detail}")]
    Keychain { detail: String },

    /// Only `scripts/bench-app.sh` causes these two; the UI never shows them.
    #[error("benchmark milestones are off; set GIGMA_BENCH_MILESTONES=1")]
    BenchDisabled,

    #[error("the milestone name must be 1 to 40 lower-case letters, digits or '_', and the value a finite number")]
    InvalidMilestone,
}

/// Why a photo cannot become an avatar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PhotoProblem {
    TooLarge,
    TooManyPixels,
    SideTooLong,
    UnsupportedFormat,
    Corrupt,
    /// Decoding, resizing or encoding failed for another reason.
    Failed,
}

impl From<gigma_avatar::AvatarError> for CommandError {
    fn from(error: gigma_avatar::AvatarError) -> Self {
        use gigma_avatar::AvatarError;

        tracing::warn!(%error, "photo rejected");
        let (problem, limit, detected) = match error {
            AvatarError::FileTooLarge { limit, .. } => (PhotoProblem::TooLarge, Some(limit), None),
            AvatarError::TooManyPixels { limit, .. } => {
                (PhotoProblem::TooManyPixels, Some(limit), None)
            }
            AvatarError::SideTooLong { limit, .. } => {
                (PhotoProblem::SideTooLong, Some(u64::from(limit)), None)
            }
            AvatarError::UnsupportedFormat { detected } => (
                PhotoProblem::UnsupportedFormat,
                None,
                detected.map(str::to_owned),
            ),
            AvatarError::Corrupt { .. } => (PhotoProblem::Corrupt, None, None),
            AvatarError::MemoryLimitExceeded { .. } => (PhotoProblem::TooManyPixels, None, None),
            _ => (PhotoProblem::Failed, None, None),
        };
        Self::PhotoRejected {
            problem,
            limit,
            detected,
            supported: gigma_avatar::SUPPORTED_FORMATS,
        }
    }
}

/// Why an API address was rejected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BaseUrlProblem {
    NotHttps,
    Malformed,
}

impl std::fmt::Display for BaseUrlProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Self::NotHttps => "not https",
            Self::Malformed => "malformed",
        })
    }
}

impl From<ApiError> for CommandError {
    fn from(error: ApiError) -> Self {
        // The English detail goes to the log here, once, so every command
        // reports API failures the same way.
        tracing::warn!(%error, "API call failed");

        match error {
            ApiError::Connect { .. } | ApiError::Transport { .. } => Self::Offline,
            ApiError::Timeout { .. } => Self::Timeout,
            ApiError::Unauthorized { .. } => Self::Unauthorized,
            ApiError::Forbidden { .. } => Self::Forbidden,
            ApiError::NotFound { .. } => Self::NotFound,
            ApiError::Conflict { .. } => Self::Conflict,
            ApiError::Gone { .. } => Self::Gone,
            ApiError::Validation {
                message, fields, ..
            } => Self::Validation { message, fields },
            ApiError::RateLimited { retry_after, .. } => Self::RateLimited {
                retry_after_secs: retry_after.map(|wait| wait.as_secs()),
            },
            ApiError::Server { status, .. } => Self::Server { status },
            ApiError::UnexpectedStatus { status, .. } => Self::UnexpectedResponse {
                status: Some(status),
                detail: "unexpected status".to_owned(),
            },
            ApiError::Decode { status, detail, .. } => Self::UnexpectedResponse {
                status: Some(status),
                detail,
            },
            ApiError::UnsafeUrl { .. } => Self::UnexpectedResponse {
                status: None,
                detail: "the image address is not https".to_owned(),
            },
            ApiError::NotAnImage { content_type, .. } => Self::UnexpectedResponse {
                status: None,
                detail: format!("expected an image, got {content_type:?}"),
            },
            ApiError::TooLarge { limit_bytes, .. } => Self::UnexpectedResponse {
                status: None,
                detail: format!("the answer exceeded {limit_bytes} bytes"),
            },
        }
    }
}

impl From<BaseUrlError> for CommandError {
    fn from(error: BaseUrlError) -> Self {
        match error {
            BaseUrlError::Malformed { value, .. } => Self::InvalidBaseUrl {
                value,
                reason: BaseUrlProblem::Malformed,
            },
            BaseUrlError::NotHttps { value } => Self::InvalidBaseUrl {
                value,
                reason: BaseUrlProblem::NotHttps,
            },
        }
    }
}

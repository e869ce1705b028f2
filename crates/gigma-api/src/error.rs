use std::collections::BTreeMap;
use std::time::Duration;

/// Everything a call to the Gigma API can end with besides success.
///
/// Each HTTP status the app reacts to differently has its own variant, so the
/// caller matches on meaning ("sign in again", "show these field messages",
/// "wait and retry") instead of on numbers. `route` names the call, such as
/// `PUT /counterparty`, for log lines.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("{route}: could not connect to the server: {source}")]
    Connect {
        route: &'static str,
        #[source]
        source: reqwest::Error,
    },

    #[error("{route}: the server did not answer within {timeout:?}")]
    Timeout {
        route: &'static str,
        timeout: Duration,
    },

    #[error("{route}: the connection failed: {source}")]
    Transport {
        route: &'static str,
        #[source]
        source: reqwest::Error,
    },

    #[error("{route}: 401, the session token is missing, expired or revoked; sign in again")]
    Unauthorized { route: &'static str },

    #[error("{route}: 403, the server forbids this action")]
    Forbidden { route: &'static str },

    #[error("{route}: 404, no such route or object")]
    NotFound { route: &'static str },

    #[error("{route}: 409, the request conflicts with the current state")]
    Conflict { route: &'static str },

    #[error("{route}: 410, the object has expired")]
    Gone { route: &'static str },

    #[error("{route}: 422, the server rejected fields {fields:?}: {message}")]
    Validation {
        route: &'static str,
        message: String,
        /// Messages per request field, in the server's language.
        fields: BTreeMap<String, Vec<String>>,
    },

    #[error("{route}: 429, too many requests; retry after {retry_after:?}")]
    RateLimited {
        route: &'static str,
        retry_after: Option<Duration>,
    },

    #[error("{route}: {status}, the server failed")]
    Server { route: &'static str, status: u16 },

    #[error("{route}: unexpected status {status}")]
    UnexpectedStatus { route: &'static str, status: u16 },

    #[error("{route}: the answer (status {status}) could not be decoded: {detail}")]
    Decode {
        route: &'static str,
        status: u16,
        detail: String,
    },

    #[error("{route}: the address is not https (plain http is allowed only for this computer)")]
    UnsafeUrl { route: &'static str },

    #[error("{route}: expected an image, got content type {content_type:?}")]
    NotAnImage {
        route: &'static str,
        content_type: String,
    },

    #[error("{route}: the answer is larger than the {limit_bytes}-byte limit")]
    TooLarge {
        route: &'static str,
        limit_bytes: usize,
    },
}

impl ApiError {
    /// The HTTP status the server answered with, when there was an answer.
    pub fn status(&self) -> Option<u16> {
        match self {
            Self::Unauthorized { .. } => Some(401),
            Self::Forbidden { .. } => Some(403),
            Self::NotFound { .. } => Some(404),
            Self::Conflict { .. } => Some(409),
            Self::Gone { .. } => Some(410),
            Self::Validation { .. } => Some(422),
            Self::RateLimited { .. } => Some(429),
            Self::Server { status, .. }
            | Self::UnexpectedStatus { status, .. }
            | Self::Decode { status, .. } => Some(*status),
            Self::Connect { .. }
            | Self::Timeout { .. }
            | Self::Transport { .. }
            | Self::TooLarge { .. }
            | Self::UnsafeUrl { .. }
            | Self::NotAnImage { .. } => None,
        }
    }
}

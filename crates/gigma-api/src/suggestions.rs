//! Address suggestions while the customer types, from DaData's suggestion
//! API or a proxy with the same contract.
//!
//! Gigma stores the address as DaData normalises it, so suggesting DaData's
//! own spelling keeps the profile consistent with what the shop's back
//! office shows.

use std::time::Duration;

use serde::Deserialize;
use serde_json::json;
use url::Url;

use crate::ApiError;

/// DaData's public address suggestion endpoint.
pub const DADATA_ADDRESS_URL: &str =
    "https://suggestions.dadata.ru/suggestions/api/4_1/rs/suggest/address";

/// How many suggestions the UI lists at most.
pub const MAX_SUGGESTIONS: u8 = 7;

/// Suggestions should appear while typing or not at all.
const TIMEOUT: Duration = Duration::from_secs(3);

#[derive(Deserialize)]
struct Answer {
    #[serde(default)]
    suggestions: Vec<Suggestion>,
}

#[derive(Deserialize)]
struct Suggestion {
    value: String,
}

/// A client for one suggestion service.
#[derive(Clone)]
pub struct AddressSuggestions {
    http: reqwest::Client,
    url: Url,
    key: String,
}

impl AddressSuggestions {
    /// `url` must be https, or http on this computer; `key` is the
    /// service's API key, sent as `Authorization: Token <key>`.
    pub fn new(url: &str, key: impl Into<String>, app_version: &str) -> Result<Self, ApiError> {
        const ROUTE: &str = "POST (address suggestions)";

        let url = Url::parse(url).map_err(|_| ApiError::UnsafeUrl { route: ROUTE })?;
        let secure =
            url.scheme() == "https" || (url.scheme() == "http" && crate::client::is_loopback(&url));
        if !secure {
            return Err(ApiError::UnsafeUrl { route: ROUTE });
        }
        let http = reqwest::Client::builder()
            .user_agent(format!("GigmaProfile/{app_version}"))
            .timeout(TIMEOUT)
            .build()
            .map_err(|source| ApiError::Transport {
                route: ROUTE,
                source,
            })?;
        Ok(Self {
            http,
            url,
            key: key.into(),
        })
    }

    /// Up to [`MAX_SUGGESTIONS`] addresses that start like `query`.
    pub async fn suggest(&self, query: &str) -> Result<Vec<String>, ApiError> {
        const ROUTE: &str = "POST (address suggestions)";

        let response = self
            .http
            .post(self.url.clone())
            .header("Authorization", format!("Token {}", self.key))
            .header("Accept", "application/json")
            .json(&json!({ "query": query, "count": MAX_SUGGESTIONS }))
            .send()
            .await
            .map_err(|source| {
                if source.is_timeout() {
                    ApiError::Timeout {
                        route: ROUTE,
                        timeout: TIMEOUT,
                    }
                } else {
                    ApiError::Transport {
                        route: ROUTE,
                        source,
                    }
                }
            })?;

        let status = response.status();
        if !status.is_success() {
            return Err(crate::client::status_error(ROUTE, status, &[], None));
        }
        let answer: Answer = response.json().await.map_err(|error| ApiError::Decode {
            route: ROUTE,
            status: status.as_u16(),
            detail: error.to_string(),
        })?;
        Ok(answer
            .suggestions
            .into_iter()
            .map(|suggestion| suggestion.value)
            .take(usize::from(MAX_SUGGESTIONS))
            .collect())
    }
}

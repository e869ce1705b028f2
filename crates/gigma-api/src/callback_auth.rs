//! Sign-in by an incoming call ("callback auth"): the customer calls a
//! number the server gives, the server recognises the caller's phone, and
//! the app exchanges the confirmed attempt for a session token.
//!
//! NOTE: these routes come from public integration notes, not from Gigma's
//! official pages. Two versions are reported: the newer one confirms the
//! call in `status` and hands out the token from a separate `exchange`
//! step; the older one puts `access_token` into the `status` answer. Both
//! are handled here.

use std::fmt;
use std::time::Duration;

use chrono::{DateTime, Utc};
use rand::Rng;
use reqwest::Method;
use serde::Deserialize;
use serde_json::json;

use crate::{time_format, ApiError, Client, Phone, SessionToken};

/// The characters of base64url, which the server accepts in `client_nonce`.
const NONCE_ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// The nonce length: inside the documented 32 to 128 characters, and 288
/// random bits, far more than an attempt that lives 5 minutes needs.
const NONCE_LENGTH: usize = 48;

/// One sign-in attempt by call, as the server identifies it.
#[derive(Clone)]
pub struct CallbackAttempt {
    pub session_token: String,
    /// A random value made for this attempt only; the server ties the
    /// attempt to it, so a leaked `session_token` alone is useless.
    pub client_nonce: String,
    /// The number the customer calls, 11 digits starting with 7.
    pub callback_number: String,
    pub expires_at: Option<DateTime<Utc>>,
}

impl CallbackAttempt {
    /// How long the attempt has left by this computer's clock, when the
    /// server said when it expires.
    pub fn expires_in(&self) -> Option<Duration> {
        (self.expires_at? - Utc::now()).to_std().ok()
    }
}

impl fmt::Debug for CallbackAttempt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CallbackAttempt")
            .field("expires_at", &self.expires_at)
            .finish_non_exhaustive()
    }
}

/// Where a sign-in attempt by call stands.
#[derive(Debug, Clone, PartialEq)]
pub enum CallbackStatus {
    /// No call yet. `remaining` is the server's count of the time left.
    Pending {
        remaining: Option<Duration>,
    },
    /// The call came in. The older contract version includes the token here;
    /// the newer one needs [`Client::callback_auth_exchange`].
    Verified {
        token: Option<SessionToken>,
    },
    Expired,
}

#[derive(Deserialize)]
struct InitBody {
    session_token: String,
    callback_number: String,
    #[serde(default, with = "time_format::optional")]
    expires_at: Option<DateTime<Utc>>,
}

#[derive(Deserialize)]
struct StatusBody {
    status: String,
    #[serde(default)]
    remaining_seconds: Option<i64>,
    #[serde(default)]
    access_token: Option<String>,
}

#[derive(Deserialize)]
struct ExchangeBody {
    access_token: String,
}

/// Makes a fresh `client_nonce` for one attempt.
pub fn generate_nonce() -> String {
    let mut random = rand::thread_rng();
    (0..NONCE_LENGTH)
        .map(|_| char::from(NONCE_ALPHABET[random.gen_range(0..NONCE_ALPHABET.len())]))
        .collect()
}

impl Client {
    /// Starts an attempt: the server answers with the number to call.
    pub async fn callback_auth_init(&self, phone: &Phone) -> Result<CallbackAttempt, ApiError> {
        const ROUTE: &str = "POST /counterparty/callback_auth/init";

        let client_nonce = generate_nonce();
        let request = self
            .request(Method::POST, "counterparty/callback_auth/init", None)
            .json(&json!({ "phone": phone.as_str(), "client_nonce": client_nonce }));
        let body: InitBody = self.send(ROUTE, request).await?;

        Ok(CallbackAttempt {
            session_token: body.session_token,
            client_nonce,
            callback_number: body.callback_number,
            expires_at: body.expires_at,
        })
    }

    /// Asks whether the customer has called. Meant to be polled every 3 to 5
    /// seconds while the attempt lives.
    pub async fn callback_auth_status(
        &self,
        attempt: &CallbackAttempt,
    ) -> Result<CallbackStatus, ApiError> {
        const ROUTE: &str = "POST /counterparty/callback_auth/status";

        let request = self
            .request(Method::POST, "counterparty/callback_auth/status", None)
            .json(&attempt_body(attempt));
        let body: StatusBody = self.send(ROUTE, request).await?;

        let remaining = body
            .remaining_seconds
            .map(|seconds| Duration::from_secs(seconds.max(0).unsigned_abs()));
        match body.status.as_str() {
            "pending" => Ok(CallbackStatus::Pending { remaining }),
            "verified" => Ok(CallbackStatus::Verified {
                token: body.access_token.map(SessionToken::new),
            }),
            "expired" => Ok(CallbackStatus::Expired),
            other => Err(ApiError::Decode {
                route: ROUTE,
                status: 200,
                detail: format!("unknown status {other:?}; expected pending, verified or expired"),
            }),
        }
    }

    /// Trades a verified attempt for a session token. The server allows
    /// this within 120 s of the call.
    pub async fn callback_auth_exchange(
        &self,
        attempt: &CallbackAttempt,
    ) -> Result<SessionToken, ApiError> {
        const ROUTE: &str = "POST /counterparty/callback_auth/exchange";

        let request = self
            .request(Method::POST, "counterparty/callback_auth/exchange", None)
            .json(&attempt_body(attempt));
        let body: ExchangeBody = self.send(ROUTE, request).await?;
        Ok(SessionToken::new(body.access_token))
    }
}

fn attempt_body(attempt: &CallbackAttempt) -> serde_json::Value {
    json!({ "session_token": attempt.session_token, "client_nonce": attempt.client_nonce })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nonce_is_base64url_of_allowed_length() {
        let nonce = generate_nonce();
        assert!((32..=128).contains(&nonce.len()), "length {}", nonce.len());
        assert!(
            nonce.bytes().all(|byte| NONCE_ALPHABET.contains(&byte)),
            "{nonce}"
        );
    }

    #[test]
    fn nonces_differ_per_attempt() {
        assert_ne!(generate_nonce(), generate_nonce());
    }
}

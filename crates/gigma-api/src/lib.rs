//! Client for the counterparty (customer) part of the Gigma E-Commerce API.
//!
//! The crate does not depend on Tauri: it turns the HTTP contract into typed
//! calls and typed errors, so the desktop app, the tests and any command-line
//! tool share one implementation.

pub mod callback_auth;
mod client;
mod error;
pub mod files;
pub mod models;
mod phone;
pub mod redact;
mod retry;
pub mod suggestions;
mod time_format;

pub use callback_auth::{CallbackAttempt, CallbackStatus};
pub use client::{BaseUrl, BaseUrlError, Client, ClientConfig, SignIn};
pub use error::ApiError;
pub use models::{AccessToken, Avatar, Counterparty, CounterpartyChanges, Manager, ObjectType};
pub use phone::{Phone, PhoneError};
pub use retry::RetryPolicy;

/// A signed-in customer's Sanctum token (`<id>|<secret>`).
///
/// The wrapper keeps the token out of `Debug` output, so a stray `{:?}` in a
/// log line cannot leak it.
#[derive(Clone, PartialEq, Eq)]
pub struct SessionToken(String);

impl SessionToken {
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    /// Returns the whole token, for the `Authorization` header only.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for SessionToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SessionToken({})", redact::token(&self.0))
    }
}

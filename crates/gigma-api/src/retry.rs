//! When and how long to wait before sending a failed request again.
//!
//! Only requests that are safe to repeat are retried: GET, and PUT, which
//! sends the same body again and so sets the same values. POST (sign-in,
//! uploads) and DELETE are never repeated automatically, because a request
//! that reached the server before the connection broke would run twice.

use std::time::Duration;

use rand::Rng;
use reqwest::Method;

use crate::ApiError;

#[derive(Debug, Clone)]
pub struct RetryPolicy {
    /// How many times a request is sent at most, the first time included.
    pub max_attempts: u32,
    /// The wait before the first retry; each later one doubles it.
    pub base_delay: Duration,
    /// The longest wait between two attempts.
    pub max_delay: Duration,
    /// A `Retry-After` longer than this is not waited out: the error goes
    /// to the caller, who can tell the customer when to try again.
    pub max_retry_after: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_attempts: 3,
            base_delay: Duration::from_millis(300),
            max_delay: Duration::from_secs(5),
            max_retry_after: Duration::from_secs(10),
        }
    }
}

impl RetryPolicy {
    /// Sends every request once.
    pub fn none() -> Self {
        Self {
            max_attempts: 1,
            ..Self::default()
        }
    }

    /// How long to wait before attempt number `attempt + 1` after `error`,
    /// or `None` when the request must not be sent again.
    pub(crate) fn delay_after(
        &self,
        method: &Method,
        attempt: u32,
        error: &ApiError,
    ) -> Option<Duration> {
        if attempt >= self.max_attempts || !is_idempotent(method) {
            return None;
        }

        match error {
            ApiError::RateLimited {
                retry_after: Some(wait),
                ..
            } => (*wait <= self.max_retry_after).then_some(*wait),
            ApiError::RateLimited {
                retry_after: None, ..
            }
            | ApiError::Connect { .. }
            | ApiError::Transport { .. }
            | ApiError::Server {
                status: 502 | 503, ..
            } => Some(self.backoff(attempt)),
            _ => None,
        }
    }

    /// Exponential backoff with "full jitter": a random wait up to the
    /// doubled delay, so many clients that failed together do not all come
    /// back at the same moment.
    fn backoff(&self, attempt: u32) -> Duration {
        let doubled = self
            .base_delay
            .saturating_mul(1 << attempt.saturating_sub(1).min(16));
        let ceiling = doubled.min(self.max_delay);
        let millis = ceiling.as_millis().max(1) as u64;
        Duration::from_millis(rand::thread_rng().gen_range(millis / 2..=millis))
    }
}

fn is_idempotent(method: &Method) -> bool {
    matches!(
        *method,
        Method::GET | Method::PUT | Method::HEAD | Method::OPTIONS
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn server(status: u16) -> ApiError {
        ApiError::Server {
            route: "GET /x",
            status,
        }
    }

    #[test]
    fn retries_only_safe_methods() {
        let policy = RetryPolicy::default();
        assert!(policy.delay_after(&Method::GET, 1, &server(503)).is_some());
        assert!(policy.delay_after(&Method::PUT, 1, &server(502)).is_some());
        assert!(policy
            .delay_after(&Method::DELETE, 1, &server(503))
            .is_none());
        assert!(policy.delay_after(&Method::POST, 1, &server(503)).is_none());
    }

    #[test]
    fn retries_only_passing_failures() {
        let policy = RetryPolicy::default();
        assert!(policy.delay_after(&Method::GET, 1, &server(500)).is_none());
        let unauthorized = ApiError::Unauthorized { route: "GET /x" };
        assert!(policy.delay_after(&Method::GET, 1, &unauthorized).is_none());
    }

    #[test]
    fn stops_after_max_attempts() {
        let policy = RetryPolicy::default();
        assert!(policy.delay_after(&Method::GET, 2, &server(503)).is_some());
        assert!(policy.delay_after(&Method::GET, 3, &server(503)).is_none());
    }

    #[test]
    fn honours_retry_after_up_to_limit() {
        let policy = RetryPolicy::default();
        let short = ApiError::RateLimited {
            route: "GET /x",
            retry_after: Some(Duration::from_secs(2)),
        };
        let long = ApiError::RateLimited {
            route: "GET /x",
            retry_after: Some(Duration::from_secs(60)),
        };
        assert_eq!(
            policy.delay_after(&Method::GET, 1, &short),
            Some(Duration::from_secs(2))
        );
        assert_eq!(policy.delay_after(&Method::GET, 1, &long), None);
    }

    #[test]
    fn backoff_grows_and_is_capped() {
        let policy = RetryPolicy::default();
        for attempt in 1..10 {
            let wait = policy.backoff(attempt);
            assert!(wait <= policy.max_delay, "attempt {attempt}: {wait:?}");
            assert!(
                wait >= Duration::from_millis(150),
                "attempt {attempt}: {wait:?}"
            );
        }
    }
}

//! The HTTP client: one configured `reqwest::Client`, both headers on every
//! call, and the mapping from statuses to [`ApiError`].

use std::fmt;
use std::net::IpAddr;
use std::time::Duration;

use reqwest::header::{HeaderMap, HeaderValue, ACCEPT, RETRY_AFTER};
use reqwest::{Method, RequestBuilder, Response, StatusCode};
use serde::de::DeserializeOwned;
use serde_json::json;
use url::Url;

use crate::files::DEFAULT_AVATAR_UPLOAD_ROUTE;
use crate::models::{CounterpartyEnvelope, LoginEnvelope, MessageBody, ValidationBody};
use crate::{ApiError, Counterparty, CounterpartyChanges, Phone, RetryPolicy, SessionToken};

/// The largest answer body the client reads. A counterparty is a few
/// kilobytes; anything far larger is a misbehaving server, and reading it
/// whole would only waste memory.
const MAX_BODY_BYTES: usize = 1024 * 1024;

/// The root of the API, such as `https://api.gigma.ru/api/`.
///
/// Only https is accepted, except for loopback addresses, where the sandbox
/// and local development servers run without TLS.
#[derive(Clone, PartialEq, Eq)]
pub struct BaseUrl(Url);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BaseUrlError {
    #[error("{value:?} is not a valid URL: {reason}")]
    Malformed { value: String, reason: String },
    #[error(
        "{value:?} must use https (plain http is allowed only for 127.0.0.1, [::1] and localhost)"
    )]
    NotHttps { value: String },
}

impl BaseUrl {
    pub fn parse(value: &str) -> Result<Self, BaseUrlError> {
        let trimmed = value.trim();
        let mut url = Url::parse(trimmed).map_err(|error| BaseUrlError::Malformed {
            value: trimmed.to_owned(),
            reason: error.to_string(),
        })?;

        let secure = match url.scheme() {
            "https" => true,
            "http" => is_loopback(&url),
            _ => false,
        };
        if !secure {
            return Err(BaseUrlError::NotHttps {
                value: trimmed.to_owned(),
            });
        }
        if url.cannot_be_a_base() || url.query().is_some() || url.fragment().is_some() {
            return Err(BaseUrlError::Malformed {
                value: trimmed.to_owned(),
                reason: "expected a plain address such as https://api.gigma.ru/api".to_owned(),
            });
        }

        // Url::join replaces the last path segment unless the path ends with
        // a slash, which would turn `/api` + `counterparty` into `/counterparty`.
        if !url.path().ends_with('/') {
            let path = format!("{}/", url.path());
            url.set_path(&path);
        }
        Ok(Self(url))
    }

    pub fn as_url(&self) -> &Url {
        &self.0
    }

    /// Whether the address points at this computer.
    pub fn is_loopback(&self) -> bool {
        is_loopback(&self.0)
    }

    fn join(&self, path: &str) -> Url {
        self.0.join(path).expect("API paths are relative and valid")
    }
}

impl fmt::Display for BaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Shown without the trailing slash added by `parse`, as people type it.
        f.write_str(self.0.as_str().trim_end_matches('/'))
    }
}

impl fmt::Debug for BaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "BaseUrl({self})")
    }
}

pub(crate) fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(domain)) => domain.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => IpAddr::V4(ip).is_loopback(),
        Some(url::Host::Ipv6(ip)) => IpAddr::V6(ip).is_loopback(),
        None => false,
    }
}

/// What a [`Client`] needs to know about the shop and the app.
#[derive(Clone)]
pub struct ClientConfig {
    pub base_url: BaseUrl,
    /// The shop's application token, sent as the `Token` header.
    pub app_token: String,
    /// The app's version for the user agent, `GigmaProfile/<version>`.
    pub app_version: String,
    pub connect_timeout: Duration,
    /// The limit for one attempt, from sending to the last byte of the answer.
    pub request_timeout: Duration,
    pub retry: RetryPolicy,
    /// The path of the avatar upload, relative to the base URL. The route
    /// is not documented; see [`DEFAULT_AVATAR_UPLOAD_ROUTE`].
    pub avatar_upload_route: String,
}

impl ClientConfig {
    pub fn new(
        base_url: BaseUrl,
        app_token: impl Into<String>,
        app_version: impl Into<String>,
    ) -> Self {
        Self {
            base_url,
            app_token: app_token.into(),
            app_version: app_version.into(),
            connect_timeout: Duration::from_secs(10),
            request_timeout: Duration::from_secs(30),
            retry: RetryPolicy::default(),
            avatar_upload_route: DEFAULT_AVATAR_UPLOAD_ROUTE.to_owned(),
        }
    }
}

impl fmt::Debug for ClientConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientConfig")
            .field("base_url", &self.base_url)
            .field("app_token", &"***")
            .field("app_version", &self.app_version)
            .field("connect_timeout", &self.connect_timeout)
            .field("request_timeout", &self.request_timeout)
            .field("retry", &self.retry)
            .finish()
    }
}

/// A client for one shop. Cloning is cheap and shares the connection pool.
#[derive(Clone)]
pub struct Client {
    http: reqwest::Client,
    base_url: BaseUrl,
    request_timeout: Duration,
    retry: RetryPolicy,
    pub(crate) avatar_upload_route: String,
    /// A client without the shop's headers, for files on other hosts.
    pub(crate) downloads: reqwest::Client,
}

/// A successful sign-in: the new session token and the customer it belongs to.
#[derive(Debug, Clone)]
pub struct SignIn {
    pub token: SessionToken,
    pub counterparty: Counterparty,
}

impl Client {
    pub fn new(config: ClientConfig) -> Result<Self, reqwest::Error> {
        // The application token goes on every request as a default header, so
        // no call can forget it. It is marked sensitive to keep it out of
        // reqwest's own debug output.
        let mut headers = HeaderMap::new();
        headers.insert(ACCEPT, HeaderValue::from_static("application/json"));
        let mut token = HeaderValue::from_str(&config.app_token)
            .unwrap_or_else(|_| HeaderValue::from_static(""));
        token.set_sensitive(true);
        headers.insert("Token", token);

        let user_agent = format!(
            "GigmaProfile/{} ({}; {})",
            config.app_version,
            std::env::consts::OS,
            std::env::consts::ARCH
        );

        let downloads = reqwest::Client::builder()
            .user_agent(user_agent.clone())
            .connect_timeout(config.connect_timeout)
            .timeout(crate::files::DOWNLOAD_TIMEOUT)
            .build()?;

        let http = reqwest::Client::builder()
            .default_headers(headers)
            .user_agent(user_agent)
            .connect_timeout(config.connect_timeout)
            .timeout(config.request_timeout)
            .https_only(!config.base_url.is_loopback())
            .build()?;

        Ok(Self {
            http,
            base_url: config.base_url,
            request_timeout: config.request_timeout,
            retry: config.retry,
            avatar_upload_route: config.avatar_upload_route.trim_matches('/').to_owned(),
            downloads,
        })
    }

    pub fn base_url(&self) -> &BaseUrl {
        &self.base_url
    }

    /// Asks the server to call the customer ("flash call"); the last four
    /// digits of the calling number are the one-time password.
    pub async fn send_password(&self, phone: &Phone) -> Result<(), ApiError> {
        const ROUTE: &str = "POST /counterparty/send_password";

        let request = self
            .request(Method::POST, "counterparty/send_password", None)
            .json(&json!({ "phone": phone.as_str() }));
        self.send_for_message(ROUTE, request).await?;
        Ok(())
    }

    /// Exchanges the phone and the one-time password for a session token.
    pub async fn login(
        &self,
        phone: &Phone,
        password: &str,
        device: Option<&str>,
    ) -> Result<SignIn, ApiError> {
        const ROUTE: &str = "POST /counterparty/login";

        let mut body = json!({ "phone": phone.as_str(), "password": password });
        if let Some(device) = device {
            body["device"] = json!(device);
        }
        let request = self
            .request(Method::POST, "counterparty/login", None)
            .json(&body);
        let envelope: LoginEnvelope = self.send(ROUTE, request).await?;

        Ok(SignIn {
            token: SessionToken::new(envelope.counterparty.access_token.value),
            counterparty: envelope.counterparty.counterparty,
        })
    }

    pub async fn counterparty(&self, token: &SessionToken) -> Result<Counterparty, ApiError> {
        const ROUTE: &str = "GET /counterparty";

        let request = self.request(Method::GET, "counterparty", Some(token));
        let envelope: CounterpartyEnvelope = self.send(ROUTE, request).await?;
        Ok(envelope.counterparty)
    }

    pub async fn update_counterparty(
        &self,
        token: &SessionToken,
        changes: &CounterpartyChanges,
    ) -> Result<Counterparty, ApiError> {
        const ROUTE: &str = "PUT /counterparty";

        let request = self
            .request(Method::PUT, "counterparty", Some(token))
            .json(changes);
        let envelope: CounterpartyEnvelope = self.send(ROUTE, request).await?;
        Ok(envelope.counterparty)
    }

    /// Deletes the customer's account. Returns the server's message, which
    /// is absent when the server answers 204 with no body.
    pub async fn delete_counterparty(
        &self,
        token: &SessionToken,
    ) -> Result<Option<String>, ApiError> {
        const ROUTE: &str = "DELETE /counterparty";

        let request = self.request(Method::DELETE, "counterparty", Some(token));
        self.send_for_message(ROUTE, request).await
    }

    /// Revokes the session token on the server, or every token of the
    /// customer when `from_all_devices` is set.
    pub async fn logout(
        &self,
        token: &SessionToken,
        from_all_devices: bool,
    ) -> Result<(), ApiError> {
        const ROUTE: &str = "POST /counterparty/logout";

        let request = self
            .request(Method::POST, "counterparty/logout", Some(token))
            .json(&json!({ "from_all_devices": from_all_devices }));
        self.send_for_message(ROUTE, request).await?;
        Ok(())
    }

    pub(crate) fn request(
        &self,
        method: Method,
        path: &str,
        token: Option<&SessionToken>,
    ) -> RequestBuilder {
        let request = self.http.request(method, self.base_url.join(path));
        match token {
            Some(token) => request.bearer_auth(token.expose()),
            None => request,
        }
    }

    /// Sends the request and decodes a 2xx answer into `T`; every other
    /// outcome becomes the matching [`ApiError`].
    pub(crate) async fn send<T: DeserializeOwned>(
        &self,
        route: &'static str,
        request: RequestBuilder,
    ) -> Result<T, ApiError> {
        let (status, body) = self.send_raw(route, request).await?;
        decode(route, status, &body)
    }

    /// Like [`send`](Self::send) for answers that carry only a `message`,
    /// which may be absent: any 2xx is success, and DELETE may answer 204
    /// with no body at all.
    async fn send_for_message(
        &self,
        route: &'static str,
        request: RequestBuilder,
    ) -> Result<Option<String>, ApiError> {
        let (status, body) = self.send_raw(route, request).await?;
        if body.iter().all(u8::is_ascii_whitespace) {
            return Ok(None);
        }
        let body: MessageBody = decode(route, status, &body)?;
        Ok(body.message)
    }

    /// Sends the request, retrying where [`RetryPolicy`] allows, and returns
    /// a 2xx answer's status and body.
    async fn send_raw(
        &self,
        route: &'static str,
        request: RequestBuilder,
    ) -> Result<(StatusCode, Vec<u8>), ApiError> {
        let method = request
            .try_clone()
            .and_then(|copy| copy.build().ok())
            .map(|built| built.method().clone())
            .unwrap_or(Method::POST);

        let mut attempt = 1;
        loop {
            // A JSON body is held in memory, so the request can always be
            // copied; a streaming body could not, and is sent only once.
            let Some(this_attempt) = request.try_clone() else {
                return self.send_once(route, request).await;
            };

            let error = match self.send_once(route, this_attempt).await {
                Ok(answer) => return Ok(answer),
                Err(error) => error,
            };
            let Some(wait) = self.retry.delay_after(&method, attempt, &error) else {
                return Err(error);
            };

            tracing::info!(route, attempt, wait_ms = wait.as_millis() as u64, %error, "retrying");
            tokio::time::sleep(wait).await;
            attempt += 1;
        }
    }

    async fn send_once(
        &self,
        route: &'static str,
        request: RequestBuilder,
    ) -> Result<(StatusCode, Vec<u8>), ApiError> {
        let response = request
            .send()
            .await
            .map_err(|error| self.transport_error(route, error))?;
        let status = response.status();
        let retry_after = retry_after(&response);
        let body = self.read_body(route, response).await?;

        tracing::debug!(
            route,
            status = status.as_u16(),
            bytes = body.len(),
            "API answered"
        );
        if status.is_success() {
            Ok((status, body))
        } else {
            Err(status_error(route, status, &body, retry_after))
        }
    }

    async fn read_body(
        &self,
        route: &'static str,
        response: Response,
    ) -> Result<Vec<u8>, ApiError> {
        self.read_body_limited(route, response, MAX_BODY_BYTES)
            .await
    }

    /// Reads the body in chunks and stops past `limit_bytes`, so a runaway
    /// answer cannot exhaust memory.
    pub(crate) async fn read_body_limited(
        &self,
        route: &'static str,
        mut response: Response,
        limit_bytes: usize,
    ) -> Result<Vec<u8>, ApiError> {
        let too_large = ApiError::TooLarge { route, limit_bytes };
        if response
            .content_length()
            .is_some_and(|length| length > limit_bytes as u64)
        {
            return Err(too_large);
        }

        let mut body = Vec::new();
        while let Some(chunk) = response
            .chunk()
            .await
            .map_err(|error| self.transport_error(route, error))?
        {
            if body.len() + chunk.len() > limit_bytes {
                return Err(too_large);
            }
            body.extend_from_slice(&chunk);
        }
        Ok(body)
    }

    pub(crate) fn transport_error(&self, route: &'static str, error: reqwest::Error) -> ApiError {
        if error.is_timeout() {
            ApiError::Timeout {
                route,
                timeout: self.request_timeout,
            }
        } else if error.is_connect() {
            ApiError::Connect {
                route,
                source: error,
            }
        } else {
            ApiError::Transport {
                route,
                source: error,
            }
        }
    }
}

fn decode<T: DeserializeOwned>(
    route: &'static str,
    status: StatusCode,
    body: &[u8],
) -> Result<T, ApiError> {
    serde_json::from_slice(body).map_err(|error| ApiError::Decode {
        route,
        status: status.as_u16(),
        detail: error.to_string(),
    })
}

pub(crate) fn status_error(
    route: &'static str,
    status: StatusCode,
    body: &[u8],
    retry_after: Option<Duration>,
) -> ApiError {
    match status.as_u16() {
        401 => ApiError::Unauthorized { route },
        403 => ApiError::Forbidden { route },
        404 => ApiError::NotFound { route },
        409 => ApiError::Conflict { route },
        410 => ApiError::Gone { route },
        422 => match serde_json::from_slice::<ValidationBody>(body) {
            Ok(validation) => ApiError::Validation {
                route,
                message: validation.message.unwrap_or_default(),
                fields: validation.errors,
            },
            Err(error) => ApiError::Decode {
                route,
                status: 422,
                detail: error.to_string(),
            },
        },
        429 => ApiError::RateLimited { route, retry_after },
        500..=599 => ApiError::Server {
            route,
            status: status.as_u16(),
        },
        other => ApiError::UnexpectedStatus {
            route,
            status: other,
        },
    }
}

/// Reads `Retry-After` in either form HTTP allows: seconds, or a date.
fn retry_after(response: &Response) -> Option<Duration> {
    let value = response.headers().get(RETRY_AFTER)?.to_str().ok()?.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let date = chrono::DateTime::parse_from_rfc2822(value).ok()?;
    let wait = date.with_timezone(&chrono::Utc) - chrono::Utc::now();
    Some(wait.to_std().unwrap_or(Duration::ZERO))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_url_accepts_https_and_loopback_http() {
        for value in [
            "https://api.gigma.ru/api",
            "http://127.0.0.1:8080",
            "http://localhost:3000/",
            "http://[::1]:9000",
        ] {
            assert!(BaseUrl::parse(value).is_ok(), "{value} should be accepted");
        }
    }

    #[test]
    fn base_url_rejects_plain_http_elsewhere() {
        let error = BaseUrl::parse("http://api.gigma.ru").unwrap_err();
        assert!(matches!(error, BaseUrlError::NotHttps { .. }), "{error:?}");
        let error = BaseUrl::parse("http://192.168.1.10").unwrap_err();
        assert!(matches!(error, BaseUrlError::NotHttps { .. }), "{error:?}");
        let error = BaseUrl::parse("ftp://api.gigma.ru").unwrap_err();
        assert!(matches!(error, BaseUrlError::NotHttps { .. }), "{error:?}");
    }

    #[test]
    fn base_url_rejects_garbage() {
        let error = BaseUrl::parse("api gigma").unwrap_err();
        assert!(matches!(error, BaseUrlError::Malformed { .. }), "{error:?}");
        let error = BaseUrl::parse("https://api.gigma.ru/api?x=1").unwrap_err();
        assert!(matches!(error, BaseUrlError::Malformed { .. }), "{error:?}");
    }

    #[test]
    fn base_url_keeps_path_prefix_when_joining() {
        let base = BaseUrl::parse("https://api.gigma.ru/api").unwrap();
        assert_eq!(
            base.join("counterparty").as_str(),
            "https://api.gigma.ru/api/counterparty"
        );
        assert_eq!(base.to_string(), "https://api.gigma.ru/api");
    }
}

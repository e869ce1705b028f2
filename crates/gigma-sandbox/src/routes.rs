//! The HTTP routes, with Laravel's answers for the failures the app must
//! handle: 401 without a valid `Token` or Bearer token, 404 for unknown
//! paths, 422 with `message` and per-field `errors`.

use std::collections::BTreeMap;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{header, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::{json, Map, Value};

use crate::store::{Fault, RecordedRequest, Store};
use crate::{callback, files, seed, suggestions, CallbackAuthConfig};

/// Laravel's `max:255` on string columns.
const MAX_NAME_CHARS: usize = 255;
/// Addresses from DaData can be long; the real limit is not published.
const MAX_ADDRESS_CHARS: usize = 1000;

#[derive(Clone)]
pub(crate) struct SandboxState {
    pub store: Store,
    pub app_token: Arc<str>,
    pub callback: Arc<CallbackAuthConfig>,
    /// `http://127.0.0.1:<port>`, for the `path` of uploaded files.
    pub public_base: Arc<str>,
}

pub fn router(
    store: Store,
    app_token: String,
    callback: CallbackAuthConfig,
    control: bool,
    public_base: String,
) -> Router {
    let state = SandboxState {
        store,
        app_token: app_token.into(),
        callback: Arc::new(callback),
        public_base: public_base.into(),
    };

    let control_routes = if control {
        Router::new().route("/__sandbox/faults", post(inject_fault).delete(clear_faults))
    } else {
        Router::new()
    };

    let api = Router::new()
        .route("/counterparty", get(show).put(update).delete(destroy))
        .route("/counterparty/send_password", post(send_password))
        .route("/counterparty/login", post(login))
        .route("/counterparty/logout", post(logout))
        .route(
            "/counterparty/files",
            post(files::upload).layer(axum::extract::DefaultBodyLimit::max(
                files::MAX_UPLOAD_BYTES,
            )),
        )
        .route("/counterparty/callback_auth/init", post(callback::init))
        .route("/counterparty/callback_auth/status", post(callback::status))
        .route(
            "/counterparty/callback_auth/exchange",
            post(callback::exchange),
        )
        .fallback(|| async { message(StatusCode::NOT_FOUND, "Not Found") })
        .layer(middleware::from_fn_with_state(
            state.clone(),
            require_app_token,
        ));

    // Uploaded files are public, like a storage folder behind a web
    // server: the app downloads them without the API's headers.
    let storage = Router::new()
        .route("/storage/uploads/{name}", get(files::serve))
        .route(suggestions::PATH, post(suggestions::suggest));
    let public = storage.merge(api).layer(middleware::from_fn_with_state(
        state.clone(),
        record_and_inject_faults,
    ));

    // The control route sits outside the token check and fault injection:
    // it is the test's channel, not part of the contract.
    control_routes.merge(public).with_state(state)
}

/// `DELETE /__sandbox/faults`: every route answers normally again.
async fn clear_faults(State(state): State<SandboxState>) -> Response {
    state.store.clear_faults();
    tracing::info!("faults cleared");
    StatusCode::NO_CONTENT.into_response()
}

/// `POST /__sandbox/faults` with a [`FaultSpec`](crate::FaultSpec) body.
async fn inject_fault(State(state): State<SandboxState>, body: Bytes) -> Response {
    match serde_json::from_slice::<crate::FaultSpec>(&body) {
        Ok(spec) => {
            tracing::info!(route = %spec.route, status = spec.status, times = spec.times, "fault injected");
            state.store.inject(&spec);
            StatusCode::NO_CONTENT.into_response()
        }
        Err(error) => message(
            StatusCode::UNPROCESSABLE_ENTITY,
            &format!("invalid fault: {error}"),
        ),
    }
}

/// The largest request body the sandbox reads; the API's bodies are tiny.
const MAX_REQUEST_BYTES: usize = 1024 * 1024;

/// Records each request for tests, then answers with an injected fault if
/// one is waiting for this route.
async fn record_and_inject_faults(
    State(state): State<SandboxState>,
    request: Request,
    next: Next,
) -> Response {
    let (parts, body) = request.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, MAX_REQUEST_BYTES).await else {
        return message(
            StatusCode::PAYLOAD_TOO_LARGE,
            "The request body is too large.",
        );
    };

    let route = format!("{} {}", parts.method, parts.uri.path());
    state.store.record(RecordedRequest {
        method: parts.method.to_string(),
        path: parts.uri.path().to_owned(),
        headers: parts
            .headers
            .iter()
            .map(|(name, value)| {
                (
                    name.as_str().to_owned(),
                    String::from_utf8_lossy(value.as_bytes()).into_owned(),
                )
            })
            .collect(),
        body: serde_json::from_slice(&bytes).ok(),
    });

    if let Some(fault) = state.store.take_fault(&route) {
        tracing::info!(%route, status = fault.status, "answered with an injected fault");
        return fault_response(fault).await;
    }
    let response = next
        .run(Request::from_parts(parts, axum::body::Body::from(bytes)))
        .await;
    tracing::info!(%route, status = response.status().as_u16(), "answered");
    response
}

async fn fault_response(fault: Fault) -> Response {
    tokio::time::sleep(fault.delay).await;

    let body = if fault.reset {
        // An error from the body stream makes hyper drop the connection
        // after the headers, which the client sees as a broken transfer.
        let broken = futures_util::stream::once(async {
            Err::<Bytes, std::io::Error>(std::io::Error::new(
                std::io::ErrorKind::ConnectionReset,
                "injected reset",
            ))
        });
        axum::body::Body::from_stream(broken)
    } else if let Some(pause) = fault.trickle {
        let bytes = fault.body.into_bytes();
        let trickle = futures_util::stream::unfold(0, move |sent| {
            let next = bytes.get(sent).copied();
            async move {
                let byte = next?;
                tokio::time::sleep(pause).await;
                Some((
                    Ok::<Bytes, std::io::Error>(Bytes::from(vec![byte])),
                    sent + 1,
                ))
            }
        });
        axum::body::Body::from_stream(trickle)
    } else {
        axum::body::Body::from(fault.body)
    };

    let mut response = Response::new(body);
    *response.status_mut() =
        StatusCode::from_u16(fault.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    for (name, value) in fault.headers {
        if let (Ok(name), Ok(value)) = (
            header::HeaderName::from_bytes(name.as_bytes()),
            header::HeaderValue::from_str(&value),
        ) {
            response.headers_mut().insert(name, value);
        }
    }
    response
}

/// Rejects every request without the shop's application token, as Gigma
/// answers a request that names no shop.
async fn require_app_token(
    State(state): State<SandboxState>,
    request: Request,
    next: Next,
) -> Response {
    let token = request
        .headers()
        .get("Token")
        .and_then(|value| value.to_str().ok());
    if token != Some(&*state.app_token) {
        tracing::debug!(path = %request.uri().path(), "rejected: missing or wrong Token header");
        return unauthenticated();
    }
    next.run(request).await
}

/// The customer that the request's Bearer token belongs to.
pub(crate) struct Customer {
    id: u64,
    token: String,
}

impl FromRequestParts<SandboxState> for Customer {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &SandboxState) -> Result<Self, Response> {
        let token = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| value.strip_prefix("Bearer "))
            .ok_or_else(unauthenticated)?;
        let id = state.store.owner_of(token).ok_or_else(unauthenticated)?;
        Ok(Self {
            id,
            token: token.to_owned(),
        })
    }
}

async fn send_password(State(state): State<SandboxState>, body: Bytes) -> Response {
    let body = match json_object(&body) {
        Ok(body) => body,
        Err(response) => return response,
    };
    let phone = match phone_field(&body) {
        Ok(phone) => phone,
        Err(response) => return response,
    };

    // NOTE: what Gigma answers for a phone it does not know is not
    // documented. The sandbox answers 404 so the app can tell the customer
    // that this shop has no such account.
    if state.store.find_by_phone(&phone).is_none() {
        return message(StatusCode::NOT_FOUND, "Контрагент не найден.");
    }

    state.store.remember_password_sent(&phone);
    tracing::debug!(phone = %redact_phone(&phone), "flash call sent");
    message(StatusCode::OK, "Password successfully send")
}

async fn login(State(state): State<SandboxState>, body: Bytes) -> Response {
    let body = match json_object(&body) {
        Ok(body) => body,
        Err(response) => return response,
    };
    let phone = match phone_field(&body) {
        Ok(phone) => phone,
        Err(response) => return response,
    };
    let Some(id) = state.store.find_by_phone(&phone) else {
        return message(StatusCode::NOT_FOUND, "Контрагент не найден.");
    };

    // The password is accepted only after a flash call, like the real
    // service, so tests notice a client that skips send_password.
    let password = body.get("password").and_then(Value::as_str);
    if password != Some(seed::PASSWORD) || !state.store.take_password(&phone) {
        return validation([("password", "Неверный код из звонка.".to_owned())]);
    }

    let token = state.store.issue_token(id);
    let Some(Value::Object(mut counterparty)) = state.store.counterparty(id) else {
        return message(StatusCode::NOT_FOUND, "Контрагент не найден.");
    };
    counterparty.insert("access_token".to_owned(), json!({ "value": token }));
    tracing::debug!(counterparty = id, "signed in");
    (
        StatusCode::OK,
        Json(json!({ "counterparty": counterparty })),
    )
        .into_response()
}

async fn logout(State(state): State<SandboxState>, customer: Customer, body: Bytes) -> Response {
    // Logout works with an empty body too, meaning "this device only".
    let from_all_devices = serde_json::from_slice::<Value>(&body)
        .ok()
        .and_then(|body| body.get("from_all_devices").and_then(Value::as_bool))
        .unwrap_or(false);

    if from_all_devices {
        state.store.revoke_all_tokens(customer.id);
    } else {
        state.store.revoke_token(&customer.token);
    }
    message(StatusCode::OK, "Successfully logged out")
}

async fn show(State(state): State<SandboxState>, customer: Customer) -> Response {
    match state.store.counterparty(customer.id) {
        Some(counterparty) => (
            StatusCode::OK,
            Json(json!({ "counterparty": counterparty })),
        )
            .into_response(),
        None => unauthenticated(),
    }
}

async fn update(State(state): State<SandboxState>, customer: Customer, body: Bytes) -> Response {
    let body = match json_object(&body) {
        Ok(body) => body,
        Err(response) => return response,
    };
    let changes = match validate_changes(&body, &state.store) {
        Ok(changes) => changes,
        Err(errors) => return validation(errors),
    };

    let now = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Micros, true);
    match state.store.update(customer.id, changes, now) {
        Some(counterparty) => (
            StatusCode::OK,
            Json(json!({ "counterparty": counterparty })),
        )
            .into_response(),
        None => unauthenticated(),
    }
}

async fn destroy(State(state): State<SandboxState>, customer: Customer) -> Response {
    if !state.store.delete(customer.id) {
        return unauthenticated();
    }
    tracing::debug!(counterparty = customer.id, "counterparty deleted");
    message(StatusCode::OK, "Ваш аккаунт удалён.")
}

/// Checks a PUT body field by field, as Laravel's validator would, and
/// returns the stored values: an empty string or 0 becomes null (Laravel's
/// `ConvertEmptyStringsToNull`). Fields the API does not accept, `phone_1`
/// among them, are ignored.
fn validate_changes(
    body: &Map<String, Value>,
    store: &Store,
) -> Result<Map<String, Value>, Vec<(&'static str, String)>> {
    let mut changes = Map::new();
    let mut errors = Vec::new();

    for (field, label, max_chars) in [
        ("first_name", "имя", MAX_NAME_CHARS),
        ("last_name", "фамилия", MAX_NAME_CHARS),
        ("email", "email", MAX_NAME_CHARS),
        ("address", "адрес", MAX_ADDRESS_CHARS),
    ] {
        let Some(value) = body.get(field) else {
            continue;
        };
        match value {
            Value::Null => {
                changes.insert(field.to_owned(), Value::Null);
            }
            Value::String(text) if text.is_empty() => {
                changes.insert(field.to_owned(), Value::Null);
            }
            Value::String(text) if text.chars().count() > max_chars => {
                errors.push((
                    field,
                    format!("Количество символов в поле {label} не может превышать {max_chars}."),
                ));
            }
            Value::String(text) if field == "email" && !is_valid_email(text) => {
                errors.push((
                    field,
                    "Значение поля email должно быть действительным электронным адресом."
                        .to_owned(),
                ));
            }
            Value::String(text) => {
                changes.insert(field.to_owned(), Value::String(text.clone()));
            }
            _ => errors.push((field, format!("Значение поля {label} должно быть строкой."))),
        }
    }

    if let Some(avatar_id) = body.get("avatar_id") {
        match avatar_id {
            Value::Null => {
                changes.insert("avatar".to_owned(), Value::Null);
            }
            Value::Number(number) if number.as_u64() == Some(0) => {
                changes.insert("avatar".to_owned(), Value::Null);
            }
            Value::String(text) if text.is_empty() => {
                changes.insert("avatar".to_owned(), Value::Null);
            }
            Value::Number(number) if number.as_u64().and_then(|id| store.file(id)).is_some() => {
                let file = number
                    .as_u64()
                    .and_then(|id| store.file(id))
                    .expect("checked above");
                changes.insert("avatar".to_owned(), file);
            }
            _ => errors.push((
                "avatar_id",
                "Выбранное значение для avatar id некорректно.".to_owned(),
            )),
        }
    }

    if errors.is_empty() {
        Ok(changes)
    } else {
        Err(errors)
    }
}

/// The shape Laravel's `email` rule accepts in practice: one `@`, a
/// non-empty local part, and a dotted domain, with no spaces.
fn is_valid_email(text: &str) -> bool {
    let Some((local, domain)) = text.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && !text.chars().any(char::is_whitespace)
        && domain.split('.').count() >= 2
        && domain.split('.').all(|label| !label.is_empty())
}

pub(crate) fn phone_field(body: &Map<String, Value>) -> Result<String, Response> {
    let problem = match body.get("phone") {
        None | Some(Value::Null) => "Поле телефон обязательно для заполнения.",
        Some(Value::String(phone))
            if phone.len() == 11
                && phone.starts_with('7')
                && phone.bytes().all(|b| b.is_ascii_digit()) =>
        {
            return Ok(phone.clone());
        }
        Some(Value::String(_)) => "Поле телефон должно содержать 11 цифр и начинаться с 7.",
        Some(_) => "Значение поля телефон должно быть строкой.",
    };
    Err(validation([("phone", problem.to_owned())]))
}

pub(crate) fn json_object(body: &[u8]) -> Result<Map<String, Value>, Response> {
    match serde_json::from_slice::<Value>(body) {
        Ok(Value::Object(object)) => Ok(object),
        _ => Err(message(
            StatusCode::BAD_REQUEST,
            "Тело запроса должно быть объектом JSON.",
        )),
    }
}

pub(crate) fn message(status: StatusCode, text: &str) -> Response {
    (status, Json(json!({ "message": text }))).into_response()
}

fn unauthenticated() -> Response {
    message(StatusCode::UNAUTHORIZED, "Unauthenticated.")
}

/// A 422 in Laravel's shape. The summary is the first message, followed by
/// the count of the others, as Laravel writes it.
pub(crate) fn validation(errors: impl IntoIterator<Item = (&'static str, String)>) -> Response {
    let mut fields: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for (field, text) in errors {
        fields.entry(field).or_default().push(text);
    }

    let total: usize = fields.values().map(Vec::len).sum();
    let first = fields
        .values()
        .flatten()
        .next()
        .cloned()
        .unwrap_or_default();
    let summary = match total {
        0 | 1 => first,
        _ => format!("{first} (и ещё ошибок: {})", total - 1),
    };
    (
        StatusCode::UNPROCESSABLE_ENTITY,
        Json(json!({ "message": summary, "errors": fields })),
    )
        .into_response()
}

pub(crate) fn redact_phone(phone: &str) -> String {
    format!("{}*****{}", &phone[..4], &phone[phone.len() - 2..])
}

//! Sign-in by an incoming call: init, status and exchange, in both reported
//! versions of the contract.

use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Map, Value};

use crate::routes::{json_object, message, phone_field, redact_phone, validation, SandboxState};
use crate::store::CallbackAttempt;
use crate::CallbackAuthVersion;

/// The number customers of the sandbox are told to call. It belongs to no
/// one: the sandbox never receives calls.
const CALLBACK_NUMBER: &str = "78000000000";

pub(crate) async fn init(State(state): State<SandboxState>, body: Bytes) -> Response {
    let body = match json_object(&body) {
        Ok(body) => body,
        Err(response) => return response,
    };
    let phone = match phone_field(&body) {
        Ok(phone) => phone,
        Err(response) => return response,
    };
    let Some(client_nonce) = body
        .get("client_nonce")
        .and_then(Value::as_str)
        .filter(|nonce| is_valid_nonce(nonce))
    else {
        return validation([(
            "client_nonce",
            "Поле client_nonce должно содержать от 32 до 128 символов base64url.".to_owned(),
        )]);
    };
    if state.store.find_by_phone(&phone).is_none() {
        return message(StatusCode::NOT_FOUND, "Контрагент не найден.");
    }

    let session_token = state.store.start_callback(&phone, client_nonce);
    if let Some(delay) = state.callback.auto_confirm_after {
        let store = state.store.clone();
        let token = session_token.clone();
        tokio::spawn(async move {
            tokio::time::sleep(delay).await;
            store.confirm_callback(&token);
        });
    }

    tracing::debug!(phone = %redact_phone(&phone), "callback sign-in started");
    let expires_at = chrono::Utc::now() + state.callback.lifetime;
    Json(json!({
        "session_token": session_token,
        "callback_number": CALLBACK_NUMBER,
        "expires_at": expires_at.to_rfc3339_opts(chrono::SecondsFormat::Micros, true),
    }))
    .into_response()
}

pub(crate) async fn status(State(state): State<SandboxState>, body: Bytes) -> Response {
    let (session_token, attempt) = match find_attempt(&state, &body) {
        Ok(found) => found,
        Err(response) => return response,
    };

    let lifetime = state.callback.lifetime;
    let remaining = lifetime.saturating_sub(attempt.started.elapsed());
    let now = chrono::Utc::now();
    let mut answer = json!({
        "expires_at": (now + remaining).to_rfc3339_opts(chrono::SecondsFormat::Micros, true),
        "server_time": now.to_rfc3339_opts(chrono::SecondsFormat::Micros, true),
        "remaining_seconds": remaining.as_secs(),
    });

    let status = match attempt.confirmed {
        Some(_) if state.callback.version == CallbackAuthVersion::TokenInStatus => {
            // The older contract hands out the token right here, once.
            let Some(id) = state.store.find_by_phone(&attempt.phone) else {
                return message(StatusCode::NOT_FOUND, "Контрагент не найден.");
            };
            state.store.finish_callback(&session_token);
            answer["access_token"] = json!(state.store.issue_token(id));
            "verified"
        }
        Some(_) => "verified",
        None if remaining.is_zero() => "expired",
        None => "pending",
    };
    answer["status"] = json!(status);
    Json(answer).into_response()
}

pub(crate) async fn exchange(State(state): State<SandboxState>, body: Bytes) -> Response {
    if state.callback.version == CallbackAuthVersion::TokenInStatus {
        return message(StatusCode::NOT_FOUND, "Not Found");
    }
    let (session_token, attempt) = match find_attempt(&state, &body) {
        Ok(found) => found,
        Err(response) => return response,
    };

    let Some(confirmed) = attempt.confirmed else {
        if attempt.started.elapsed() >= state.callback.lifetime {
            return message(StatusCode::GONE, "Сессия входа истекла.");
        }
        return message(StatusCode::CONFLICT, "Звонок ещё не подтверждён.");
    };
    if confirmed.elapsed() > state.callback.exchange_window {
        state.store.finish_callback(&session_token);
        return message(StatusCode::GONE, "Сессия входа истекла.");
    }
    let Some(id) = state.store.find_by_phone(&attempt.phone) else {
        return message(StatusCode::NOT_FOUND, "Контрагент не найден.");
    };

    state.store.finish_callback(&session_token);
    tracing::debug!(counterparty = id, "signed in by callback");
    Json(json!({ "access_token": state.store.issue_token(id) })).into_response()
}

/// Reads `session_token` and `client_nonce` from the body and finds the
/// attempt they name; 404 when there is none.
fn find_attempt(state: &SandboxState, body: &[u8]) -> Result<(String, CallbackAttempt), Response> {
    let body: Map<String, Value> = json_object(body)?;
    let field = |name: &str| {
        body.get(name)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned()
    };
    let session_token = field("session_token");

    match state.store.callback(&session_token, &field("client_nonce")) {
        Some(attempt) => Ok((session_token, attempt)),
        None => Err(message(StatusCode::NOT_FOUND, "Сессия входа не найдена.")),
    }
}

/// 32 to 128 characters of the base64url alphabet.
fn is_valid_nonce(nonce: &str) -> bool {
    (32..=128).contains(&nonce.len())
        && nonce
            .bytes()
            .all(|byte| byte.is_ascii_alphanumeric() || byte == b'-' || byte == b'_')
}

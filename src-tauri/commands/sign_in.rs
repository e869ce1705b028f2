//! Signing in: by a flash call with a 4-digit code, or by calling a number.

use std::time::Duration;

use gigma_api::{CallbackStatus, Counterparty, Phone, SessionToken};
use serde::Serialize;
use tauri::State;

use crate::error::CommandError;
use crate::state::{AppState, PendingCallback, Session};

/// How long a sign-in by call lives when the server does not say.
const DEFAULT_CALLBACK_LIFETIME: Duration = Duration::from_secs(5 * 60);

/// Asks the shop to call the customer; the last 4 digits of the calling
/// number are the sign-in code.
#[tauri::command]
pub async fn send_password(state: State<'_, AppState>, phone: String) -> Result<(), CommandError> {
    let phone = Phone::parse(&phone).map_err(|_| CommandError::InvalidPhone)?;
    let shop = state.shop().await?;

    shop.client.send_password(&phone).await?;
    tracing::info!(%phone, "flash call requested");
    Ok(())
}

#[tauri::command]
pub async fn login(
    state: State<'_, AppState>,
    phone: String,
    code: String,
) -> Result<Counterparty, CommandError> {
    let phone = Phone::parse(&phone).map_err(|_| CommandError::InvalidPhone)?;
    let code = code.trim();
    if code.len() != 4 || !code.bytes().all(|byte| byte.is_ascii_digit()) {
        return Err(CommandError::InvalidCode);
    }
    let shop = state.shop().await?;

    let sign_in = shop
        .client
        .login(&phone, code, Some(&device_name()))
        .await?;
    tracing::info!(%phone, counterparty = sign_in.counterparty.id, "signed in by code");

    let session = Session {
        shop,
        token: sign_in.token,
        phone: Some(phone),
    };
    state.begin_session(session, &sign_in.counterparty).await;
    Ok(sign_in.counterparty)
}

#[derive(Debug, Serialize)]
pub struct CallbackStarted {
    /// The number to call, 11 digits starting with 7.
    pub callback_number: String,
    pub expires_in_secs: u64,
}

/// Starts a sign-in by call: the customer calls the returned number from
/// their phone, and the UI polls [`poll_callback_auth`].
#[tauri::command]
pub async fn start_callback_auth(
    state: State<'_, AppState>,
    phone: String,
) -> Result<CallbackStarted, CommandError> {
    let phone = Phone::parse(&phone).map_err(|_| CommandError::InvalidPhone)?;
    let shop = state.shop().await?;

    let attempt = shop.client.callback_auth_init(&phone).await?;
    let expires_in = attempt.expires_in().unwrap_or(DEFAULT_CALLBACK_LIFETIME);
    let started = CallbackStarted {
        callback_number: attempt.callback_number.clone(),
        expires_in_secs: expires_in.as_secs(),
    };

    tracing::info!(%phone, "sign-in by call started");
    state.set_pending_callback(Some(PendingCallback {
        shop,
        phone,
        attempt,
    }));
    Ok(started)
}

#[derive(Debug, Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum CallbackProgress {
    Pending { remaining_secs: Option<u64> },
    Expired,
    SignedIn { counterparty: Box<Counterparty> },
}

/// Checks whether the customer has called; once they have, finishes the
/// sign-in and returns the profile.
#[tauri::command]
pub async fn poll_callback_auth(
    state: State<'_, AppState>,
) -> Result<CallbackProgress, CommandError> {
    let pending = state.pending_callback().ok_or(CommandError::NotFound)?;
    let client = &pending.shop.client;

    let token = match client.callback_auth_status(&pending.attempt).await {
        Ok(CallbackStatus::Pending { remaining }) => {
            return Ok(CallbackProgress::Pending {
                remaining_secs: remaining.map(|remaining| remaining.as_secs()),
            })
        }
        Ok(CallbackStatus::Expired) => {
            state.set_pending_callback(None);
            return Ok(CallbackProgress::Expired);
        }
        Ok(CallbackStatus::Verified { token: Some(token) }) => token,
        Ok(CallbackStatus::Verified { token: None }) => exchange(&state, &pending).await?,
        Err(error) => return Err(forget_attempt_if_final(&state, error.into())),
    };

    state.set_pending_callback(None);
    let counterparty = client.counterparty(&token).await?;
    tracing::info!(phone = %pending.phone, counterparty = counterparty.id, "signed in by call");

    let session = Session {
        shop: pending.shop,
        token,
        phone: Some(pending.phone),
    };
    state.begin_session(session, &counterparty).await;
    Ok(CallbackProgress::SignedIn {
        counterparty: Box::new(counterparty),
    })
}

async fn exchange(
    state: &AppState,
    pending: &PendingCallback,
) -> Result<SessionToken, CommandError> {
    match pending
        .shop
        .client
        .callback_auth_exchange(&pending.attempt)
        .await
    {
        Ok(token) => Ok(token),
        Err(error) => Err(forget_attempt_if_final(state, error.into())),
    }
}

/// An unknown or expired attempt can never succeed, so it is dropped and the
/// next poll reports that nothing is pending.
fn forget_attempt_if_final(state: &AppState, error: CommandError) -> CommandError {
    if matches!(error, CommandError::NotFound | CommandError::Gone) {
        state.set_pending_callback(None);
    }
    error
}

#[tauri::command]
pub async fn cancel_callback_auth(state: State<'_, AppState>) -> Result<(), CommandError> {
    state.set_pending_callback(None);
    Ok(())
}

/// The device name sent at sign-in, which the shop may show in its list of
/// sessions.
fn device_name() -> String {
    format!("Gigma Profile ({})", std::env::consts::OS)
}

//! The saved session: restoring it at start-up and signing out.

use gigma_api::Counterparty;
use serde::Serialize;
use tauri::State;

use crate::error::CommandError;
use crate::state::AppState;

#[derive(Debug, Serialize)]
pub struct RestoredSession {
    /// The phone the session was issued to, for the sign-in screen in case
    /// the server no longer accepts the session.
    pub phone: Option<String>,
    /// The profile as last loaded, to paint the card at once; the UI then
    /// refreshes it with `load_counterparty`.
    pub counterparty: Option<Counterparty>,
    /// When that profile was loaded (RFC 3339), for "data from …" when the
    /// server cannot be reached.
    pub cached_at: Option<String>,
}

/// Restores the session an earlier run saved in the keychain, with the
/// cached profile. Returns `null` when there is none, or no shop is set.
#[tauri::command]
pub async fn restore_session(
    state: State<'_, AppState>,
) -> Result<Option<RestoredSession>, CommandError> {
    if state.demo.lock().await.is_some() || !state.shop_configured() {
        return Ok(None);
    }

    let Some((session, cached)) = state.restore_session().await? else {
        return Ok(None);
    };
    tracing::info!(
        cached_profile = cached.is_some(),
        "session restored from the keychain"
    );
    crate::bench::milestone("restore_done", None);
    Ok(Some(RestoredSession {
        phone: session.phone.map(|phone| phone.as_str().to_owned()),
        cached_at: cached.as_ref().map(|cached| cached.saved_at.to_rfc3339()),
        counterparty: cached.map(|cached| cached.counterparty),
    }))
}

#[derive(Debug, Serialize)]
pub struct SignedOut {
    /// Whether the server confirmed the sign-out. Local data is forgotten
    /// either way.
    pub server_signed_out: bool,
}

/// Signs out on the server, of this device or of all the customer's
/// devices, and forgets the session here: the keychain entry and the cached
/// profile. A failed server call does not keep the customer signed in here.
#[tauri::command(rename_all = "snake_case")]
pub async fn sign_out(
    state: State<'_, AppState>,
    all_devices: bool,
) -> Result<SignedOut, CommandError> {
    let Some(session) = state.end_session().await else {
        return Ok(SignedOut {
            server_signed_out: true,
        });
    };

    let server_signed_out = match session.client().logout(&session.token, all_devices).await {
        Ok(()) => true,
        Err(error) => {
            tracing::warn!(%error, "server sign-out failed; the session is forgotten here anyway");
            false
        }
    };
    tracing::info!(all_devices, server_signed_out, "signed out");
    Ok(SignedOut { server_signed_out })
}

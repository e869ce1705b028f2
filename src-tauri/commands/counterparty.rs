//! The signed-in customer's profile: read, change, delete.

use gigma_api::{Counterparty, CounterpartyChanges};
use serde::Serialize;
use tauri::State;

use crate::error::CommandError;
use crate::state::AppState;

#[tauri::command]
pub async fn load_counterparty(state: State<'_, AppState>) -> Result<Counterparty, CommandError> {
    let session = state.session()?;

    let result = session.client().counterparty(&session.token).await;
    let counterparty = end_session_if_rejected(&state, result.map_err(CommandError::from)).await?;
    state.cache_profile(&counterparty);
    Ok(counterparty)
}

/// Sends only the changed fields; a field set to `null` is cleared.
#[tauri::command]
pub async fn update_counterparty(
    state: State<'_, AppState>,
    changes: CounterpartyChanges,
) -> Result<Counterparty, CommandError> {
    let session = state.session()?;
    tracing::info!(fields = ?changes.field_names(), "saving profile changes");

    let result = session
        .client()
        .update_counterparty(&session.token, &changes)
        .await;
    let counterparty = end_session_if_rejected(&state, result.map_err(CommandError::from)).await?;
    state.cache_profile(&counterparty);
    Ok(counterparty)
}

#[derive(Debug, Serialize)]
pub struct Deleted {
    /// The server's message, if it sent one.
    pub message: Option<String>,
}

/// Deletes the account and forgets the session, which the server revoked.
#[tauri::command]
pub async fn delete_counterparty(state: State<'_, AppState>) -> Result<Deleted, CommandError> {
    let session = state.session()?;

    let result = session.client().delete_counterparty(&session.token).await;
    let message = end_session_if_rejected(&state, result.map_err(CommandError::from)).await?;

    state.end_session().await;
    tracing::info!("account deleted");
    Ok(Deleted { message })
}

/// A 401 means the server no longer accepts the token, so the session and
/// what was saved for it are forgotten: keeping them would only fail again.
async fn end_session_if_rejected<T>(
    state: &AppState,
    result: Result<T, CommandError>,
) -> Result<T, CommandError> {
    if matches!(result, Err(CommandError::Unauthorized)) {
        state.end_session().await;
    }
    result
}

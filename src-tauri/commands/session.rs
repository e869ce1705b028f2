//! Signing in (by flash call or into the demo) and out.

use gigma_api::{BaseUrl, Counterparty, Phone};
use gigma_sandbox::{seed, Sandbox, SandboxConfig};
use tauri::State;

use crate::error::CommandError;
use crate::state::{build_client, AppState, Session};

/// Asks the shop to call the customer; the last 4 digits of the calling
/// number are the sign-in code.
#[tauri::command]
pub async fn send_password(state: State<'_, AppState>, phone: String) -> Result<(), CommandError> {
    let phone = Phone::parse(&phone).map_err(|_| CommandError::InvalidPhone)?;
    let client = state.shop_client()?;

    client.send_password(&phone).await?;
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
    let client = state.shop_client()?;

    let sign_in = client.login(&phone, code, Some(&device_name())).await?;
    tracing::info!(%phone, counterparty = sign_in.counterparty.id, "signed in");

    state.set_session(Session {
        client,
        token: sign_in.token,
        demo: false,
    });
    Ok(sign_in.counterparty)
}

/// Starts a fresh sandbox on 127.0.0.1 and signs in as its seeded customer,
/// so every screen can be tried without an account.
#[tauri::command]
pub async fn start_demo(state: State<'_, AppState>) -> Result<Counterparty, CommandError> {
    let demo_failed = |detail: String| {
        tracing::error!(%detail, "demo failed to start");
        CommandError::DemoFailed { detail }
    };

    // A new sandbox each time, so a demo account deleted earlier is back.
    let mut running = state.sandbox.lock().await;
    if let Some(old) = running.take() {
        old.stop().await;
    }
    let sandbox = Sandbox::start(SandboxConfig::default())
        .await
        .map_err(|error| demo_failed(error.to_string()))?;

    let base_url =
        BaseUrl::parse(&sandbox.base_url()).map_err(|error| demo_failed(error.to_string()))?;
    let client = build_client(base_url, seed::APP_TOKEN.to_owned())?;
    let phone = Phone::parse(seed::PHONE).map_err(|error| demo_failed(error.to_string()))?;

    // The demo goes through the same flash-call sign-in as a real shop, so
    // it exercises the real client code.
    client
        .send_password(&phone)
        .await
        .map_err(|error| demo_failed(error.to_string()))?;
    let sign_in = client
        .login(&phone, seed::PASSWORD, Some(&device_name()))
        .await
        .map_err(|error| demo_failed(error.to_string()))?;

    tracing::info!(addr = %sandbox.addr(), "demo started");
    *running = Some(sandbox);
    state.set_session(Session {
        client,
        token: sign_in.token,
        demo: true,
    });
    Ok(sign_in.counterparty)
}

/// Signs out on the server and forgets the session here. A failed server
/// call is logged but does not keep the customer signed in locally.
#[tauri::command]
pub async fn sign_out(state: State<'_, AppState>) -> Result<(), CommandError> {
    let Ok(session) = state.session() else {
        return Ok(());
    };
    state.forget_session();

    if let Err(error) = session.client.logout(&session.token, false).await {
        tracing::warn!(%error, "server sign-out failed; the session is forgotten locally anyway");
    }
    if session.demo {
        if let Some(sandbox) = state.sandbox.lock().await.take() {
            sandbox.stop().await;
        }
    }
    tracing::info!("signed out");
    Ok(())
}

/// The device name sent at sign-in, which the shop may show in its list of
/// sessions.
fn device_name() -> String {
    format!("Gigma Profile ({})", std::env::consts::OS)
}

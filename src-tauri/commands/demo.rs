//! The demo: a sandbox inside the app, so every screen can be tried without
//! an account.

use std::time::Duration;

use gigma_api::{BaseUrl, Counterparty, Phone};
use gigma_sandbox::{seed, Sandbox, SandboxConfig};
use tauri::State;

use crate::error::CommandError;
use crate::state::{AppState, Demo, Session, Shop};

/// How long after a sign-in by call starts the demo treats the call as
/// made: long enough to see the waiting screen, short enough not to bore.
const DEMO_CALL_DELAY: Duration = Duration::from_secs(4);

/// Starts a fresh sandbox on 127.0.0.1 and signs in as its seeded customer.
/// Until [`leave_demo`], sign-in goes to the sandbox, so both sign-in
/// methods can be tried after signing out.
#[tauri::command]
pub async fn start_demo(state: State<'_, AppState>) -> Result<Counterparty, CommandError> {
    let demo_failed = |detail: String| {
        tracing::error!(%detail, "demo failed to start");
        CommandError::DemoFailed { detail }
    };

    // A new sandbox each time, so a demo account deleted earlier is back.
    let mut running = state.demo.lock().await;
    if let Some(old) = running.take() {
        old.sandbox.stop().await;
    }
    state.end_session().await;

    let mut config = SandboxConfig::default();
    config.callback_auth.auto_confirm_after = Some(DEMO_CALL_DELAY);
    let sandbox = Sandbox::start(config)
        .await
        .map_err(|error| demo_failed(error.to_string()))?;

    let base_url =
        BaseUrl::parse(&sandbox.base_url()).map_err(|error| demo_failed(error.to_string()))?;
    let client = state.build_client(base_url, seed::APP_TOKEN.to_owned())?;
    let phone = Phone::parse(seed::PHONE).map_err(|error| demo_failed(error.to_string()))?;

    // The demo goes through the same flash-call sign-in as a real shop, so
    // it exercises the real client code.
    client
        .send_password(&phone)
        .await
        .map_err(|error| demo_failed(error.to_string()))?;
    let sign_in = client
        .login(&phone, seed::PASSWORD, None)
        .await
        .map_err(|error| demo_failed(error.to_string()))?;

    tracing::info!(addr = %sandbox.addr(), "demo started");
    *running = Some(Demo {
        sandbox,
        client: client.clone(),
    });
    drop(running);

    let session = Session {
        shop: Shop { client, key: None },
        token: sign_in.token,
        phone: Some(phone),
    };
    state.begin_session(session, &sign_in.counterparty).await;
    Ok(sign_in.counterparty)
}

/// Stops the sandbox and returns to the real shop, if one is configured.
#[tauri::command]
pub async fn leave_demo(state: State<'_, AppState>) -> Result<(), CommandError> {
    let demo = state.demo.lock().await.take();
    if let Some(demo) = demo {
        if state.session().is_ok_and(|session| session.is_demo()) {
            state.end_session().await;
        }
        state.set_pending_callback(None);
        demo.sandbox.stop().await;
        tracing::info!("demo stopped");
    }
    Ok(())
}

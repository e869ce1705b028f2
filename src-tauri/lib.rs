//! Gigma Profile: the Tauri glue between the UI in `ui/` and the API client.
//!
//! The logic lives in the `gigma-api` and `gigma-sandbox` crates; this crate
//! wires them to commands, state, settings and logging.

pub mod commands;
pub mod error;
pub mod secrets;
pub mod session_store;
pub mod settings;
pub mod state;

use std::io::IsTerminal;
use std::sync::Arc;

use tauri::{Manager, Runtime};
use tracing_subscriber::EnvFilter;

use crate::secrets::KeyringStore;
use crate::settings::ShopDefaults;
use crate::state::AppState;

/// Log levels when `GIGMA_LOG` is not set: our crates at info, the HTTP
/// stack and the sandbox quieter, because their per-request lines drown the
/// app's own.
const DEFAULT_LOG_FILTER: &str = "warn,gigma_profile=info,gigma_api=info,gigma_sandbox=warn";

/// Registers the commands on a builder, for the real app and for tests on
/// Tauri's mock runtime alike. The caller manages an [`AppState`].
pub fn with_commands<R: Runtime>(builder: tauri::Builder<R>) -> tauri::Builder<R> {
    builder.invoke_handler(tauri::generate_handler![
        commands::app::bootstrap,
        commands::app::save_settings,
        commands::sign_in::send_password,
        commands::sign_in::login,
        commands::sign_in::start_callback_auth,
        commands::sign_in::poll_callback_auth,
        commands::sign_in::cancel_callback_auth,
        commands::session::restore_session,
        commands::session::sign_out,
        commands::demo::start_demo,
        commands::demo::leave_demo,
        commands::counterparty::load_counterparty,
        commands::counterparty::update_counterparty,
        commands::counterparty::delete_counterparty,
        commands::draft::save_draft,
        commands::draft::load_draft,
        commands::draft::discard_draft,
    ])
}

pub fn run() {
    init_logging();
    let demo_requested = std::env::args().skip(1).any(|arg| arg == "--demo");

    with_commands(tauri::Builder::default())
        .setup(move |app| {
            let state = AppState::new(
                ShopDefaults::from_build_env(),
                &app.path().app_config_dir()?,
                &app.path().app_data_dir()?,
                Arc::new(KeyringStore),
                demo_requested,
            );
            app.manage(state);
            tracing::info!(version = state::APP_VERSION, demo_requested, "app started");
            Ok(())
        })
        .run(tauri::generate_context!())
        .expect("the Tauri application failed to start");
}

fn init_logging() {
    let filter =
        EnvFilter::try_from_env("GIGMA_LOG").unwrap_or_else(|_| EnvFilter::new(DEFAULT_LOG_FILTER));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .init();
}

//! Gigma Profile: the Tauri glue between the UI in `ui/` and the API client.
//!
//! The logic lives in the `gigma-api` and `gigma-sandbox` crates; this crate
//! wires them to commands, state, settings and logging.

pub mod avatar_cache;
pub mod bench;
pub mod commands;
pub mod error;
pub mod logging;
pub mod secrets;
pub mod session_store;
pub mod settings;
pub mod state;

use std::sync::Arc;

use tauri::webview::PageLoadEvent;
use tauri::{Manager, Runtime};
use tauri_plugin_window_state::StateFlags;

use crate::secrets::KeyringStore;
use crate::settings::ShopDefaults;
use crate::state::AppState;

/// Registers the commands on a builder, for the real app and for tests on
/// Tauri's mock runtime alike. The caller manages an [`AppState`].
pub fn with_commands<R: Runtime>(builder: tauri::Builder<R>) -> tauri::Builder<R> {
    builder.invoke_handler(tauri::generate_handler![
        commands::app::bootstrap,
        commands::app::keychain_status,
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
        commands::avatar::pick_avatar,
        commands::avatar::avatar_preview,
        commands::avatar::save_avatar,
        commands::avatar::cancel_avatar,
        commands::avatar::remove_avatar,
        commands::avatar::avatar_image,
        commands::extras::suggest_address,
        commands::extras::diagnostics,
        commands::extras::export_profile,
        bench::bench_milestone,
    ])
}

pub fn run() {
    bench::milestone("main", None);
    prepare_webkit_environment();
    let _log_guard = logging::init();
    let demo_requested = std::env::args().skip(1).any(|arg| arg == "--demo");

    let builder = tauri::Builder::default()
        // A second launch hands over to the running app, which comes to the
        // front, so two windows never fight over one keychain session.
        .plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
            if let Some(window) = app.get_webview_window("main") {
                let _ = window.unminimize();
                let _ = window.show();
                let _ = window.set_focus();
            }
        }))
        // Size and position are remembered; visibility is not, because the
        // window opens hidden and shows itself once the page has loaded.
        .plugin(
            tauri_plugin_window_state::Builder::new()
                .with_state_flags(StateFlags::all() - StateFlags::VISIBLE)
                .build(),
        )
        .plugin(tauri_plugin_dialog::init())
        // Tauri handles file drops itself, so the page never receives them; a
        // dropped photo is opened here and announced to the UI by event.
        .on_window_event(|window, event| {
            if let tauri::WindowEvent::DragDrop(tauri::DragDropEvent::Drop { paths, .. }) = event {
                commands::avatar::photo_dropped(window.app_handle(), paths.clone());
            }
        })
        .on_page_load(|webview, payload| {
            if payload.event() == PageLoadEvent::Finished {
                bench::milestone("page_loaded", None);
                let _ = webview.window().show();
                bench::milestone("window_shown", None);
            }
        });

    with_commands(builder)
        .setup(move |app| {
            let state = AppState::new(
                ShopDefaults::from_build_env(),
                &app.path().app_config_dir()?,
                &app.path().app_data_dir()?,
                Arc::new(KeyringStore),
                demo_requested,
            );
            app.manage(state);

            // Bootstrap and restore_session wait for the keychain. Reading
            // it now lets that run while the webview loads the page.
            let handle = app.handle().clone();
            tauri::async_runtime::spawn(async move {
                handle.state::<AppState>().prefetch_keychain().await;
            });

            if bench::enabled() {
                bench::allow_milestone_command(app)?;
            }
            tracing::info!(version = state::APP_VERSION, demo_requested, "app started");
            bench::milestone("setup_done", None);
            Ok(())
        })
        .run(tauri::generate_context!())
        .expect("the Tauri application failed to start");
}

/// WebKitGTK's DMA-BUF renderer shows a blank window on some GPUs and
/// virtual machines. Turning it off costs nothing visible in this app, so it
/// is off unless the user set the variable either way.
fn prepare_webkit_environment() {
    #[cfg(target_os = "linux")]
    if std::env::var_os("WEBKIT_DISABLE_DMABUF_RENDERER").is_none() {
        // Safe here: no other thread has started yet.
        std::env::set_var("WEBKIT_DISABLE_DMABUF_RENDERER", "1");
    }
}

//! What goes beyond the API: address suggestions, the diagnostics report,
//! and exporting the customer's data.

use std::path::{Path, PathBuf};

use gigma_api::suggestions::AddressSuggestions;
use serde::Serialize;
use tauri::{AppHandle, Runtime, State};
use tauri_plugin_dialog::DialogExt;

use crate::error::CommandError;
use crate::state::{lock, AppState, APP_VERSION};

/// Queries shorter than this are not sent: a suggestion needs a street.
const MIN_QUERY_CHARS: usize = 3;

/// Addresses that start like `query`; empty when the shop has no
/// suggestion service, so the field stays free text.
#[tauri::command]
pub async fn suggest_address(
    state: State<'_, AppState>,
    query: String,
) -> Result<Vec<String>, CommandError> {
    let query = query.trim();
    if query.chars().count() < MIN_QUERY_CHARS {
        return Ok(Vec::new());
    }

    // The demo sends queries to its sandbox, which serves the same contract.
    let demo_url = state.demo.lock().await.as_ref().map(|demo| {
        format!(
            "{}/suggestions/api/4_1/rs/suggest/address",
            demo.sandbox.base_url()
        )
    });
    let (url, key) = match (demo_url, &state.shop_defaults.suggestions_key) {
        (Some(url), _) => (url, "sandbox".to_owned()),
        (None, Some(key)) => (state.shop_defaults.suggestions_url.clone(), key.clone()),
        (None, None) => return Ok(Vec::new()),
    };

    let suggestions = AddressSuggestions::new(&url, key, APP_VERSION)?;
    Ok(suggestions.suggest(query).await?)
}

/// A plain-text report for support: version, system, settings in effect and
/// the latest warnings. It holds no token, phone number or e-mail, since the
/// log lines it quotes never contain them in full.
#[tauri::command]
pub async fn diagnostics(state: State<'_, AppState>) -> Result<String, CommandError> {
    let settings = state.settings();
    let mut report = format!(
        "Gigma Profile {APP_VERSION}\nSystem: {} {}\nLocale: {}\nShop: {}\nAPI address: {}\nKeychain: {}\nSigned in: {}\n",
        std::env::consts::OS,
        std::env::consts::ARCH,
        state.system_locale,
        state.shop_defaults.name,
        state.base_url().unwrap_or_else(|| "not set".to_owned()),
        if state.keychain_available().await { "available" } else { "unavailable" },
        match state.session() {
            Ok(session) if session.is_demo() => "demo",
            Ok(_) => "yes",
            Err(_) => "no",
        },
    );
    report.push_str(&format!(
        "Language: {:?}, theme: {:?}\n",
        settings.language, settings.theme
    ));
    if let Some(dir) = crate::logging::log_dir() {
        report.push_str(&format!("Log folder: {}\n", dir.display()));
    }

    let recent = crate::logging::recent_events();
    report.push_str(&format!(
        "\nRecent warnings and errors ({}):\n",
        recent.len()
    ));
    for line in recent {
        report.push_str(&line);
        report.push('\n');
    }
    Ok(report)
}

#[derive(Debug, Serialize)]
pub struct Exported {
    pub folder: String,
    pub files: Vec<String>,
}

/// Saves the profile as JSON, and the avatar if there is one, into a folder
/// the customer picks; `null` when they cancel.
#[tauri::command]
pub async fn export_profile<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> Result<Option<Exported>, CommandError> {
    let session = state.session()?;
    let counterparty = lock(&state.last_counterparty)
        .clone()
        .ok_or(CommandError::NotSignedIn)?;
    let Some(folder) = choose_folder(&app).await else {
        return Ok(None);
    };

    let mut files = Vec::new();
    let profile_name = format!("gigma-profile-{}.json", counterparty.id);
    let json = serde_json::to_vec_pretty(&counterparty).expect("a counterparty serialises");
    write_export(&folder, &profile_name, &json)?;
    files.push(profile_name);

    if let Some(avatar) = &counterparty.avatar {
        match state.avatars.load(session.shop.key.as_ref(), avatar.id) {
            Some(bytes) => {
                let extension = if bytes.starts_with(b"\x89PNG") {
                    "png"
                } else {
                    "jpg"
                };
                let avatar_name = format!("gigma-profile-{}-avatar.{extension}", counterparty.id);
                write_export(&folder, &avatar_name, &bytes)?;
                files.push(avatar_name);
            }
            // NOTE: an avatar the card never showed is not in the cache and is
            // left out rather than downloaded here.
            None => tracing::info!("the avatar is not cached; exporting the profile only"),
        }
    }

    tracing::info!(files = files.len(), "profile exported");
    Ok(Some(Exported {
        folder: folder.display().to_string(),
        files,
    }))
}

fn write_export(folder: &Path, name: &str, bytes: &[u8]) -> Result<(), CommandError> {
    crate::session_store::write_private(&folder.join(name), bytes).map_err(|error| {
        tracing::warn!(folder = %folder.display(), %error, "export failed");
        CommandError::ExportFailed {
            folder: folder.display().to_string(),
        }
    })
}

/// The folder the dialog returns, or in debug builds the one named by
/// `GIGMA_TEST_EXPORT_DIR`, because the end-to-end test cannot click in a
/// native dialog.
async fn choose_folder<R: Runtime>(app: &AppHandle<R>) -> Option<PathBuf> {
    #[cfg(debug_assertions)]
    if let Some(path) = std::env::var_os("GIGMA_TEST_EXPORT_DIR") {
        return Some(PathBuf::from(path));
    }

    let (sender, receiver) = tokio::sync::oneshot::channel();
    app.dialog().file().pick_folder(move |folder| {
        let _ = sender.send(folder.and_then(|folder| folder.into_path().ok()));
    });
    receiver.await.ok().flatten()
}

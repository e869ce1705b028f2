//! Start-up information and the settings screen.

use gigma_api::BaseUrl;
use serde::{Deserialize, Deserializer, Serialize};
use tauri::State;

use crate::error::CommandError;
use crate::settings::{Language, Settings, Theme};
use crate::state::{AppState, APP_VERSION};

/// The settings as the UI shows them. The app token itself never goes to
/// the UI, only whether one is set.
#[derive(Debug, Serialize)]
pub struct SettingsView {
    pub language: Language,
    pub theme: Theme,
    pub base_url: Option<String>,
    pub app_token_set: bool,
}

#[derive(Debug, Serialize)]
pub struct Bootstrap {
    pub version: &'static str,
    pub system_locale: String,
    pub shop_name: String,
    pub shop_configured: bool,
    pub demo_requested: bool,
    /// The shop's brand colour (`#rrggbb`), when its build sets one.
    pub accent_color: Option<String>,
    pub settings: SettingsView,
    /// Whether the UI reports its milestones through `bench_milestone`
    /// (`GIGMA_BENCH_MILESTONES=1`, for `scripts/bench-app.sh`).
    pub bench_milestones: bool,
}

/// Everything the UI needs before it draws the first screen.
#[tauri::command]
pub async fn bootstrap(state: State<'_, AppState>) -> Result<Bootstrap, CommandError> {
    let bootstrap = Bootstrap {
        version: APP_VERSION,
        system_locale: state.system_locale.clone(),
        shop_name: state.shop_defaults.name.clone(),
        shop_configured: state.shop_configured(),
        demo_requested: state.demo_requested,
        accent_color: state.shop_defaults.accent_color.clone(),
        settings: settings_view(&state),
        bench_milestones: crate::bench::enabled(),
    };
    crate::bench::milestone("bootstrap_done", None);
    Ok(bootstrap)
}

/// Returns whether sessions can be saved in the OS keychain. When they
/// cannot, a sign-in lasts until the app closes. The check writes to the
/// keychain, which takes a few hundred milliseconds on a busy machine, so
/// it is not part of bootstrap: the first screen does not wait for it.
#[tauri::command]
pub async fn keychain_status(state: State<'_, AppState>) -> Result<bool, CommandError> {
    Ok(state.keychain_available().await)
}

/// The settings form. `app_token` has three states: left out keeps the
/// stored token, `null` or an empty string removes it, text replaces it.
#[derive(Debug, Deserialize)]
pub struct SettingsInput {
    pub language: Language,
    pub theme: Theme,
    #[serde(default)]
    pub base_url: Option<String>,
    #[serde(default, deserialize_with = "present")]
    pub app_token: Option<Option<String>>,
}

#[tauri::command]
pub async fn save_settings(
    state: State<'_, AppState>,
    settings: SettingsInput,
) -> Result<SettingsView, CommandError> {
    let base_url = settings
        .base_url
        .map(|value| value.trim().to_owned())
        .filter(|value| !value.is_empty());

    // The address is checked before anything is written, so a typo never
    // replaces a working configuration.
    let parsed_url = match &base_url {
        Some(value) => Some(BaseUrl::parse(value)?),
        None => state
            .shop_defaults
            .base_url
            .as_deref()
            .and_then(|value| BaseUrl::parse(value).ok()),
    };

    if let Some(app_token) = settings.app_token {
        let Some(url) = &parsed_url else {
            return Err(CommandError::NotConfigured);
        };
        let app_token = app_token
            .map(|token| token.trim().to_owned())
            .filter(|token| !token.is_empty());
        state
            .set_app_token(url, app_token.as_deref())
            .map_err(|error| {
                tracing::warn!(%error, "could not store the app token");
                CommandError::Keychain {
                    detail: error.detail,
                }
            })?;
    }

    let new_settings = Settings {
        language: settings.language,
        theme: settings.theme,
        base_url: parsed_url
            .filter(|_| base_url.is_some())
            .map(|url| url.to_string()),
    };
    state.settings_file.save(&new_settings).map_err(|error| {
        tracing::warn!(path = %state.settings_file.path().display(), %error, "could not save settings");
        CommandError::SettingsIo { detail: error.to_string() }
    })?;
    *state
        .settings
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner()) = new_settings;

    tracing::info!("settings saved");
    Ok(settings_view(&state))
}

fn settings_view(state: &AppState) -> SettingsView {
    let settings = state.settings();
    let app_token_set = state
        .base_url()
        .and_then(|value| BaseUrl::parse(&value).ok())
        .is_some_and(|url| matches!(state.app_token(&url), Ok(Some(_))));

    SettingsView {
        language: settings.language,
        theme: settings.theme,
        base_url: state.base_url(),
        app_token_set,
    }
}

/// Tells a field sent as `null` (`Some(None)`) from a missing one (`None`).
fn present<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Option<String>>, D::Error> {
    Option::<String>::deserialize(deserializer).map(Some)
}

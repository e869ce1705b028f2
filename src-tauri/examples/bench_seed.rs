//! Signs in to a running sandbox the way the app does and leaves what a
//! returning customer has: `settings.json` pointing at the sandbox, the app
//! token and the session in the OS keychain, and the cached profile.
//! `scripts/bench-app.sh` runs it before timing starts with a restored
//! session.
//!
//! Usage: `bench-seed SANDBOX_URL`, with the same `XDG_*` folders and
//! session bus as the app that is measured afterwards.

use std::process::ExitCode;
use std::sync::Arc;

use gigma_api::{BaseUrl, Phone};
use gigma_profile::secrets::{KeyringStore, SecretStore};
use gigma_profile::settings::{Settings, SettingsFile, ShopDefaults};
use gigma_profile::state::{AppState, Session};
use gigma_sandbox::seed;

/// The app's identifier, which names its config and data folders.
const IDENTIFIER: &str = "ru.gigma.profile";

fn main() -> ExitCode {
    let Some(url) = std::env::args().nth(1) else {
        eprintln!("usage: bench-seed SANDBOX_URL");
        return ExitCode::from(2);
    };
    match tauri::async_runtime::block_on(seed_returning_customer(&url)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("bench-seed: {message}");
            ExitCode::FAILURE
        }
    }
}

async fn seed_returning_customer(url: &str) -> Result<(), String> {
    let base_url = BaseUrl::parse(url).map_err(|error| format!("invalid sandbox URL: {error}"))?;
    let config_dir = dirs::config_dir()
        .ok_or("no config folder (set XDG_CONFIG_HOME)")?
        .join(IDENTIFIER);
    let data_dir = dirs::data_dir()
        .ok_or("no data folder (set XDG_DATA_HOME)")?
        .join(IDENTIFIER);

    let settings = Settings {
        base_url: Some(base_url.to_string()),
        ..Settings::default()
    };
    SettingsFile::in_dir(&config_dir)
        .save(&settings)
        .map_err(|error| format!("could not write settings.json: {error}"))?;
    KeyringStore
        .set(&AppState::app_token_entry(&base_url), seed::APP_TOKEN)
        .map_err(|error| format!("could not store the app token: {error}"))?;

    let state = AppState::new(
        ShopDefaults::none(),
        &config_dir,
        &data_dir,
        Arc::new(KeyringStore),
        false,
    );
    if !state.keychain_available().await {
        return Err("the keychain does not keep secrets; run inside dbus-run-session with an unlocked gnome-keyring".to_owned());
    }

    let shop = state.real_shop().map_err(|error| error.to_string())?;
    let phone = Phone::parse(seed::PHONE).map_err(|error| error.to_string())?;
    shop.client
        .send_password(&phone)
        .await
        .map_err(|error| format!("send_password failed: {error}"))?;
    let sign_in = shop
        .client
        .login(&phone, seed::PASSWORD, None)
        .await
        .map_err(|error| format!("login failed: {error}"))?;

    let session = Session {
        shop,
        token: sign_in.token,
        phone: Some(phone),
    };
    state.begin_session(session, &sign_in.counterparty).await;

    // begin_session only logs a failed save, so read both back.
    match state.restore_session().await {
        Ok(Some((_, Some(_)))) => Ok(()),
        Ok(Some((_, None))) => Err("the profile was not cached".to_owned()),
        Ok(None) => Err("the session was not saved in the keychain".to_owned()),
        Err(error) => Err(format!("could not read the saved session back: {error}")),
    }
}

//! What the app keeps between commands: settings, the shop's client, the
//! signed-in session and the demo sandbox.

use std::sync::{Arc, Mutex, MutexGuard};

use gigma_api::{BaseUrl, Client, ClientConfig, SessionToken};
use gigma_sandbox::Sandbox;

use crate::error::CommandError;
use crate::secrets::SecretStore;
use crate::settings::{Settings, SettingsFile, ShopDefaults};

/// The app's version, sent in the user agent and shown in the UI.
pub const APP_VERSION: &str = env!("CARGO_PKG_VERSION");

/// A signed-in customer.
#[derive(Clone)]
pub struct Session {
    pub client: Client,
    pub token: SessionToken,
    /// Whether the session belongs to the in-app sandbox.
    pub demo: bool,
}

pub struct AppState {
    pub shop: ShopDefaults,
    pub settings_file: SettingsFile,
    pub settings: Mutex<Settings>,
    pub secrets: Arc<dyn SecretStore>,
    /// Set by `--demo` on the command line.
    pub demo_requested: bool,
    pub system_locale: String,
    session: Mutex<Option<Session>>,
    /// The running demo sandbox; replaced on every demo start.
    pub sandbox: tokio::sync::Mutex<Option<Sandbox>>,
}

impl AppState {
    pub fn new(
        shop: ShopDefaults,
        settings_file: SettingsFile,
        secrets: Arc<dyn SecretStore>,
        demo_requested: bool,
    ) -> Self {
        let settings = settings_file.load();
        Self {
            shop,
            settings_file,
            settings: Mutex::new(settings),
            secrets,
            demo_requested,
            system_locale: sys_locale::get_locale().unwrap_or_else(|| "ru-RU".to_owned()),
            session: Mutex::new(None),
            sandbox: tokio::sync::Mutex::new(None),
        }
    }

    pub fn settings(&self) -> Settings {
        lock(&self.settings).clone()
    }

    /// The API address in effect: the one from the settings screen, else the
    /// one the build was made with.
    pub fn base_url(&self) -> Option<String> {
        lock(&self.settings)
            .base_url
            .clone()
            .or_else(|| self.shop.base_url.clone())
    }

    /// The keychain entry of the app token for one API address, so tokens of
    /// two shops never mix.
    pub fn app_token_entry(base_url: &BaseUrl) -> String {
        format!("app-token {}", base_url.as_url())
    }

    /// The app token in effect: the keychain's for the current address, else
    /// the one the build was made with.
    pub fn app_token(&self, base_url: &BaseUrl) -> Result<Option<String>, CommandError> {
        match self.secrets.get(&Self::app_token_entry(base_url)) {
            Ok(stored) => Ok(stored.or_else(|| self.shop.app_token.clone())),

            // A build made for a shop still works without a keychain, since
            // its token is compiled in.
            Err(error) if self.shop.app_token.is_some() => {
                tracing::warn!(%error, "could not read the app token from the keychain; using the built-in one");
                Ok(self.shop.app_token.clone())
            }
            Err(error) => {
                tracing::warn!(%error, "could not read the app token from the keychain");
                Err(CommandError::Keychain {
                    detail: error.detail,
                })
            }
        }
    }

    /// Whether both the address and the token of a real shop are known.
    pub fn shop_configured(&self) -> bool {
        let Some(base_url) = self
            .base_url()
            .and_then(|value| BaseUrl::parse(&value).ok())
        else {
            return false;
        };
        matches!(self.app_token(&base_url), Ok(Some(_)))
    }

    /// A client for the configured shop.
    pub fn shop_client(&self) -> Result<Client, CommandError> {
        let base_url = self.base_url().ok_or(CommandError::NotConfigured)?;
        let base_url = BaseUrl::parse(&base_url)?;
        let app_token = self
            .app_token(&base_url)?
            .ok_or(CommandError::NotConfigured)?;
        build_client(base_url, app_token)
    }

    pub fn session(&self) -> Result<Session, CommandError> {
        lock(&self.session).clone().ok_or(CommandError::NotSignedIn)
    }

    pub fn is_demo(&self) -> bool {
        lock(&self.session)
            .as_ref()
            .is_some_and(|session| session.demo)
    }

    pub fn set_session(&self, session: Session) {
        *lock(&self.session) = Some(session);
    }

    pub fn forget_session(&self) {
        lock(&self.session).take();
    }
}

pub fn build_client(base_url: BaseUrl, app_token: String) -> Result<Client, CommandError> {
    Client::new(ClientConfig::new(base_url, app_token, APP_VERSION)).map_err(|error| {
        tracing::error!(%error, "could not build the HTTP client");
        CommandError::UnexpectedResponse {
            status: None,
            detail: error.to_string(),
        }
    })
}

/// Locks a mutex, recovering the data if a panicking thread poisoned it:
/// settings and the session stay valid even then.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

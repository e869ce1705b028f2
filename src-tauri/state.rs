//! What the app keeps between commands: settings, the shop, the signed-in
//! session, a sign-in by call in progress, and the demo sandbox.

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use gigma_api::{
    BaseUrl, CallbackAttempt, Client, ClientConfig, Counterparty, Phone, RetryPolicy, SessionToken,
};
use gigma_sandbox::Sandbox;
use tokio::sync::OnceCell;

use crate::avatar_cache::AvatarCache;
use crate::error::CommandError;
use crate::secrets::{SecretError, SecretStore};
use crate::session_store::{self, CachedProfile, SavedSession, ShopFiles, ShopKey};
use crate::settings::{Settings, SettingsFile, ShopDefaults};

/// The keychain's result for a saved session: the session, none, or an error.
type SessionLookup = Result<Option<SavedSession>, SecretError>;

/// The app's version, sent in the user agent and shown in the UI.
pub const APP_VERSION: &str = env!("CARGO_PKG_VERSION");

/// The shop requests go to: a real one, or the demo sandbox.
#[derive(Clone)]
pub struct Shop {
    pub client: Client,
    /// Where this shop's session is saved; `None` for the demo, whose
    /// sandbox lives only as long as the app.
    pub key: Option<ShopKey>,
}

/// A signed-in customer.
#[derive(Clone)]
pub struct Session {
    pub shop: Shop,
    pub token: SessionToken,
    pub phone: Option<Phone>,
}

impl Session {
    pub fn client(&self) -> &Client {
        &self.shop.client
    }

    pub fn is_demo(&self) -> bool {
        self.shop.key.is_none()
    }
}

/// A sign-in by call waiting for the customer's call.
#[derive(Clone)]
pub struct PendingCallback {
    pub shop: Shop,
    pub phone: Phone,
    pub attempt: CallbackAttempt,
}

/// A photo picked for the avatar, read once and kept until it is saved.
pub struct AvatarEdit {
    pub file_name: String,
    pub original: Arc<Vec<u8>>,
    pub preview: gigma_avatar::Preview,
    /// The file uploaded for this photo and crop, kept when setting
    /// `avatar_id` fails so a retry does not upload the same image again.
    pub uploaded: Option<(Option<gigma_avatar::CropRect>, u64)>,
}

/// The in-app sandbox and a client for it.
pub struct Demo {
    pub sandbox: Sandbox,
    pub client: Client,
}

/// How the HTTP client behaves; tests shorten the timeouts.
#[derive(Debug, Clone)]
pub struct ClientOptions {
    pub connect_timeout: Duration,
    pub request_timeout: Duration,
    pub retry: RetryPolicy,
}

impl Default for ClientOptions {
    fn default() -> Self {
        Self {
            connect_timeout: Duration::from_secs(10),
            request_timeout: Duration::from_secs(30),
            retry: RetryPolicy::default(),
        }
    }
}

pub struct AppState {
    pub shop_defaults: ShopDefaults,
    pub client_options: ClientOptions,
    pub settings_file: SettingsFile,
    pub settings: Mutex<Settings>,
    pub secrets: Arc<dyn SecretStore>,
    /// The keychain's value of each app-token entry, read once. Every keychain
    /// read opens a Secret Service session with a key exchange, and bootstrap
    /// and restore_session alone need the token four times.
    // NOTE: a token that another program changes while the app runs is
    // seen only at the next start. The app itself changes it only through
    // set_app_token, which updates this map.
    stored_app_tokens: Mutex<HashMap<String, Option<String>>>,
    /// The last loaded profile of each shop.
    pub profiles: ShopFiles,
    /// The unsaved edit form of each shop.
    pub drafts: ShopFiles,
    /// Avatar images by shop and avatar id.
    pub avatars: AvatarCache,
    /// The photo chosen for a new avatar, until it is saved or replaced.
    pub avatar_edit: Mutex<Option<AvatarEdit>>,
    /// The profile as last loaded, whose avatar the card shows.
    pub last_counterparty: Mutex<Option<Counterparty>>,
    /// The unsaved edit form in the demo, which is never written to disk.
    pub demo_draft: Mutex<Option<serde_json::Value>>,
    /// Set by `--demo` on the command line.
    pub demo_requested: bool,
    pub system_locale: String,
    /// Whether the keychain keeps what is written to it, checked once.
    keychain_available: OnceCell<bool>,
    /// The client of the configured shop with the address and app token it
    /// was built for. Building one loads the system's root certificates
    /// twice (an estimated 10 to 20 ms), so it is reused while both stay
    /// the same.
    real_shop_client: Mutex<Option<(BaseUrl, String, Client)>>,
    /// The saved session read ahead at start-up, with the shop it was read
    /// for, until the first `restore_session` takes it.
    startup_session: OnceCell<Mutex<Option<(ShopKey, SessionLookup)>>>,
    session: Mutex<Option<Session>>,
    pub callback: Mutex<Option<PendingCallback>>,
    pub demo: tokio::sync::Mutex<Option<Demo>>,
}

impl AppState {
    pub fn new(
        shop_defaults: ShopDefaults,
        config_dir: &Path,
        data_dir: &Path,
        secrets: Arc<dyn SecretStore>,
        demo_requested: bool,
    ) -> Self {
        let settings_file = SettingsFile::in_dir(config_dir);
        let settings = settings_file.load();
        Self {
            shop_defaults,
            client_options: ClientOptions::default(),
            settings_file,
            settings: Mutex::new(settings),
            secrets,
            stored_app_tokens: Mutex::new(HashMap::new()),
            profiles: ShopFiles::cache_in_dir(data_dir.join("profiles")),
            drafts: ShopFiles::in_dir(data_dir.join("drafts")),
            demo_draft: Mutex::new(None),
            avatars: AvatarCache::in_dir(data_dir.join("avatars")),
            avatar_edit: Mutex::new(None),
            last_counterparty: Mutex::new(None),
            demo_requested,
            system_locale: sys_locale::get_locale().unwrap_or_else(|| "ru-RU".to_owned()),
            keychain_available: OnceCell::new(),
            real_shop_client: Mutex::new(None),
            startup_session: OnceCell::new(),
            session: Mutex::new(None),
            callback: Mutex::new(None),
            demo: tokio::sync::Mutex::new(None),
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
            .or_else(|| self.shop_defaults.base_url.clone())
    }

    /// The keychain entry of the app token for one API address, so tokens of
    /// two shops never mix.
    pub fn app_token_entry(base_url: &BaseUrl) -> String {
        format!("app-token {}", base_url.as_url())
    }

    /// The app token in effect: the keychain's for the current address, else
    /// the one the build was made with.
    pub fn app_token(&self, base_url: &BaseUrl) -> Result<Option<String>, CommandError> {
        match self.stored_app_token(&Self::app_token_entry(base_url)) {
            Ok(stored) => Ok(stored.or_else(|| self.shop_defaults.app_token.clone())),

            // A build made for a shop still works without a keychain, since
            // its token is compiled in.
            Err(error) if self.shop_defaults.app_token.is_some() => {
                tracing::warn!(%error, "could not read the app token from the keychain; using the built-in one");
                Ok(self.shop_defaults.app_token.clone())
            }
            Err(error) => {
                tracing::warn!(%error, "could not read the app token from the keychain");
                Err(CommandError::Keychain {
                    detail: error.detail,
                })
            }
        }
    }

    /// Returns the keychain's app token under `entry`, read from the keychain
    /// only the first time. Errors are not kept, so the next call reads again.
    fn stored_app_token(&self, entry: &str) -> Result<Option<String>, SecretError> {
        if let Some(stored) = lock(&self.stored_app_tokens).get(entry) {
            return Ok(stored.clone());
        }
        let stored = self.secrets.get(entry)?;
        lock(&self.stored_app_tokens).insert(entry.to_owned(), stored.clone());
        Ok(stored)
    }

    /// Stores the app token for `base_url` in the keychain, or removes it
    /// when `token` is `None`.
    pub fn set_app_token(
        &self,
        base_url: &BaseUrl,
        token: Option<&str>,
    ) -> Result<(), SecretError> {
        let entry = Self::app_token_entry(base_url);
        let result = match token {
            Some(token) => self.secrets.set(&entry, token),
            None => self.secrets.delete(&entry),
        };
        let mut stored = lock(&self.stored_app_tokens);
        match result {
            Ok(()) => stored.insert(entry, token.map(str::to_owned)),
            // The keychain may hold the old token, the new one or neither.
            Err(_) => stored.remove(&entry),
        };
        result
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

    /// The configured real shop.
    pub fn real_shop(&self) -> Result<Shop, CommandError> {
        let base_url = self.base_url().ok_or(CommandError::NotConfigured)?;
        let base_url = BaseUrl::parse(&base_url)?;
        let app_token = self
            .app_token(&base_url)?
            .ok_or(CommandError::NotConfigured)?;
        let key = ShopKey::new(&base_url, &app_token);

        let mut reused = lock(&self.real_shop_client);
        let client = match reused.as_ref() {
            Some((url, token, client)) if *url == base_url && *token == app_token => client.clone(),
            _ => {
                let client = self.build_client(base_url.clone(), app_token.clone())?;
                *reused = Some((base_url, app_token, client.clone()));
                client
            }
        };
        Ok(Shop {
            client,
            key: Some(key),
        })
    }

    /// The shop sign-in goes to: the demo while it runs, else the real one.
    pub async fn shop(&self) -> Result<Shop, CommandError> {
        if let Some(demo) = self.demo.lock().await.as_ref() {
            return Ok(Shop {
                client: demo.client.clone(),
                key: None,
            });
        }
        self.real_shop()
    }

    /// Checks the keychain once, off the UI thread, and remembers the answer.
    pub async fn keychain_available(&self) -> bool {
        *self
            .keychain_available
            .get_or_init(|| async {
                let secrets = Arc::clone(&self.secrets);
                let checked = tauri::async_runtime::spawn_blocking(move || secrets.check_persistence()).await;
                match checked {
                    Ok(Ok(())) => true,
                    Ok(Err(error)) => {
                        tracing::warn!(%error, "the keychain does not keep secrets; sessions last until the app closes");
                        false
                    }
                    Err(error) => {
                        tracing::error!(%error, "the keychain check panicked");
                        false
                    }
                }
            })
            .await
    }

    /// Reads what the first screen needs from the keychain, so that
    /// bootstrap and restore_session find it in memory: the app token, the
    /// shop's HTTP client and the saved session. Then it checks whether the
    /// keychain keeps secrets, which only the keychain notice waits for.
    /// Without a configured shop, or in the demo, it checks nothing.
    /// Meant to run at start-up while the webview loads, because every
    /// keychain call opens a Secret Service session (an estimated 40 ms on
    /// the benchmark machine under load). Nothing is restored until the UI
    /// calls restore_session.
    pub async fn prefetch_keychain(&self) {
        let base_url = self
            .base_url()
            .and_then(|value| BaseUrl::parse(&value).ok());
        if let Some(base_url) = &base_url {
            let entry = Self::app_token_entry(base_url);
            let secrets = Arc::clone(&self.secrets);
            let lookup_entry = entry.clone();
            let read =
                tauri::async_runtime::spawn_blocking(move || secrets.get(&lookup_entry)).await;
            // A failed read is not kept, so app_token() reads again and logs
            // the error.
            if let Ok(Ok(stored)) = read {
                lock(&self.stored_app_tokens).entry(entry).or_insert(stored);
            }
        }

        // The demo never restores a session, and it never touches the
        // keychain: on a desktop with a locked keyring the check below
        // would bring up the system's unlock prompt over the demo.
        if self.demo_requested {
            return;
        }

        // Builds the client that restore_session will use, too.
        if let Ok(Shop { key: Some(key), .. }) = self.real_shop() {
            self.read_startup_session(&key).await;

            // Last, since the check writes to the keychain three times.
            self.keychain_available().await;
        }
    }

    /// Reads the saved session of `key` into `startup_session` on the first
    /// call, and returns that cell.
    async fn read_startup_session(
        &self,
        key: &ShopKey,
    ) -> &Mutex<Option<(ShopKey, SessionLookup)>> {
        self.startup_session
            .get_or_init(|| async {
                Mutex::new(Some((key.clone(), self.read_saved_session(key).await)))
            })
            .await
    }

    /// Returns the saved session of `key`: on the first call the one read
    /// ahead at start-up, later a fresh read.
    async fn saved_session(&self, key: &ShopKey) -> SessionLookup {
        let startup = lock(self.read_startup_session(key).await).take();
        match startup {
            Some((read_for, lookup)) if read_for == *key => lookup,
            _ => self.read_saved_session(key).await,
        }
    }

    /// Drops the session read ahead at start-up, which a sign-in or
    /// sign-out makes stale.
    fn discard_startup_session(&self) {
        if let Some(startup) = self.startup_session.get() {
            lock(startup).take();
        }
    }

    async fn read_saved_session(&self, key: &ShopKey) -> SessionLookup {
        let secrets = Arc::clone(&self.secrets);
        let lookup_key = key.clone();
        tauri::async_runtime::spawn_blocking(move || {
            session_store::load_session(secrets.as_ref(), &lookup_key)
        })
        .await
        .unwrap_or_else(|error| {
            Err(SecretError {
                entry: key.session_entry(),
                detail: format!("reading the session panicked: {error}"),
            })
        })
    }

    pub fn session(&self) -> Result<Session, CommandError> {
        lock(&self.session).clone().ok_or(CommandError::NotSignedIn)
    }

    /// Starts a session: in memory always, and for a real shop also in the
    /// keychain (when it works) with the profile cached on disk. A failure
    /// to save is logged, not returned: the customer is signed in either
    /// way, only for this run of the app.
    pub async fn begin_session(&self, session: Session, counterparty: &Counterparty) {
        self.discard_startup_session();
        *lock(&self.session) = Some(session.clone());
        *lock(&self.last_counterparty) = Some(counterparty.clone());
        let Some(key) = session.shop.key.clone() else {
            return;
        };

        if self.keychain_available().await {
            let secrets = Arc::clone(&self.secrets);
            let saved = tauri::async_runtime::spawn_blocking(move || {
                session_store::save_session(
                    secrets.as_ref(),
                    &key,
                    &session.token,
                    session.phone.as_ref(),
                )
            })
            .await;
            match saved {
                Ok(Ok(())) => tracing::debug!("session saved to the keychain"),
                Ok(Err(error)) => {
                    tracing::warn!(%error, "could not save the session to the keychain")
                }
                Err(error) => tracing::error!(%error, "saving the session panicked"),
            }
        }
        self.cache_profile(counterparty);
    }

    /// Restores the session saved by an earlier run, if there is one.
    pub async fn restore_session(
        &self,
    ) -> Result<Option<(Session, Option<CachedProfile>)>, CommandError> {
        let shop = self.real_shop()?;
        let key = shop.key.clone().expect("a real shop has a key");

        // A keychain that cannot be read is an error only where it keeps
        // secrets; a missing or locked one has nothing to restore. Checking
        // that costs three writes, so only a failed read pays for it.
        let saved = match self.saved_session(&key).await {
            Ok(saved) => saved,
            Err(_) if !self.keychain_available().await => return Ok(None),
            Err(error) => {
                tracing::warn!(%error, "could not read the saved session");
                return Err(CommandError::Keychain {
                    detail: error.detail,
                });
            }
        };

        let Some(SavedSession { token, phone }) = saved else {
            return Ok(None);
        };
        let session = Session { shop, token, phone };
        *lock(&self.session) = Some(session.clone());
        let cached: Option<CachedProfile> = self.profiles.load(&key);
        *lock(&self.last_counterparty) = cached.as_ref().map(|cached| cached.counterparty.clone());
        Ok(Some((session, cached)))
    }

    /// Keeps the last loaded profile for the next start.
    pub fn cache_profile(&self, counterparty: &Counterparty) {
        *lock(&self.last_counterparty) = Some(counterparty.clone());
        let Some(key) = lock(&self.session)
            .as_ref()
            .and_then(|session| session.shop.key.clone())
        else {
            return;
        };
        let cached = CachedProfile {
            saved_at: chrono::Utc::now(),
            counterparty: counterparty.clone(),
        };
        if let Err(error) = self.profiles.save(&key, &cached) {
            tracing::warn!(%error, "could not cache the profile");
        }
    }

    /// Ends the session and forgets everything saved for it: the keychain
    /// entry, the cached profile and the draft. Returns the session that ended.
    pub async fn end_session(&self) -> Option<Session> {
        self.discard_startup_session();
        let session = lock(&self.session).take()?;
        lock(&self.last_counterparty).take();
        lock(&self.avatar_edit).take();
        if let Err(error) = self.avatars.clear(session.shop.key.as_ref()) {
            tracing::warn!(%error, "could not remove the cached avatars");
        }
        let Some(key) = session.shop.key.clone() else {
            return Some(session);
        };

        lock(&self.demo_draft).take();
        for (files, what) in [(&self.profiles, "cached profile"), (&self.drafts, "draft")] {
            if let Err(error) = files.remove(&key) {
                tracing::warn!(%error, "could not remove the {what}");
            }
        }
        let secrets = Arc::clone(&self.secrets);
        let deleted = tauri::async_runtime::spawn_blocking(move || {
            session_store::delete_session(secrets.as_ref(), &key)
        })
        .await;
        match deleted {
            Ok(Ok(())) => {}
            Ok(Err(error)) => {
                tracing::warn!(%error, "could not remove the session from the keychain")
            }
            Err(error) => tracing::error!(%error, "removing the session panicked"),
        }
        Some(session)
    }

    pub fn build_client(
        &self,
        base_url: BaseUrl,
        app_token: String,
    ) -> Result<Client, CommandError> {
        let options = &self.client_options;
        let mut config = ClientConfig::new(base_url, app_token, APP_VERSION);
        config.connect_timeout = options.connect_timeout;
        config.request_timeout = options.request_timeout;
        config.retry = options.retry.clone();

        Client::new(config).map_err(|error| {
            tracing::error!(%error, "could not build the HTTP client");
            CommandError::UnexpectedResponse {
                status: None,
                detail: error.to_string(),
            }
        })
    }

    pub fn pending_callback(&self) -> Option<PendingCallback> {
        lock(&self.callback).clone()
    }

    pub fn set_pending_callback(&self, pending: Option<PendingCallback>) {
        *lock(&self.callback) = pending;
    }
}

/// Locks a mutex, recovering the data if a panicking thread poisoned it:
/// settings and the session stay valid even then.
pub fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

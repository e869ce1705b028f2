//! Helpers shared by the command tests: an app on Tauri's mock runtime, a
//! "machine" whose folders and keychain survive restarts, and the sandbox.

#![allow(dead_code)]

use std::path::PathBuf;
use std::sync::Arc;

use gigma_profile::secrets::{MemoryStore, SecretError, SecretStore};
use gigma_profile::settings::ShopDefaults;
use gigma_profile::state::{AppState, ClientOptions};
use gigma_sandbox::{seed, Sandbox, SandboxConfig};
use serde_json::{json, Value};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{
    get_ipc_response, mock_builder, mock_context, noop_assets, MockRuntime, INVOKE_KEY,
};
use tauri::webview::InvokeRequest;
use tauri::{App, WebviewWindow, WebviewWindowBuilder};

pub struct TestApp {
    _app: App<MockRuntime>,
    webview: WebviewWindow<MockRuntime>,
}

/// What survives a restart of the app: its folders and the keychain.
pub struct Machine {
    pub dir: PathBuf,
    secrets: Arc<dyn SecretStore>,
    pub client_options: ClientOptions,
}

impl Machine {
    pub fn new() -> Self {
        Self::with_secrets(Arc::new(MemoryStore::default()))
    }

    pub fn with_secrets(secrets: Arc<dyn SecretStore>) -> Self {
        Self {
            dir: temp_dir(),
            secrets,
            client_options: ClientOptions::default(),
        }
    }

    /// Starts the app on this machine, as a double-click would.
    pub fn start(&self, shop: ShopDefaults) -> TestApp {
        TestApp::with_state(self.state(shop))
    }

    /// Returns the state an app started on this machine begins with.
    pub fn state(&self, shop: ShopDefaults) -> AppState {
        self.state_with_demo(shop, false)
    }

    /// Returns the state of an app started with or without `--demo`.
    pub fn state_with_demo(&self, shop: ShopDefaults, demo_requested: bool) -> AppState {
        let mut state = AppState::new(
            shop,
            &self.dir.join("config"),
            &self.dir.join("data"),
            Arc::clone(&self.secrets),
            demo_requested,
        );
        state.client_options = self.client_options.clone();
        state
    }
}

/// A store in memory that counts the reads of each entry.
#[derive(Default)]
pub struct CountingStore {
    secrets: MemoryStore,
    reads: std::sync::Mutex<std::collections::HashMap<String, usize>>,
}

impl CountingStore {
    /// Counts the `get` calls for entries whose name starts with `prefix`.
    pub fn reads(&self, prefix: &str) -> usize {
        let reads = self.reads.lock().expect("read counts lock");
        reads
            .iter()
            .filter(|(entry, _)| entry.starts_with(prefix))
            .map(|(_, count)| count)
            .sum()
    }
}

impl SecretStore for CountingStore {
    fn get(&self, entry: &str) -> Result<Option<String>, SecretError> {
        *self
            .reads
            .lock()
            .expect("read counts lock")
            .entry(entry.to_owned())
            .or_default() += 1;
        self.secrets.get(entry)
    }

    fn set(&self, entry: &str, secret: &str) -> Result<(), SecretError> {
        self.secrets.set(entry, secret)
    }

    fn delete(&self, entry: &str) -> Result<(), SecretError> {
        self.secrets.delete(entry)
    }
}

/// A store that accepts secrets and forgets them at once, like `keyring`'s
/// mock store or a Secret Service that drops writes.
pub struct ForgetfulStore;

impl SecretStore for ForgetfulStore {
    fn get(&self, _entry: &str) -> Result<Option<String>, SecretError> {
        Ok(None)
    }

    fn set(&self, _entry: &str, _secret: &str) -> Result<(), SecretError> {
        Ok(())
    }

    fn delete(&self, _entry: &str) -> Result<(), SecretError> {
        Ok(())
    }
}

impl TestApp {
    pub fn new(shop: ShopDefaults) -> Self {
        Machine::new().start(shop)
    }

    pub fn with_state(state: AppState) -> Self {
        let app = gigma_profile::with_commands(mock_builder())
            .manage(state)
            .build(mock_context(noop_assets()))
            .expect("the mock app builds");
        let webview = WebviewWindowBuilder::new(&app, "main", Default::default())
            .build()
            .expect("the mock webview builds");
        Self { _app: app, webview }
    }

    /// Calls a command the way the UI does and returns its JSON result or
    /// its JSON error.
    pub fn invoke(&self, command: &str, args: Value) -> Result<Value, Value> {
        self.invoke_body(command, args)
            .map(|body| body.deserialize::<Value>().expect("a JSON result"))
    }

    /// Calls a command that answers with raw bytes.
    pub fn bytes(&self, command: &str, args: Value) -> Vec<u8> {
        match self.invoke_body(command, args) {
            Ok(tauri::ipc::InvokeResponseBody::Raw(bytes)) => bytes,
            Ok(other) => panic!("{command} answered JSON, not bytes: {other:?}"),
            Err(error) => panic!("{command} failed: {error}"),
        }
    }

    fn invoke_body(
        &self,
        command: &str,
        args: Value,
    ) -> Result<tauri::ipc::InvokeResponseBody, Value> {
        invoke_on(&self.webview, command, args)
    }

    /// Webview of the window. Unlike the app, it can call commands from
    /// another thread through [`invoke_json_on`].
    pub fn webview(&self) -> WebviewWindow<MockRuntime> {
        self.webview.clone()
    }

    pub fn ok(&self, command: &str, args: Value) -> Value {
        self.invoke(command, args)
            .unwrap_or_else(|error| panic!("{command} failed: {error}"))
    }

    pub fn error(&self, command: &str, args: Value) -> Value {
        match self.invoke(command, args) {
            Ok(value) => panic!("{command} should fail but returned {value}"),
            Err(error) => error,
        }
    }
}

fn invoke_on(
    webview: &WebviewWindow<MockRuntime>,
    command: &str,
    args: Value,
) -> Result<tauri::ipc::InvokeResponseBody, Value> {
    let request = InvokeRequest {
        cmd: command.into(),
        callback: CallbackFn(0),
        error: CallbackFn(1),
        url: "tauri://localhost".parse().unwrap(),
        body: InvokeBody::Json(args),
        headers: Default::default(),
        invoke_key: INVOKE_KEY.to_owned(),
    };
    get_ipc_response(webview, request)
}

/// Calls a command through `webview`, as [`TestApp::invoke`] does.
pub fn invoke_json_on(
    webview: &WebviewWindow<MockRuntime>,
    command: &str,
    args: Value,
) -> Result<Value, Value> {
    invoke_on(webview, command, args)
        .map(|body| body.deserialize::<Value>().expect("a JSON result"))
}

pub fn temp_dir() -> PathBuf {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "gigma-commands-{}-{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

pub fn start_sandbox() -> Sandbox {
    tauri::async_runtime::block_on(Sandbox::start(SandboxConfig::default()))
        .expect("sandbox starts")
}

pub fn shop_for(sandbox: &Sandbox) -> ShopDefaults {
    ShopDefaults {
        name: "Тестовый магазин".to_owned(),
        base_url: Some(sandbox.base_url()),
        app_token: Some(seed::APP_TOKEN.to_owned()),
        accent_color: Some("#c0392b".to_owned()),
        suggestions_key: Some("sandbox-dadata-key".to_owned()),
        suggestions_url: format!(
            "{}/suggestions/api/4_1/rs/suggest/address",
            sandbox.base_url()
        ),
    }
}

pub fn sign_in(app: &TestApp) -> Value {
    app.ok("send_password", json!({"phone": "+7 (999) 999-99-90"}));
    app.ok("login", json!({"phone": "79999999990", "code": "1111"}))
}

//! The app's commands through Tauri's mock runtime, against the sandbox
//! over real HTTP. Each test builds its own app and sandbox.

use std::path::PathBuf;
use std::sync::Arc;

use gigma_profile::secrets::MemoryStore;
use gigma_profile::settings::{SettingsFile, ShopDefaults};
use gigma_profile::state::AppState;
use gigma_sandbox::{seed, Sandbox, SandboxConfig};
use serde_json::{json, Value};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{
    get_ipc_response, mock_builder, mock_context, noop_assets, MockRuntime, INVOKE_KEY,
};
use tauri::webview::InvokeRequest;
use tauri::{App, WebviewWindow, WebviewWindowBuilder};

struct TestApp {
    _app: App<MockRuntime>,
    webview: WebviewWindow<MockRuntime>,
}

impl TestApp {
    fn new(shop: ShopDefaults) -> Self {
        let state = AppState::new(
            shop,
            SettingsFile::in_dir(&temp_dir()),
            Arc::new(MemoryStore::default()),
            false,
        );
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
    fn invoke(&self, command: &str, args: Value) -> Result<Value, Value> {
        let request = InvokeRequest {
            cmd: command.into(),
            callback: CallbackFn(0),
            error: CallbackFn(1),
            url: "tauri://localhost".parse().unwrap(),
            body: InvokeBody::Json(args),
            headers: Default::default(),
            invoke_key: INVOKE_KEY.to_owned(),
        };
        get_ipc_response(&self.webview, request)
            .map(|body| body.deserialize::<Value>().expect("a JSON result"))
    }

    fn ok(&self, command: &str, args: Value) -> Value {
        self.invoke(command, args)
            .unwrap_or_else(|error| panic!("{command} failed: {error}"))
    }

    fn error(&self, command: &str, args: Value) -> Value {
        match self.invoke(command, args) {
            Ok(value) => panic!("{command} should fail but returned {value}"),
            Err(error) => error,
        }
    }
}

fn temp_dir() -> PathBuf {
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

fn start_sandbox() -> Sandbox {
    tauri::async_runtime::block_on(Sandbox::start(SandboxConfig::default()))
        .expect("sandbox starts")
}

fn shop_for(sandbox: &Sandbox) -> ShopDefaults {
    ShopDefaults {
        name: "Тестовый магазин".to_owned(),
        base_url: Some(sandbox.base_url()),
        app_token: Some(seed::APP_TOKEN.to_owned()),
    }
}

fn sign_in(app: &TestApp) -> Value {
    app.ok("send_password", json!({"phone": "+7 (999) 999-99-90"}));
    app.ok("login", json!({"phone": "79999999990", "code": "1111"}))
}

#[test]
fn bootstrap_without_shop_offers_demo() {
    let app = TestApp::new(ShopDefaults::none());

    let bootstrap = app.ok("bootstrap", json!({}));
    assert_eq!(bootstrap["shop_configured"], json!(false));
    assert_eq!(bootstrap["demo_requested"], json!(false));
    assert_eq!(bootstrap["shop_name"], json!("Gigma Profile"));
    assert_eq!(bootstrap["settings"]["language"], json!("system"));
    assert_eq!(bootstrap["settings"]["app_token_set"], json!(false));
}

#[test]
fn bootstrap_with_built_in_shop() {
    let sandbox = start_sandbox();
    let app = TestApp::new(shop_for(&sandbox));

    let bootstrap = app.ok("bootstrap", json!({}));
    assert_eq!(bootstrap["shop_configured"], json!(true));
    assert_eq!(bootstrap["shop_name"], json!("Тестовый магазин"));
    assert_eq!(bootstrap["settings"]["base_url"], json!(sandbox.base_url()));
}

#[test]
fn sign_in_without_shop_is_not_configured() {
    let app = TestApp::new(ShopDefaults::none());

    let error = app.error("send_password", json!({"phone": "79999999990"}));
    assert_eq!(error, json!({"kind": "not_configured"}));
}

#[test]
fn demo_walks_through_every_screen() {
    let app = TestApp::new(ShopDefaults::none());

    let counterparty = app.ok("start_demo", json!({}));
    assert_eq!(counterparty["last_name"], json!("Петров"));
    assert_eq!(counterparty["first_name"], json!("Алексей"));

    let loaded = app.ok("load_counterparty", json!({}));
    assert_eq!(loaded, counterparty);

    let updated = app.ok(
        "update_counterparty",
        json!({"changes": {"email": "demo@example.ru", "address": null}}),
    );
    assert_eq!(updated["email"], json!("demo@example.ru"));
    assert_eq!(updated["address"], Value::Null);
    assert_eq!(updated["first_name"], json!("Алексей"));
    assert_eq!(
        app.ok("load_counterparty", json!({}))["email"],
        json!("demo@example.ru")
    );

    let deleted = app.ok("delete_counterparty", json!({}));
    assert!(
        deleted["message"]
            .as_str()
            .is_some_and(|text| !text.is_empty()),
        "{deleted}"
    );
    assert_eq!(
        app.error("load_counterparty", json!({})),
        json!({"kind": "not_signed_in"})
    );

    // A new demo starts from the seed again, with the deleted account back.
    let again = app.ok("start_demo", json!({}));
    assert_eq!(again["email"], json!("support@itecho.ru"));
}

#[test]
fn validation_error_crosses_ipc_as_data() {
    let app = TestApp::new(ShopDefaults::none());
    app.ok("start_demo", json!({}));

    let error = app.error(
        "update_counterparty",
        json!({"changes": {"email": "not-an-email"}}),
    );
    assert_eq!(error["kind"], json!("validation"));
    assert!(
        error["message"]
            .as_str()
            .is_some_and(|text| !text.is_empty()),
        "{error}"
    );
    assert!(error["fields"]["email"][0].is_string(), "{error}");
}

#[test]
fn real_shop_sign_in_and_out() {
    let sandbox = start_sandbox();
    let app = TestApp::new(shop_for(&sandbox));

    let counterparty = sign_in(&app);
    assert_eq!(counterparty["id"], json!(1));
    assert_eq!(sandbox.store().token_count(1), 1);

    app.ok("sign_out", json!({}));
    assert_eq!(
        sandbox.store().token_count(1),
        0,
        "sign-out revokes the token on the server"
    );
    assert_eq!(
        app.error("load_counterparty", json!({})),
        json!({"kind": "not_signed_in"})
    );
}

#[test]
fn sign_in_errors_have_kinds() {
    let sandbox = start_sandbox();
    let app = TestApp::new(shop_for(&sandbox));

    assert_eq!(
        app.error("send_password", json!({"phone": "+7 999"})),
        json!({"kind": "invalid_phone"})
    );
    assert_eq!(
        app.error("send_password", json!({"phone": "79000000000"})),
        json!({"kind": "not_found"})
    );

    app.ok("send_password", json!({"phone": "79999999990"}));
    assert_eq!(
        app.error("login", json!({"phone": "79999999990", "code": "12"})),
        json!({"kind": "invalid_code"})
    );
    let error = app.error("login", json!({"phone": "79999999990", "code": "0000"}));
    assert_eq!(error["kind"], json!("validation"));
    assert!(error["fields"]["password"].is_array(), "{error}");
}

#[test]
fn revoked_token_is_unauthorized_and_forgotten() {
    let sandbox = start_sandbox();
    let app = TestApp::new(shop_for(&sandbox));
    sign_in(&app);

    // Another device signs the customer out everywhere.
    tauri::async_runtime::block_on(async {
        let base_url = gigma_api::BaseUrl::parse(&sandbox.base_url()).unwrap();
        let client =
            gigma_api::Client::new(gigma_api::ClientConfig::new(base_url, seed::APP_TOKEN, "1"))
                .unwrap();
        let phone = gigma_api::Phone::parse(seed::PHONE).unwrap();
        client.send_password(&phone).await.unwrap();
        let token = client
            .login(&phone, seed::PASSWORD, None)
            .await
            .unwrap()
            .token;
        client.logout(&token, true).await.unwrap();
    });

    assert_eq!(
        app.error("load_counterparty", json!({})),
        json!({"kind": "unauthorized"})
    );
    assert_eq!(
        app.error("load_counterparty", json!({})),
        json!({"kind": "not_signed_in"})
    );
}

#[test]
fn offline_server_is_offline_error() {
    let sandbox = start_sandbox();
    let shop = shop_for(&sandbox);
    tauri::async_runtime::block_on(sandbox.stop());
    let app = TestApp::new(shop);

    assert_eq!(
        app.error("send_password", json!({"phone": "79999999990"})),
        json!({"kind": "offline"})
    );
}

#[test]
fn settings_reject_plain_http_address() {
    let app = TestApp::new(ShopDefaults::none());

    let error = app.error(
        "save_settings",
        json!({"settings": {"language": "en", "theme": "dark", "base_url": "http://shop.example.ru/api"}}),
    );
    assert_eq!(
        error,
        json!({"kind": "invalid_base_url", "value": "http://shop.example.ru/api", "reason": "not_https"})
    );
}

#[test]
fn settings_configure_a_shop() {
    let sandbox = start_sandbox();
    let app = TestApp::new(ShopDefaults::none());

    let view = app.ok(
        "save_settings",
        json!({"settings": {
            "language": "en",
            "theme": "dark",
            "base_url": sandbox.base_url(),
            "app_token": seed::APP_TOKEN,
        }}),
    );
    assert_eq!(view["language"], json!("en"));
    assert_eq!(view["theme"], json!("dark"));
    assert_eq!(view["app_token_set"], json!(true));
    assert!(
        view.get("app_token").is_none(),
        "the token itself never goes to the UI"
    );
    assert_eq!(
        app.ok("bootstrap", json!({}))["shop_configured"],
        json!(true)
    );

    sign_in(&app);

    // Saving without app_token keeps the stored one; null removes it.
    app.ok(
        "save_settings",
        json!({"settings": {"language": "ru", "theme": "system", "base_url": sandbox.base_url()}}),
    );
    assert_eq!(
        app.ok("bootstrap", json!({}))["shop_configured"],
        json!(true)
    );
    app.ok(
        "save_settings",
        json!({"settings": {"language": "ru", "theme": "system", "base_url": sandbox.base_url(), "app_token": null}}),
    );
    assert_eq!(
        app.ok("bootstrap", json!({}))["shop_configured"],
        json!(false)
    );
}

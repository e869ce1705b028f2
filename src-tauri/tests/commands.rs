//! The app's commands through Tauri's mock runtime, against the sandbox
//! over real HTTP. Each test builds its own app and sandbox.

mod support;

use std::sync::Arc;

use gigma_profile::settings::ShopDefaults;
use gigma_sandbox::seed;
use serde_json::{json, Value};
use support::{shop_for, sign_in, start_sandbox, CountingStore, ForgetfulStore, Machine, TestApp};

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

    let signed_out = app.ok("sign_out", json!({"all_devices": false}));
    assert_eq!(signed_out, json!({"server_signed_out": true}));
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

#[test]
fn restart_restores_session_with_cached_card() {
    let sandbox = start_sandbox();
    let machine = Machine::new();

    let first_run = machine.start(shop_for(&sandbox));
    assert_eq!(first_run.ok("restore_session", json!({})), Value::Null);
    let counterparty = sign_in(&first_run);
    drop(first_run);

    let second_run = machine.start(shop_for(&sandbox));
    let restored = second_run.ok("restore_session", json!({}));
    assert_eq!(restored["phone"], json!("79999999990"));
    assert_eq!(restored["counterparty"], counterparty);
    assert_eq!(second_run.ok("load_counterparty", json!({})), counterparty);
}

#[test]
fn prefetched_session_restores_card() {
    let sandbox = start_sandbox();
    let machine = Machine::new();
    let counterparty = sign_in(&machine.start(shop_for(&sandbox)));

    let state = machine.state(shop_for(&sandbox));
    tauri::async_runtime::block_on(state.prefetch_keychain());
    let app = TestApp::with_state(state);

    let restored = app.ok("restore_session", json!({}));
    assert_eq!(restored["phone"], json!("79999999990"));
    assert_eq!(restored["counterparty"], counterparty);
    assert_eq!(app.ok("load_counterparty", json!({})), counterparty);
}

#[test]
fn prefetched_session_goes_stale_at_sign_out() {
    let sandbox = start_sandbox();
    let machine = Machine::new();
    sign_in(&machine.start(shop_for(&sandbox)));

    let state = machine.state(shop_for(&sandbox));
    tauri::async_runtime::block_on(state.prefetch_keychain());
    let app = TestApp::with_state(state);
    sign_in(&app);
    app.ok("sign_out", json!({"all_devices": false}));

    // The session read at start-up is gone from the keychain now.
    assert_eq!(app.ok("restore_session", json!({})), Value::Null);
}

#[test]
fn demo_start_leaves_keychain_alone() {
    let sandbox = start_sandbox();
    let secrets = Arc::new(CountingStore::default());
    let machine = Machine::with_secrets(secrets.clone());
    sign_in(&machine.start(shop_for(&sandbox)));
    let sessions_before = secrets.reads("session ");
    let probes_before = secrets.reads("persistence probe");

    // With --demo, the saved session of the shop is not read and the
    // keychain is not checked, so a locked keyring does not prompt.
    let state = machine.state_with_demo(shop_for(&sandbox), true);
    tauri::async_runtime::block_on(state.prefetch_keychain());

    assert_eq!(secrets.reads("session ") - sessions_before, 0);
    assert_eq!(secrets.reads("persistence probe") - probes_before, 0);
}

#[test]
fn app_token_is_read_once() {
    let sandbox = start_sandbox();
    let secrets = Arc::new(CountingStore::default());
    let machine = Machine::with_secrets(secrets.clone());
    let app = machine.start(ShopDefaults::none());
    app.ok(
        "save_settings",
        json!({"settings": {
            "language": "ru",
            "theme": "system",
            "base_url": sandbox.base_url(),
            "app_token": seed::APP_TOKEN,
        }}),
    );
    drop(app);

    let app = machine.start(ShopDefaults::none());
    app.ok("bootstrap", json!({}));
    app.ok("restore_session", json!({}));
    app.ok("bootstrap", json!({}));

    assert_eq!(secrets.reads("app-token "), 1);
}

#[test]
fn other_shop_does_not_see_session() {
    let sandbox = start_sandbox();
    let machine = Machine::new();
    sign_in(&machine.start(shop_for(&sandbox)));

    let mut other_shop = shop_for(&sandbox);
    other_shop.app_token = Some("another-shop-token".to_owned());
    assert_eq!(
        machine.start(other_shop).ok("restore_session", json!({})),
        Value::Null
    );
}

#[test]
fn sign_out_forgets_session_and_cache() {
    let sandbox = start_sandbox();
    let machine = Machine::new();
    let app = machine.start(shop_for(&sandbox));
    sign_in(&app);
    app.ok("sign_out", json!({"all_devices": false}));
    drop(app);

    assert_eq!(
        machine
            .start(shop_for(&sandbox))
            .ok("restore_session", json!({})),
        Value::Null
    );
    let profiles = machine.dir.join("data/profiles");
    let left: Vec<_> = std::fs::read_dir(&profiles).unwrap().collect();
    assert!(
        left.is_empty(),
        "cached profiles left after sign-out: {left:?}"
    );
}

#[test]
fn sign_out_everywhere_revokes_every_token() {
    let sandbox = start_sandbox();
    let other_device = TestApp::new(shop_for(&sandbox));
    sign_in(&other_device);
    let app = TestApp::new(shop_for(&sandbox));
    sign_in(&app);
    assert_eq!(sandbox.store().token_count(1), 2);

    app.ok("sign_out", json!({"all_devices": true}));
    assert_eq!(sandbox.store().token_count(1), 0);
}

#[test]
fn sign_out_with_server_down_still_forgets_locally() {
    let sandbox = start_sandbox();
    let machine = Machine::new();
    let app = machine.start(shop_for(&sandbox));
    sign_in(&app);
    sandbox.store().inject_fault(
        "POST /counterparty/logout",
        gigma_sandbox::Fault::json(503, json!({"message": "down"})),
    );

    let signed_out = app.ok("sign_out", json!({"all_devices": false}));
    assert_eq!(signed_out, json!({"server_signed_out": false}));
    assert_eq!(
        app.error("load_counterparty", json!({})),
        json!({"kind": "not_signed_in"})
    );
    drop(app);
    assert_eq!(
        machine
            .start(shop_for(&sandbox))
            .ok("restore_session", json!({})),
        Value::Null
    );
}

#[test]
fn rejected_token_at_start_clears_saved_session() {
    let sandbox = start_sandbox();
    let machine = Machine::new();
    sign_in(&machine.start(shop_for(&sandbox)));
    sandbox.store().revoke_all_tokens(1);

    let app = machine.start(shop_for(&sandbox));
    assert_eq!(
        app.ok("restore_session", json!({}))["phone"],
        json!("79999999990")
    );
    assert_eq!(
        app.error("load_counterparty", json!({})),
        json!({"kind": "unauthorized"})
    );
    drop(app);
    assert_eq!(
        machine
            .start(shop_for(&sandbox))
            .ok("restore_session", json!({})),
        Value::Null
    );
}

#[test]
fn keychain_that_forgets_is_reported() {
    let sandbox = start_sandbox();
    let machine = Machine::with_secrets(Arc::new(ForgetfulStore));
    let app = machine.start(shop_for(&sandbox));

    assert_eq!(app.ok("keychain_status", json!({})), json!(false));
    sign_in(&app);
    assert_eq!(
        app.ok("load_counterparty", json!({}))["id"],
        json!(1),
        "signed in for this run"
    );
    drop(app);
    assert_eq!(
        machine
            .start(shop_for(&sandbox))
            .ok("restore_session", json!({})),
        Value::Null
    );
}

#[test]
fn sign_in_by_call() {
    let sandbox = start_sandbox();
    let app = TestApp::new(shop_for(&sandbox));

    let started = app.ok("start_callback_auth", json!({"phone": "+7 999 999 99 90"}));
    assert_eq!(started["callback_number"].as_str().map(str::len), Some(11));
    assert!(
        started["expires_in_secs"]
            .as_u64()
            .is_some_and(|secs| secs > 200),
        "{started}"
    );

    let progress = app.ok("poll_callback_auth", json!({}));
    assert_eq!(progress["status"], json!("pending"));

    assert!(sandbox.store().confirm_call(seed::PHONE));
    let progress = app.ok("poll_callback_auth", json!({}));
    assert_eq!(progress["status"], json!("signed_in"));
    assert_eq!(progress["counterparty"]["id"], json!(1));
    assert_eq!(app.ok("load_counterparty", json!({}))["id"], json!(1));

    // The attempt is finished, so there is nothing left to poll.
    assert_eq!(
        app.error("poll_callback_auth", json!({})),
        json!({"kind": "not_found"})
    );
}

#[test]
fn cancelled_call_sign_in_stops_polling() {
    let sandbox = start_sandbox();
    let app = TestApp::new(shop_for(&sandbox));

    app.ok("start_callback_auth", json!({"phone": "79999999990"}));
    app.ok("cancel_callback_auth", json!({}));
    assert_eq!(
        app.error("poll_callback_auth", json!({})),
        json!({"kind": "not_found"})
    );
}

#[test]
fn demo_stays_until_left() {
    let app = TestApp::new(ShopDefaults::none());
    app.ok("start_demo", json!({}));

    app.ok("sign_out", json!({"all_devices": false}));
    let counterparty = sign_in(&app);
    assert_eq!(
        counterparty["last_name"],
        json!("Петров"),
        "sign-in goes to the demo sandbox"
    );

    app.ok("leave_demo", json!({}));
    assert_eq!(
        app.error("load_counterparty", json!({})),
        json!({"kind": "not_signed_in"})
    );
    assert_eq!(
        app.error("send_password", json!({"phone": "79999999990"})),
        json!({"kind": "not_configured"})
    );
}

#[test]
fn draft_survives_restart_until_discarded() {
    let sandbox = start_sandbox();
    let machine = Machine::new();
    let app = machine.start(shop_for(&sandbox));
    sign_in(&app);
    let draft = json!({"counterparty_id": 1, "first_name": "Алексей", "last_name": "Петров",
                       "email": "draft@example.ru", "address": ""});
    app.ok("save_draft", json!({"draft": draft}));
    drop(app);

    let app = machine.start(shop_for(&sandbox));
    let restored = app.ok("restore_session", json!({}));
    assert!(
        restored["cached_at"]
            .as_str()
            .is_some_and(|at| at.starts_with("20")),
        "{restored}"
    );
    assert_eq!(app.ok("load_draft", json!({})), draft);

    app.ok("discard_draft", json!({}));
    assert_eq!(app.ok("load_draft", json!({})), Value::Null);
}

#[test]
fn sign_out_removes_draft() {
    let sandbox = start_sandbox();
    let machine = Machine::new();
    let app = machine.start(shop_for(&sandbox));
    sign_in(&app);
    app.ok(
        "save_draft",
        json!({"draft": {"counterparty_id": 1, "email": "draft@example.ru"}}),
    );

    app.ok("sign_out", json!({"all_devices": false}));
    sign_in(&app);
    assert_eq!(app.ok("load_draft", json!({})), Value::Null);
    let drafts = machine.dir.join("data/drafts");
    assert_eq!(
        std::fs::read_dir(drafts).map(Iterator::count).unwrap_or(0),
        0
    );
}

#[test]
fn oversized_draft_is_rejected() {
    let app = TestApp::new(ShopDefaults::none());
    app.ok("start_demo", json!({}));

    let error = app.error(
        "save_draft",
        json!({"draft": {"counterparty_id": 1, "address": "д".repeat(20_001)}}),
    );
    assert_eq!(
        error,
        json!({"kind": "draft_too_large", "max_chars": 20_000})
    );
}

#[test]
fn demo_draft_stays_in_memory() {
    let machine = Machine::new();
    let app = machine.start(ShopDefaults::none());
    app.ok("start_demo", json!({}));

    app.ok(
        "save_draft",
        json!({"draft": {"counterparty_id": 1, "email": "demo-draft@example.ru"}}),
    );
    assert_eq!(
        app.ok("load_draft", json!({}))["email"],
        json!("demo-draft@example.ru")
    );
    assert!(
        !machine.dir.join("data/drafts").exists(),
        "demo drafts are never written to disk"
    );
}

#[test]
fn address_suggestions_come_from_the_shop_service() {
    let sandbox = start_sandbox();
    let app = TestApp::new(shop_for(&sandbox));
    sign_in(&app);

    let found = app.ok(
        "suggest_address",
        json!({"query": "Новосибирск, Новогодняя"}),
    );
    assert_eq!(found.as_array().map(Vec::len), Some(2), "{found}");
    assert_eq!(
        app.ok("suggest_address", json!({"query": "Но"})),
        json!([]),
        "too short to ask"
    );
}

#[test]
fn address_suggestions_without_key_are_empty() {
    let sandbox = start_sandbox();
    let mut shop = shop_for(&sandbox);
    shop.suggestions_key = None;
    let app = TestApp::new(shop);
    sign_in(&app);

    assert_eq!(
        app.ok("suggest_address", json!({"query": "Новосибирск"})),
        json!([])
    );
}

#[test]
fn demo_suggests_addresses() {
    let app = TestApp::new(ShopDefaults::none());
    app.ok("start_demo", json!({}));

    let found = app.ok("suggest_address", json!({"query": "москва"}));
    assert_eq!(found.as_array().map(Vec::len), Some(2), "{found}");
}

#[test]
fn bootstrap_passes_accent_color() {
    let sandbox = start_sandbox();
    let app = TestApp::new(shop_for(&sandbox));
    assert_eq!(
        app.ok("bootstrap", json!({}))["accent_color"],
        json!("#c0392b")
    );
}

#[test]
fn diagnostics_report_holds_no_personal_data() {
    let sandbox = start_sandbox();
    let app = TestApp::new(shop_for(&sandbox));
    sign_in(&app);
    sandbox.store().inject_fault(
        "GET /counterparty",
        gigma_sandbox::Fault::json(500, json!({"message": "boom"})),
    );
    app.error("load_counterparty", json!({}));

    let report = app.ok("diagnostics", json!({}));
    let report = report.as_str().unwrap();
    assert!(report.starts_with("Gigma Profile "), "{report}");
    assert!(report.contains("Signed in: yes"), "{report}");
    for secret in ["79999999990", "support@itecho.ru", seed::APP_TOKEN] {
        assert!(
            !report.contains(secret),
            "{secret} in the report:\n{report}"
        );
    }
}

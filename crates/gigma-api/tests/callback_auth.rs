//! Sign-in by an incoming call against the sandbox, in both versions of the
//! contract.

use std::time::Duration;

use gigma_api::{ApiError, BaseUrl, CallbackStatus, Client, ClientConfig, Phone};
use gigma_sandbox::{seed, CallbackAuthVersion, Fault, Sandbox, SandboxConfig};
use serde_json::json;

async fn start(configure: impl FnOnce(&mut SandboxConfig)) -> (Sandbox, Client) {
    let mut config = SandboxConfig::default();
    configure(&mut config);
    let sandbox = Sandbox::start(config).await.unwrap();
    let base_url = BaseUrl::parse(&sandbox.base_url()).unwrap();
    let client = Client::new(ClientConfig::new(base_url, seed::APP_TOKEN, "1.0.0")).unwrap();
    (sandbox, client)
}

fn phone() -> Phone {
    Phone::parse(seed::PHONE).unwrap()
}

#[tokio::test]
async fn exchange_version_signs_in_after_call() {
    let (sandbox, client) = start(|_| {}).await;

    let attempt = client.callback_auth_init(&phone()).await.unwrap();
    assert_eq!(attempt.callback_number.len(), 11);
    assert!(matches!(
        client.callback_auth_status(&attempt).await.unwrap(),
        CallbackStatus::Pending { remaining: Some(_) }
    ));

    let error = client.callback_auth_exchange(&attempt).await.unwrap_err();
    assert!(
        matches!(error, ApiError::Conflict { .. }),
        "exchange before the call: {error:?}"
    );

    assert!(sandbox.store().confirm_call(seed::PHONE));
    assert_eq!(
        client.callback_auth_status(&attempt).await.unwrap(),
        CallbackStatus::Verified { token: None }
    );

    let token = client.callback_auth_exchange(&attempt).await.unwrap();
    assert_eq!(client.counterparty(&token).await.unwrap().id, 1);

    // The attempt is used up by the exchange.
    let error = client.callback_auth_exchange(&attempt).await.unwrap_err();
    assert!(matches!(error, ApiError::NotFound { .. }), "{error:?}");
}

#[tokio::test]
async fn init_sends_phone_and_nonce() {
    let (sandbox, client) = start(|_| {}).await;
    let attempt = client.callback_auth_init(&phone()).await.unwrap();

    let init = sandbox.store().requests().pop().unwrap();
    assert_eq!(init.path, "/counterparty/callback_auth/init");
    assert_eq!(
        init.body,
        Some(json!({"phone": seed::PHONE, "client_nonce": attempt.client_nonce}))
    );
}

#[tokio::test]
async fn token_in_status_version_signs_in_without_exchange() {
    let (sandbox, client) =
        start(|config| config.callback_auth.version = CallbackAuthVersion::TokenInStatus).await;

    let attempt = client.callback_auth_init(&phone()).await.unwrap();
    sandbox.store().confirm_call(seed::PHONE);

    let CallbackStatus::Verified { token: Some(token) } =
        client.callback_auth_status(&attempt).await.unwrap()
    else {
        panic!("the older contract must put the token into status");
    };
    assert_eq!(client.counterparty(&token).await.unwrap().id, 1);
}

#[tokio::test]
async fn expired_attempt_is_reported_and_gone() {
    let (_sandbox, client) =
        start(|config| config.callback_auth.lifetime = Duration::from_millis(200)).await;

    let attempt = client.callback_auth_init(&phone()).await.unwrap();
    tokio::time::sleep(Duration::from_millis(300)).await;

    assert_eq!(
        client.callback_auth_status(&attempt).await.unwrap(),
        CallbackStatus::Expired
    );
    let error = client.callback_auth_exchange(&attempt).await.unwrap_err();
    assert!(matches!(error, ApiError::Gone { .. }), "{error:?}");
}

#[tokio::test]
async fn auto_confirm_verifies_by_itself() {
    let (_sandbox, client) =
        start(|config| config.callback_auth.auto_confirm_after = Some(Duration::from_millis(100)))
            .await;

    let attempt = client.callback_auth_init(&phone()).await.unwrap();
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(matches!(
        client.callback_auth_status(&attempt).await.unwrap(),
        CallbackStatus::Verified { .. }
    ));
}

#[tokio::test]
async fn wrong_nonce_finds_no_attempt() {
    let (_sandbox, client) = start(|_| {}).await;

    let mut attempt = client.callback_auth_init(&phone()).await.unwrap();
    attempt.client_nonce = gigma_api::callback_auth::generate_nonce();
    let error = client.callback_auth_status(&attempt).await.unwrap_err();
    assert!(matches!(error, ApiError::NotFound { .. }), "{error:?}");
}

#[tokio::test]
async fn unknown_phone_is_not_found() {
    let (_sandbox, client) = start(|_| {}).await;

    let error = client
        .callback_auth_init(&Phone::parse("79000000000").unwrap())
        .await
        .unwrap_err();
    assert!(matches!(error, ApiError::NotFound { .. }), "{error:?}");
}

#[tokio::test]
async fn provider_down_and_rate_limit_map_to_variants() {
    let (sandbox, client) = start(|_| {}).await;

    sandbox.store().inject_fault(
        "POST /counterparty/callback_auth/init",
        Fault::json(503, json!({"message": "Call provider is unavailable"})),
    );
    let error = client.callback_auth_init(&phone()).await.unwrap_err();
    assert!(
        matches!(error, ApiError::Server { status: 503, .. }),
        "{error:?}"
    );

    let mut fault = Fault::json(429, json!({"message": "Too Many Attempts."}));
    fault
        .headers
        .push(("retry-after".to_owned(), "30".to_owned()));
    sandbox
        .store()
        .inject_fault("POST /counterparty/callback_auth/init", fault);
    let error = client.callback_auth_init(&phone()).await.unwrap_err();
    assert!(
        matches!(error, ApiError::RateLimited { retry_after: Some(wait), .. } if wait == Duration::from_secs(30)),
        "{error:?}"
    );
}

#[tokio::test]
async fn unknown_status_is_decode_error() {
    let (sandbox, client) = start(|_| {}).await;
    let attempt = client.callback_auth_init(&phone()).await.unwrap();

    sandbox.store().inject_fault(
        "POST /counterparty/callback_auth/status",
        Fault::json(200, json!({"status": "ringing"})),
    );
    let error = client.callback_auth_status(&attempt).await.unwrap_err();
    assert!(matches!(error, ApiError::Decode { .. }), "{error:?}");
}

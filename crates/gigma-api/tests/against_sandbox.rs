//! The client against the sandbox over real HTTP on 127.0.0.1: every
//! endpoint, the headers and bodies on the wire, and the mapping of every
//! error status.

use std::time::Duration;

use gigma_api::{
    ApiError, BaseUrl, Client, ClientConfig, CounterpartyChanges, Phone, RetryPolicy, SessionToken,
};
use gigma_sandbox::{seed, Fault, Sandbox, SandboxConfig};
use serde_json::{json, Value};

async fn start() -> (Sandbox, Client) {
    let sandbox = Sandbox::start(SandboxConfig::default()).await.unwrap();
    let client = client_for(&sandbox, seed::APP_TOKEN);
    (sandbox, client)
}

fn client_for(sandbox: &Sandbox, app_token: &str) -> Client {
    let base_url = BaseUrl::parse(&sandbox.base_url()).unwrap();
    Client::new(ClientConfig::new(base_url, app_token, "9.8.7")).unwrap()
}

fn seed_phone() -> Phone {
    Phone::parse(seed::PHONE).unwrap()
}

async fn sign_in(client: &Client) -> SessionToken {
    client.send_password(&seed_phone()).await.unwrap();
    client
        .login(&seed_phone(), seed::PASSWORD, None)
        .await
        .unwrap()
        .token
}

#[tokio::test]
async fn sign_in_issues_sanctum_token() {
    let (_sandbox, client) = start().await;

    client.send_password(&seed_phone()).await.unwrap();
    let sign_in = client
        .login(&seed_phone(), seed::PASSWORD, Some("test device"))
        .await
        .unwrap();

    let (id, secret) = sign_in
        .token
        .expose()
        .split_once('|')
        .expect("token has the form <id>|<secret>");
    assert!(id.parse::<u64>().is_ok(), "token id {id:?}");
    assert_eq!(secret.len(), 40);
    assert_eq!(sign_in.counterparty.id, 1);
    assert_eq!(sign_in.counterparty.last_name.as_deref(), Some("Петров"));
}

#[tokio::test]
async fn requests_carry_both_headers_and_exact_bodies() {
    let (sandbox, client) = start().await;
    let token = sign_in(&client).await;
    client.counterparty(&token).await.unwrap();

    let requests = sandbox.store().requests();
    let [send_password, login, get] = requests.as_slice() else {
        panic!("expected 3 requests, got {requests:?}");
    };

    for request in &requests {
        assert_eq!(
            request.headers.get("token").map(String::as_str),
            Some(seed::APP_TOKEN),
            "{request:?}"
        );
        assert_eq!(
            request.headers.get("accept").map(String::as_str),
            Some("application/json")
        );
        let agent = &request.headers["user-agent"];
        assert!(
            agent.starts_with("GigmaProfile/9.8.7 ("),
            "user agent {agent:?}"
        );
    }

    assert_eq!(send_password.path, "/counterparty/send_password");
    assert_eq!(send_password.body, Some(json!({"phone": "79999999990"})));
    assert_eq!(
        send_password
            .headers
            .get("content-type")
            .map(String::as_str),
        Some("application/json")
    );
    assert!(!send_password.headers.contains_key("authorization"));

    assert_eq!(
        login.body,
        Some(json!({"phone": "79999999990", "password": "1111"}))
    );

    assert_eq!(get.method, "GET");
    assert_eq!(
        get.headers["authorization"],
        format!("Bearer {}", token.expose())
    );
    assert_eq!(get.body, None);
}

#[tokio::test]
async fn get_returns_seeded_counterparty() {
    let (_sandbox, client) = start().await;
    let token = sign_in(&client).await;

    let counterparty = client.counterparty(&token).await.unwrap();
    let expected: Value = serde_json::from_str(seed::COUNTERPARTY_JSON).unwrap();
    assert_eq!(serde_json::to_value(&counterparty).unwrap(), expected);
}

#[tokio::test]
async fn put_changes_what_get_returns() {
    let (sandbox, client) = start().await;
    let token = sign_in(&client).await;
    let before = client.counterparty(&token).await.unwrap();

    let changes = CounterpartyChanges {
        email: Some(Some("new@example.ru".to_owned())),
        address: Some(None),
        ..Default::default()
    };
    let updated = client.update_counterparty(&token, &changes).await.unwrap();
    let after = client.counterparty(&token).await.unwrap();

    assert_eq!(updated, after);
    assert_eq!(after.email.as_deref(), Some("new@example.ru"));
    assert_eq!(after.address, None);
    assert_eq!(
        after.first_name, before.first_name,
        "fields left out of the body stay"
    );
    assert_eq!(after.phone_1, before.phone_1);
    assert!(
        after.updated_at > before.updated_at,
        "updated_at must move forward"
    );

    let put = sandbox
        .store()
        .requests()
        .into_iter()
        .find(|request| request.method == "PUT")
        .unwrap();
    assert_eq!(
        put.body,
        Some(json!({"email": "new@example.ru", "address": null}))
    );
}

#[tokio::test]
async fn put_empty_string_clears_field() {
    let (_sandbox, client) = start().await;
    let token = sign_in(&client).await;

    let changes = CounterpartyChanges {
        first_name: Some(Some(String::new())),
        ..Default::default()
    };
    let updated = client.update_counterparty(&token, &changes).await.unwrap();
    assert_eq!(updated.first_name, None);
}

#[tokio::test]
async fn invalid_email_is_validation_error() {
    let (_sandbox, client) = start().await;
    let token = sign_in(&client).await;

    let changes = CounterpartyChanges {
        email: Some(Some("not an email".to_owned())),
        ..Default::default()
    };
    let error = client
        .update_counterparty(&token, &changes)
        .await
        .unwrap_err();

    let ApiError::Validation {
        fields, message, ..
    } = error
    else {
        panic!("expected a validation error, got {error:?}");
    };
    assert!(!message.is_empty());
    assert_eq!(fields.keys().collect::<Vec<_>>(), ["email"]);
    assert!(!fields["email"].is_empty());
}

#[tokio::test]
async fn over_long_name_is_validation_error() {
    let (_sandbox, client) = start().await;
    let token = sign_in(&client).await;

    let changes = CounterpartyChanges {
        last_name: Some(Some("Я".repeat(256))),
        ..Default::default()
    };
    let error = client
        .update_counterparty(&token, &changes)
        .await
        .unwrap_err();
    assert!(
        matches!(&error, ApiError::Validation { fields, .. } if fields.contains_key("last_name")),
        "{error:?}"
    );

    // 255 characters, counted as characters rather than UTF-8 bytes, fit.
    let changes = CounterpartyChanges {
        last_name: Some(Some("Я".repeat(255))),
        ..Default::default()
    };
    client.update_counterparty(&token, &changes).await.unwrap();
}

#[tokio::test]
async fn delete_removes_counterparty_and_revokes_token() {
    let (sandbox, client) = start().await;
    let token = sign_in(&client).await;

    let message = client.delete_counterparty(&token).await.unwrap();
    assert!(message.is_some_and(|text| !text.is_empty()));
    assert!(sandbox.store().counterparty(1).is_none());

    let error = client.counterparty(&token).await.unwrap_err();
    assert!(matches!(error, ApiError::Unauthorized { .. }), "{error:?}");
    let error = client.send_password(&seed_phone()).await.unwrap_err();
    assert!(matches!(error, ApiError::NotFound { .. }), "{error:?}");
}

#[tokio::test]
async fn logout_revokes_one_or_all_tokens() {
    let (sandbox, client) = start().await;
    let first = sign_in(&client).await;
    let second = sign_in(&client).await;
    assert_eq!(sandbox.store().token_count(1), 2);

    client.logout(&first, false).await.unwrap();
    assert!(matches!(
        client.counterparty(&first).await,
        Err(ApiError::Unauthorized { .. })
    ));
    client.counterparty(&second).await.unwrap();

    let third = sign_in(&client).await;
    client.logout(&third, true).await.unwrap();
    assert_eq!(sandbox.store().token_count(1), 0);
    assert!(matches!(
        client.counterparty(&second).await,
        Err(ApiError::Unauthorized { .. })
    ));
}

#[tokio::test]
async fn wrong_app_token_is_unauthorized() {
    let (sandbox, _client) = start().await;
    let client = client_for(&sandbox, "some-other-shop");

    let error = client.send_password(&seed_phone()).await.unwrap_err();
    assert!(matches!(error, ApiError::Unauthorized { .. }), "{error:?}");
}

#[tokio::test]
async fn unknown_bearer_token_is_unauthorized() {
    let (_sandbox, client) = start().await;

    let error = client
        .counterparty(&SessionToken::new("1|forged"))
        .await
        .unwrap_err();
    assert!(matches!(error, ApiError::Unauthorized { .. }), "{error:?}");
}

#[tokio::test]
async fn unknown_phone_is_not_found() {
    let (_sandbox, client) = start().await;

    let error = client
        .send_password(&Phone::parse("79000000000").unwrap())
        .await
        .unwrap_err();
    assert!(matches!(error, ApiError::NotFound { .. }), "{error:?}");
}

#[tokio::test]
async fn wrong_code_is_validation_error_on_password() {
    let (_sandbox, client) = start().await;
    client.send_password(&seed_phone()).await.unwrap();

    let error = client.login(&seed_phone(), "0000", None).await.unwrap_err();
    assert!(
        matches!(&error, ApiError::Validation { fields, .. } if fields.contains_key("password")),
        "{error:?}"
    );
}

#[tokio::test]
async fn login_without_flash_call_is_rejected() {
    let (_sandbox, client) = start().await;

    let error = client
        .login(&seed_phone(), seed::PASSWORD, None)
        .await
        .unwrap_err();
    assert!(matches!(error, ApiError::Validation { .. }), "{error:?}");
}

/// Injects `fault` on GET /counterparty and returns what a client that
/// never retries makes of it.
async fn get_with_fault(fault: Fault) -> ApiError {
    let (sandbox, client) = start_with(RetryPolicy::none()).await;
    let token = sign_in(&client).await;
    sandbox.store().inject_fault("GET /counterparty", fault);
    client.counterparty(&token).await.unwrap_err()
}

async fn start_with(retry: RetryPolicy) -> (Sandbox, Client) {
    let sandbox = Sandbox::start(SandboxConfig::default()).await.unwrap();
    let mut config = ClientConfig::new(
        BaseUrl::parse(&sandbox.base_url()).unwrap(),
        seed::APP_TOKEN,
        "1.0.0",
    );
    config.retry = retry;
    let client = Client::new(config).unwrap();
    (sandbox, client)
}

/// A policy with short waits, so retry tests run fast.
fn quick_retries() -> RetryPolicy {
    RetryPolicy {
        base_delay: Duration::from_millis(10),
        max_delay: Duration::from_millis(50),
        ..RetryPolicy::default()
    }
}

fn requests_to(sandbox: &Sandbox, method: &str) -> usize {
    sandbox
        .store()
        .requests()
        .iter()
        .filter(|request| request.method == method)
        .count()
}

#[tokio::test]
async fn get_is_retried_after_503() {
    let (sandbox, client) = start_with(quick_retries()).await;
    let token = sign_in(&client).await;
    sandbox.store().inject_fault(
        "GET /counterparty",
        Fault::json(503, json!({"message": "down"})),
    );

    assert_eq!(client.counterparty(&token).await.unwrap().id, 1);
    assert_eq!(requests_to(&sandbox, "GET"), 2);
}

#[tokio::test]
async fn retries_stop_after_max_attempts() {
    let (sandbox, client) = start_with(quick_retries()).await;
    let token = sign_in(&client).await;
    for _ in 0..5 {
        sandbox.store().inject_fault(
            "GET /counterparty",
            Fault::json(502, json!({"message": "bad gateway"})),
        );
    }

    let error = client.counterparty(&token).await.unwrap_err();
    assert!(
        matches!(error, ApiError::Server { status: 502, .. }),
        "{error:?}"
    );
    assert_eq!(requests_to(&sandbox, "GET"), 3);
}

#[tokio::test]
async fn put_is_retried_with_same_body_after_retry_after() {
    let (sandbox, client) = start_with(quick_retries()).await;
    let token = sign_in(&client).await;
    let mut fault = Fault::json(429, json!({"message": "Too Many Attempts."}));
    fault
        .headers
        .push(("retry-after".to_owned(), "1".to_owned()));
    sandbox.store().inject_fault("PUT /counterparty", fault);

    let changes = CounterpartyChanges {
        email: Some(Some("retry@example.ru".to_owned())),
        ..Default::default()
    };
    let started = std::time::Instant::now();
    let updated = client.update_counterparty(&token, &changes).await.unwrap();

    assert_eq!(updated.email.as_deref(), Some("retry@example.ru"));
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "Retry-After was not honoured"
    );
    let bodies: Vec<_> = sandbox
        .store()
        .requests()
        .into_iter()
        .filter(|r| r.method == "PUT")
        .map(|r| r.body)
        .collect();
    assert_eq!(bodies.len(), 2);
    assert_eq!(bodies[0], bodies[1]);
}

#[tokio::test]
async fn delete_and_post_are_never_retried() {
    let (sandbox, client) = start_with(quick_retries()).await;
    let token = sign_in(&client).await;

    sandbox.store().inject_fault(
        "DELETE /counterparty",
        Fault::json(503, json!({"message": "down"})),
    );
    assert!(client.delete_counterparty(&token).await.is_err());
    assert_eq!(requests_to(&sandbox, "DELETE"), 1);

    sandbox.store().inject_fault(
        "POST /counterparty/send_password",
        Fault::json(503, json!({"message": "down"})),
    );
    assert!(client.send_password(&seed_phone()).await.is_err());
    let posts = sandbox
        .store()
        .requests()
        .iter()
        .filter(|r| r.path == "/counterparty/send_password")
        .count();
    assert_eq!(posts, 2, "one from sign_in, one failed attempt");
}

#[tokio::test]
async fn long_retry_after_is_left_to_caller() {
    let (sandbox, client) = start_with(quick_retries()).await;
    let token = sign_in(&client).await;
    let mut fault = Fault::json(429, json!({"message": "Too Many Attempts."}));
    fault
        .headers
        .push(("retry-after".to_owned(), "120".to_owned()));
    sandbox.store().inject_fault("GET /counterparty", fault);

    let error = client.counterparty(&token).await.unwrap_err();
    assert!(matches!(error, ApiError::RateLimited { .. }), "{error:?}");
    assert_eq!(requests_to(&sandbox, "GET"), 1);
}

/// Whether an error is the variant a status should map to.
type Expectation = fn(&ApiError) -> bool;

#[tokio::test]
async fn statuses_map_to_variants() {
    let cases: Vec<(u16, Expectation)> = vec![
        (401, |error| matches!(error, ApiError::Unauthorized { .. })),
        (403, |error| matches!(error, ApiError::Forbidden { .. })),
        (404, |error| matches!(error, ApiError::NotFound { .. })),
        (500, |error| {
            matches!(error, ApiError::Server { status: 500, .. })
        }),
        (502, |error| {
            matches!(error, ApiError::Server { status: 502, .. })
        }),
        (503, |error| {
            matches!(error, ApiError::Server { status: 503, .. })
        }),
        (418, |error| {
            matches!(error, ApiError::UnexpectedStatus { status: 418, .. })
        }),
    ];

    for (status, expected) in cases {
        let error = get_with_fault(Fault::json(status, json!({"message": "fault"}))).await;
        assert!(expected(&error), "status {status} gave {error:?}");
        assert_eq!(error.status(), Some(status));
    }
}

#[tokio::test]
async fn rate_limit_carries_retry_after() {
    let mut fault = Fault::json(429, json!({"message": "Too Many Attempts."}));
    fault
        .headers
        .push(("retry-after".to_owned(), "7".to_owned()));

    let error = get_with_fault(fault).await;
    assert!(
        matches!(error, ApiError::RateLimited { retry_after: Some(wait), .. } if wait == Duration::from_secs(7)),
        "{error:?}"
    );
}

#[tokio::test]
async fn validation_error_keeps_field_messages() {
    let fault = Fault::json(
        422,
        json!({"message": "Bad.", "errors": {"email": ["one", "two"], "address": ["three"]}}),
    );

    let error = get_with_fault(fault).await;
    let ApiError::Validation {
        message, fields, ..
    } = error
    else {
        panic!("expected validation, got {error:?}");
    };
    assert_eq!(message, "Bad.");
    assert_eq!(fields["email"], ["one", "two"]);
    assert_eq!(fields["address"], ["three"]);
}

#[tokio::test]
async fn html_page_with_200_is_decode_error() {
    let fault = Fault {
        status: 200,
        headers: vec![("content-type".to_owned(), "text/html".to_owned())],
        body: "<html><body>Service unavailable</body></html>".to_owned(),
        ..Fault::default()
    };

    let error = get_with_fault(fault).await;
    assert!(
        matches!(error, ApiError::Decode { status: 200, .. }),
        "{error:?}"
    );
}

#[tokio::test]
async fn mistyped_field_is_decode_error_naming_it() {
    let fault = Fault::json(200, json!({"counterparty": {"id": 1, "email": 42}}));

    let error = get_with_fault(fault).await;
    let ApiError::Decode { detail, .. } = &error else {
        panic!("expected a decode error, got {error:?}");
    };
    assert!(detail.contains("invalid type"), "{detail}");
}

#[tokio::test]
async fn delete_accepts_204_without_body() {
    let (sandbox, client) = start().await;
    let token = sign_in(&client).await;
    sandbox.store().inject_fault(
        "DELETE /counterparty",
        Fault {
            status: 204,
            ..Fault::default()
        },
    );

    assert_eq!(client.delete_counterparty(&token).await.unwrap(), None);
}

#[tokio::test]
async fn slow_answer_is_timeout() {
    let sandbox = Sandbox::start(SandboxConfig::default()).await.unwrap();
    let mut config = ClientConfig::new(
        BaseUrl::parse(&sandbox.base_url()).unwrap(),
        seed::APP_TOKEN,
        "1.0.0",
    );
    config.request_timeout = Duration::from_millis(300);
    let client = Client::new(config).unwrap();

    let mut fault = Fault::json(200, json!({"message": "late"}));
    fault.delay = Duration::from_secs(5);
    sandbox
        .store()
        .inject_fault("POST /counterparty/send_password", fault);

    let error = client.send_password(&seed_phone()).await.unwrap_err();
    assert!(matches!(error, ApiError::Timeout { .. }), "{error:?}");
}

#[tokio::test]
async fn oversized_answer_is_rejected() {
    let big = "x".repeat(2 * 1024 * 1024);
    let error = get_with_fault(Fault::json(
        200,
        json!({ "counterparty": { "id": 1, "address": big } }),
    ))
    .await;
    assert!(matches!(error, ApiError::TooLarge { .. }), "{error:?}");
}

#[tokio::test]
async fn closed_port_is_connect_error() {
    let sandbox = Sandbox::start(SandboxConfig::default()).await.unwrap();
    let base_url = sandbox.base_url();
    sandbox.stop().await;

    let client = Client::new(ClientConfig::new(
        BaseUrl::parse(&base_url).unwrap(),
        seed::APP_TOKEN,
        "1.0.0",
    ))
    .unwrap();
    let error = client.send_password(&seed_phone()).await.unwrap_err();
    assert!(matches!(error, ApiError::Connect { .. }), "{error:?}");
}

//! The control route that tests driving the app from outside use to inject
//! and clear faults.

use gigma_sandbox::{seed, Sandbox, SandboxConfig};
use serde_json::json;

async fn get_counterparty_status(http: &reqwest::Client, base: &str) -> u16 {
    http.get(format!("{base}/counterparty"))
        .header("Token", seed::APP_TOKEN)
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

#[tokio::test]
async fn control_route_injects_and_clears_faults() {
    let config = SandboxConfig {
        control: true,
        ..SandboxConfig::default()
    };
    let sandbox = Sandbox::start(config).await.unwrap();
    let base = sandbox.base_url();
    let http = reqwest::Client::new();

    // Without a Bearer token the API answers 401...
    assert_eq!(get_counterparty_status(&http, &base).await, 401);

    // ...until a fault replaces the next two answers.
    let fault = json!({"route": "GET /counterparty", "status": 503, "times": 2, "body": "{}"});
    let injected = http
        .post(format!("{base}/__sandbox/faults"))
        .json(&fault)
        .send()
        .await
        .unwrap();
    assert_eq!(injected.status().as_u16(), 204);
    assert_eq!(get_counterparty_status(&http, &base).await, 503);

    let cleared = http
        .delete(format!("{base}/__sandbox/faults"))
        .send()
        .await
        .unwrap();
    assert_eq!(cleared.status().as_u16(), 204);
    assert_eq!(get_counterparty_status(&http, &base).await, 401);
}

#[tokio::test]
async fn control_route_rejects_bad_fault_and_is_off_by_default() {
    let sandbox = Sandbox::start(SandboxConfig {
        control: true,
        ..SandboxConfig::default()
    })
    .await
    .unwrap();
    let http = reqwest::Client::new();
    let bad = http
        .post(format!("{}/__sandbox/faults", sandbox.base_url()))
        .json(&json!({"route": "GET /counterparty", "status": "soon"}))
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status().as_u16(), 422);

    let plain = Sandbox::start(SandboxConfig::default()).await.unwrap();
    let refused = http
        .post(format!("{}/__sandbox/faults", plain.base_url()))
        .header("Token", seed::APP_TOKEN)
        .json(&json!({"route": "GET /counterparty", "status": 503}))
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status().as_u16(), 404);
}

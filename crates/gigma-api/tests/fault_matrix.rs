//! Every fault in `tests/fault-matrix.json` against the client: each must
//! end as the listed `ApiError` variant, or succeed where the table says so.

use std::time::Duration;

use gigma_api::{ApiError, BaseUrl, Client, ClientConfig, CounterpartyChanges, Phone, RetryPolicy};
use gigma_sandbox::{seed, FaultSpec, Sandbox, SandboxConfig};
use serde::Deserialize;
use serde_json::Value;

#[derive(Deserialize)]
struct Matrix {
    faults: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    fault: String,
    command: String,
    args: Value,
    inject: FaultSpec,
    client_error: Option<String>,
}

fn matrix() -> Vec<Case> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fault-matrix.json");
    let text = std::fs::read_to_string(path).expect("the fault matrix is readable");
    serde_json::from_str::<Matrix>(&text)
        .expect("the fault matrix parses")
        .faults
}

/// The name of an error's variant, as the table writes it.
fn variant(error: &ApiError) -> &'static str {
    match error {
        ApiError::Connect { .. } => "Connect",
        ApiError::Timeout { .. } => "Timeout",
        ApiError::Transport { .. } => "Transport",
        ApiError::Unauthorized { .. } => "Unauthorized",
        ApiError::Forbidden { .. } => "Forbidden",
        ApiError::NotFound { .. } => "NotFound",
        ApiError::Conflict { .. } => "Conflict",
        ApiError::Gone { .. } => "Gone",
        ApiError::Validation { .. } => "Validation",
        ApiError::RateLimited { .. } => "RateLimited",
        ApiError::Server { .. } => "Server",
        ApiError::UnexpectedStatus { .. } => "UnexpectedStatus",
        ApiError::Decode { .. } => "Decode",
        ApiError::TooLarge { .. } => "TooLarge",
        ApiError::UnsafeUrl { .. } => "UnsafeUrl",
        ApiError::NotAnImage { .. } => "NotAnImage",
    }
}

async fn run_case(case: &Case) -> Result<(), ApiError> {
    let sandbox = Sandbox::start(SandboxConfig::default()).await.unwrap();
    let mut config = ClientConfig::new(
        BaseUrl::parse(&sandbox.base_url()).unwrap(),
        seed::APP_TOKEN,
        "1.0.0",
    );
    config.request_timeout = Duration::from_secs(1);
    config.retry = RetryPolicy {
        base_delay: Duration::from_millis(10),
        max_delay: Duration::from_millis(50),
        ..RetryPolicy::default()
    };
    let client = Client::new(config).unwrap();

    let phone = Phone::parse(seed::PHONE).unwrap();
    client.send_password(&phone).await.unwrap();
    let token = client
        .login(&phone, seed::PASSWORD, None)
        .await
        .unwrap()
        .token;
    sandbox.store().inject(&case.inject);

    match case.command.as_str() {
        "load_counterparty" => client.counterparty(&token).await.map(drop),
        "update_counterparty" => {
            let changes: CounterpartyChanges =
                serde_json::from_value(case.args["changes"].clone()).unwrap();
            client.update_counterparty(&token, &changes).await.map(drop)
        }
        "delete_counterparty" => client.delete_counterparty(&token).await.map(drop),
        other => panic!("the matrix names an unknown command {other:?}"),
    }
}

#[tokio::test]
async fn every_fault_maps_to_its_client_error() {
    let cases = matrix();
    assert!(cases.len() >= 20, "the matrix lost cases: {}", cases.len());

    let mut mismatches = Vec::new();
    for case in &cases {
        let outcome = run_case(case).await;
        let got = outcome.as_ref().err().map(variant);
        if got != case.client_error.as_deref() {
            mismatches.push(format!(
                "{}: expected {:?}, got {:?}",
                case.fault,
                case.client_error,
                outcome.err()
            ));
        }
    }
    assert!(
        mismatches.is_empty(),
        "faults with the wrong outcome:\n{}",
        mismatches.join("\n")
    );
}

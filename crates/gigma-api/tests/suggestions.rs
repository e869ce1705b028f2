//! Address suggestions against the sandbox's stand-in for DaData.

use gigma_api::suggestions::AddressSuggestions;
use gigma_api::ApiError;
use gigma_sandbox::{Sandbox, SandboxConfig};

const PATH: &str = "/suggestions/api/4_1/rs/suggest/address";

#[tokio::test]
async fn suggests_matching_addresses() {
    let sandbox = Sandbox::start(SandboxConfig::default()).await.unwrap();
    let suggestions =
        AddressSuggestions::new(&format!("{}{PATH}", sandbox.base_url()), "key", "1.0.0").unwrap();

    let found = suggestions.suggest("новосибирск новогодняя").await.unwrap();
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(found.iter().all(|address| address.contains("Новогодняя")));
    assert!(suggestions
        .suggest("нет такого адреса")
        .await
        .unwrap()
        .is_empty());

    let request = sandbox.store().requests().pop().unwrap();
    assert_eq!(request.headers["authorization"], "Token key");
    assert_eq!(request.body.unwrap()["count"], 7);
}

#[tokio::test]
async fn missing_key_is_unauthorized() {
    let sandbox = Sandbox::start(SandboxConfig::default()).await.unwrap();
    let suggestions =
        AddressSuggestions::new(&format!("{}{PATH}", sandbox.base_url()), "", "1.0.0").unwrap();

    let error = suggestions.suggest("москва").await.unwrap_err();
    assert!(matches!(error, ApiError::Unauthorized { .. }), "{error:?}");
}

#[test]
fn plain_http_elsewhere_is_rejected() {
    assert!(AddressSuggestions::new("http://suggestions.example.ru/address", "key", "1").is_err());
    assert!(AddressSuggestions::new("https://suggestions.example.ru/address", "key", "1").is_ok());
}

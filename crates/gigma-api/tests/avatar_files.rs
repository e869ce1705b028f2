//! Uploading an avatar and downloading it back, against the sandbox.

use gigma_api::{
    ApiError, BaseUrl, Client, ClientConfig, CounterpartyChanges, Phone, SessionToken,
};
use gigma_sandbox::{seed, Sandbox, SandboxConfig};

async fn signed_in(config: impl FnOnce(&mut ClientConfig)) -> (Sandbox, Client, SessionToken) {
    let sandbox = Sandbox::start(SandboxConfig::default()).await.unwrap();
    let mut client_config = ClientConfig::new(
        BaseUrl::parse(&sandbox.base_url()).unwrap(),
        seed::APP_TOKEN,
        "1.0.0",
    );
    config(&mut client_config);
    let client = Client::new(client_config).unwrap();

    let phone = Phone::parse(seed::PHONE).unwrap();
    client.send_password(&phone).await.unwrap();
    let token = client
        .login(&phone, seed::PASSWORD, None)
        .await
        .unwrap()
        .token;
    (sandbox, client, token)
}

/// The first bytes of a JPEG file; the sandbox stores bytes without
/// decoding them.
const JPEG_BYTES: &[u8] = b"\xFF\xD8\xFF\xE0 not a full image, but enough for storage";

#[tokio::test]
async fn upload_then_set_avatar_id() {
    let (sandbox, client, token) = signed_in(|_| {}).await;

    let file = client
        .upload_avatar(&token, JPEG_BYTES.to_vec(), "avatar.jpg", "image/jpeg")
        .await
        .unwrap();
    assert_eq!(file.name.as_deref(), Some("avatar.jpg"));
    assert_eq!(file.kind.as_ref().map(|kind| kind.id), Some(2));

    let upload = sandbox.store().requests().pop().unwrap();
    assert_eq!(upload.path, "/counterparty/files");
    assert!(upload.headers["content-type"].starts_with("multipart/form-data"));
    assert!(upload.headers["authorization"].starts_with("Bearer "));

    let changes = CounterpartyChanges {
        avatar_id: Some(Some(file.id)),
        ..Default::default()
    };
    let counterparty = client.update_counterparty(&token, &changes).await.unwrap();
    assert_eq!(
        counterparty.avatar.as_ref().map(|avatar| avatar.id),
        Some(file.id)
    );

    let image = client
        .download_image(file.path.as_deref().unwrap())
        .await
        .unwrap();
    assert_eq!(image.content_type, "image/jpeg");
    assert_eq!(image.bytes, JPEG_BYTES);

    let removed = client
        .update_counterparty(
            &token,
            &CounterpartyChanges {
                avatar_id: Some(None),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(removed.avatar, None);
}

#[tokio::test]
async fn unknown_avatar_id_is_rejected() {
    let (_sandbox, client, token) = signed_in(|_| {}).await;

    let changes = CounterpartyChanges {
        avatar_id: Some(Some(999)),
        ..Default::default()
    };
    let error = client
        .update_counterparty(&token, &changes)
        .await
        .unwrap_err();
    assert!(
        matches!(&error, ApiError::Validation { fields, .. } if fields.contains_key("avatar_id")),
        "{error:?}"
    );
}

#[tokio::test]
async fn upload_route_can_be_overridden() {
    let (_sandbox, client, token) =
        signed_in(|config| config.avatar_upload_route = "uploads/avatar".to_owned()).await;

    let error = client
        .upload_avatar(&token, JPEG_BYTES.to_vec(), "a.jpg", "image/jpeg")
        .await
        .unwrap_err();
    assert!(
        matches!(error, ApiError::NotFound { .. }),
        "the sandbox has no such route: {error:?}"
    );
}

#[tokio::test]
async fn upload_is_never_retried() {
    let (sandbox, client, token) = signed_in(|_| {}).await;
    sandbox.store().inject_fault(
        "POST /counterparty/files",
        gigma_sandbox::Fault::json(503, serde_json::json!({})),
    );

    assert!(client
        .upload_avatar(&token, JPEG_BYTES.to_vec(), "a.jpg", "image/jpeg")
        .await
        .is_err());
    let uploads = sandbox
        .store()
        .requests()
        .iter()
        .filter(|request| request.path == "/counterparty/files")
        .count();
    assert_eq!(uploads, 1);
    assert_eq!(sandbox.store().file_count(), 0);
}

#[tokio::test]
async fn download_rejects_plain_http_elsewhere_and_non_images() {
    let (sandbox, client, _token) = signed_in(|_| {}).await;

    let error = client
        .download_image("http://example.ru/a.jpg")
        .await
        .unwrap_err();
    assert!(matches!(error, ApiError::UnsafeUrl { .. }), "{error:?}");
    let error = client
        .download_image("file:///etc/passwd")
        .await
        .unwrap_err();
    assert!(matches!(error, ApiError::UnsafeUrl { .. }), "{error:?}");

    let error = client
        .download_image(&format!(
            "{}/storage/uploads/missing.jpg",
            sandbox.base_url()
        ))
        .await
        .unwrap_err();
    assert!(matches!(error, ApiError::NotFound { .. }), "{error:?}");

    // A JSON answer is not an image, whatever the address says.
    sandbox.store().inject_fault(
        "GET /storage/uploads/fake.jpg",
        gigma_sandbox::Fault::json(200, serde_json::json!({"message": "not an image"})),
    );
    let error = client
        .download_image(&format!("{}/storage/uploads/fake.jpg", sandbox.base_url()))
        .await
        .unwrap_err();
    assert!(matches!(error, ApiError::NotAnImage { .. }), "{error:?}");
}

#[tokio::test]
async fn download_does_not_send_shop_headers() {
    let (sandbox, client, token) = signed_in(|_| {}).await;
    let file = client
        .upload_avatar(&token, JPEG_BYTES.to_vec(), "a.jpg", "image/jpeg")
        .await
        .unwrap();

    client
        .download_image(file.path.as_deref().unwrap())
        .await
        .unwrap();
    let download = sandbox.store().requests().pop().unwrap();
    assert!(download.path.starts_with("/storage/uploads/"));
    assert!(!download.headers.contains_key("token"));
    assert!(!download.headers.contains_key("authorization"));
}

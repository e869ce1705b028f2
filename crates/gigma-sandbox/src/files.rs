//! The avatar upload route and the public storage that serves the files.
//!
//! NOTE: Gigma does not document how avatars are uploaded. This follows the
//! app's assumption: `POST /counterparty/files`, multipart with `file` and
//! `type_id` = 2, answering `{"file": {...}}` with the file object the
//! counterparty's `avatar` shows.

use axum::extract::{Multipart, Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;

use crate::routes::{message, validation, Customer, SandboxState};

/// The largest file the sandbox accepts. Avatars the app makes are well
/// under a megabyte.
pub(crate) const MAX_UPLOAD_BYTES: usize = 10 * 1024 * 1024;

/// The file type id of avatars in Gigma's catalogue ("Аватар").
const AVATAR_TYPE_ID: &str = "2";

pub(crate) async fn upload(
    State(state): State<SandboxState>,
    _customer: Customer,
    mut form: Multipart,
) -> Response {
    let mut file = None;
    let mut type_id = None;

    loop {
        let field = match form.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => break,
            Err(error) => {
                return message(
                    StatusCode::BAD_REQUEST,
                    &format!("Некорректная форма: {error}"),
                )
            }
        };
        match field.name() {
            Some("file") => {
                let name = field.file_name().unwrap_or("avatar").to_owned();
                let content_type = field
                    .content_type()
                    .unwrap_or("application/octet-stream")
                    .to_owned();
                match field.bytes().await {
                    Ok(bytes) => file = Some((name, content_type, bytes.to_vec())),
                    Err(error) => {
                        return message(
                            StatusCode::BAD_REQUEST,
                            &format!("Файл не дочитан: {error}"),
                        )
                    }
                }
            }
            Some("type_id") => type_id = field.text().await.ok(),
            _ => {}
        }
    }

    let Some((name, content_type, bytes)) = file else {
        return validation([("file", "Поле файл обязательно для заполнения.".to_owned())]);
    };
    if !matches!(
        content_type.as_str(),
        "image/jpeg" | "image/png" | "image/webp" | "image/gif"
    ) {
        return validation([("file", "Файл должен быть изображением.".to_owned())]);
    }
    if type_id.as_deref() != Some(AVATAR_TYPE_ID) {
        return validation([(
            "type_id",
            "Выбранное значение для type id некорректно.".to_owned(),
        )]);
    }

    let now = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Micros, true);
    let object = state
        .store
        .add_file(&name, &content_type, bytes, &state.public_base, &now);
    (StatusCode::CREATED, Json(json!({ "file": object }))).into_response()
}

pub(crate) async fn serve(State(state): State<SandboxState>, Path(name): Path<String>) -> Response {
    match state.store.file_by_storage_name(&name) {
        Some(file) => ([(header::CONTENT_TYPE, file.content_type)], file.bytes).into_response(),
        None => message(StatusCode::NOT_FOUND, "Not Found"),
    }
}

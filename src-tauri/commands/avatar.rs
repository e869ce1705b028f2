//! Changing the avatar: pick a photo (dialog or drop), crop it in the UI,
//! then prepare, upload and attach it; and showing the current one.
//!
//! Image bytes cross the IPC as raw binary (`tauri::ipc::Response`), never
//! as JSON arrays of numbers.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use gigma_api::{Counterparty, CounterpartyChanges};
use gigma_avatar::{AvatarError, CropRect, Limits, OutputFormat};
use serde::{Deserialize, Serialize};
use tauri::ipc::Response;
use tauri::{AppHandle, Emitter, Runtime, State};
use tauri_plugin_dialog::DialogExt;

use crate::error::CommandError;
use crate::state::{lock, AppState, AvatarEdit};

/// What the UI needs to draw the crop view; the preview image itself comes
/// from [`avatar_preview`].
#[derive(Debug, Clone, Serialize)]
pub struct PickedPhoto {
    pub file_name: String,
    pub preview_width: u32,
    pub preview_height: u32,
    /// The size of the upright original, the space the crop is given in.
    pub width: u32,
    pub height: u32,
}

/// The square to keep, in pixels of the upright original.
#[derive(Debug, Clone, Copy, Deserialize)]
pub struct Crop {
    pub x: u32,
    pub y: u32,
    pub size: u32,
}

/// The event the UI listens to when a photo is dropped on the window.
pub const PHOTO_DROPPED_EVENT: &str = "avatar-photo-dropped";

/// Opens the system's file dialog for a photo; `null` when the customer
/// cancels.
#[tauri::command]
pub async fn pick_avatar<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> Result<Option<PickedPhoto>, CommandError> {
    let Some(path) = choose_file(&app).await else {
        return Ok(None);
    };
    open_photo(&state, &path).await.map(Some)
}

/// The file the dialog returns, or in debug builds the one named by
/// `GIGMA_TEST_AVATAR_FILE`, because the end-to-end test cannot click in a
/// native dialog.
async fn choose_file<R: Runtime>(app: &AppHandle<R>) -> Option<PathBuf> {
    #[cfg(debug_assertions)]
    if let Some(path) = std::env::var_os("GIGMA_TEST_AVATAR_FILE") {
        return Some(PathBuf::from(path));
    }

    let (sender, receiver) = tokio::sync::oneshot::channel();
    app.dialog()
        .file()
        .add_filter("Images", &["jpg", "jpeg", "png", "webp", "gif"])
        .pick_file(move |file| {
            let _ = sender.send(file.and_then(|file| file.into_path().ok()));
        });
    receiver.await.ok().flatten()
}

/// Reads and decodes a photo and keeps it for [`save_avatar`].
pub async fn open_photo(state: &AppState, path: &Path) -> Result<PickedPhoto, CommandError> {
    let limits = Limits::default();

    // The size is checked before reading, so a huge file never fills memory.
    let size = std::fs::metadata(path)
        .map_err(|error| unreadable(path, &error))?
        .len();
    if size > limits.max_file_bytes {
        return Err(AvatarError::FileTooLarge {
            size,
            limit: limits.max_file_bytes,
        }
        .into());
    }
    let bytes = Arc::new(std::fs::read(path).map_err(|error| unreadable(path, &error))?);

    let source = Arc::clone(&bytes);
    let preview = tauri::async_runtime::spawn_blocking(move || {
        gigma_avatar::decode_preview(&source, gigma_avatar::DEFAULT_PREVIEW_SIDE, &limits)
    })
    .await
    .map_err(|error| CommandError::UnexpectedResponse {
        status: None,
        detail: error.to_string(),
    })??;

    let file_name = path
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_else(|| "avatar".to_owned());
    let picked = PickedPhoto {
        file_name: file_name.clone(),
        preview_width: preview.width,
        preview_height: preview.height,
        width: preview.original_width,
        height: preview.original_height,
    };
    tracing::info!(
        width = picked.width,
        height = picked.height,
        bytes = size,
        "photo opened for the avatar"
    );

    *lock(&state.avatar_edit) = Some(AvatarEdit {
        file_name,
        original: bytes,
        preview,
        uploaded: None,
    });
    Ok(picked)
}

fn unreadable(path: &Path, error: &std::io::Error) -> CommandError {
    tracing::warn!(path = %path.display(), %error, "could not read the photo");
    CommandError::FileUnreadable
}

/// Handles a file dropped on the window: opens it and tells the UI.
pub fn photo_dropped<R: Runtime>(app: &AppHandle<R>, paths: Vec<PathBuf>) {
    let Some(path) = paths.into_iter().next() else {
        return;
    };
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        use tauri::Manager;

        let state = app.state::<AppState>();
        let outcome = match open_photo(&state, &path).await {
            Ok(picked) => serde_json::json!({ "photo": picked }),
            Err(error) => serde_json::json!({ "error": error }),
        };
        if let Err(error) = app.emit(PHOTO_DROPPED_EVENT, outcome) {
            tracing::warn!(%error, "could not tell the UI about the dropped photo");
        }
    });
}

/// The upright, downscaled photo for the crop view, as raw bytes.
#[tauri::command]
pub async fn avatar_preview(state: State<'_, AppState>) -> Result<Response, CommandError> {
    let edit = lock(&state.avatar_edit);
    let edit = edit.as_ref().ok_or(CommandError::NotFound)?;
    Ok(Response::new(edit.preview.bytes.clone()))
}

/// Makes the avatar from the chosen square, uploads it and attaches it to
/// the profile. When attaching fails after the upload, the uploaded file is
/// remembered, and a retry with the same square attaches it without
/// uploading again.
#[tauri::command]
pub async fn save_avatar(
    state: State<'_, AppState>,
    crop: Option<Crop>,
) -> Result<Counterparty, CommandError> {
    let session = state.session()?;
    let (original, file_name, uploaded) = {
        let edit = lock(&state.avatar_edit);
        let edit = edit.as_ref().ok_or(CommandError::NotFound)?;
        (
            Arc::clone(&edit.original),
            edit.file_name.clone(),
            edit.uploaded,
        )
    };

    // A photo dropped during the save replaces this one in `avatar_edit`,
    // so the state is changed only while it still contains this photo,
    // recognised by the allocation of its bytes.
    let photo = Arc::clone(&original);
    let crop_rect = crop.map(|crop| CropRect {
        x: crop.x,
        y: crop.y,
        size: crop.size,
    });
    let prepared = tauri::async_runtime::spawn_blocking(move || {
        gigma_avatar::prepare(&original, crop_rect, &Limits::default())
    })
    .await
    .map_err(|error| CommandError::UnexpectedResponse {
        status: None,
        detail: error.to_string(),
    })??;

    // The upload is reused only for the very same square of the same photo.
    let reusable = uploaded.filter(|(previous_crop, _)| *previous_crop == crop_rect);
    let file_id = match reusable {
        Some((_, file_id)) => {
            tracing::info!(file_id, "reusing the avatar uploaded before");
            file_id
        }
        None => {
            let upload_name = upload_file_name(&file_name, prepared.format);
            let file = session
                .client()
                .upload_avatar(
                    &session.token,
                    prepared.bytes.clone(),
                    &upload_name,
                    prepared.format.mime_type(),
                )
                .await?;
            if let Some(edit) = lock(&state.avatar_edit)
                .as_mut()
                .filter(|edit| Arc::ptr_eq(&edit.original, &photo))
            {
                edit.uploaded = Some((crop_rect, file.id));
            }
            file.id
        }
    };

    let changes = CounterpartyChanges {
        avatar_id: Some(Some(file_id)),
        ..Default::default()
    };
    let counterparty = session
        .client()
        .update_counterparty(&session.token, &changes)
        .await?;

    {
        let mut edit = lock(&state.avatar_edit);
        if edit
            .as_ref()
            .is_some_and(|edit| Arc::ptr_eq(&edit.original, &photo))
        {
            edit.take();
        }
    }
    if let Err(error) = state
        .avatars
        .save(session.shop.key.as_ref(), file_id, &prepared.bytes)
    {
        tracing::warn!(%error, "could not cache the new avatar");
    }
    state.cache_profile(&counterparty);
    tracing::info!(file_id, "avatar changed");
    Ok(counterparty)
}

/// The uploaded file's name: the photo's name with the extension of what
/// is actually sent, since the avatar is re-encoded.
fn upload_file_name(original: &str, format: OutputFormat) -> String {
    let stem = Path::new(original)
        .file_stem()
        .map(|stem| stem.to_string_lossy().into_owned())
        .filter(|stem| !stem.is_empty())
        .unwrap_or_else(|| "avatar".to_owned());
    let extension = match format {
        OutputFormat::Jpeg => "jpg",
        OutputFormat::Png => "png",
    };
    format!("{stem}.{extension}")
}

/// Forgets a picked photo that the customer decided not to use.
#[tauri::command]
pub async fn cancel_avatar(state: State<'_, AppState>) -> Result<(), CommandError> {
    lock(&state.avatar_edit).take();
    Ok(())
}

/// Removes the avatar from the profile.
#[tauri::command]
pub async fn remove_avatar(state: State<'_, AppState>) -> Result<Counterparty, CommandError> {
    let session = state.session()?;

    let changes = CounterpartyChanges {
        avatar_id: Some(None),
        ..Default::default()
    };
    let counterparty = session
        .client()
        .update_counterparty(&session.token, &changes)
        .await?;
    state.cache_profile(&counterparty);
    tracing::info!("avatar removed");
    Ok(counterparty)
}

/// The current avatar as raw image bytes, from the disk cache or downloaded
/// from its `path`; empty when the profile has none. A downloaded image is
/// decoded and re-encoded before it reaches the web view, so only pixels
/// this app made are ever shown.
#[tauri::command]
pub async fn avatar_image(state: State<'_, AppState>) -> Result<Response, CommandError> {
    let session = state.session()?;
    let avatar = lock(&state.last_counterparty)
        .as_ref()
        .and_then(|counterparty| counterparty.avatar.clone());
    let Some(avatar) = avatar else {
        return Ok(Response::new(Vec::new()));
    };
    let key = session.shop.key.as_ref();

    if let Some(bytes) = state.avatars.load(key, avatar.id) {
        return Ok(Response::new(bytes));
    }
    let path = avatar.path.ok_or(CommandError::NotFound)?;
    let downloaded = session.client().download_image(&path).await?;

    let prepared = tauri::async_runtime::spawn_blocking(move || {
        gigma_avatar::prepare(&downloaded.bytes, None, &Limits::default())
    })
    .await
    .map_err(|error| CommandError::UnexpectedResponse {
        status: None,
        detail: error.to_string(),
    })??;

    if let Err(error) = state.avatars.save(key, avatar.id, &prepared.bytes) {
        tracing::warn!(%error, "could not cache the avatar");
    }
    Ok(Response::new(prepared.bytes))
}

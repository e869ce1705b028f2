//! Uploading the avatar image and downloading the one the server shows.

use std::time::Duration;

use reqwest::header::CONTENT_TYPE;
use reqwest::multipart::{Form, Part};
use reqwest::Method;
use serde::Deserialize;
use url::Url;

use crate::models::Avatar;
use crate::{ApiError, Client, SessionToken};

/// NOTE: an assumption. Gigma does not document how an avatar is uploaded;
/// its documentation only says `avatar_id` is "the ID of an avatar uploaded
/// by a request". This route, a multipart form with `file` and `type_id`,
/// and the `{"file": {...}}` answer are the app's best guess from the file
/// object the counterparty shows. The settings screen can replace the route
/// without a rebuild ([`ClientConfig::avatar_upload_route`](crate::ClientConfig)).
pub const DEFAULT_AVATAR_UPLOAD_ROUTE: &str = "counterparty/files";

/// The file type id of avatars in Gigma's catalogue ("Аватар"), as the
/// documented avatar object shows it.
const AVATAR_TYPE_ID: &str = "2";

/// The largest avatar image the app downloads. A 512 px avatar is far
/// smaller; anything bigger is not an avatar.
pub const MAX_DOWNLOAD_BYTES: usize = 5 * 1024 * 1024;

#[derive(Deserialize)]
struct UploadAnswer {
    file: Avatar,
}

/// An image the client downloaded, not yet decoded.
#[derive(Debug, Clone)]
pub struct DownloadedImage {
    pub content_type: String,
    pub bytes: Vec<u8>,
}

impl Client {
    /// Uploads an avatar image and returns the file object, whose `id` then
    /// goes into `avatar_id`. Never retried: a second upload would leave an
    /// orphaned file on the server.
    pub async fn upload_avatar(
        &self,
        token: &SessionToken,
        bytes: Vec<u8>,
        file_name: &str,
        content_type: &str,
    ) -> Result<Avatar, ApiError> {
        const ROUTE: &str = "POST (avatar upload)";

        let part = Part::bytes(bytes)
            .file_name(file_name.to_owned())
            .mime_str(content_type)
            .map_err(|error| ApiError::Transport {
                route: ROUTE,
                source: error,
            })?;
        let form = Form::new()
            .part("file", part)
            .text("type_id", AVATAR_TYPE_ID);

        let route = self.avatar_upload_route.clone();
        let request = self
            .request(Method::POST, &route, Some(token))
            .multipart(form);
        let answer: UploadAnswer = self.send(ROUTE, request).await?;
        Ok(answer.file)
    }

    /// Downloads the image at an avatar's `path`: https only (plain http
    /// only on this computer), at most [`MAX_DOWNLOAD_BYTES`], and only with
    /// an `image/*` content type. The shop's headers are not sent, since the
    /// file may live on another host.
    pub async fn download_image(&self, path: &str) -> Result<DownloadedImage, ApiError> {
        const ROUTE: &str = "GET (avatar image)";

        let url = Url::parse(path).map_err(|_| ApiError::UnsafeUrl { route: ROUTE })?;
        let loopback = crate::client::is_loopback(&url);
        if !(url.scheme() == "https" || (url.scheme() == "http" && loopback)) {
            return Err(ApiError::UnsafeUrl { route: ROUTE });
        }

        let response = self
            .downloads
            .get(url)
            .send()
            .await
            .map_err(|error| self.transport_error(ROUTE, error))?;
        let status = response.status();
        if !status.is_success() {
            return Err(crate::client::status_error(ROUTE, status, &[], None));
        }
        let content_type = response
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|value| value.to_str().ok())
            .unwrap_or_default()
            .to_owned();
        if !content_type.starts_with("image/") {
            return Err(ApiError::NotAnImage {
                route: ROUTE,
                content_type,
            });
        }

        let bytes = self
            .read_body_limited(ROUTE, response, MAX_DOWNLOAD_BYTES)
            .await?;
        Ok(DownloadedImage {
            content_type,
            bytes,
        })
    }
}

/// The timeout of an avatar download, shorter than an API call's: the card
/// shows initials meanwhile, and a slow image should not hold anything up.
pub(crate) const DOWNLOAD_TIMEOUT: Duration = Duration::from_secs(20);

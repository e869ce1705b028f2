use crate::{CropRect, OutputFormat};

/// Formats that [`crate::prepare`] accepts, for error messages.
pub const SUPPORTED_FORMATS: &str = "JPEG, PNG, WebP, GIF";

/// Every way turning a photo into an avatar can fail.
///
/// The app shows these to customers in Russian, so each variant keeps the
/// numbers a message needs (sizes, limits, dimensions) as fields instead of
/// only in the English text.
#[derive(Debug, thiserror::Error)]
pub enum AvatarError {
    #[error("the file is {size} bytes, more than the limit of {limit} bytes")]
    FileTooLarge { size: u64, limit: u64 },

    #[error(
        "the image is {width}x{height} px ({} pixels), more than the limit of {limit} pixels",
        u64::from(*width) * u64::from(*height)
    )]
    TooManyPixels { width: u32, height: u32, limit: u64 },

    #[error("the image is {width}x{height} px, a side is longer than the limit of {limit} px")]
    SideTooLong { width: u32, height: u32, limit: u32 },

    #[error(
        "unsupported image format{}; supported formats are {SUPPORTED_FORMATS}",
        detected.map(|name| format!(" ({name})")).unwrap_or_default()
    )]
    UnsupportedFormat {
        /// Name of the format recognised from the first bytes, such as
        /// "HEIC", or `None` when the bytes match no known image format.
        detected: Option<&'static str>,
    },

    #[error("the {format} image is corrupt or truncated: {reason}")]
    Corrupt {
        format: &'static str,
        reason: String,
    },

    #[error("decoding the image needs more than the memory limit of {limit} bytes")]
    MemoryLimitExceeded { limit: u64 },

    #[error(
        "the crop square at ({}, {}) with side {} px is outside the {width}x{height} px image",
        crop.x, crop.y, crop.size
    )]
    CropOutOfBounds {
        crop: CropRect,
        width: u32,
        height: u32,
    },

    #[error("the requested preview size must be at least 1 px, got {max_side}")]
    InvalidPreviewSize { max_side: u32 },

    #[error("resizing the image failed: {reason}")]
    Resize { reason: String },

    #[error("encoding the avatar as {format:?} failed: {reason}")]
    Encode {
        format: OutputFormat,
        reason: String,
    },
}

//! Turns a customer's photo into a 512×512 avatar without metadata.
//!
//! The crate has no Tauri dependency, so the desktop app, the tests and the
//! `gigma-avatar` command-line tool share one implementation. Every
//! step works on bytes: the format is sniffed from the content, never from
//! a file name.
//!
//! The pipeline reads the header and checks it against [`Limits`] before
//! decoding. It decodes a JPEG at 1/2, 1/4 or 1/8 of its size when the crop
//! square stays at least 512 px on its side, then crops and resizes with
//! Lanczos3 and applies the EXIF orientation to the 512 px result. Finally
//! it converts the pixels to sRGB if the photo has an RGB ICC profile and
//! encodes JPEG, or PNG when the crop has transparent pixels.

mod color;
mod decode;
mod error;
mod format;
mod geometry;
mod limits;
mod pixels;

use image::DynamicImage;

pub use error::{AvatarError, SUPPORTED_FORMATS};
pub use format::InputFormat;
pub use geometry::CropRect;
pub use limits::Limits;
pub use pixels::JPEG_QUALITY;

/// Side of every avatar, in pixels.
pub const AVATAR_SIDE: u32 = 512;

/// Default maximum side of a preview for the crop view, in pixels: sharp
/// when the crop view is 512 px wide on a 2× display, and a preview JPEG
/// small enough to pass to the web view.
pub const DEFAULT_PREVIEW_SIDE: u32 = 1024;

/// Encoding of an output image.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputFormat {
    Jpeg,
    Png,
}

impl OutputFormat {
    /// Returns the MIME type for an upload or a data URL.
    pub fn mime_type(self) -> &'static str {
        match self {
            OutputFormat::Jpeg => "image/jpeg",
            OutputFormat::Png => "image/png",
        }
    }
}

/// An encoded avatar, ready to upload.
#[derive(Clone)]
pub struct PreparedAvatar {
    pub bytes: Vec<u8>,
    pub format: OutputFormat,
    pub width: u32,
    pub height: u32,
}

/// An upright, downscaled copy of the photo for the crop view.
#[derive(Clone)]
pub struct Preview {
    /// JPEG, or PNG when the photo has transparent pixels.
    pub bytes: Vec<u8>,
    pub format: OutputFormat,
    pub width: u32,
    pub height: u32,
    /// Width of the upright original, the space of [`CropRect`].
    pub original_width: u32,
    /// Height of the upright original, the space of [`CropRect`].
    pub original_height: u32,
}

// The encoded bytes are left out of `Debug`, so logging or asserting on a
// result prints its size instead of tens of kilobytes of numbers.
impl std::fmt::Debug for PreparedAvatar {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PreparedAvatar")
            .field("bytes", &format_args!("<{} bytes>", self.bytes.len()))
            .field("format", &self.format)
            .field("width", &self.width)
            .field("height", &self.height)
            .finish()
    }
}

impl std::fmt::Debug for Preview {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Preview")
            .field("bytes", &format_args!("<{} bytes>", self.bytes.len()))
            .field("format", &self.format)
            .field("width", &self.width)
            .field("height", &self.height)
            .field("original_width", &self.original_width)
            .field("original_height", &self.original_height)
            .finish()
    }
}

/// Format and upright size of a photo, read from its header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImageInfo {
    pub format: InputFormat,
    /// Width once the EXIF orientation is applied.
    pub width: u32,
    /// Height once the EXIF orientation is applied.
    pub height: u32,
}

/// Reads the format and upright size of a photo and checks them against
/// `limits`, without decoding pixels.
pub fn probe(bytes: &[u8], limits: &Limits) -> Result<ImageInfo, AvatarError> {
    let opened = decode::open(bytes, limits)?;
    let (width, height) = opened.upright_size();
    Ok(ImageInfo {
        format: opened.format,
        width,
        height,
    })
}

/// Makes a 512×512 avatar from the `crop` square of a photo, or from the
/// centred largest square when `crop` is `None`.
///
/// The result is JPEG at quality [`JPEG_QUALITY`], or PNG when any pixel of
/// the crop has an alpha below the maximum. It carries no metadata.
pub fn prepare(
    bytes: &[u8],
    crop: Option<CropRect>,
    limits: &Limits,
) -> Result<PreparedAvatar, AvatarError> {
    let mut opened = decode::open(bytes, limits)?;
    let (upright_width, upright_height) = opened.upright_size();
    let crop = match crop {
        Some(crop) => crop.validate(upright_width, upright_height)?,
        None => CropRect::centered_square(upright_width, upright_height),
    };

    let orientation = opened.orientation;
    let icc_profile = opened.icc_profile.take();
    let (stored_width, stored_height) = (opened.stored_width, opened.stored_height);
    let reduction = decode::pick_reduction(crop.size, AVATAR_SIDE);
    let (decoded, applied_reduction) = opened.decode(reduction, limits)?;
    tracing::debug!(
        reduction = applied_reduction,
        width = decoded.width(),
        height = decoded.height(),
        "decoded image"
    );

    let source_rect = geometry::crop_in_stored(crop, orientation, stored_width, stored_height)
        .reduced(applied_reduction)
        .clamped(decoded.width(), decoded.height());
    let transparent = pixels::has_transparency(&decoded, source_rect);
    let mut avatar = pixels::resize(&decoded, source_rect, AVATAR_SIDE, AVATAR_SIDE)?;
    drop(decoded);
    avatar.apply_orientation(orientation);

    let (bytes, format) = finish(&avatar, transparent, icc_profile.as_deref())?;
    Ok(PreparedAvatar {
        bytes,
        format,
        width: AVATAR_SIDE,
        height: AVATAR_SIDE,
    })
}

/// Makes an upright copy of the photo whose longer side is at most
/// `max_side` pixels, for the crop view.
///
/// Photos already within `max_side` keep their size. Use
/// [`DEFAULT_PREVIEW_SIDE`] unless the view needs another size.
pub fn decode_preview(
    bytes: &[u8],
    max_side: u32,
    limits: &Limits,
) -> Result<Preview, AvatarError> {
    if max_side == 0 {
        return Err(AvatarError::InvalidPreviewSize { max_side });
    }
    let mut opened = decode::open(bytes, limits)?;
    let (original_width, original_height) = opened.upright_size();
    let longer_side = original_width.max(original_height);
    let (width, height) = fit_within(original_width, original_height, max_side);

    let orientation = opened.orientation;
    let icc_profile = opened.icc_profile.take();
    let reduction = decode::pick_reduction(longer_side, max_side.min(longer_side));
    let (decoded, _) = opened.decode(reduction, limits)?;

    let (stored_target_width, stored_target_height) = if decode::swaps_axes(orientation) {
        (height, width)
    } else {
        (width, height)
    };
    let whole = geometry::SourceRect::whole(decoded.width(), decoded.height());
    let transparent = pixels::has_transparency(&decoded, whole);
    let mut preview: DynamicImage =
        if (decoded.width(), decoded.height()) == (stored_target_width, stored_target_height) {
            decoded
        } else {
            pixels::resize(&decoded, whole, stored_target_width, stored_target_height)?
        };
    preview.apply_orientation(orientation);

    let (bytes, format) = finish(&preview, transparent, icc_profile.as_deref())?;
    Ok(Preview {
        bytes,
        format,
        width,
        height,
        original_width,
        original_height,
    })
}

/// Converts the final image to 8 bits per channel in sRGB and encodes it.
fn finish(
    image: &DynamicImage,
    transparent: bool,
    icc_profile: Option<&[u8]>,
) -> Result<(Vec<u8>, OutputFormat), AvatarError> {
    let mut output = pixels::to_output_pixels(image, transparent);
    if let Some(profile) = icc_profile {
        color::convert_to_srgb(&mut output, profile);
    }
    pixels::encode(&output)
}

/// Scales `width` × `height` down so the longer side is at most `max_side`,
/// keeping the aspect ratio and at least 1 px a side.
fn fit_within(width: u32, height: u32, max_side: u32) -> (u32, u32) {
    let longer_side = width.max(height);
    if longer_side <= max_side {
        return (width, height);
    }
    let scale = |length: u32| {
        let scaled = (u64::from(length) * u64::from(max_side) + u64::from(longer_side) / 2)
            / u64::from(longer_side);
        (scaled as u32).max(1)
    };
    (scale(width), scale(height))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_within_keeps_aspect_ratio() {
        assert_eq!(fit_within(6000, 4000, 1024), (1024, 683));
        assert_eq!(fit_within(1200, 3000, 1024), (410, 1024));
        assert_eq!(fit_within(800, 600, 1024), (800, 600));
        assert_eq!(fit_within(20_000, 1, 1024), (1024, 1));
    }
}

//! Steps on decoded pixels: transparency check, resize and encode.

use fast_image_resize::{FilterType, ResizeAlg, ResizeOptions, Resizer};
use image::codecs::png::PngEncoder;
use image::{DynamicImage, ImageEncoder};

use crate::color::OutputPixels;
use crate::geometry::SourceRect;
use crate::{AvatarError, OutputFormat};

/// JPEG quality of avatars and previews, the common choice for photos on
/// the web. A 512 px avatar of the benchmark photo is about 42 KB.
pub const JPEG_QUALITY: u8 = 85;

/// Tells whether any pixel that `rect` touches has an alpha below the
/// maximum.
pub(crate) fn has_transparency(image: &DynamicImage, rect: SourceRect) -> bool {
    let (x0, y0, x1, y1) = rect.covered_pixels();
    let x1 = x1.min(image.width());
    let y1 = y1.min(image.height());
    let any_pixel = |is_transparent: &dyn Fn(u32, u32) -> bool| {
        (y0..y1).any(|y| (x0..x1).any(|x| is_transparent(x, y)))
    };
    match image {
        DynamicImage::ImageLumaA8(buffer) => {
            any_pixel(&|x, y| buffer.get_pixel(x, y).0[1] < u8::MAX)
        }
        DynamicImage::ImageRgba8(buffer) => {
            any_pixel(&|x, y| buffer.get_pixel(x, y).0[3] < u8::MAX)
        }
        DynamicImage::ImageLumaA16(buffer) => {
            any_pixel(&|x, y| buffer.get_pixel(x, y).0[1] < u16::MAX)
        }
        DynamicImage::ImageRgba16(buffer) => {
            any_pixel(&|x, y| buffer.get_pixel(x, y).0[3] < u16::MAX)
        }
        DynamicImage::ImageRgba32F(buffer) => any_pixel(&|x, y| buffer.get_pixel(x, y).0[3] < 1.0),
        _ => false,
    }
}

/// Resizes the `crop` part of `source` to `width` × `height` with Lanczos3.
///
/// Alpha is premultiplied while filtering, so the colour of fully
/// transparent pixels (often black) does not bleed into visible edges.
pub(crate) fn resize(
    source: &DynamicImage,
    crop: SourceRect,
    width: u32,
    height: u32,
) -> Result<DynamicImage, AvatarError> {
    let mut target = DynamicImage::new(width, height, source.color());
    let options = ResizeOptions::new()
        .resize_alg(ResizeAlg::Convolution(FilterType::Lanczos3))
        .crop(crop.left, crop.top, crop.width, crop.height)
        .use_alpha(true);
    Resizer::new()
        .resize(source, &mut target, &options)
        .map_err(|err| AvatarError::Resize {
            reason: err.to_string(),
        })?;
    Ok(target)
}

/// Converts the image to 8-bit RGBA if `transparent`, otherwise to 8-bit
/// RGB, dropping an alpha channel that is fully opaque.
pub(crate) fn to_output_pixels(image: &DynamicImage, transparent: bool) -> OutputPixels {
    if transparent {
        OutputPixels::Rgba(image.to_rgba8())
    } else {
        OutputPixels::Rgb(image.to_rgb8())
    }
}

/// Encodes RGBA pixels as PNG and RGB pixels as JPEG.
///
/// Both encoders write pixels only: no EXIF, XMP, ICC or text chunks, which
/// is what strips the metadata of the original file.
pub(crate) fn encode(pixels: &OutputPixels) -> Result<(Vec<u8>, OutputFormat), AvatarError> {
    let mut bytes = Vec::new();
    match pixels {
        OutputPixels::Rgba(rgba) => {
            PngEncoder::new(&mut bytes)
                .write_image(
                    rgba.as_raw(),
                    rgba.width(),
                    rgba.height(),
                    image::ExtendedColorType::Rgba8,
                )
                .map_err(|err| AvatarError::Encode {
                    format: OutputFormat::Png,
                    reason: err.to_string(),
                })?;
            Ok((bytes, OutputFormat::Png))
        }
        OutputPixels::Rgb(rgb) => {
            let encode_error = |reason: String| AvatarError::Encode {
                format: OutputFormat::Jpeg,
                reason,
            };
            let (width, height) = rgb.dimensions();
            let (Ok(jpeg_width), Ok(jpeg_height)) = (u16::try_from(width), u16::try_from(height))
            else {
                return Err(encode_error(format!(
                    "{width}x{height} px is larger than JPEG allows"
                )));
            };
            jpeg_encoder::Encoder::new(&mut bytes, JPEG_QUALITY)
                .encode(
                    rgb.as_raw(),
                    jpeg_width,
                    jpeg_height,
                    jpeg_encoder::ColorType::Rgb,
                )
                .map_err(|err| encode_error(err.to_string()))?;
            Ok((bytes, OutputFormat::Jpeg))
        }
    }
}

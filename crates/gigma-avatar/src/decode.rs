//! Header reading and decoding, with the size checks between the two.

use std::io::Cursor;
use std::panic::{self, AssertUnwindSafe};

use image::metadata::Orientation;
use image::{DynamicImage, ImageDecoder, ImageError, ImageFormat, ImageReader};

use crate::format::{sniff, InputFormat};
use crate::{AvatarError, Limits};

/// A file whose header has been read and checked against the limits, ready
/// to decode.
pub(crate) struct OpenedImage<'a> {
    pub format: InputFormat,
    /// Width of the full-resolution image as stored, before orientation.
    pub stored_width: u32,
    /// Height of the full-resolution image as stored, before orientation.
    pub stored_height: u32,
    /// EXIF orientation that turns the stored image upright.
    pub orientation: Orientation,
    /// Embedded ICC colour profile, if any.
    pub icc_profile: Option<Vec<u8>>,
    decoder: FormatDecoder<'a>,
}

enum FormatDecoder<'a> {
    /// jpeg-decoder rather than the `image` crate's JPEG decoder
    /// (zune-jpeg), because only jpeg-decoder can decode at 1/2, 1/4 or 1/8
    /// of the size.
    ///
    /// NOTE: jpeg-decoder is in maintenance mode. Switch to zune-jpeg once
    /// a release of it can decode at a reduced scale.
    Jpeg(Box<jpeg_decoder::Decoder<&'a [u8]>>),
    Other(Box<dyn ImageDecoder + 'a>),
}

impl OpenedImage<'_> {
    /// Returns the size of the image once the EXIF orientation is applied.
    pub fn upright_size(&self) -> (u32, u32) {
        if swaps_axes(self.orientation) {
            (self.stored_height, self.stored_width)
        } else {
            (self.stored_width, self.stored_height)
        }
    }

    /// Decodes the stored image, shrunk by `reduction` (1, 2, 4 or 8) where
    /// the format can do that while decoding, which only JPEG can.
    ///
    /// Returns the pixels, still in stored orientation, and the reduction
    /// actually applied: the returned image is `ceil(stored / reduction)`
    /// pixels on each side.
    pub fn decode(
        self,
        reduction: u32,
        limits: &Limits,
    ) -> Result<(DynamicImage, u32), AvatarError> {
        let format = self.format;
        match self.decoder {
            FormatDecoder::Jpeg(decoder) => {
                let stored = (self.stored_width, self.stored_height);
                guard_panics(format, || decode_jpeg(*decoder, stored, reduction, limits))
            }
            FormatDecoder::Other(decoder) => {
                let image = guard_panics(format, || {
                    DynamicImage::from_decoder(decoder)
                        .map_err(|err| map_image_error(format, err, limits))
                })?;
                Ok((image, 1))
            }
        }
    }
}

/// Sniffs the format, reads the header and checks it against `limits`
/// without decoding any pixels.
pub(crate) fn open<'a>(bytes: &'a [u8], limits: &Limits) -> Result<OpenedImage<'a>, AvatarError> {
    let size = bytes.len() as u64;
    if size > limits.max_file_bytes {
        return Err(AvatarError::FileTooLarge {
            size,
            limit: limits.max_file_bytes,
        });
    }

    let format = sniff(bytes)?;
    let opened = guard_panics(format, || match format {
        InputFormat::Jpeg => open_jpeg(bytes, limits),
        _ => open_with_image_crate(bytes, format, limits),
    })?;
    tracing::debug!(
        format = format.name(),
        width = opened.stored_width,
        height = opened.stored_height,
        orientation = ?opened.orientation,
        "read image header"
    );
    Ok(opened)
}

/// Returns the largest DCT reduction (8, 4, 2 or 1) that still leaves
/// `source_side` pixels at least `needed_side` pixels long, so the final
/// resize only ever shrinks unless the source itself is small.
pub(crate) fn pick_reduction(source_side: u32, needed_side: u32) -> u32 {
    [8, 4, 2]
        .into_iter()
        .find(|&reduction| u64::from(source_side) >= u64::from(needed_side) * u64::from(reduction))
        .unwrap_or(1)
}

fn check_dimensions(width: u32, height: u32, limits: &Limits) -> Result<(), AvatarError> {
    if width > limits.max_side || height > limits.max_side {
        return Err(AvatarError::SideTooLong {
            width,
            height,
            limit: limits.max_side,
        });
    }
    if u64::from(width) * u64::from(height) > limits.max_pixels {
        return Err(AvatarError::TooManyPixels {
            width,
            height,
            limit: limits.max_pixels,
        });
    }
    if width == 0 || height == 0 {
        return Err(AvatarError::Corrupt {
            format: "image",
            reason: format!("the header gives an empty size of {width}x{height} px"),
        });
    }
    Ok(())
}

fn open_jpeg<'a>(bytes: &'a [u8], limits: &Limits) -> Result<OpenedImage<'a>, AvatarError> {
    let mut decoder = jpeg_decoder::Decoder::new(bytes);
    decoder
        .read_info()
        .map_err(|err| map_jpeg_error(err, limits))?;
    let info = decoder.info().ok_or_else(|| AvatarError::Corrupt {
        format: "JPEG",
        reason: "no frame header (SOF) found".to_owned(),
    })?;
    let (width, height) = (u32::from(info.width), u32::from(info.height));
    check_dimensions(width, height, limits)?;

    // A progressive JPEG keeps every DCT coefficient (2 bytes per sample and
    // component) until the last scan, and jpeg-decoder's own buffer limit
    // only covers the output, so the coefficient memory is checked here.
    if info.coding_process == jpeg_decoder::CodingProcess::DctProgressive {
        let components = info.pixel_format.pixel_bytes() as u64;
        let coefficient_bytes = u64::from(width) * u64::from(height) * components * 2;
        if coefficient_bytes > limits.max_decode_bytes {
            return Err(AvatarError::MemoryLimitExceeded {
                limit: limits.max_decode_bytes,
            });
        }
    }

    let orientation = decoder
        .exif_data()
        .and_then(Orientation::from_exif_chunk)
        .unwrap_or(Orientation::NoTransforms);
    let icc_profile = decoder.icc_profile();
    decoder.set_max_decoding_buffer_size(
        usize::try_from(limits.max_decode_bytes).unwrap_or(usize::MAX),
    );

    Ok(OpenedImage {
        format: InputFormat::Jpeg,
        stored_width: width,
        stored_height: height,
        orientation,
        icc_profile,
        decoder: FormatDecoder::Jpeg(Box::new(decoder)),
    })
}

fn decode_jpeg(
    mut decoder: jpeg_decoder::Decoder<&[u8]>,
    (width, height): (u32, u32),
    reduction: u32,
    limits: &Limits,
) -> Result<(DynamicImage, u32), AvatarError> {
    // jpeg-decoder picks the smallest scale whose output reaches the
    // requested size on at least one axis, so asking for exactly
    // ceil(size / reduction) on both axes selects that reduction.
    let requested_width = width.div_ceil(reduction);
    let requested_height = height.div_ceil(reduction);
    decoder
        .scale(requested_width as u16, requested_height as u16)
        .map_err(|err| map_jpeg_error(err, limits))?;

    let pixels = decoder
        .decode()
        .map_err(|err| map_jpeg_error(err, limits))?;
    let info = decoder.info().ok_or_else(|| AvatarError::Corrupt {
        format: "JPEG",
        reason: "the frame header disappeared after decoding".to_owned(),
    })?;
    let (out_width, out_height) = (u32::from(info.width), u32::from(info.height));
    let applied = [1, 2, 4, 8]
        .into_iter()
        .find(|&r| width.div_ceil(r) == out_width && height.div_ceil(r) == out_height)
        .ok_or_else(|| AvatarError::Corrupt {
            format: "JPEG",
            reason: format!(
                "the decoder returned an unexpected size of {out_width}x{out_height} px"
            ),
        })?;

    let image = jpeg_pixels_to_image(pixels, info.pixel_format, out_width, out_height)?;
    Ok((image, applied))
}

fn jpeg_pixels_to_image(
    pixels: Vec<u8>,
    pixel_format: jpeg_decoder::PixelFormat,
    width: u32,
    height: u32,
) -> Result<DynamicImage, AvatarError> {
    use jpeg_decoder::PixelFormat;

    let image = match pixel_format {
        PixelFormat::L8 => {
            image::GrayImage::from_raw(width, height, pixels).map(DynamicImage::ImageLuma8)
        }
        PixelFormat::L16 => {
            // jpeg-decoder returns 16-bit samples big-endian.
            let samples = pixels
                .chunks_exact(2)
                .map(|pair| u16::from_be_bytes([pair[0], pair[1]]))
                .collect();
            image::ImageBuffer::from_raw(width, height, samples).map(DynamicImage::ImageLuma16)
        }
        PixelFormat::RGB24 => {
            image::RgbImage::from_raw(width, height, pixels).map(DynamicImage::ImageRgb8)
        }
        PixelFormat::CMYK32 => image::RgbImage::from_raw(width, height, cmyk_to_rgb(&pixels))
            .map(DynamicImage::ImageRgb8),
    };
    image.ok_or_else(|| AvatarError::Corrupt {
        format: "JPEG",
        reason: "the decoder returned fewer pixels than the image size needs".to_owned(),
    })
}

/// Converts CMYK ink amounts (0 = no ink), as jpeg-decoder returns them for
/// Adobe CMYK and YCCK files, to RGB.
///
/// NOTE: a naive conversion without the file's ICC profile, so print-press
/// CMYK colours come out somewhat brighter than in Photoshop.
fn cmyk_to_rgb(cmyk: &[u8]) -> Vec<u8> {
    let mut rgb = Vec::with_capacity(cmyk.len() / 4 * 3);
    for pixel in cmyk.chunks_exact(4) {
        let white = 255 - u32::from(pixel[3]);
        for &ink in &pixel[..3] {
            rgb.push(((255 - u32::from(ink)) * white / 255) as u8);
        }
    }
    rgb
}

fn open_with_image_crate<'a>(
    bytes: &'a [u8],
    format: InputFormat,
    limits: &Limits,
) -> Result<OpenedImage<'a>, AvatarError> {
    // PNG and GIF give their size at a fixed offset, so a huge image is
    // rejected even when the rest of the file is missing, before a decoder
    // parses anything else.
    if let Some((width, height)) = fixed_offset_dimensions(bytes, format) {
        check_dimensions(width, height, limits)?;
    }

    let image_format = match format {
        InputFormat::Png => ImageFormat::Png,
        InputFormat::WebP => ImageFormat::WebP,
        InputFormat::Gif => ImageFormat::Gif,
        InputFormat::Jpeg => unreachable!("JPEG files are opened with jpeg-decoder"),
    };
    // The header is read with only the memory limit set, so that a
    // too-large image fails our own check below, whose error carries the
    // dimensions, instead of the `image` crate's generic one.
    let mut decoder_limits = image::Limits::default();
    decoder_limits.max_alloc = Some(limits.max_decode_bytes);
    let mut reader = ImageReader::with_format(Cursor::new(bytes), image_format);
    reader.limits(decoder_limits.clone());
    let mut decoder = reader
        .into_decoder()
        .map_err(|err| map_image_error(format, err, limits))?;
    let (width, height) = decoder.dimensions();
    check_dimensions(width, height, limits)?;

    // `DynamicImage::from_decoder` allocates the output without consulting
    // the limits, so the output buffer is reserved here, as
    // `ImageReader::decode` does, and the rest goes to the decoder.
    decoder_limits.max_image_width = Some(limits.max_side);
    decoder_limits.max_image_height = Some(limits.max_side);
    decoder_limits
        .reserve(decoder.total_bytes())
        .and_then(|()| decoder.set_limits(decoder_limits))
        .map_err(|err| map_image_error(format, err, limits))?;
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
    let icc_profile = decoder.icc_profile().ok().flatten();

    Ok(OpenedImage {
        format,
        stored_width: width,
        stored_height: height,
        orientation,
        icc_profile,
        decoder: FormatDecoder::Other(Box::new(decoder)),
    })
}

/// Reads the width and height of a PNG (from IHDR, which must come first)
/// or a GIF (from the logical screen descriptor).
fn fixed_offset_dimensions(bytes: &[u8], format: InputFormat) -> Option<(u32, u32)> {
    match format {
        InputFormat::Png if bytes.len() >= 24 && &bytes[12..16] == b"IHDR" => {
            let width = u32::from_be_bytes(bytes[16..20].try_into().ok()?);
            let height = u32::from_be_bytes(bytes[20..24].try_into().ok()?);
            Some((width, height))
        }
        InputFormat::Gif if bytes.len() >= 10 => {
            let width = u16::from_le_bytes([bytes[6], bytes[7]]);
            let height = u16::from_le_bytes([bytes[8], bytes[9]]);
            Some((u32::from(width), u32::from(height)))
        }
        _ => None,
    }
}

fn map_image_error(format: InputFormat, err: ImageError, limits: &Limits) -> AvatarError {
    match err {
        ImageError::Limits(limit_error)
            if limit_error.kind() == image::error::LimitErrorKind::InsufficientMemory =>
        {
            AvatarError::MemoryLimitExceeded {
                limit: limits.max_decode_bytes,
            }
        }
        other => AvatarError::Corrupt {
            format: format.name(),
            reason: other.to_string(),
        },
    }
}

fn map_jpeg_error(err: jpeg_decoder::Error, limits: &Limits) -> AvatarError {
    match err {
        jpeg_decoder::Error::Format(reason) if reason.contains("exceeds maximum allowed size") => {
            AvatarError::MemoryLimitExceeded {
                limit: limits.max_decode_bytes,
            }
        }
        other => AvatarError::Corrupt {
            format: "JPEG",
            reason: other.to_string(),
        },
    }
}

/// Runs third-party decoder code and turns a panic into
/// [`AvatarError::Corrupt`].
///
/// The decoders are meant to return errors on bad input, but they parse
/// untrusted files, and a panic on one crafted photo must not take the
/// desktop app down with it.
fn guard_panics<T>(
    format: InputFormat,
    run: impl FnOnce() -> Result<T, AvatarError>,
) -> Result<T, AvatarError> {
    panic::catch_unwind(AssertUnwindSafe(run)).unwrap_or_else(|_| {
        tracing::warn!(
            format = format.name(),
            "the image decoder panicked on this file"
        );
        Err(AvatarError::Corrupt {
            format: format.name(),
            reason: "the decoder failed on malformed data".to_owned(),
        })
    })
}

/// Tells whether the orientation turns the image by 90 or 270 degrees.
pub(crate) fn swaps_axes(orientation: Orientation) -> bool {
    matches!(
        orientation,
        Orientation::Rotate90
            | Orientation::Rotate270
            | Orientation::Rotate90FlipH
            | Orientation::Rotate270FlipH
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reduction_keeps_crop_at_least_needed() {
        // (crop side, expected reduction) for a 512 px avatar.
        let cases = [
            (100, 1),
            (511, 1),
            (1023, 1),
            (1024, 2),
            (2047, 2),
            (2048, 4),
            (4000, 4),
            (4096, 8),
            (20_000, 8),
        ];
        for (side, expected) in cases {
            assert_eq!(pick_reduction(side, 512), expected, "side {side}");
        }
    }

    #[test]
    fn cmyk_inks_convert_to_rgb() {
        let inks = [0, 0, 0, 0, 255, 0, 0, 0, 0, 0, 0, 255, 0, 128, 0, 0];
        assert_eq!(
            cmyk_to_rgb(&inks),
            [255, 255, 255, 0, 255, 255, 0, 0, 0, 255, 127, 255]
        );
    }
}

//! Conversion of the output pixels to sRGB.

use moxcms::{ColorProfile, DataColorSpace, Layout, TransformOptions};

/// Final 8-bit pixels of an avatar or preview, before encoding.
pub(crate) enum OutputPixels {
    Rgb(image::RgbImage),
    Rgba(image::RgbaImage),
}

/// Converts the pixels from the colour space of the photo's ICC profile to
/// sRGB.
///
/// The profile itself is dropped with the rest of the metadata, and viewers
/// treat untagged images as sRGB, so without this step a Display P3 or
/// Adobe RGB photo would look washed out. Grey and CMYK profiles are left
/// alone, and a profile that fails to parse leaves the pixels unchanged:
/// a slightly off colour is better than no avatar.
pub(crate) fn convert_to_srgb(pixels: &mut OutputPixels, icc_profile: &[u8]) {
    let source = match ColorProfile::new_from_slice(icc_profile) {
        Ok(profile) if profile.color_space == DataColorSpace::Rgb => profile,
        Ok(_) => return,
        Err(err) => {
            tracing::warn!(error = %err, "ignoring an unreadable ICC profile");
            return;
        }
    };
    let (layout, samples): (Layout, &mut [u8]) = match pixels {
        OutputPixels::Rgb(image) => (Layout::Rgb, image.as_mut()),
        OutputPixels::Rgba(image) => (Layout::Rgba, image.as_mut()),
    };

    let srgb = ColorProfile::new_srgb();
    let result = source
        .create_transform_8bit(layout, &srgb, layout, TransformOptions::default())
        .and_then(|transform| {
            let mut converted = vec![0u8; samples.len()];
            transform.transform(samples, &mut converted)?;
            Ok(converted)
        });
    match result {
        Ok(converted) => samples.copy_from_slice(&converted),
        Err(err) => {
            tracing::warn!(error = %err, "ignoring an ICC profile that cannot convert to sRGB")
        }
    }
}

//! EXIF orientation: every flag gives the same upright avatar.

mod common;

use std::fs;

use gigma_avatar::{decode_preview, prepare, CropRect, Limits};
use image::metadata::Orientation;
use image::DynamicImage;

use common::*;

/// Mean absolute difference (0 to 255) below which two avatars count as the
/// same picture. JPEG re-encoding of rotated blocks alone gives about 1.
const SAME_PICTURE: f64 = 3.0;

#[test]
fn shared_samples_look_the_same() {
    let folder = testdata_images().join("exif-orientation");
    let limits = Limits::default();
    for group in ["Landscape", "Portrait"] {
        let mut avatars = Vec::new();
        for entry in fs::read_dir(&folder).expect("exif-orientation folder is readable") {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            if name.starts_with(group) && name.ends_with(".jpg") {
                let avatar = prepare(&fs::read(&path).unwrap(), None, &limits)
                    .unwrap_or_else(|err| panic!("{name}: {err}"));
                avatars.push((name, decode_avatar(&avatar)));
            }
        }
        assert!(
            avatars.len() >= 2,
            "{group}: found only {} samples",
            avatars.len()
        );

        avatars.sort_by(|a, b| a.0.cmp(&b.0));
        let (reference_name, reference) = &avatars[0];
        for (name, avatar) in &avatars[1..] {
            let difference = mean_abs_diff(reference, avatar);
            assert!(
                difference < SAME_PICTURE,
                "{name} differs from {reference_name} by {difference:.2} on average"
            );
        }
    }
}

/// Returns the orientation that undoes `orientation`.
fn inverse(orientation: Orientation) -> Orientation {
    match orientation {
        Orientation::Rotate90 => Orientation::Rotate270,
        Orientation::Rotate270 => Orientation::Rotate90,
        other => other,
    }
}

/// Stores `upright` the way a camera with EXIF flag `flag` would, so that
/// applying the flag turns it upright again.
fn stored_with_flag(upright: &image::RgbImage, flag: u8) -> Vec<u8> {
    let orientation = Orientation::from_exif(flag).expect("flag is 1 to 8");
    let mut stored = DynamicImage::ImageRgb8(upright.clone());
    stored.apply_orientation(inverse(orientation));
    jpeg(
        &stored.to_rgb8(),
        &JpegOptions {
            exif: Some(exif(u16::from(flag), false)),
            ..Default::default()
        },
    )
}

#[test]
fn all_eight_flags_crop_same_region() {
    // 3000x2000 with a 1500 px crop, so the JPEG is decoded at 1/2 and the
    // crop maps through both the orientation and the DCT reduction.
    let upright = quadrants(3000, 2000, 1000, 900);
    let crop = CropRect {
        x: 200,
        y: 300,
        size: 1500,
    };
    let limits = Limits::default();
    let reference = decode_avatar(
        &prepare(
            &jpeg(&upright, &JpegOptions::default()),
            Some(crop),
            &limits,
        )
        .unwrap(),
    );

    // The splits land at (1000 - 200) / 1500 * 512 = 273 and
    // (900 - 300) / 1500 * 512 = 205 px of the avatar.
    assert_color_near(&reference, 100, 100, RED, 12);
    assert_color_near(&reference, 400, 100, GREEN, 12);
    assert_color_near(&reference, 100, 400, BLUE, 12);
    assert_color_near(&reference, 400, 400, YELLOW, 12);

    for flag in 1..=8 {
        let avatar = decode_avatar(
            &prepare(&stored_with_flag(&upright, flag), Some(crop), &limits).unwrap(),
        );
        let difference = mean_abs_diff(&reference, &avatar);
        assert!(
            difference < SAME_PICTURE,
            "flag {flag}: differs by {difference:.2} on average"
        );
        assert_color_near(&avatar, 100, 100, RED, 12);
        assert_color_near(&avatar, 400, 400, YELLOW, 12);
    }
}

#[test]
fn all_eight_flags_default_crop() {
    // Small enough to decode at full size; the default crop is the centred
    // 600 px square of the upright 900x600 photo.
    let upright = quadrants(900, 600, 450, 300);
    let limits = Limits::default();
    let reference =
        decode_avatar(&prepare(&jpeg(&upright, &JpegOptions::default()), None, &limits).unwrap());
    for flag in 1..=8 {
        let avatar =
            decode_avatar(&prepare(&stored_with_flag(&upright, flag), None, &limits).unwrap());
        let difference = mean_abs_diff(&reference, &avatar);
        assert!(
            difference < SAME_PICTURE,
            "flag {flag}: differs by {difference:.2} on average"
        );
    }
}

#[test]
fn preview_is_upright() {
    let upright = quadrants(1200, 3000, 600, 1500);
    let limits = Limits::default();
    for flag in 1..=8 {
        let preview = decode_preview(&stored_with_flag(&upright, flag), 1024, &limits).unwrap();
        assert_eq!(
            (preview.original_width, preview.original_height),
            (1200, 3000),
            "flag {flag}"
        );
        assert_eq!((preview.width, preview.height), (410, 1024), "flag {flag}");

        let pixels = decode_output(&preview.bytes, preview.format);
        assert_eq!(pixels.dimensions(), (410, 1024), "flag {flag}");
        assert_color_near(&pixels, 50, 50, RED, 12);
        assert_color_near(&pixels, 360, 50, GREEN, 12);
        assert_color_near(&pixels, 50, 970, BLUE, 12);
        assert_color_near(&pixels, 360, 970, YELLOW, 12);
    }
}

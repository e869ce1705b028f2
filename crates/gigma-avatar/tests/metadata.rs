//! Metadata stripping: avatars carry pixels only, whatever the photo had.

mod common;

use gigma_avatar::{decode_preview, prepare, Limits, OutputFormat};
use image::{DynamicImage, Rgba, RgbaImage};

use common::*;

/// The GPS latitude 55/1, 45/1, 2112/100 as stored in the fixture.
fn gps_latitude_bytes() -> Vec<u8> {
    [55u32, 1, 45, 1, 2112, 100]
        .iter()
        .flat_map(|value| value.to_le_bytes())
        .collect()
}

/// JPEG markers an output may contain: SOI, APP0 (JFIF), DQT, SOF0, DHT
/// and SOS. Any APPn other than APP0, or COM, would carry metadata.
const ALLOWED_JPEG_MARKERS: [u8; 5] = [0xE0, 0xDB, 0xC0, 0xC4, 0xDA];

fn assert_no_metadata(bytes: &[u8], format: OutputFormat) {
    match format {
        OutputFormat::Jpeg => {
            let markers = jpeg_markers(bytes);
            for marker in &markers {
                assert!(
                    ALLOWED_JPEG_MARKERS.contains(marker),
                    "output has marker 0xFF{marker:02X}: {markers:02X?}"
                );
            }
        }
        OutputFormat::Png => {
            let chunks = png_chunk_types(bytes);
            for chunk in &chunks {
                assert!(
                    ["IHDR", "IDAT", "IEND"].contains(&chunk.as_str()),
                    "output has chunk {chunk}: {chunks:?}"
                );
            }
        }
    }
    assert!(!contains_bytes(bytes, b"Exif"), "output contains \"Exif\"");
    assert!(
        !contains_bytes(bytes, CAMERA_MAKE.as_bytes()),
        "output contains the camera make"
    );
    assert!(
        !contains_bytes(bytes, CAMERA_MODEL.as_bytes()),
        "output contains the camera model"
    );
    assert!(
        !contains_bytes(bytes, &gps_latitude_bytes()),
        "output contains the GPS latitude"
    );
    assert!(
        !contains_bytes(bytes, &[0x25, 0x88, 0x04, 0x00]),
        "output contains a GPS IFD pointer entry"
    );
    assert!(
        !contains_bytes(bytes, b"ns.adobe.com/xap"),
        "output contains XMP"
    );
    assert!(
        !contains_bytes(bytes, b"ICC_PROFILE"),
        "output contains an ICC profile"
    );
}

fn phone_photo_with_gps() -> Vec<u8> {
    let bytes = jpeg(
        &quadrants(1600, 1200, 800, 600),
        &JpegOptions {
            exif: Some(exif(1, true)),
            icc_profile: Some(b"fake ICC profile data for the test".repeat(20)),
            xmp: Some(format!(
                "<x:xmpmeta><tiff:Make>{CAMERA_MAKE}</tiff:Make></x:xmpmeta>"
            )),
            ..Default::default()
        },
    );
    // The fixture really carries what the avatar must not.
    assert!(contains_bytes(&bytes, b"Exif\0\0"));
    assert!(contains_bytes(&bytes, CAMERA_MAKE.as_bytes()));
    assert!(contains_bytes(&bytes, &gps_latitude_bytes()));
    assert!(contains_bytes(&bytes, b"ns.adobe.com/xap"));
    assert!(contains_bytes(&bytes, b"ICC_PROFILE"));
    bytes
}

#[test]
fn jpeg_gps_exif_stripped() {
    let avatar = prepare(&phone_photo_with_gps(), None, &Limits::default()).unwrap();
    assert_eq!(avatar.format, OutputFormat::Jpeg);
    assert_no_metadata(&avatar.bytes, avatar.format);
}

#[test]
fn preview_metadata_stripped() {
    let preview = decode_preview(&phone_photo_with_gps(), 1024, &Limits::default()).unwrap();
    assert_no_metadata(&preview.bytes, preview.format);
}

#[test]
fn png_exif_and_text_stripped() {
    let photo = RgbaImage::from_fn(600, 600, |x, _| {
        if x < 100 {
            Rgba([0, 0, 0, 0])
        } else {
            Rgba([200, 100, 50, 255])
        }
    });
    let plain = png(&DynamicImage::ImageRgba8(photo));
    let text = format!("Make\0{CAMERA_MAKE}");
    let with_metadata = insert_png_chunks(
        &plain,
        &[
            png_chunk(b"eXIf", &exif(1, true)),
            png_chunk(b"tEXt", text.as_bytes()),
        ],
    );
    assert!(contains_bytes(&with_metadata, &gps_latitude_bytes()));

    let avatar = prepare(&with_metadata, None, &Limits::default()).unwrap();
    assert_eq!(avatar.format, OutputFormat::Png);
    assert_no_metadata(&avatar.bytes, avatar.format);
}

#[test]
fn png_exif_orientation_applied() {
    // A PNG whose eXIf chunk has orientation 3 (rotate 180°): red ends up
    // bottom right.
    let stored = quadrants(600, 600, 300, 300);
    let bytes = insert_png_chunks(
        &png(&DynamicImage::ImageRgb8(stored)),
        &[png_chunk(b"eXIf", &exif(3, false))],
    );
    let pixels = decode_avatar(&prepare(&bytes, None, &Limits::default()).unwrap());
    assert_color_near(&pixels, 400, 400, RED, 12);
    assert_color_near(&pixels, 100, 100, YELLOW, 12);
}

/// Returns what `color` in ProPhoto RGB is in sRGB, by moxcms.
fn pro_photo_to_srgb(color: [u8; 3]) -> [u8; 3] {
    let transform = moxcms::ColorProfile::new_pro_photo_rgb()
        .create_transform_8bit(
            moxcms::Layout::Rgb,
            &moxcms::ColorProfile::new_srgb(),
            moxcms::Layout::Rgb,
            moxcms::TransformOptions::default(),
        )
        .expect("ProPhoto to sRGB transform builds");
    let mut converted = [0u8; 3];
    transform
        .transform(&color, &mut converted)
        .expect("one pixel converts");
    converted
}

#[test]
fn icc_profile_converted_to_srgb() {
    let color = [100, 150, 200];
    let expected = pro_photo_to_srgb(color);
    let shift = (0..3)
        .map(|c| color[c].abs_diff(expected[c]))
        .max()
        .unwrap();
    assert!(
        shift > 20,
        "ProPhoto {color:?} is sRGB {expected:?}, too close to tell apart"
    );

    let profile = moxcms::ColorProfile::new_pro_photo_rgb()
        .encode()
        .expect("ProPhoto profile encodes");
    let photo = image::RgbImage::from_pixel(600, 600, image::Rgb(color));
    let tagged_jpeg = jpeg(
        &photo,
        &JpegOptions {
            icc_profile: Some(profile.clone()),
            ..Default::default()
        },
    );
    let mut tagged_webp = Vec::new();
    let mut encoder = image_webp::WebPEncoder::new(&mut tagged_webp);
    encoder.set_icc_profile(profile);
    encoder
        .encode(photo.as_raw(), 600, 600, image_webp::ColorType::Rgb8)
        .expect("test WebP encodes");

    for (case, bytes) in [("JPEG", tagged_jpeg), ("WebP", tagged_webp)] {
        let avatar =
            prepare(&bytes, None, &Limits::default()).unwrap_or_else(|err| panic!("{case}: {err}"));
        assert_no_metadata(&avatar.bytes, avatar.format);
        assert_color_near(&decode_avatar(&avatar), 256, 256, expected, 4);
    }
}

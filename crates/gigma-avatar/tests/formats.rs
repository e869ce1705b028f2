//! Input formats and their variants, all generated here.

mod common;

use gigma_avatar::{
    decode_preview, prepare, probe, AvatarError, CropRect, InputFormat, Limits, OutputFormat,
};
use image::{DynamicImage, GrayAlphaImage, ImageBuffer, LumaA, Rgb, RgbImage, Rgba, RgbaImage};

use common::*;

fn limits() -> Limits {
    Limits::default()
}

#[test]
fn cmyk_jpeg_converts_to_rgb() {
    // Ink amounts, 0 = no ink: cyan, magenta, yellow and black quadrants.
    let (width, height) = (800u32, 600u32);
    let mut cmyk = Vec::with_capacity((width * height * 4) as usize);
    for y in 0..height {
        for x in 0..width {
            let ink = match (x < width / 2, y < height / 2) {
                (true, true) => [255, 0, 0, 0],
                (false, true) => [0, 255, 0, 0],
                (true, false) => [0, 0, 255, 0],
                (false, false) => [0, 0, 0, 255],
            };
            cmyk.extend_from_slice(&ink);
        }
    }
    for color in [
        jpeg_encoder::ColorType::Cmyk,
        jpeg_encoder::ColorType::CmykAsYcck,
    ] {
        let bytes = encode_jpeg(&cmyk, width, height, color, &JpegOptions::default());
        let avatar =
            prepare(&bytes, None, &limits()).unwrap_or_else(|err| panic!("{color:?}: {err}"));
        assert_eq!(avatar.format, OutputFormat::Jpeg);

        // The default crop is x 100..700, y 0..600 of the photo.
        let pixels = decode_avatar(&avatar);
        assert_color_near(&pixels, 100, 100, [0, 255, 255], 20);
        assert_color_near(&pixels, 400, 100, [255, 0, 255], 20);
        assert_color_near(&pixels, 100, 400, [255, 255, 0], 20);
        assert_color_near(&pixels, 400, 400, [0, 0, 0], 20);
    }
}

#[test]
fn progressive_jpeg_matches_baseline() {
    // 2400 px tall so the default crop is decoded at 1/4.
    let photo = quadrants(3000, 2400, 1400, 1000);
    let baseline = jpeg(&photo, &JpegOptions::default());
    let progressive = jpeg(
        &photo,
        &JpegOptions {
            progressive: true,
            ..Default::default()
        },
    );
    assert_ne!(baseline, progressive);

    let expected = decode_avatar(&prepare(&baseline, None, &limits()).unwrap());
    let actual = decode_avatar(&prepare(&progressive, None, &limits()).unwrap());
    let difference = mean_abs_diff(&expected, &actual);
    assert!(
        difference < 2.0,
        "progressive differs by {difference:.2} on average"
    );
    assert_color_near(&actual, 100, 100, RED, 12);
    assert_color_near(&actual, 400, 400, YELLOW, 12);
}

#[test]
fn grayscale_jpeg_prepares() {
    let gray = image::GrayImage::from_fn(700, 700, |x, _| {
        image::Luma([if x < 350 { 40 } else { 200 }])
    });
    let bytes = encode_jpeg(
        gray.as_raw(),
        700,
        700,
        jpeg_encoder::ColorType::Luma,
        &JpegOptions::default(),
    );
    let pixels = decode_avatar(&prepare(&bytes, None, &limits()).unwrap());
    assert_color_near(&pixels, 100, 256, [40, 40, 40], 6);
    assert_color_near(&pixels, 400, 256, [200, 200, 200], 6);
}

#[test]
fn sixteen_bit_png_prepares() {
    let photo: ImageBuffer<Rgb<u16>, Vec<u16>> = ImageBuffer::from_fn(600, 600, |x, _| {
        if x < 300 {
            Rgb([65535, 0, 0])
        } else {
            Rgb([0, 0, 65535])
        }
    });
    let bytes = png(&DynamicImage::ImageRgb16(photo));
    let avatar = prepare(&bytes, None, &limits()).unwrap();
    assert_eq!(avatar.format, OutputFormat::Jpeg);
    let pixels = decode_avatar(&avatar);
    assert_color_near(&pixels, 100, 256, [255, 0, 0], 12);
    assert_color_near(&pixels, 400, 256, [0, 0, 255], 12);
}

#[test]
fn gray_alpha_png_keeps_transparency() {
    // Left half transparent, right half opaque light grey.
    let photo = GrayAlphaImage::from_fn(600, 600, |x, _| {
        if x < 300 {
            LumaA([0, 0])
        } else {
            LumaA([180, 255])
        }
    });
    let avatar = prepare(&png(&DynamicImage::ImageLumaA8(photo)), None, &limits()).unwrap();
    assert_eq!(avatar.format, OutputFormat::Png);

    let pixels = decode_avatar(&avatar);
    assert_eq!(
        pixels.get_pixel(50, 256).0[3],
        0,
        "left half stays transparent"
    );
    assert_eq!(pixels.get_pixel(450, 256).0, [180, 180, 180, 255]);
}

#[test]
fn transparent_png_gives_png() {
    let photo = RgbaImage::from_fn(800, 800, |x, y| {
        let inside = (x as i32 - 400).pow(2) + (y as i32 - 400).pow(2) < 300 * 300;
        if inside {
            Rgba([20, 120, 200, 255])
        } else {
            Rgba([0, 0, 0, 0])
        }
    });
    let avatar = prepare(&png(&DynamicImage::ImageRgba8(photo)), None, &limits()).unwrap();
    assert_eq!(avatar.format, OutputFormat::Png);
    let pixels = decode_avatar(&avatar);
    assert_eq!(pixels.get_pixel(5, 5).0[3], 0, "corner stays transparent");
    assert_eq!(
        pixels.get_pixel(256, 256).0,
        [20, 120, 200, 255],
        "centre keeps its colour"
    );
}

#[test]
fn opaque_rgba_png_gives_jpeg() {
    let photo = RgbaImage::from_pixel(700, 500, Rgba([90, 160, 30, 255]));
    let avatar = prepare(&png(&DynamicImage::ImageRgba8(photo)), None, &limits()).unwrap();
    assert_eq!(avatar.format, OutputFormat::Jpeg);
    assert_color_near(&decode_avatar(&avatar), 256, 256, [90, 160, 30], 6);
}

#[test]
fn opaque_crop_of_transparent_png_gives_jpeg() {
    // Transparent only in the right column, outside the crop square.
    let photo = RgbaImage::from_fn(800, 600, |x, _| {
        if x >= 700 {
            Rgba([0, 0, 0, 0])
        } else {
            Rgba([200, 40, 40, 255])
        }
    });
    let bytes = png(&DynamicImage::ImageRgba8(photo));
    let inside = prepare(
        &bytes,
        Some(CropRect {
            x: 0,
            y: 0,
            size: 600,
        }),
        &limits(),
    )
    .unwrap();
    assert_eq!(inside.format, OutputFormat::Jpeg);
    let edge = decode_avatar(&inside);
    assert_color_near(&edge, 511, 256, [200, 40, 40], 12);

    let across = prepare(
        &bytes,
        Some(CropRect {
            x: 200,
            y: 0,
            size: 600,
        }),
        &limits(),
    )
    .unwrap();
    assert_eq!(across.format, OutputFormat::Png);
}

#[test]
fn animated_gif_uses_first_frame() {
    let frames = [Rgba([230, 20, 20, 255]), Rgba([20, 20, 230, 255])]
        .into_iter()
        .map(|color| image::Frame::new(RgbaImage::from_pixel(300, 200, color)));
    let mut bytes = Vec::new();
    image::codecs::gif::GifEncoder::new(&mut bytes)
        .encode_frames(frames)
        .expect("test GIF encodes");

    let avatar = prepare(&bytes, None, &limits()).unwrap();
    assert_eq!(avatar.format, OutputFormat::Jpeg);
    assert_color_near(&decode_avatar(&avatar), 256, 256, [230, 20, 20], 12);
}

#[test]
fn animated_webp_uses_first_frame() {
    let bytes = animated_webp(300, 200, &[[230, 20, 20, 255], [20, 20, 230, 255]]);
    assert_eq!(probe(&bytes, &limits()).unwrap().format, InputFormat::WebP);

    let avatar = prepare(&bytes, None, &limits()).unwrap();
    assert_eq!(avatar.format, OutputFormat::Jpeg);
    assert_color_near(&decode_avatar(&avatar), 256, 256, [230, 20, 20], 12);
}

#[test]
fn still_webp_with_alpha() {
    let photo = RgbaImage::from_fn(400, 400, |x, _| {
        if x < 200 {
            Rgba([0, 0, 0, 0])
        } else {
            Rgba([10, 200, 10, 255])
        }
    });
    let avatar = prepare(&still_webp(&photo), None, &limits()).unwrap();
    assert_eq!(avatar.format, OutputFormat::Png);
    let pixels = decode_avatar(&avatar);
    assert_eq!(pixels.get_pixel(50, 256).0[3], 0);
    assert_eq!(pixels.get_pixel(450, 256).0, [10, 200, 10, 255]);
}

#[test]
fn png_bytes_named_jpg_are_sniffed() {
    let photo = RgbImage::from_pixel(600, 600, Rgb([10, 100, 200]));
    let folder = std::env::temp_dir().join(format!("gigma-avatar-sniff-{}", std::process::id()));
    std::fs::create_dir_all(&folder).unwrap();
    let path = folder.join("photo.jpg");
    std::fs::write(&path, png(&DynamicImage::ImageRgb8(photo))).unwrap();

    let bytes = std::fs::read(&path).unwrap();
    std::fs::remove_dir_all(&folder).unwrap();
    assert_eq!(probe(&bytes, &limits()).unwrap().format, InputFormat::Png);
    let avatar = prepare(&bytes, None, &limits()).unwrap();
    assert_color_near(&decode_avatar(&avatar), 256, 256, [10, 100, 200], 6);
}

#[test]
fn unsupported_formats_are_named() {
    let mut heic = vec![0, 0, 0, 24];
    heic.extend_from_slice(b"ftypheic\0\0\0\0mif1heic");
    let cases: [(&str, Vec<u8>, Option<&str>); 4] = [
        (
            "BMP",
            b"BM\x36\x00\x0c\x00\x00\x00\x00\x00\x36\x00\x00\x00".to_vec(),
            Some("BMP"),
        ),
        ("HEIC", heic, Some("HEIC")),
        ("TIFF", b"II*\0\x08\0\0\0".to_vec(), Some("TIFF")),
        ("text", b"hello, this is not an image".to_vec(), None),
    ];
    for (case, bytes, expected) in cases {
        let err = prepare(&bytes, None, &limits()).expect_err(case);
        match &err {
            AvatarError::UnsupportedFormat { detected } => {
                assert_eq!(*detected, expected, "{case}")
            }
            other => panic!("{case}: unexpected error {other}"),
        }
        assert!(
            err.to_string().contains("JPEG, PNG, WebP, GIF"),
            "{case}: {err}"
        );
    }
}

#[test]
fn small_image_is_upscaled() {
    let photo = quadrants(100, 80, 50, 40);
    let avatar = prepare(&png(&DynamicImage::ImageRgb8(photo)), None, &limits()).unwrap();
    assert_eq!((avatar.width, avatar.height), (512, 512));
    let pixels = decode_avatar(&avatar);
    assert_eq!(pixels.dimensions(), (512, 512));
    assert_color_near(&pixels, 60, 60, RED, 12);
    assert_color_near(&pixels, 450, 450, YELLOW, 12);
}

#[test]
fn custom_crop_selects_region() {
    // Crop only the green top-right region of the photo.
    let photo = quadrants(2000, 1600, 1000, 800);
    let bytes = jpeg(&photo, &JpegOptions::default());
    let crop = CropRect {
        x: 1100,
        y: 50,
        size: 700,
    };
    let pixels = decode_avatar(&prepare(&bytes, Some(crop), &limits()).unwrap());
    for (x, y) in [(5, 5), (256, 256), (506, 506)] {
        assert_color_near(&pixels, x, y, GREEN, 12);
    }
}

#[test]
fn crop_outside_image_rejected() {
    let bytes = jpeg(&quadrants(640, 480, 320, 240), &JpegOptions::default());
    for crop in [
        CropRect {
            x: 0,
            y: 0,
            size: 481,
        },
        CropRect {
            x: 200,
            y: 0,
            size: 480,
        },
        CropRect {
            x: 0,
            y: 1,
            size: 480,
        },
        CropRect {
            x: u32::MAX,
            y: 0,
            size: 10,
        },
        CropRect {
            x: 0,
            y: 0,
            size: 0,
        },
    ] {
        match prepare(&bytes, Some(crop), &limits()) {
            Err(AvatarError::CropOutOfBounds {
                crop: rejected,
                width,
                height,
            }) => {
                assert_eq!(rejected, crop);
                assert_eq!((width, height), (640, 480));
            }
            other => panic!("{crop:?}: expected CropOutOfBounds, got {other:?}"),
        }
    }
    prepare(
        &bytes,
        Some(CropRect {
            x: 160,
            y: 0,
            size: 480,
        }),
        &limits(),
    )
    .expect("crop touching the edges is valid");
}

#[test]
fn crop_uses_upright_coordinates() {
    // Stored 1600x1000, flag 6 (rotate 90° clockwise): upright 1000x1600.
    let upright = quadrants(1000, 1600, 500, 800);
    let mut stored = DynamicImage::ImageRgb8(upright.clone());
    stored.apply_orientation(image::metadata::Orientation::Rotate270);
    let bytes = jpeg(
        &stored.to_rgb8(),
        &JpegOptions {
            exif: Some(exif(6, false)),
            ..Default::default()
        },
    );
    let info = probe(&bytes, &limits()).unwrap();
    assert_eq!((info.width, info.height), (1000, 1600));

    // The blue region of the upright photo: x < 500, y >= 800.
    let crop = CropRect {
        x: 0,
        y: 900,
        size: 450,
    };
    let pixels = decode_avatar(&prepare(&bytes, Some(crop), &limits()).unwrap());
    assert_color_near(&pixels, 256, 256, BLUE, 12);

    // x + size = 1100 fits the stored width but not the upright one.
    let too_wide = CropRect {
        x: 100,
        y: 0,
        size: 1000,
    };
    assert!(matches!(
        prepare(&bytes, Some(too_wide), &limits()),
        Err(AvatarError::CropOutOfBounds { .. })
    ));
}

#[test]
fn preview_downscales_large_photo() {
    let bytes = jpeg(&quadrants(4000, 3000, 2000, 1500), &JpegOptions::default());
    let preview = decode_preview(&bytes, 1024, &limits()).unwrap();
    assert_eq!(preview.format, OutputFormat::Jpeg);
    assert_eq!(
        (preview.original_width, preview.original_height),
        (4000, 3000)
    );
    assert_eq!((preview.width, preview.height), (1024, 768));
    let pixels = decode_output(&preview.bytes, preview.format);
    assert_eq!(pixels.dimensions(), (1024, 768));
    assert_color_near(&pixels, 100, 100, RED, 12);
    assert_color_near(&pixels, 900, 700, YELLOW, 12);
}

#[test]
fn preview_rejects_zero_size() {
    let bytes = jpeg(&quadrants(64, 64, 32, 32), &JpegOptions::default());
    assert!(matches!(
        decode_preview(&bytes, 0, &limits()),
        Err(AvatarError::InvalidPreviewSize { max_side: 0 })
    ));
}

/// Encodes one lossless still WebP with image-webp.
fn still_webp(image: &RgbaImage) -> Vec<u8> {
    let mut bytes = Vec::new();
    image_webp::WebPEncoder::new(&mut bytes)
        .encode(
            image.as_raw(),
            image.width(),
            image.height(),
            image_webp::ColorType::Rgba8,
        )
        .expect("test WebP encodes");
    bytes
}

/// Builds an animated WebP from solid-colour frames. image-webp only
/// encodes still images, so each frame's VP8L chunk is wrapped in an ANMF
/// chunk by hand, following the WebP container specification.
fn animated_webp(width: u32, height: u32, colors: &[[u8; 4]]) -> Vec<u8> {
    fn chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
        let mut bytes = kind.to_vec();
        bytes.extend_from_slice(&(data.len() as u32).to_le_bytes());
        bytes.extend_from_slice(data);
        if data.len() % 2 == 1 {
            bytes.push(0);
        }
        bytes
    }
    fn u24(value: u32) -> [u8; 3] {
        let bytes = value.to_le_bytes();
        [bytes[0], bytes[1], bytes[2]]
    }

    let mut vp8x = vec![0x02, 0, 0, 0]; // animation flag
    vp8x.extend_from_slice(&u24(width - 1));
    vp8x.extend_from_slice(&u24(height - 1));
    let mut body = b"WEBP".to_vec();
    body.extend(chunk(b"VP8X", &vp8x));
    body.extend(chunk(b"ANIM", &[0, 0, 0, 0, 0, 0]));

    for color in colors {
        let still = still_webp(&RgbaImage::from_pixel(width, height, Rgba(*color)));
        // A still lossless file is "RIFF", size, "WEBP", then one VP8L chunk.
        assert_eq!(
            &still[12..16],
            b"VP8L",
            "image-webp wrote a simple lossless file"
        );
        let mut frame = Vec::new();
        frame.extend_from_slice(&u24(0)); // x / 2
        frame.extend_from_slice(&u24(0)); // y / 2
        frame.extend_from_slice(&u24(width - 1));
        frame.extend_from_slice(&u24(height - 1));
        frame.extend_from_slice(&u24(100)); // duration in ms
        frame.push(0b10); // do not blend, do not dispose
        frame.extend_from_slice(&still[12..]);
        body.extend(chunk(b"ANMF", &frame));
    }

    let mut bytes = b"RIFF".to_vec();
    bytes.extend_from_slice(&(body.len() as u32).to_le_bytes());
    bytes.extend(body);
    bytes
}

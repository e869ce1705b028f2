//! Bad and hostile input: truncated files, decompression bombs and files
//! over the limits must end in a clean error, quickly.

mod common;

use std::time::{Duration, Instant};

use gigma_avatar::{prepare, probe, AvatarError, Limits};
use image::DynamicImage;

use common::*;

/// Upper bound for rejecting a file from its header. Generous for debug
/// builds on a loaded machine, far below what decoding a bomb would take.
const HEADER_REJECT_TIME: Duration = Duration::from_secs(2);

fn photo_jpeg(progressive: bool) -> Vec<u8> {
    jpeg(
        &quadrants(1200, 900, 600, 450),
        &JpegOptions {
            progressive,
            ..Default::default()
        },
    )
}

#[test]
fn truncated_jpeg_rejected() {
    for progressive in [false, true] {
        let bytes = photo_jpeg(progressive);
        for keep in [
            2,
            20,
            200,
            bytes.len() / 3,
            bytes.len() / 2,
            bytes.len() - 100,
            bytes.len() - 2,
        ] {
            match prepare(&bytes[..keep], None, &Limits::default()) {
                Err(AvatarError::Corrupt { format, .. }) => assert_eq!(format, "JPEG"),
                other => panic!("progressive {progressive}, {keep} of {} bytes: expected Corrupt, got {other:?}", bytes.len()),
            }
        }
    }
}

#[test]
fn truncated_png_rejected() {
    let bytes = png(&DynamicImage::ImageRgb8(quadrants(600, 400, 300, 200)));
    for keep in [8, 20, 40, bytes.len() / 2, bytes.len() - 12] {
        match prepare(&bytes[..keep], None, &Limits::default()) {
            Err(AvatarError::Corrupt { format, .. }) => assert_eq!(format, "PNG"),
            other => panic!(
                "{keep} of {} bytes: expected Corrupt, got {other:?}",
                bytes.len()
            ),
        }
    }
}

#[test]
fn corrupt_jpeg_data_rejected() {
    // Overwrite the middle of the scan data with marker bytes.
    let mut bytes = photo_jpeg(false);
    let middle = bytes.len() / 2;
    bytes[middle..middle + 64].fill(0xFF);
    assert!(prepare(&bytes, None, &Limits::default()).is_err());
}

/// Returns a PNG that has only a signature and an IHDR chunk for an 8-bit
/// RGB image of `width` × `height`.
fn png_header_only(width: u32, height: u32) -> Vec<u8> {
    let mut ihdr = Vec::new();
    ihdr.extend_from_slice(&width.to_be_bytes());
    ihdr.extend_from_slice(&height.to_be_bytes());
    ihdr.extend_from_slice(&[8, 2, 0, 0, 0]);
    let mut bytes = b"\x89PNG\r\n\x1a\n".to_vec();
    bytes.extend(png_chunk(b"IHDR", &ihdr));
    bytes
}

#[test]
fn png_header_with_huge_sides_rejected() {
    let header_only = png_header_only(50_000, 50_000);
    let mut with_data = header_only.clone();
    with_data.extend(png_chunk(
        b"IDAT",
        &[0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01],
    ));
    with_data.extend(png_chunk(b"IEND", &[]));

    for (case, bytes) in [("header only", header_only), ("with IDAT", with_data)] {
        let started = Instant::now();
        let result = prepare(&bytes, None, &Limits::default());
        assert!(
            started.elapsed() < HEADER_REJECT_TIME,
            "{case}: took {:?}",
            started.elapsed()
        );
        match result {
            Err(AvatarError::SideTooLong {
                width,
                height,
                limit,
            }) => {
                assert_eq!((width, height), (50_000, 50_000), "{case}");
                assert_eq!(limit, 20_000, "{case}");
            }
            other => panic!("{case}: expected SideTooLong, got {other:?}"),
        }
    }
}

#[test]
fn gif_header_with_huge_sides_rejected() {
    // Logical screen of 65535 x 65535, then the trailer.
    let mut bytes = b"GIF89a".to_vec();
    bytes.extend_from_slice(&[0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 0x3B]);
    assert!(matches!(
        prepare(&bytes, None, &Limits::default()),
        Err(AvatarError::SideTooLong {
            width: 65_535,
            height: 65_535,
            ..
        })
    ));
}

/// Encodes a blank 1-bit greyscale PNG, which deflate shrinks by about
/// 1000:1, so a small file claims a huge image.
fn blank_one_bit_png(width: u32, height: u32) -> Vec<u8> {
    let mut bytes = Vec::new();
    let mut encoder = png::Encoder::new(&mut bytes, width, height);
    encoder.set_color(png::ColorType::Grayscale);
    encoder.set_depth(png::BitDepth::One);
    let mut writer = encoder.write_header().expect("bomb header encodes");
    let row_bytes = width.div_ceil(8) as usize;
    let mut stream = writer.stream_writer().expect("bomb stream opens");
    let row = vec![0u8; row_bytes];
    for _ in 0..height {
        std::io::Write::write_all(&mut stream, &row).expect("bomb row encodes");
    }
    stream.finish().expect("bomb finishes");
    drop(writer);
    bytes
}

#[test]
fn zlib_bomb_rejected_by_pixel_count() {
    // 15000 x 15000 = 225 megapixels, within the side limit.
    let bomb = blank_one_bit_png(15_000, 15_000);
    assert!(bomb.len() < 200_000, "bomb is {} bytes", bomb.len());

    let started = Instant::now();
    let result = prepare(&bomb, None, &Limits::default());
    assert!(
        started.elapsed() < HEADER_REJECT_TIME,
        "took {:?}",
        started.elapsed()
    );
    match result {
        Err(AvatarError::TooManyPixels {
            width,
            height,
            limit,
        }) => {
            assert_eq!((width, height), (15_000, 15_000));
            assert_eq!(limit, 100_000_000);
        }
        other => panic!("expected TooManyPixels, got {other:?}"),
    }
}

#[test]
fn zlib_bomb_stopped_by_decoder_limit() {
    // Passes the header checks, but decoding 4000 x 4000 needs 16 MB.
    let bomb = blank_one_bit_png(4000, 4000);
    let limits = Limits {
        max_decode_bytes: 8 * 1024 * 1024,
        ..Limits::default()
    };
    match prepare(&bomb, None, &limits) {
        Err(AvatarError::MemoryLimitExceeded { limit }) => assert_eq!(limit, 8 * 1024 * 1024),
        other => panic!("expected MemoryLimitExceeded, got {other:?}"),
    }
    prepare(&bomb, None, &Limits::default())
        .expect("the same file decodes within the default limits");
}

#[test]
fn jpeg_stopped_by_decoder_limit() {
    // 1200 x 900 RGB decodes to 3.2 MB, more than the 1 MB allowed.
    let limits = Limits {
        max_decode_bytes: 1024 * 1024,
        ..Limits::default()
    };
    for progressive in [false, true] {
        match prepare(&photo_jpeg(progressive), None, &limits) {
            Err(AvatarError::MemoryLimitExceeded { limit }) => assert_eq!(limit, 1024 * 1024),
            other => {
                panic!("progressive {progressive}: expected MemoryLimitExceeded, got {other:?}")
            }
        }
    }
}

#[test]
fn oversized_file_rejected() {
    // A valid JPEG followed by padding up to 26 MiB.
    let mut bytes = photo_jpeg(false);
    bytes.resize(26 * 1024 * 1024, 0);
    let started = Instant::now();
    let result = prepare(&bytes, None, &Limits::default());
    assert!(
        started.elapsed() < HEADER_REJECT_TIME,
        "took {:?}",
        started.elapsed()
    );
    match result {
        Err(AvatarError::FileTooLarge { size, limit }) => {
            assert_eq!(size, 26 * 1024 * 1024);
            assert_eq!(limit, 25 * 1024 * 1024);
        }
        other => panic!("expected FileTooLarge, got {other:?}"),
    }
}

#[test]
fn custom_limits_reject_header() {
    let bytes = photo_jpeg(false);
    let few_pixels = Limits {
        max_pixels: 1_000_000,
        ..Limits::default()
    };
    match probe(&bytes, &few_pixels) {
        Err(AvatarError::TooManyPixels {
            width,
            height,
            limit,
        }) => {
            assert_eq!((width, height), (1200, 900));
            assert_eq!(limit, 1_000_000);
        }
        other => panic!("expected TooManyPixels, got {other:?}"),
    }

    let short_sides = Limits {
        max_side: 1000,
        ..Limits::default()
    };
    match probe(&bytes, &short_sides) {
        Err(AvatarError::SideTooLong {
            width,
            height,
            limit,
        }) => {
            assert_eq!((width, height), (1200, 900));
            assert_eq!(limit, 1000);
        }
        other => panic!("expected SideTooLong, got {other:?}"),
    }
}

#[test]
fn empty_and_tiny_inputs_rejected() {
    for bytes in [
        &b""[..],
        b"\xFF",
        b"\xFF\xD8\xFF",
        b"\x89PNG\r\n\x1a\n",
        b"GIF89a",
        b"RIFF\0\0\0\0WEBP",
    ] {
        let result = prepare(bytes, None, &Limits::default());
        assert!(
            matches!(
                result,
                Err(AvatarError::Corrupt { .. } | AvatarError::UnsupportedFormat { .. })
            ),
            "{bytes:?}: got {result:?}"
        );
    }
}

#[test]
fn zero_sized_png_header_rejected() {
    let result = prepare(&png_header_only(0, 10), None, &Limits::default());
    assert!(
        matches!(result, Err(AvatarError::Corrupt { .. })),
        "got {result:?}"
    );
}

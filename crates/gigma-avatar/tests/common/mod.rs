//! Fixtures and checks shared by the integration tests. Every fixture is
//! generated here with Rust crates, so the tests need no external tools.

#![allow(dead_code)]

use std::path::PathBuf;

use gigma_avatar::{OutputFormat, PreparedAvatar};
use image::{DynamicImage, ImageEncoder, Rgb, RgbImage, RgbaImage};

/// Returns the repository's folder of public test images, `tests/data/images`.
pub fn testdata_images() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/data/images")
}

/// Decodes an avatar or preview back to RGBA pixels.
pub fn decode_output(bytes: &[u8], format: OutputFormat) -> RgbaImage {
    match format {
        OutputFormat::Png => image::load_from_memory_with_format(bytes, image::ImageFormat::Png)
            .expect("output PNG decodes")
            .to_rgba8(),
        OutputFormat::Jpeg => {
            let mut decoder = jpeg_decoder::Decoder::new(bytes);
            let pixels = decoder.decode().expect("output JPEG decodes");
            let info = decoder.info().expect("output JPEG has a header");
            assert_eq!(info.pixel_format, jpeg_decoder::PixelFormat::RGB24);
            let rgb = RgbImage::from_raw(u32::from(info.width), u32::from(info.height), pixels)
                .expect("output JPEG has whole rows");
            DynamicImage::ImageRgb8(rgb).to_rgba8()
        }
    }
}

pub fn decode_avatar(avatar: &PreparedAvatar) -> RgbaImage {
    let image = decode_output(&avatar.bytes, avatar.format);
    assert_eq!(image.dimensions(), (avatar.width, avatar.height));
    image
}

/// Returns the mean absolute difference per channel (RGB only), 0 to 255.
pub fn mean_abs_diff(a: &RgbaImage, b: &RgbaImage) -> f64 {
    assert_eq!(
        a.dimensions(),
        b.dimensions(),
        "compared images differ in size"
    );
    let total: u64 = a
        .pixels()
        .zip(b.pixels())
        .map(|(p, q)| {
            (0..3)
                .map(|c| u64::from(p.0[c].abs_diff(q.0[c])))
                .sum::<u64>()
        })
        .sum();
    total as f64 / (f64::from(a.width()) * f64::from(a.height()) * 3.0)
}

/// Asserts that the pixel at (x, y) is within `tolerance` of `expected` in
/// every RGB channel.
#[track_caller]
pub fn assert_color_near(image: &RgbaImage, x: u32, y: u32, expected: [u8; 3], tolerance: u8) {
    let actual = image.get_pixel(x, y).0;
    let close = (0..3).all(|c| actual[c].abs_diff(expected[c]) <= tolerance);
    assert!(
        close,
        "pixel ({x}, {y}) is {:?}, expected {expected:?} ± {tolerance}",
        &actual[..3]
    );
}

/// Makes an upright test photo split into four coloured regions at
/// (`split_x`, `split_y`): red top left, green top right, blue bottom left,
/// yellow bottom right. Any rotation or mirroring moves a colour to another
/// corner, so a wrong orientation shows.
pub fn quadrants(width: u32, height: u32, split_x: u32, split_y: u32) -> RgbImage {
    RgbImage::from_fn(width, height, |x, y| match (x < split_x, y < split_y) {
        (true, true) => Rgb([220, 30, 30]),
        (false, true) => Rgb([30, 200, 40]),
        (true, false) => Rgb([30, 40, 220]),
        (false, false) => Rgb([230, 220, 40]),
    })
}

pub const RED: [u8; 3] = [220, 30, 30];
pub const GREEN: [u8; 3] = [30, 200, 40];
pub const BLUE: [u8; 3] = [30, 40, 220];
pub const YELLOW: [u8; 3] = [230, 220, 40];

/// Options for [`jpeg`].
#[derive(Default)]
pub struct JpegOptions {
    pub progressive: bool,
    /// TIFF structure to store in an APP1 "Exif" segment.
    pub exif: Option<Vec<u8>>,
    pub icc_profile: Option<Vec<u8>>,
    /// XMP packet to store in an APP1 segment.
    pub xmp: Option<String>,
}

/// Encodes RGB pixels as JPEG at quality 92.
pub fn jpeg(image: &RgbImage, options: &JpegOptions) -> Vec<u8> {
    encode_jpeg(
        image.as_raw(),
        image.width(),
        image.height(),
        jpeg_encoder::ColorType::Rgb,
        options,
    )
}

pub fn encode_jpeg(
    data: &[u8],
    width: u32,
    height: u32,
    color: jpeg_encoder::ColorType,
    options: &JpegOptions,
) -> Vec<u8> {
    let mut bytes = Vec::new();
    let mut encoder = jpeg_encoder::Encoder::new(&mut bytes, 92);
    encoder.set_progressive(options.progressive);
    if let Some(exif) = &options.exif {
        encoder.add_exif_metadata(exif).expect("EXIF fits in APP1");
    }
    if let Some(icc) = &options.icc_profile {
        encoder.add_icc_profile(icc).expect("ICC profile fits");
    }
    if let Some(xmp) = &options.xmp {
        let mut segment = b"http://ns.adobe.com/xap/1.0/\0".to_vec();
        segment.extend_from_slice(xmp.as_bytes());
        encoder
            .add_app_segment(1, segment)
            .expect("XMP fits in APP1");
    }
    encoder
        .encode(data, width as u16, height as u16, color)
        .expect("test JPEG encodes");
    bytes
}

/// Encodes any image as an 8- or 16-bit PNG with the `image` crate.
pub fn png(image: &DynamicImage) -> Vec<u8> {
    let mut bytes = Vec::new();
    image::codecs::png::PngEncoder::new(&mut bytes)
        .write_image(
            image.as_bytes(),
            image.width(),
            image.height(),
            image.color().into(),
        )
        .expect("test PNG encodes");
    bytes
}

/// One IFD entry of a little-endian TIFF structure.
pub struct TiffEntry {
    pub tag: u16,
    pub kind: u16,
    pub count: u32,
    pub value: Vec<u8>,
}

pub const TIFF_ASCII: u16 = 2;
pub const TIFF_SHORT: u16 = 3;
pub const TIFF_LONG: u16 = 4;
pub const TIFF_RATIONAL: u16 = 5;

pub fn ascii_entry(tag: u16, text: &str) -> TiffEntry {
    let mut value = text.as_bytes().to_vec();
    value.push(0);
    TiffEntry {
        tag,
        kind: TIFF_ASCII,
        count: value.len() as u32,
        value,
    }
}

pub fn short_entry(tag: u16, number: u16) -> TiffEntry {
    TiffEntry {
        tag,
        kind: TIFF_SHORT,
        count: 1,
        value: number.to_le_bytes().to_vec(),
    }
}

pub fn rationals_entry(tag: u16, fractions: &[(u32, u32)]) -> TiffEntry {
    let value = fractions
        .iter()
        .flat_map(|(numerator, denominator)| {
            [numerator.to_le_bytes(), denominator.to_le_bytes()].concat()
        })
        .collect();
    TiffEntry {
        tag,
        kind: TIFF_RATIONAL,
        count: fractions.len() as u32,
        value,
    }
}

/// Camera make written into the EXIF fixtures, searched for in outputs.
pub const CAMERA_MAKE: &str = "GigmaTestCam";
pub const CAMERA_MODEL: &str = "Model X-512";

/// Builds the EXIF TIFF structure of a phone photo: orientation, camera
/// make and model, and, if `with_gps`, a GPS IFD with a position in Moscow.
pub fn exif(orientation: u16, with_gps: bool) -> Vec<u8> {
    let mut ifd0 = vec![
        ascii_entry(0x010F, CAMERA_MAKE),
        ascii_entry(0x0110, CAMERA_MODEL),
        short_entry(0x0112, orientation),
    ];
    if !with_gps {
        return tiff(ifd0, None);
    }
    // The GPS IFD pointer (tag 0x8825) is patched in by `tiff`.
    ifd0.push(TiffEntry {
        tag: 0x8825,
        kind: TIFF_LONG,
        count: 1,
        value: vec![0; 4],
    });
    let gps = vec![
        ascii_entry(0x0001, "N"),
        rationals_entry(0x0002, &[(55, 1), (45, 1), (2112, 100)]),
        ascii_entry(0x0003, "E"),
        rationals_entry(0x0004, &[(37, 1), (37, 1), (1740, 100)]),
    ];
    tiff(ifd0, Some(gps))
}

/// Lays out IFD0 and an optional GPS IFD as a little-endian TIFF structure,
/// with values longer than 4 bytes stored after each IFD.
fn tiff(ifd0: Vec<TiffEntry>, gps: Option<Vec<TiffEntry>>) -> Vec<u8> {
    let mut bytes = b"II*\0".to_vec();
    bytes.extend_from_slice(&8u32.to_le_bytes());
    let gps_pointer_at = write_ifd(&mut bytes, &ifd0);
    if let Some(gps) = gps {
        let gps_offset = bytes.len() as u32;
        let at = gps_pointer_at.expect("IFD0 has a GPS pointer entry");
        bytes[at..at + 4].copy_from_slice(&gps_offset.to_le_bytes());
        write_ifd(&mut bytes, &gps);
    }
    bytes
}

/// Appends one IFD and its out-of-line values. Returns the offset of the
/// value field of a GPS pointer entry, if the IFD has one.
fn write_ifd(bytes: &mut Vec<u8>, entries: &[TiffEntry]) -> Option<usize> {
    let start = bytes.len();
    let entries_size = 2 + entries.len() * 12 + 4;
    let mut extra_offset = start + entries_size;
    let mut extra = Vec::new();
    let mut gps_pointer_at = None;

    bytes.extend_from_slice(&(entries.len() as u16).to_le_bytes());
    for entry in entries {
        bytes.extend_from_slice(&entry.tag.to_le_bytes());
        bytes.extend_from_slice(&entry.kind.to_le_bytes());
        bytes.extend_from_slice(&entry.count.to_le_bytes());
        if entry.tag == 0x8825 {
            gps_pointer_at = Some(bytes.len());
        }
        if entry.value.len() <= 4 {
            let mut inline = entry.value.clone();
            inline.resize(4, 0);
            bytes.extend_from_slice(&inline);
        } else {
            bytes.extend_from_slice(&(extra_offset as u32).to_le_bytes());
            extra.extend_from_slice(&entry.value);
            extra_offset += entry.value.len();
            if entry.value.len() % 2 == 1 {
                extra.push(0);
                extra_offset += 1;
            }
        }
    }
    bytes.extend_from_slice(&0u32.to_le_bytes());
    bytes.extend_from_slice(&extra);
    gps_pointer_at
}

/// Returns the marker bytes of every JPEG segment before the scan data.
pub fn jpeg_markers(bytes: &[u8]) -> Vec<u8> {
    assert_eq!(&bytes[..2], &[0xFF, 0xD8], "output starts with SOI");
    let mut markers = Vec::new();
    let mut position = 2;
    while position + 4 <= bytes.len() {
        assert_eq!(
            bytes[position], 0xFF,
            "segment at {position} starts with 0xFF"
        );
        let marker = bytes[position + 1];
        markers.push(marker);
        if marker == 0xDA {
            break;
        }
        let length = usize::from(u16::from_be_bytes([
            bytes[position + 2],
            bytes[position + 3],
        ]));
        position += 2 + length;
    }
    markers
}

/// Returns the type of every PNG chunk, in file order.
pub fn png_chunk_types(bytes: &[u8]) -> Vec<String> {
    assert_eq!(
        &bytes[..8],
        b"\x89PNG\r\n\x1a\n",
        "output has the PNG signature"
    );
    let mut types = Vec::new();
    let mut position = 8;
    while position + 8 <= bytes.len() {
        let length = u32::from_be_bytes(bytes[position..position + 4].try_into().unwrap()) as usize;
        types.push(String::from_utf8_lossy(&bytes[position + 4..position + 8]).into_owned());
        position += 12 + length;
    }
    types
}

/// Returns the PNG chunk of type `kind` carrying `data`, with its CRC.
pub fn png_chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
    let mut chunk = (data.len() as u32).to_be_bytes().to_vec();
    chunk.extend_from_slice(kind);
    chunk.extend_from_slice(data);
    let crc = crc32(&chunk[4..]);
    chunk.extend_from_slice(&crc.to_be_bytes());
    chunk
}

/// Inserts extra chunks right after IHDR, which is where metadata chunks
/// such as eXIf and tEXt must sit to be read before the image data.
pub fn insert_png_chunks(png: &[u8], chunks: &[Vec<u8>]) -> Vec<u8> {
    let ihdr_end = 8 + 12 + 13;
    let mut bytes = png[..ihdr_end].to_vec();
    for chunk in chunks {
        bytes.extend_from_slice(chunk);
    }
    bytes.extend_from_slice(&png[ihdr_end..]);
    bytes
}

/// CRC-32 as PNG uses it (ISO 3309, polynomial 0xEDB88320).
fn crc32(data: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &byte in data {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            let mask = (crc & 1).wrapping_neg();
            crc = (crc >> 1) ^ (0xEDB8_8320 & mask);
        }
    }
    !crc
}

/// Tells whether `needle` occurs anywhere in `haystack`.
pub fn contains_bytes(haystack: &[u8], needle: &[u8]) -> bool {
    haystack
        .windows(needle.len())
        .any(|window| window == needle)
}

//! Times each stage of making an avatar from one JPEG, to see where the
//! time goes and what DCT scaling saves.
//!
//! Run: `cargo run --release -p gigma-avatar --example decode_stages -- photo.jpg`
//!
//! Prints the median of 5 runs per stage, in milliseconds, single-threaded.

use std::time::{Duration, Instant};

use fast_image_resize::{FilterType, ResizeAlg, ResizeOptions, Resizer};
use image::{DynamicImage, RgbImage};

const RUNS: usize = 5;

fn median_ms(mut run: impl FnMut()) -> f64 {
    let mut times: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let started = Instant::now();
            run();
            started.elapsed()
        })
        .collect();
    times.sort();
    times[RUNS / 2].as_secs_f64() * 1000.0
}

fn decode_jpeg_decoder(bytes: &[u8], reduction: u16) -> RgbImage {
    let mut decoder = jpeg_decoder::Decoder::new(bytes);
    decoder.read_info().expect("header reads");
    let info = decoder.info().unwrap();
    decoder
        .scale(
            info.width.div_ceil(reduction),
            info.height.div_ceil(reduction),
        )
        .expect("scale is supported");
    let pixels = decoder.decode().expect("JPEG decodes");
    let info = decoder.info().unwrap();
    RgbImage::from_raw(u32::from(info.width), u32::from(info.height), pixels).expect("RGB output")
}

fn main() {
    let path = std::env::args()
        .nth(1)
        .expect("usage: decode_stages PHOTO.jpg");
    let bytes = std::fs::read(&path).expect("photo is readable");
    let limits = gigma_avatar::Limits::default();

    let header = median_ms(|| {
        gigma_avatar::probe(&bytes, &limits).expect("header reads");
    });
    println!("read header (probe)                {header:8.1}");

    for reduction in [1u16, 2, 4, 8] {
        let mut size = (0, 0);
        let time = median_ms(|| {
            let image = decode_jpeg_decoder(&bytes, reduction);
            size = image.dimensions();
        });
        println!(
            "jpeg-decoder at 1/{reduction}  ({:>4}x{:<4})   {time:8.1}",
            size.0, size.1
        );
    }

    let zune = median_ms(|| {
        let mut decoder = zune_jpeg::JpegDecoder::new(std::io::Cursor::new(&bytes));
        decoder.decode().expect("zune-jpeg decodes");
    });
    println!("zune-jpeg at 1/1 (no scaling)      {zune:8.1}");

    let source = DynamicImage::ImageRgb8(decode_jpeg_decoder(&bytes, 4));
    let side = f64::from(source.width().min(source.height()));
    let left = (f64::from(source.width()) - side) / 2.0;
    let top = (f64::from(source.height()) - side) / 2.0;
    let mut avatar = DynamicImage::new_rgb8(512, 512);
    let resize = median_ms(|| {
        let options = ResizeOptions::new()
            .resize_alg(ResizeAlg::Convolution(FilterType::Lanczos3))
            .crop(left, top, side, side);
        Resizer::new()
            .resize(&source, &mut avatar, &options)
            .expect("resize works");
    });
    println!("Lanczos3 resize of the 1/4 crop     {resize:8.1}");

    let rgb = avatar.to_rgb8();
    let encode = median_ms(|| {
        let mut out = Vec::new();
        jpeg_encoder::Encoder::new(&mut out, gigma_avatar::JPEG_QUALITY)
            .encode(rgb.as_raw(), 512, 512, jpeg_encoder::ColorType::Rgb)
            .expect("JPEG encodes");
    });
    println!(
        "JPEG encode 512x512 q{}             {encode:8.1}",
        gigma_avatar::JPEG_QUALITY
    );

    let whole = median_ms(|| {
        gigma_avatar::prepare(&bytes, None, &limits).expect("avatar prepares");
    });
    println!("prepare (whole pipeline)           {whole:8.1}");
}

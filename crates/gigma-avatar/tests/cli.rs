//! The `gigma-avatar` binary: silent on success, exit code 1 on a bad
//! image, 2 on bad usage.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use image::DynamicImage;

use common::*;

struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> Self {
        let path =
            std::env::temp_dir().join(format!("gigma-avatar-cli-{name}-{}", std::process::id()));
        std::fs::create_dir_all(&path).unwrap();
        Self(path)
    }

    fn file(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn run(args: &[&Path]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gigma-avatar"))
        .args(args)
        .output()
        .expect("gigma-avatar starts")
}

fn run_str(args: &[&str]) -> Output {
    let paths: Vec<&Path> = args.iter().map(Path::new).collect();
    run(&paths)
}

#[test]
fn prepare_writes_silent_avatar() {
    let dir = TempDir::new("prepare");
    let input = dir.file("photo.jpg");
    let output = dir.file("avatar.jpg");
    std::fs::write(
        &input,
        jpeg(&quadrants(1200, 800, 600, 400), &JpegOptions::default()),
    )
    .unwrap();

    let result = run(&[Path::new("prepare"), &input, &output]);
    assert_eq!(
        result.status.code(),
        Some(0),
        "stderr: {}",
        String::from_utf8_lossy(&result.stderr)
    );
    assert!(result.stdout.is_empty());
    assert!(result.stderr.is_empty());
    let pixels = decode_output(
        &std::fs::read(&output).unwrap(),
        gigma_avatar::OutputFormat::Jpeg,
    );
    assert_eq!(pixels.dimensions(), (512, 512));
}

#[test]
fn prepare_with_crop_flag() {
    let dir = TempDir::new("crop");
    let input = dir.file("photo.png");
    let output = dir.file("avatar.jpg");
    std::fs::write(
        &input,
        png(&DynamicImage::ImageRgb8(quadrants(1200, 800, 600, 400))),
    )
    .unwrap();

    let result = run(&[
        Path::new("prepare"),
        &input,
        &output,
        Path::new("--crop"),
        Path::new("650,420,300"),
    ]);
    assert_eq!(
        result.status.code(),
        Some(0),
        "stderr: {}",
        String::from_utf8_lossy(&result.stderr)
    );
    let pixels = decode_output(
        &std::fs::read(&output).unwrap(),
        gigma_avatar::OutputFormat::Jpeg,
    );
    assert_color_near(&pixels, 256, 256, YELLOW, 12);
}

#[test]
fn preview_writes_downscaled_copy() {
    let dir = TempDir::new("preview");
    let input = dir.file("photo.jpg");
    let output = dir.file("preview.jpg");
    std::fs::write(
        &input,
        jpeg(&quadrants(2000, 1000, 1000, 500), &JpegOptions::default()),
    )
    .unwrap();

    let result = run(&[
        Path::new("preview"),
        &input,
        &output,
        Path::new("--max-side"),
        Path::new("500"),
    ]);
    assert_eq!(
        result.status.code(),
        Some(0),
        "stderr: {}",
        String::from_utf8_lossy(&result.stderr)
    );
    let pixels = decode_output(
        &std::fs::read(&output).unwrap(),
        gigma_avatar::OutputFormat::Jpeg,
    );
    assert_eq!(pixels.dimensions(), (500, 250));
}

#[test]
fn corrupt_image_exits_one() {
    let dir = TempDir::new("corrupt");
    let input = dir.file("photo.jpg");
    let output = dir.file("avatar.jpg");
    let bytes = jpeg(&quadrants(600, 600, 300, 300), &JpegOptions::default());
    std::fs::write(&input, &bytes[..bytes.len() / 2]).unwrap();

    let result = run(&[Path::new("prepare"), &input, &output]);
    assert_eq!(result.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert!(stderr.contains("corrupt or truncated"), "stderr: {stderr}");
    assert!(
        stderr.contains("photo.jpg"),
        "stderr names the file: {stderr}"
    );
    assert!(!output.exists(), "no output is written on failure");
}

#[test]
fn missing_input_exits_one() {
    let dir = TempDir::new("missing");
    let result = run(&[
        Path::new("prepare"),
        &dir.file("absent.jpg"),
        &dir.file("out.jpg"),
    ]);
    assert_eq!(result.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&result.stderr).contains("cannot read"));
}

#[test]
fn unsupported_format_exits_one() {
    let dir = TempDir::new("unsupported");
    let input = dir.file("photo.heic");
    let mut heic = vec![0, 0, 0, 24];
    heic.extend_from_slice(b"ftypheic\0\0\0\0mif1heic");
    std::fs::write(&input, heic).unwrap();

    let result = run(&[Path::new("prepare"), &input, &dir.file("out.jpg")]);
    assert_eq!(result.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert!(stderr.contains("HEIC"), "stderr: {stderr}");
    assert!(stderr.contains("JPEG, PNG, WebP, GIF"), "stderr: {stderr}");
}

#[test]
fn bad_usage_exits_two() {
    let cases: [&[&str]; 7] = [
        &[],
        &["resize", "a", "b"],
        &["prepare", "only-input"],
        &["prepare", "a", "b", "--crop"],
        &["prepare", "a", "b", "--crop", "1,2"],
        &["prepare", "a", "b", "--crop", "x,0,10"],
        &["preview", "a", "b", "--max-side", "big"],
    ];
    for args in cases {
        let result = run_str(args);
        assert_eq!(result.status.code(), Some(2), "{args:?}");
        assert!(
            String::from_utf8_lossy(&result.stderr).contains("usage: gigma-avatar"),
            "{args:?}"
        );
    }
}

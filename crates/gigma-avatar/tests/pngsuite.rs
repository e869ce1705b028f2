//! Every PngSuite file: the valid ones become avatars, the corrupt ones
//! (names starting with `x`) are rejected with an error.

mod common;

use std::fs;

use gigma_avatar::{decode_preview, prepare, AvatarError, Limits, OutputFormat};

use common::{decode_avatar, testdata_images};

fn pngsuite_files() -> Vec<(String, Vec<u8>)> {
    let folder = testdata_images().join("pngsuite");
    let mut files: Vec<(String, Vec<u8>)> = fs::read_dir(&folder)
        .unwrap_or_else(|err| panic!("cannot list {}: {err}", folder.display()))
        .map(|entry| entry.expect("folder entry is readable").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "png"))
        .map(|path| {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            (name, fs::read(&path).expect("PngSuite file is readable"))
        })
        .collect();
    files.sort();
    files
}

#[test]
fn pngsuite_has_files() {
    let files = pngsuite_files();
    assert!(
        files.len() >= 150,
        "found only {} PngSuite files",
        files.len()
    );
    assert!(files.iter().any(|(name, _)| name.starts_with('x')));
}

#[test]
fn pngsuite_valid_files_prepare() {
    let limits = Limits::default();
    let mut failures = Vec::new();
    for (name, bytes) in pngsuite_files()
        .iter()
        .filter(|(name, _)| !name.starts_with('x'))
    {
        match prepare(bytes, None, &limits) {
            Ok(avatar) => {
                decode_avatar(&avatar);
            }
            Err(err) => failures.push(format!("{name}: {err}")),
        }
    }
    assert!(
        failures.is_empty(),
        "valid PngSuite files failed:\n{}",
        failures.join("\n")
    );
}

#[test]
fn pngsuite_valid_files_preview() {
    let limits = Limits::default();
    for (name, bytes) in pngsuite_files()
        .iter()
        .filter(|(name, _)| !name.starts_with('x'))
    {
        let preview =
            decode_preview(bytes, 1024, &limits).unwrap_or_else(|err| panic!("{name}: {err}"));
        // PngSuite images are 32x32 at most, so the preview keeps their size.
        assert_eq!(
            (preview.width, preview.height),
            (preview.original_width, preview.original_height),
            "{name}"
        );
    }
}

#[test]
fn pngsuite_corrupt_files_rejected() {
    let limits = Limits::default();
    for (name, bytes) in pngsuite_files()
        .iter()
        .filter(|(name, _)| name.starts_with('x'))
    {
        match prepare(bytes, None, &limits) {
            Ok(_) => panic!("{name}: a corrupt file was accepted"),
            Err(AvatarError::Corrupt { .. } | AvatarError::UnsupportedFormat { .. }) => {}
            Err(other) => panic!("{name}: unexpected error kind: {other}"),
        }
    }
}

#[test]
fn pngsuite_transparency_picks_png() {
    let limits = Limits::default();
    let files = pngsuite_files();
    let format_of = |wanted: &str| {
        let (_, bytes) = files
            .iter()
            .find(|(name, _)| name == wanted)
            .expect("PngSuite file exists");
        prepare(bytes, None, &limits)
            .expect("valid file prepares")
            .format
    };
    // RGBA, grey + alpha and palette + tRNS images with transparent pixels.
    assert_eq!(format_of("basn6a08.png"), OutputFormat::Png);
    assert_eq!(format_of("basn4a16.png"), OutputFormat::Png);
    assert_eq!(format_of("tbbn3p08.png"), OutputFormat::Png);
    // Opaque RGB, grey and palette images.
    assert_eq!(format_of("basn2c08.png"), OutputFormat::Jpeg);
    assert_eq!(format_of("basn0g16.png"), OutputFormat::Jpeg);
    assert_eq!(format_of("basi3p08.png"), OutputFormat::Jpeg);
}

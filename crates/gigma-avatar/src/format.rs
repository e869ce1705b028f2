use crate::AvatarError;

/// An image format the pipeline decodes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputFormat {
    Jpeg,
    Png,
    WebP,
    Gif,
}

impl InputFormat {
    /// Returns the common name of the format, as used in error messages.
    pub fn name(self) -> &'static str {
        match self {
            InputFormat::Jpeg => "JPEG",
            InputFormat::Png => "PNG",
            InputFormat::WebP => "WebP",
            InputFormat::Gif => "GIF",
        }
    }
}

/// Detects the format from the first bytes of the file.
///
/// The file name is never consulted because photos are often renamed or
/// saved with the wrong extension. Formats customers are likely to try
/// (HEIC from iPhones, AVIF, TIFF, BMP) are named in the error, so the app
/// can tell them what to convert from.
pub(crate) fn sniff(bytes: &[u8]) -> Result<InputFormat, AvatarError> {
    // SOI alone, so a JPEG cut off after two bytes counts as truncated.
    if bytes.starts_with(&[0xFF, 0xD8]) {
        return Ok(InputFormat::Jpeg);
    }
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        return Ok(InputFormat::Png);
    }
    if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
        return Ok(InputFormat::Gif);
    }
    if bytes.len() >= 12 && &bytes[0..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        return Ok(InputFormat::WebP);
    }
    Err(AvatarError::UnsupportedFormat {
        detected: detect_unsupported(bytes),
    })
}

fn detect_unsupported(bytes: &[u8]) -> Option<&'static str> {
    // ISO base media files (HEIF, AVIF) start with a box of type "ftyp"
    // whose major brand follows.
    if bytes.len() >= 12 && &bytes[4..8] == b"ftyp" {
        return match &bytes[8..12] {
            b"heic" | b"heix" | b"heim" | b"heis" | b"hevc" | b"hevx" | b"mif1" | b"msf1" => {
                Some("HEIC")
            }
            b"avif" | b"avis" => Some("AVIF"),
            _ => None,
        };
    }
    let signatures: [(&[u8], &'static str); 9] = [
        (b"II*\0", "TIFF"),
        (b"MM\0*", "TIFF"),
        (b"BM", "BMP"),
        (b"\xFF\x0A", "JPEG XL"),
        (b"\0\0\0\x0CJXL \r\n\x87\n", "JPEG XL"),
        (b"8BPS", "PSD"),
        (b"%PDF", "PDF"),
        (b"qoif", "QOI"),
        (b"\0\0\x01\0", "ICO"),
    ];
    signatures
        .iter()
        .find(|(magic, _)| bytes.starts_with(magic))
        .map(|(_, name)| *name)
}

/// Bounds on the input, checked before and during decoding.
///
/// The header checks (`max_file_bytes`, `max_pixels`, `max_side`) run before
/// any pixel is decoded, so a decompression bomb is rejected from its first
/// bytes. `max_decode_bytes` is the second guard: the decoders themselves
/// stop when a buffer would exceed it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limits {
    /// Largest accepted input, in bytes.
    pub max_file_bytes: u64,
    /// Largest accepted width × height of the stored image.
    pub max_pixels: u64,
    /// Largest accepted width or height, in pixels.
    pub max_side: u32,
    /// Largest buffer a decoder may allocate, in bytes.
    pub max_decode_bytes: u64,
}

impl Default for Limits {
    /// Limits for photos from phones and cameras: 25 MiB, 100 megapixels,
    /// 20,000 px a side. The 1 GiB decode limit fits a 100-megapixel RGBA
    /// image with 16 bits per channel (800 MB), the largest image the other
    /// limits let through.
    fn default() -> Self {
        Self {
            max_file_bytes: 25 * 1024 * 1024,
            max_pixels: 100_000_000,
            max_side: 20_000,
            max_decode_bytes: 1024 * 1024 * 1024,
        }
    }
}

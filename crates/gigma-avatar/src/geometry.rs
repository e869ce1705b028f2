//! Crop squares and their mapping between upright and stored coordinates.

use image::metadata::Orientation;

use crate::AvatarError;

/// A square to cut out of the photo, in pixels of the upright original.
///
/// "Upright" means after the EXIF orientation is applied and at full
/// resolution, as the crop view shows the photo: `x` counts
/// from the left edge, `y` from the top edge, and `size` is the side of the
/// square. A preview from [`crate::decode_preview`] is smaller, so the UI
/// multiplies its coordinates by `original_width / width` before passing
/// them here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CropRect {
    pub x: u32,
    pub y: u32,
    pub size: u32,
}

impl CropRect {
    /// Returns the largest square centred in a `width` × `height` image.
    pub fn centered_square(width: u32, height: u32) -> Self {
        let size = width.min(height);
        Self {
            x: (width - size) / 2,
            y: (height - size) / 2,
            size,
        }
    }

    /// Checks that the square is not empty and lies inside a `width` ×
    /// `height` image.
    pub(crate) fn validate(self, width: u32, height: u32) -> Result<Self, AvatarError> {
        let fits =
            |start: u32, length: u32| u64::from(start) + u64::from(self.size) <= u64::from(length);
        if self.size == 0 || !fits(self.x, width) || !fits(self.y, height) {
            return Err(AvatarError::CropOutOfBounds {
                crop: self,
                width,
                height,
            });
        }
        Ok(self)
    }
}

/// A rectangle in pixel coordinates that may fall between pixels, as the
/// resizer's crop box takes it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct SourceRect {
    pub left: f64,
    pub top: f64,
    pub width: f64,
    pub height: f64,
}

impl SourceRect {
    pub fn whole(width: u32, height: u32) -> Self {
        Self {
            left: 0.0,
            top: 0.0,
            width: f64::from(width),
            height: f64::from(height),
        }
    }

    /// Divides every coordinate by `reduction`, for an image decoded at
    /// 1/`reduction` of its size.
    pub fn reduced(self, reduction: u32) -> Self {
        let factor = f64::from(reduction);
        Self {
            left: self.left / factor,
            top: self.top / factor,
            width: self.width / factor,
            height: self.height / factor,
        }
    }

    /// Clamps the rectangle into a `width` × `height` image, which only
    /// trims rounding errors for rectangles from [`CropRect::validate`].
    pub fn clamped(self, width: u32, height: u32) -> Self {
        let (width, height) = (f64::from(width), f64::from(height));
        let left = self.left.clamp(0.0, width);
        let top = self.top.clamp(0.0, height);
        Self {
            left,
            top,
            width: self.width.min(width - left),
            height: self.height.min(height - top),
        }
    }

    /// Returns the whole pixels the rectangle touches, as
    /// `(x0, y0, x1, y1)` with exclusive ends.
    pub fn covered_pixels(self) -> (u32, u32, u32, u32) {
        (
            self.left.floor() as u32,
            self.top.floor() as u32,
            (self.left + self.width).ceil() as u32,
            (self.top + self.height).ceil() as u32,
        )
    }
}

/// Maps a square given in upright coordinates to the stored image of size
/// `stored_width` × `stored_height`, which `orientation` turns upright.
///
/// Cropping and resizing the stored pixels first and rotating the 512 px
/// result afterwards gives the same avatar as rotating first, but rotates
/// 0.26 megapixels instead of the whole decoded photo.
pub(crate) fn crop_in_stored(
    crop: CropRect,
    orientation: Orientation,
    stored_width: u32,
    stored_height: u32,
) -> SourceRect {
    let (w, h) = (f64::from(stored_width), f64::from(stored_height));
    let size = f64::from(crop.size);
    // Continuous coordinates: a pixel (u, v) covers [u, u + 1) × [v, v + 1),
    // so mirroring maps a coordinate c on a side of length L to L - c.
    let to_stored = |u: f64, v: f64| -> (f64, f64) {
        match orientation {
            Orientation::NoTransforms => (u, v),
            Orientation::FlipHorizontal => (w - u, v),
            Orientation::Rotate180 => (w - u, h - v),
            Orientation::FlipVertical => (u, h - v),
            Orientation::Rotate90FlipH => (v, u),
            Orientation::Rotate90 => (v, h - u),
            Orientation::Rotate270FlipH => (w - v, h - u),
            Orientation::Rotate270 => (w - v, u),
        }
    };
    let (x0, y0) = (f64::from(crop.x), f64::from(crop.y));
    let (ax, ay) = to_stored(x0, y0);
    let (bx, by) = to_stored(x0 + size, y0 + size);
    SourceRect {
        left: ax.min(bx),
        top: ay.min(by),
        width: size,
        height: size,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn centered_square_of_landscape_and_portrait() {
        assert_eq!(
            CropRect::centered_square(6000, 4000),
            CropRect {
                x: 1000,
                y: 0,
                size: 4000
            }
        );
        assert_eq!(
            CropRect::centered_square(300, 501),
            CropRect {
                x: 0,
                y: 100,
                size: 300
            }
        );
    }

    #[test]
    fn crop_maps_to_stored_corner() {
        // Stored 400x300. The upright crop (10, 20, 50) sits 10 px from the
        // upright left edge and 20 px from the upright top edge.
        let crop = CropRect {
            x: 10,
            y: 20,
            size: 50,
        };
        let cases = [
            (Orientation::NoTransforms, (10.0, 20.0)),
            (Orientation::FlipHorizontal, (340.0, 20.0)),
            (Orientation::Rotate180, (340.0, 230.0)),
            (Orientation::FlipVertical, (10.0, 230.0)),
            (Orientation::Rotate90FlipH, (20.0, 10.0)),
            (Orientation::Rotate90, (20.0, 240.0)),
            (Orientation::Rotate270FlipH, (330.0, 240.0)),
            (Orientation::Rotate270, (330.0, 10.0)),
        ];
        for (orientation, (left, top)) in cases {
            let rect = crop_in_stored(crop, orientation, 400, 300);
            assert_eq!((rect.left, rect.top), (left, top), "{orientation:?}");
            assert_eq!((rect.width, rect.height), (50.0, 50.0), "{orientation:?}");
        }
    }
}

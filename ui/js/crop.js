// Geometry of the crop view. DOM-free, so node can test it.
//
// A crop is a square {x, y, size} in pixels of the upright original photo,
// the space save_avatar takes. Values stay fractional while the customer
// drags and zooms, and toOriginalPixels() rounds them once, for the save.
// The frame on screen is a square {left, top, side} in CSS pixels inside the
// viewport. The photo is drawn so that the crop fills the frame exactly, so
// one scale (CSS pixels per original pixel) maps between the two. The
// preview image only supplies the pixels: it is stretched to the original's
// size times that scale, so its own rounded size never enters the math.

// The smallest crop is 1/MAX_ZOOM of the largest, but never below
// MIN_CROP_SIDE original pixels: the avatar is 512 px, and a smaller square
// would only be blown up into blur. A photo smaller than that cannot zoom.
export const MAX_ZOOM = 8;
export const MIN_CROP_SIDE = 64;

// Arrow keys move the photo by this share of the frame, and by the larger
// one with Shift.
export const NUDGE_STEP = 1 / 64;
export const NUDGE_STEP_LARGE = 1 / 8;

// One press of + or − zooms by this factor.
export const KEY_ZOOM_FACTOR = 1.1;

// The zoom slider's range: 0 shows the largest crop, SLIDER_MAX the smallest.
export const SLIDER_MAX = 1000;

// Wheel zoom: the crop side changes by e^(WHEEL_ZOOM_RATE × deltaY pixels).
// A line of scrolling counts as WHEEL_LINE_PX pixels and a page as
// WHEEL_PAGE_PX, so every mouse and touchpad zooms at a similar speed.
const WHEEL_ZOOM_RATE = 0.0015;
const WHEEL_LINE_PX = 16;
const WHEEL_PAGE_PX = 400;

// Space between the frame and the viewport's edges, so the photo around the
// frame stays visible and shows that it can be moved.
export const FRAME_MARGIN = 16;

function clamp(value, min, max) {
  return Math.min(Math.max(value, min), max);
}

// Return the smallest and largest crop side for a `width` × `height` photo.
export function cropLimits(image) {
  const maxSize = Math.min(image.width, image.height);
  const minSize = Math.min(maxSize, Math.max(MIN_CROP_SIDE, maxSize / MAX_ZOOM));
  return { minSize, maxSize };
}

// Return the largest square in the middle of the photo: the default crop.
export function centredCrop(image) {
  const { maxSize } = cropLimits(image);
  return {
    x: (image.width - maxSize) / 2,
    y: (image.height - maxSize) / 2,
    size: maxSize,
  };
}

// Return `crop` with its side within cropLimits() and the square moved
// inside the photo.
export function clampCrop(crop, image) {
  const { minSize, maxSize } = cropLimits(image);
  const size = clamp(crop.size, minSize, maxSize);
  return {
    x: clamp(crop.x, 0, image.width - size),
    y: clamp(crop.y, 0, image.height - size),
    size,
  };
}

// Move the crop by `dx`, `dy` original pixels, stopping at the photo's edges.
export function moveCrop(crop, dx, dy, image) {
  return clampCrop({ x: crop.x + dx, y: crop.y + dy, size: crop.size }, image);
}

// Change the crop side to `size`, keeping the photo point `anchor` (in
// original pixels) at the same place in the frame, as a zoom under the
// mouse pointer does. The result is clamped, so near an edge the anchor
// may drift.
export function zoomCrop(crop, size, anchor, image) {
  const { minSize, maxSize } = cropLimits(image);
  const newSize = clamp(size, minSize, maxSize);
  const ratio = newSize / crop.size;
  return clampCrop(
    {
      x: anchor.x - (anchor.x - crop.x) * ratio,
      y: anchor.y - (anchor.y - crop.y) * ratio,
      size: newSize,
    },
    image,
  );
}

// Return the centre of the crop, the anchor of zooms by slider and keys.
export function cropCentre(crop) {
  return { x: crop.x + crop.size / 2, y: crop.y + crop.size / 2 };
}

// Return the crop after a key press in the viewport, or null for a key the
// crop view does not use. Arrow keys move the photo as dragging does, so
// ArrowRight brings more of the photo's left side into the frame. Shift
// makes the step larger. + and − zoom around the crop's centre.
export function cropAfterKey(crop, key, shiftKey, image) {
  const step = crop.size * (shiftKey ? NUDGE_STEP_LARGE : NUDGE_STEP);
  switch (key) {
    case "ArrowLeft":
      return moveCrop(crop, step, 0, image);
    case "ArrowRight":
      return moveCrop(crop, -step, 0, image);
    case "ArrowUp":
      return moveCrop(crop, 0, step, image);
    case "ArrowDown":
      return moveCrop(crop, 0, -step, image);
    case "+":
    case "=":
      return zoomCrop(crop, crop.size / KEY_ZOOM_FACTOR, cropCentre(crop), image);
    case "-":
    case "_":
      return zoomCrop(crop, crop.size * KEY_ZOOM_FACTOR, cropCentre(crop), image);
    default:
      return null;
  }
}

// Return the factor a wheel event multiplies the crop side by: below 1
// zooms in (wheel away from the user, deltaY < 0), above 1 zooms out.
// `deltaMode` is WheelEvent's: 0 pixels, 1 lines, 2 pages.
export function wheelZoomFactor(deltaY, deltaMode = 0) {
  let unit = 1;
  if (deltaMode === 1) {
    unit = WHEEL_LINE_PX;
  } else if (deltaMode === 2) {
    unit = WHEEL_PAGE_PX;
  }
  return Math.exp(deltaY * unit * WHEEL_ZOOM_RATE);
}

// Return the slider position, 0 to SLIDER_MAX, of a crop side. The scale is
// logarithmic, so each step of the slider zooms by the same factor.
export function sliderValueForSize(size, image) {
  const { minSize, maxSize } = cropLimits(image);
  if (maxSize <= minSize) {
    return 0;
  }
  const fraction = Math.log(maxSize / clamp(size, minSize, maxSize)) / Math.log(maxSize / minSize);
  return Math.round(fraction * SLIDER_MAX);
}

// Return the crop side for a slider position: the inverse of
// sliderValueForSize().
export function sizeForSliderValue(value, image) {
  const { minSize, maxSize } = cropLimits(image);
  const fraction = clamp(Number(value) / SLIDER_MAX, 0, 1);
  return maxSize * (minSize / maxSize) ** fraction;
}

// Return the frame for a viewport of `width` × `height` CSS pixels: the
// largest centred square that leaves FRAME_MARGIN on every side.
export function frameInViewport(width, height) {
  const side = Math.max(0, Math.min(width, height) - 2 * FRAME_MARGIN);
  return { left: (width - side) / 2, top: (height - side) / 2, side };
}

// Return where to draw the whole photo, in viewport CSS pixels, so that the
// crop fills `frame`, and the scale in CSS pixels per original pixel.
export function layoutImage(crop, frame, image) {
  const scale = frame.side / crop.size;
  return {
    left: frame.left - crop.x * scale,
    top: frame.top - crop.y * scale,
    width: image.width * scale,
    height: image.height * scale,
    scale,
  };
}

// Map a point in viewport CSS pixels, e.g. the mouse pointer, to original
// pixels of the photo under it.
export function viewportToOriginal(point, crop, frame) {
  const scale = frame.side / crop.size;
  return {
    x: crop.x + (point.x - frame.left) / scale,
    y: crop.y + (point.y - frame.top) / scale,
  };
}

// Return the crop as save_avatar takes it: whole original pixels, at least
// one pixel, and inside the photo even after rounding.
export function toOriginalPixels(crop, image) {
  const maxSize = Math.min(image.width, image.height);
  const size = clamp(Math.round(crop.size), 1, maxSize);
  return {
    x: clamp(Math.round(crop.x), 0, image.width - size),
    y: clamp(Math.round(crop.y), 0, image.height - size),
    size,
  };
}

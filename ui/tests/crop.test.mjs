import assert from "node:assert/strict";
import { describe, test } from "node:test";

import {
  FRAME_MARGIN,
  MAX_ZOOM,
  MIN_CROP_SIDE,
  NUDGE_STEP,
  NUDGE_STEP_LARGE,
  SLIDER_MAX,
  centredCrop,
  clampCrop,
  cropAfterKey,
  cropCentre,
  cropLimits,
  frameInViewport,
  layoutImage,
  moveCrop,
  sizeForSliderValue,
  sliderValueForSize,
  toOriginalPixels,
  viewportToOriginal,
  wheelZoomFactor,
  zoomCrop,
} from "../js/crop.js";

// The upright size of a 24-megapixel landscape photo, and of a portrait.
const LANDSCAPE = Object.freeze({ width: 6000, height: 4000 });
const PORTRAIT = Object.freeze({ width: 1200, height: 1800 });

function assertClose(actual, expected, message, tolerance = 1e-6) {
  assert.ok(Math.abs(actual - expected) <= tolerance, `${message}: ${actual} is not ${expected}`);
}

// Assert that the square lies inside the photo.
function assertInside(crop, image) {
  assert.ok(crop.x >= 0, `x ${crop.x} < 0`);
  assert.ok(crop.y >= 0, `y ${crop.y} < 0`);
  assert.ok(crop.x + crop.size <= image.width + 1e-9, `right edge ${crop.x + crop.size} > ${image.width}`);
  assert.ok(crop.y + crop.size <= image.height + 1e-9, `bottom edge ${crop.y + crop.size} > ${image.height}`);
}

describe("default crop", () => {
  test("centred square of the short side", () => {
    assert.deepEqual(centredCrop(LANDSCAPE), { x: 1000, y: 0, size: 4000 });
    assert.deepEqual(centredCrop(PORTRAIT), { x: 0, y: 300, size: 1200 });
  });

  test("square photo fills the crop", () => {
    assert.deepEqual(centredCrop({ width: 512, height: 512 }), { x: 0, y: 0, size: 512 });
  });

  test("odd difference stays centred", () => {
    assert.deepEqual(centredCrop({ width: 101, height: 100 }), { x: 0.5, y: 0, size: 100 });
    assert.deepEqual(toOriginalPixels(centredCrop({ width: 101, height: 100 }), { width: 101, height: 100 }), { x: 1, y: 0, size: 100 });
  });
});

describe("crop limits", () => {
  test("large photo zooms to 1/MAX_ZOOM", () => {
    assert.deepEqual(cropLimits(LANDSCAPE), { minSize: 4000 / MAX_ZOOM, maxSize: 4000 });
  });

  test("small photo stops at MIN_CROP_SIDE", () => {
    assert.deepEqual(cropLimits({ width: 300, height: 200 }), { minSize: MIN_CROP_SIDE, maxSize: 200 });
  });

  test("tiny photo cannot zoom", () => {
    assert.deepEqual(cropLimits({ width: 40, height: 30 }), { minSize: 30, maxSize: 30 });
  });
});

describe("clampCrop", () => {
  test("moves a square back inside", () => {
    assert.deepEqual(clampCrop({ x: -50, y: -10, size: 1000 }, LANDSCAPE), { x: 0, y: 0, size: 1000 });
    assert.deepEqual(clampCrop({ x: 5800, y: 3900, size: 1000 }, LANDSCAPE), { x: 5000, y: 3000, size: 1000 });
  });

  test("limits the side", () => {
    assert.equal(clampCrop({ x: 0, y: 0, size: 9000 }, LANDSCAPE).size, 4000);
    assert.equal(clampCrop({ x: 0, y: 0, size: 1 }, LANDSCAPE).size, 500);
  });

  test("keeps a square that fits", () => {
    const crop = { x: 123.5, y: 456.25, size: 789 };
    assert.deepEqual(clampCrop(crop, LANDSCAPE), crop);
  });
});

describe("moveCrop", () => {
  test("moves by original pixels", () => {
    assert.deepEqual(moveCrop({ x: 1000, y: 0, size: 2000 }, 150, 200, LANDSCAPE), { x: 1150, y: 200, size: 2000 });
  });

  test("stops at the edges", () => {
    const largest = centredCrop(LANDSCAPE);
    assert.deepEqual(moveCrop(largest, 0, 500, LANDSCAPE), largest);
    assert.deepEqual(moveCrop(largest, 99999, 0, LANDSCAPE), { x: 2000, y: 0, size: 4000 });
    assert.deepEqual(moveCrop(largest, -99999, 0, LANDSCAPE), { x: 0, y: 0, size: 4000 });
  });
});

describe("zoomCrop", () => {
  test("keeps the anchor in place", () => {
    const crop = { x: 1000, y: 0, size: 4000 };
    const anchor = { x: 2000, y: 1000 };
    const zoomed = zoomCrop(crop, 2000, anchor, LANDSCAPE);

    assert.equal(zoomed.size, 2000);
    // The anchor sat at a quarter of the frame across and down, and still does.
    assertClose((anchor.x - zoomed.x) / zoomed.size, 0.25, "anchor x share");
    assertClose((anchor.y - zoomed.y) / zoomed.size, 0.25, "anchor y share");
  });

  test("around the centre keeps the centre", () => {
    const crop = { x: 2000, y: 1000, size: 2000 };
    const zoomed = zoomCrop(crop, 1000, cropCentre(crop), LANDSCAPE);
    assert.deepEqual(zoomed, { x: 2500, y: 1500, size: 1000 });
    assert.deepEqual(cropCentre(zoomed), cropCentre(crop));
  });

  test("zooming out near an edge stays inside", () => {
    const crop = { x: 5000, y: 3000, size: 1000 };
    const zoomed = zoomCrop(crop, 3000, { x: 5900, y: 3900 }, LANDSCAPE);
    assert.equal(zoomed.size, 3000);
    assertInside(zoomed, LANDSCAPE);
    assert.deepEqual(zoomed, { x: 3000, y: 1000, size: 3000 });
  });

  test("stops at the smallest and largest side", () => {
    const crop = centredCrop(LANDSCAPE);
    assert.equal(zoomCrop(crop, 10, cropCentre(crop), LANDSCAPE).size, 500);
    assert.equal(zoomCrop(crop, 10_000, cropCentre(crop), LANDSCAPE).size, 4000);
  });
});

describe("keys", () => {
  const crop = Object.freeze({ x: 2000, y: 1000, size: 2000 });

  test("arrows move the photo", () => {
    const step = 2000 * NUDGE_STEP;
    assert.deepEqual(cropAfterKey(crop, "ArrowRight", false, LANDSCAPE), { x: 2000 - step, y: 1000, size: 2000 });
    assert.deepEqual(cropAfterKey(crop, "ArrowLeft", false, LANDSCAPE), { x: 2000 + step, y: 1000, size: 2000 });
    assert.deepEqual(cropAfterKey(crop, "ArrowDown", false, LANDSCAPE), { x: 2000, y: 1000 - step, size: 2000 });
    assert.deepEqual(cropAfterKey(crop, "ArrowUp", false, LANDSCAPE), { x: 2000, y: 1000 + step, size: 2000 });
  });

  test("Shift makes bigger steps", () => {
    const step = 2000 * NUDGE_STEP_LARGE;
    assert.ok(NUDGE_STEP_LARGE > NUDGE_STEP);
    assert.deepEqual(cropAfterKey(crop, "ArrowRight", true, LANDSCAPE), { x: 2000 - step, y: 1000, size: 2000 });
  });

  test("plus and minus zoom around the centre", () => {
    const zoomedIn = cropAfterKey(crop, "+", false, LANDSCAPE);
    const zoomedOut = cropAfterKey(crop, "-", false, LANDSCAPE);
    assert.ok(zoomedIn.size < crop.size);
    assert.ok(zoomedOut.size > crop.size);
    assertClose(cropCentre(zoomedIn).x, 3000, "centre x after +");
    assertClose(cropCentre(zoomedOut).y, 2000, "centre y after −");
    assert.deepEqual(cropAfterKey(crop, "=", false, LANDSCAPE), zoomedIn);
  });

  test("other keys are not used", () => {
    for (const key of ["Enter", "Escape", "Tab", "a", " "]) {
      assert.equal(cropAfterKey(crop, key, false, LANDSCAPE), null, key);
    }
  });

  test("arrows stop at the edge", () => {
    const atLeft = { x: 0, y: 0, size: 4000 };
    assert.deepEqual(cropAfterKey(atLeft, "ArrowRight", true, LANDSCAPE), atLeft);
  });
});

describe("wheel", () => {
  test("wheel up zooms in, down zooms out", () => {
    assert.ok(wheelZoomFactor(-100) < 1);
    assert.ok(wheelZoomFactor(100) > 1);
    assert.equal(wheelZoomFactor(0), 1);
  });

  test("opposite steps cancel out", () => {
    assertClose(wheelZoomFactor(120) * wheelZoomFactor(-120), 1, "product");
  });

  test("lines and pages count as pixels", () => {
    assertClose(wheelZoomFactor(3, 1), wheelZoomFactor(48, 0), "3 lines");
    assert.ok(wheelZoomFactor(1, 2) > wheelZoomFactor(1, 1));
  });
});

describe("slider", () => {
  test("ends map to the largest and smallest crop", () => {
    assert.equal(sliderValueForSize(4000, LANDSCAPE), 0);
    assert.equal(sliderValueForSize(500, LANDSCAPE), SLIDER_MAX);
    assertClose(sizeForSliderValue(0, LANDSCAPE), 4000, "value 0");
    assertClose(sizeForSliderValue(SLIDER_MAX, LANDSCAPE), 500, "value max");
  });

  test("scale is logarithmic", () => {
    // Half way between 4000 and 500 on a log scale is their geometric mean.
    assertClose(sizeForSliderValue(SLIDER_MAX / 2, LANDSCAPE), Math.sqrt(4000 * 500), "middle", 1e-6);
  });

  test("round trip", () => {
    for (const value of [0, 1, 250, 777, 999, SLIDER_MAX]) {
      assert.equal(sliderValueForSize(sizeForSliderValue(value, LANDSCAPE), LANDSCAPE), value, String(value));
    }
  });

  test("string values and out of range", () => {
    assertClose(sizeForSliderValue("1000", LANDSCAPE), 500, "string");
    assertClose(sizeForSliderValue(-5, LANDSCAPE), 4000, "below");
    assertClose(sizeForSliderValue(5000, LANDSCAPE), 500, "above");
  });

  test("photo that cannot zoom stays at 0", () => {
    const tiny = { width: 40, height: 30 };
    assert.equal(sliderValueForSize(30, tiny), 0);
    assertClose(sizeForSliderValue(700, tiny), 30, "size");
  });
});

describe("frame and layout", () => {
  test("frame is the centred square inside the margin", () => {
    assert.deepEqual(frameInViewport(392, 320), { left: (392 - 288) / 2, top: FRAME_MARGIN, side: 320 - 2 * FRAME_MARGIN });
    assert.deepEqual(frameInViewport(300, 500), { left: FRAME_MARGIN, top: (500 - 268) / 2, side: 300 - 2 * FRAME_MARGIN });
  });

  test("viewport smaller than the margins gives an empty frame", () => {
    assert.equal(frameInViewport(20, 400).side, 0);
  });

  test("crop fills the frame", () => {
    const frame = { left: 52, top: 16, side: 288 };
    const crop = { x: 1000, y: 0, size: 4000 };
    const layout = layoutImage(crop, frame, LANDSCAPE);

    assertClose(layout.scale, 288 / 4000, "scale");
    assertClose(layout.width, 6000 * 0.072, "width");
    assertClose(layout.height, 288, "height");
    // The crop's left edge lands on the frame's left edge.
    assertClose(layout.left + crop.x * layout.scale, frame.left, "left edge");
    assertClose(layout.top + crop.y * layout.scale, frame.top, "top edge");
  });

  test("viewport point maps to the original pixel", () => {
    const frame = { left: 52, top: 16, side: 288 };
    const crop = { x: 1000, y: 500, size: 2000 };

    const cases = [
      [{ x: 52, y: 16 }, { x: 1000, y: 500 }],
      [{ x: 52 + 288, y: 16 + 288 }, { x: 3000, y: 2500 }],
      [{ x: 52 + 144, y: 16 + 72 }, { x: 2000, y: 1000 }],
      // Points outside the frame map to the photo around it.
      [{ x: 52 - 144, y: 16 }, { x: 0, y: 500 }],
    ];
    for (const [point, expected] of cases) {
      const mapped = viewportToOriginal(point, crop, frame);
      assertClose(mapped.x, expected.x, `x of ${JSON.stringify(point)}`);
      assertClose(mapped.y, expected.y, `y of ${JSON.stringify(point)}`);
    }
  });

  test("layout and mapping agree", () => {
    const frame = frameInViewport(392, 320);
    const crop = { x: 1234.5, y: 678.25, size: 1500 };
    const layout = layoutImage(crop, frame, LANDSCAPE);
    // The photo's bottom-right corner on screen maps back to the original's.
    const corner = viewportToOriginal({ x: layout.left + layout.width, y: layout.top + layout.height }, crop, frame);
    assertClose(corner.x, 6000, "corner x", 1e-6);
    assertClose(corner.y, 4000, "corner y", 1e-6);
  });
});

describe("toOriginalPixels", () => {
  test("rounds to whole pixels", () => {
    assert.deepEqual(toOriginalPixels({ x: 10.4, y: 20.6, size: 300.5 }, LANDSCAPE), { x: 10, y: 21, size: 301 });
  });

  test("rounding never leaves the photo", () => {
    const image = { width: 1001, height: 1000 };
    const crop = { x: 0.6, y: 0.4, size: 1000 };
    const pixels = toOriginalPixels(crop, image);
    assert.deepEqual(pixels, { x: 1, y: 0, size: 1000 });
    assertInside(pixels, image);
  });

  test("clamps a crop outside the photo", () => {
    assert.deepEqual(toOriginalPixels({ x: -3, y: 5000, size: 9000 }, LANDSCAPE), { x: 0, y: 0, size: 4000 });
    assert.deepEqual(toOriginalPixels({ x: 5999.7, y: 0, size: 0.2 }, LANDSCAPE), { x: 5999, y: 0, size: 1 });
  });

  test("every crop from drags and zooms stays inside", () => {
    const image = { width: 1801, height: 1199 };
    let crop = centredCrop(image);
    const frame = frameInViewport(392, 320);
    for (let step = 0; step < 200; step += 1) {
      const point = { x: (step * 37) % 392, y: (step * 53) % 320 };
      crop = zoomCrop(crop, crop.size * wheelZoomFactor(((step % 7) - 3) * 40), viewportToOriginal(point, crop, frame), image);
      crop = moveCrop(crop, ((step % 5) - 2) * 97.3, ((step % 3) - 1) * 61.7, image);
      const pixels = toOriginalPixels(crop, image);
      assertInside(pixels, image);
      assert.ok(pixels.size >= 1, `size ${pixels.size}`);
      for (const key of ["x", "y", "size"]) {
        assert.ok(Number.isInteger(pixels[key]), `${key} ${pixels[key]} is not whole`);
      }
    }
  });
});

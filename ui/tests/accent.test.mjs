import assert from "node:assert/strict";
import { describe, test } from "node:test";

import {
  accentPalette,
  applyAccent,
  contrastRatio,
  DEFAULT_ACCENT,
  MIN_TEXT_CONTRAST,
  parseHexColor,
} from "../js/accent.js";

const WHITE = { r: 255, g: 255, b: 255 };
const BLACK = { r: 0, g: 0, b: 0 };

// The page colours of both themes in styles.css.
const LIGHT_PAGES = ["#f5f6f8", "#ffffff"];
const DARK_PAGES = ["#15171a", "#1f2226"];

const contrast = (first, second) => contrastRatio(parseHexColor(first), parseHexColor(second));

describe("parseHexColor", () => {
  test("accepts #rrggbb in either case", () => {
    assert.deepEqual(parseHexColor("#2F6fde"), { r: 47, g: 111, b: 222 });
    assert.deepEqual(parseHexColor(" #000000 "), BLACK);
  });

  test("rejects other forms", () => {
    for (const value of ["#fff", "2f6fde", "#2f6fdeff", "red", "#gggggg", "", null, undefined, 0x2f6fde, "rgb(0,0,0)"]) {
      assert.equal(parseHexColor(value), null, String(value));
    }
  });
});

describe("contrastRatio", () => {
  test("black on white is 21", () => {
    assert.equal(Math.round(contrastRatio(BLACK, WHITE) * 100) / 100, 21);
  });

  test("is symmetric and 1 for equal colours", () => {
    assert.equal(contrastRatio(WHITE, BLACK), contrastRatio(BLACK, WHITE));
    assert.equal(contrastRatio(WHITE, WHITE), 1);
  });

  test("matches a published value", () => {
    // #767676 on white is the well-known lightest grey that passes AA (4.54:1).
    assert.equal(Math.round(contrast("#767676", "#ffffff") * 100) / 100, 4.54);
  });
});

describe("accentPalette", () => {
  test("default accent gets white text", () => {
    const palette = accentPalette(DEFAULT_ACCENT);
    assert.equal(palette.accent, DEFAULT_ACCENT);
    assert.equal(palette.contrast, "#ffffff");
  });

  test("light accent gets dark text", () => {
    const palette = accentPalette("#ffd54f");
    assert.notEqual(palette.contrast, "#ffffff");
    assert.ok(contrast(palette.contrast, "#ffd54f") >= MIN_TEXT_CONTRAST);
  });

  test("invalid accent falls back to the default", () => {
    assert.deepEqual(accentPalette("yellow"), accentPalette(DEFAULT_ACCENT));
    assert.deepEqual(accentPalette(null), accentPalette(DEFAULT_ACCENT));
  });

  test("button text is readable on every kind of accent", () => {
    for (const accent of ["#2f6fde", "#ffd54f", "#00a86b", "#e53935", "#000000", "#ffffff", "#808080", "#7b1fa2"]) {
      const palette = accentPalette(accent);
      assert.ok(contrast(palette.contrast, palette.accent) >= MIN_TEXT_CONTRAST, accent);
    }
  });

  test("link text is readable on both themes", () => {
    for (const accent of ["#2f6fde", "#ffd54f", "#00a86b", "#e53935", "#000000", "#ffffff", "#808080", "#7b1fa2"]) {
      const palette = accentPalette(accent);
      for (const page of LIGHT_PAGES) {
        assert.ok(contrast(palette.textLight, page) >= MIN_TEXT_CONTRAST, `${accent} light on ${page}`);
      }
      for (const page of DARK_PAGES) {
        assert.ok(contrast(palette.textDark, page) >= MIN_TEXT_CONTRAST, `${accent} dark on ${page}`);
      }
    }
  });

  test("readable accent keeps its hue as link text", () => {
    // A dark accent already passes on the light page, so it stays as it is.
    assert.equal(accentPalette("#1a4fa0").textLight, "#1a4fa0");
  });
});

describe("applyAccent", () => {
  test("sets the custom properties", () => {
    const set = new Map();
    const root = { style: { setProperty: (name, value) => set.set(name, value) } };
    applyAccent("#ffd54f", root);
    assert.equal(set.get("--accent"), "#ffd54f");
    assert.equal(set.get("--accent-contrast"), accentPalette("#ffd54f").contrast);
    assert.equal(set.get("--accent-text-light"), accentPalette("#ffd54f").textLight);
    assert.equal(set.get("--accent-text-dark"), accentPalette("#ffd54f").textDark);
  });
});

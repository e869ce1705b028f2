// The shop's accent colour: validation and the colours derived from it so
// that text on and beside it keeps WCAG AA contrast (4.5:1). DOM-free except
// applyAccent(), which takes the element to style.

// The accent in styles.css, used when the shop sets none or an invalid one.
export const DEFAULT_ACCENT = "#2f6fde";

// WCAG AA for body text.
export const MIN_TEXT_CONTRAST = 4.5;

// The text colours a primary button can use on the accent. Pure black and
// white guarantee at least 4.58:1 on any colour, since the better of the two
// is worst where both tie (relative luminance about 0.18).
const LIGHT_TEXT = "#ffffff";
const DARK_TEXT = "#000000";

// --bg and --surface of each theme in styles.css: link text and the focus
// ring sit on both.
const LIGHT_THEME_BACKGROUNDS = Object.freeze(["#f5f6f8", "#ffffff"]);
const DARK_THEME_BACKGROUNDS = Object.freeze(["#15171a", "#1f2226"]);

// How far each step moves the colour towards black or white while looking
// for a readable link colour.
const MIX_STEP = 0.05;

const HEX_COLOUR = /^#[0-9a-f]{6}$/i;

// Return {r, g, b} (0-255) for "#rrggbb", or null for anything else,
// including the short "#rgb" form and colour names.
export function parseHexColor(value) {
  if (typeof value !== "string" || !HEX_COLOUR.test(value.trim())) {
    return null;
  }
  const hex = value.trim().slice(1);
  return {
    r: Number.parseInt(hex.slice(0, 2), 16),
    g: Number.parseInt(hex.slice(2, 4), 16),
    b: Number.parseInt(hex.slice(4, 6), 16),
  };
}

export function formatHexColor({ r, g, b }) {
  return `#${[r, g, b].map((channel) => Math.round(channel).toString(16).padStart(2, "0")).join("")}`;
}

// Relative luminance as WCAG 2.x defines it, 0 for black to 1 for white.
export function relativeLuminance({ r, g, b }) {
  const linear = (channel) => {
    const value = channel / 255;
    return value <= 0.04045 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

// WCAG contrast ratio of two {r, g, b} colours, from 1 to 21.
export function contrastRatio(first, second) {
  const a = relativeLuminance(first);
  const b = relativeLuminance(second);
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}

function mix(colour, target, amount) {
  return {
    r: colour.r + (target.r - colour.r) * amount,
    g: colour.g + (target.g - colour.g) * amount,
    b: colour.b + (target.b - colour.b) * amount,
  };
}

// Move `colour` towards `target` (black or white) in MIX_STEP steps until it
// reaches MIN_TEXT_CONTRAST on every one of `backgrounds`. The loop ends at
// `target` itself, which reaches it on the theme's backgrounds.
function readableOn(colour, backgrounds, target) {
  const parsedBackgrounds = backgrounds.map(parseHexColor);
  const targetColour = parseHexColor(target);

  for (let amount = 0; amount < 1; amount += MIX_STEP) {
    const candidate = mix(colour, targetColour, amount);
    if (parsedBackgrounds.every((background) => contrastRatio(candidate, background) >= MIN_TEXT_CONTRAST)) {
      return formatHexColor(candidate);
    }
  }
  return target;
}

// Return the CSS colours for `accent` ("#rrggbb"), or those of
// DEFAULT_ACCENT when it is missing or invalid:
// - accent: the button and highlight colour itself;
// - contrast: white or black text on the accent, whichever contrasts more;
// - textLight / textDark: the accent as link text and focus ring on the
//   light and the dark theme's page, darkened or lightened to 4.5:1.
export function accentPalette(accent) {
  const parsed = parseHexColor(accent) ?? parseHexColor(DEFAULT_ACCENT);
  const light = parseHexColor(LIGHT_TEXT);
  const dark = parseHexColor(DARK_TEXT);

  return {
    accent: formatHexColor(parsed),
    contrast: contrastRatio(parsed, light) >= contrastRatio(parsed, dark) ? LIGHT_TEXT : DARK_TEXT,
    textLight: readableOn(parsed, LIGHT_THEME_BACKGROUNDS, "#000000"),
    textDark: readableOn(parsed, DARK_THEME_BACKGROUNDS, "#ffffff"),
  };
}

// Set the accent custom properties on `root` (the <html> element). An
// invalid or missing `accent` gives the default palette, so a typo in a
// shop's build never leaves unreadable buttons.
export function applyAccent(accent, root) {
  const palette = accentPalette(accent);
  root.style.setProperty("--accent", palette.accent);
  root.style.setProperty("--accent-contrast", palette.contrast);
  root.style.setProperty("--accent-text-light", palette.textLight);
  root.style.setProperty("--accent-text-dark", palette.textDark);
  return palette;
}

// Theme and locale of the document element.

const EXPLICIT_THEMES = Object.freeze(["light", "dark"]);

// Apply "light" or "dark" through data-theme. "system" removes it so that
// prefers-color-scheme decides.
export function applyTheme(theme) {
  const root = document.documentElement;
  if (EXPLICIT_THEMES.includes(theme)) {
    root.dataset.theme = theme;
  } else {
    delete root.dataset.theme;
  }
}

export function applyDocumentLocale(locale) {
  document.documentElement.lang = locale;
}

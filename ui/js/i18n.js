// Message catalogues and translation. DOM-free: the page applies the
// translations through translate-dom.js.

import { plural } from "./format.js";
import { en } from "./i18n/en.js";
import { M } from "./i18n/keys.js";
import { ru } from "./i18n/ru.js";

export { M };

export const CATALOGUES = Object.freeze({ ru, en });
export const DEFAULT_LOCALE = "ru";

let currentLocale = DEFAULT_LOCALE;

// Choose the UI locale from the saved setting ("system", "ru" or "en") and
// the system locale tag. An explicit "ru" or "en" wins. Otherwise English is
// used only when the system locale is English, and Russian in every other case.
export function resolveLocale(setting, systemLocale) {
  if (setting === "ru" || setting === "en") {
    return setting;
  }

  const system = typeof systemLocale === "string" ? systemLocale.trim().toLowerCase() : "";
  return system === "en" || system.startsWith("en-") || system.startsWith("en_") ? "en" : DEFAULT_LOCALE;
}

// Set the locale used by t(). Unknown locales fall back to Russian.
export function setLocale(locale) {
  currentLocale = Object.hasOwn(CATALOGUES, locale) ? locale : DEFAULT_LOCALE;
  return currentLocale;
}

export function getLocale() {
  return currentLocale;
}

function interpolate(template, params) {
  return template.replace(/\{(\w+)\}/g, (placeholder, name) =>
    Object.hasOwn(params, name) ? String(params[name]) : placeholder,
  );
}

// Translate `key` in the current locale, replacing "{name}" with params.name.
// A plural message picks its form by params.count. A key missing from the
// English catalogue falls back to Russian, and an unknown key returns itself,
// so a gap shows up as "group.name" on screen instead of an empty label.
export function t(key, params = {}) {
  const message = CATALOGUES[currentLocale][key] ?? CATALOGUES[DEFAULT_LOCALE][key];
  if (message === undefined) {
    return String(key);
  }

  const template = typeof message === "string" ? message : plural(params.count, message, currentLocale);
  return interpolate(template, params);
}

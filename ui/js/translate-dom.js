// Fill the page's static texts from the catalogue. Elements name their key
// in data-i18n (text), data-i18n-aria-label or data-i18n-placeholder.

import { t } from "./i18n.js";

// Pairs of the attribute that contains the key and the attribute it fills.
const ATTRIBUTE_KEYS = Object.freeze([
  ["data-i18n-aria-label", "aria-label"],
  ["data-i18n-placeholder", "placeholder"],
]);

export function translateDocument(root = document) {
  for (const element of root.querySelectorAll("[data-i18n]")) {
    // A busy button shows its progress label until the request ends.
    if (element.dataset.busy !== "true") {
      element.textContent = t(element.dataset.i18n);
    }
  }

  for (const [keyAttribute, targetAttribute] of ATTRIBUTE_KEYS) {
    for (const element of root.querySelectorAll(`[${keyAttribute}]`)) {
      element.setAttribute(targetAttribute, t(element.getAttribute(keyAttribute)));
    }
  }
}

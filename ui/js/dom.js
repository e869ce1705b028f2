// Small DOM helpers shared by the screen modules.

import { M, t } from "./i18n.js";
import { hideToast } from "./toast.js";

// Return the element with `id`, failing loudly when index.html lacks it.
export function byId(id) {
  const element = document.getElementById(id);
  if (element === null) {
    throw new Error(`index.html has no element #${id}`);
  }
  return element;
}

// Show the screen section `screenId`, hide the others, and move focus to
// `focusTarget` so that keyboard and screen-reader users land on the new
// screen. A toast from the screen being left is hidden with it.
export function showScreen(screenId, focusTarget = null) {
  if (!isScreenVisible(screenId)) {
    hideToast();
  }

  for (const section of document.querySelectorAll(".screen")) {
    section.hidden = section.id !== screenId;
  }

  if (focusTarget !== null) {
    focusTarget.focus();
  }
}

export function isScreenVisible(screenId) {
  return !byId(screenId).hidden;
}

// Put `message` into the error slot of `input` and mark the input invalid.
// An empty message clears both.
export function setFieldError(input, slot, message) {
  const text = message ?? "";
  slot.textContent = text;

  if (text === "") {
    input.removeAttribute("aria-invalid");
  } else {
    input.setAttribute("aria-invalid", "true");
  }
}

// Switch `button` to the busy label `busyKey` and disable it, or, with null,
// restore its catalogue label from data-i18n. The caller re-enables it.
export function setBusy(button, busyKey) {
  if (busyKey === null) {
    delete button.dataset.busy;
    button.textContent = t(button.dataset.i18n);
    return;
  }

  button.dataset.busy = "true";
  button.disabled = true;
  button.textContent = t(busyKey);
}

// Show `text` in a value cell, or the muted "не указано" when it is empty.
export function setValueText(element, text) {
  const value = typeof text === "string" ? text.trim() : "";
  const missing = value === "";

  element.textContent = missing ? t(M.card.notSpecified) : value;
  element.classList.toggle("muted", missing);
}

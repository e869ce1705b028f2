// Short confirmation messages in the #toast status region.

import { byId } from "./dom.js";

const TOAST_DURATION_MS = 4000;

let hideTimer = null;

// Show `text` for `durationMs` milliseconds.
export function showToast(text, { durationMs = TOAST_DURATION_MS } = {}) {
  const toast = byId("toast");
  toast.textContent = text;
  toast.classList.add("toast--visible");

  clearTimeout(hideTimer);
  hideTimer = setTimeout(() => {
    toast.classList.remove("toast--visible");
    toast.textContent = "";
  }, durationMs);
}

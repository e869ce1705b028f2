// Short confirmation messages in the #toast status region.

import { byId } from "./dom.js";

const TOAST_DURATION_MS = 4000;

let hideTimer = null;

export function showToast(text) {
  const toast = byId("toast");
  toast.textContent = text;
  toast.classList.add("toast--visible");

  clearTimeout(hideTimer);
  hideTimer = setTimeout(() => {
    toast.classList.remove("toast--visible");
    toast.textContent = "";
  }, TOAST_DURATION_MS);
}

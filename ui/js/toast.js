// Short confirmation messages in the #toast status region.

const TOAST_DURATION_MS = 3000;

let hideTimer = null;

// The toast is looked up on each call, not through dom.js, because dom.js
// hides it on every screen change.
function toastElement() {
  return document.getElementById("toast");
}

// Show `text` for `durationMs` milliseconds, or until the screen changes.
export function showToast(text, { durationMs = TOAST_DURATION_MS } = {}) {
  const toast = toastElement();
  toast.textContent = text;
  toast.classList.add("toast--visible");

  clearTimeout(hideTimer);
  hideTimer = setTimeout(() => hideToast(), durationMs);
}

export function hideToast() {
  clearTimeout(hideTimer);
  hideTimer = null;

  const toast = toastElement();
  if (toast !== null) {
    toast.classList.remove("toast--visible");
    toast.textContent = "";
  }
}

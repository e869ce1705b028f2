// About dialog: version, licence, what the app does with data, and the
// diagnostics report for support. Opened from the settings screen or with F1.

import { byId, setBusy } from "./dom.js";
import { logError } from "./errors.js";
import { M, t } from "./i18n.js";
import { call } from "./ipc.js";

let elements = null;
let version = "";
let copying = false;
// The report requested when the dialog opened: a promise of its text, or
// of null when it failed.
let reportRequest = null;

function findElements() {
  return {
    dialog: byId("about-dialog"),
    version: byId("about-version"),
    details: byId("about-report-details"),
    report: byId("about-report"),
    status: byId("about-status"),
    error: byId("about-error"),
    copy: byId("about-copy"),
    close: byId("about-close"),
    openButton: byId("open-about"),
  };
}

export function initAbout() {
  elements = findElements();

  elements.openButton.addEventListener("click", () => openAbout());
  elements.copy.addEventListener("click", () => copyReport());
  elements.close.addEventListener("click", () => elements.dialog.close());

  // F1 opens the dialog from any screen, unless another dialog is open.
  document.addEventListener("keydown", (event) => {
    if (event.key === "F1" && !event.ctrlKey && !event.altKey && !event.metaKey && document.querySelector("dialog[open]") === null) {
      event.preventDefault();
      openAbout();
    }
  });
}

// Re-render the texts that depend on the locale or the version from bootstrap.
export function refreshAbout(appVersion = version) {
  version = appVersion ?? "";
  elements.version.textContent = version === "" ? "" : t(M.about.version, { version });
}

export function openAbout() {
  elements.status.textContent = "";
  elements.error.textContent = "";
  elements.report.value = "";
  elements.details.open = false;
  refreshAbout();
  reportRequest = loadReport();

  elements.dialog.showModal();
  // Not every engine honours autofocus in a dialog.
  elements.copy.focus();
}

// Fill the read-only report field. Resolves with the report text, or null
// when the backend could not build it.
async function loadReport() {
  elements.error.textContent = "";
  try {
    const report = await call("diagnostics");
    elements.report.value = typeof report === "string" ? report : "";
    return elements.report.value;
  } catch (error) {
    logError("diagnostics", error);
    elements.error.textContent = t(M.about.reportFailed);
    return null;
  }
}

// Copy the report through the async Clipboard API, then through
// execCommand("copy") on the selected field. When both fail, leave the
// report selected and ask the customer to press Ctrl+C. WebKit lets a page
// write the clipboard only while it handles the click, so the report is the
// one loaded when the dialog opened, and a new one is requested only when
// that failed.
async function copyReport() {
  if (copying) {
    return;
  }
  copying = true;
  elements.status.textContent = "";
  elements.error.textContent = "";

  let report = elements.report.value;
  if (report === "") {
    setBusy(elements.copy, M.about.copying);
    report = (await reportRequest) ?? (await loadReport());
    setBusy(elements.copy, null);
    elements.copy.disabled = false;
  }
  let manual = false;
  try {
    if (report === null || report === "") {
      return;
    }
    if (await writeClipboard(report)) {
      elements.status.textContent = t(M.about.copied);
      return;
    }
    manual = true;
    elements.details.open = true;
    elements.report.focus();
    elements.report.select();
    elements.status.textContent = t(M.about.copyManual);
  } finally {
    copying = false;
    if (!manual && elements.dialog.open) {
      elements.copy.focus();
    }
  }
}

async function writeClipboard(text) {
  const clipboard = globalThis.navigator?.clipboard;
  if (typeof clipboard?.writeText === "function") {
    try {
      await clipboard.writeText(text);
      return true;
    } catch (error) {
      logError("clipboard.writeText", error);
    }
  }
  return copyBySelection();
}

// The older way: select the read-only field and run the copy command. It
// needs the field to be rendered, so the details open first.
function copyBySelection() {
  const wasOpen = elements.details.open;
  elements.details.open = true;
  elements.report.select();
  let copied = false;
  try {
    copied = document.execCommand("copy");
  } catch (error) {
    logError("execCommand(copy)", error);
  }
  elements.details.open = wasOpen;
  return copied;
}

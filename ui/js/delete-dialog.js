// Account deletion dialog: the user types the confirmation word first, and
// may save a copy of their data before that.

import { byId, setBusy, setFieldError } from "./dom.js";
import { logError, messageFor, needsSignIn } from "./errors.js";
import { confirmWordMatches } from "./form.js";
import { getLocale, M, t } from "./i18n.js";
import { call } from "./ipc.js";

let elements = null;
let handlers = null;
let deleting = false;
// True while export_profile runs, which includes its folder dialog.
let exporting = false;

function findElements() {
  return {
    dialog: byId("delete-dialog"),
    form: byId("delete-form"),
    label: byId("delete-confirm-label"),
    input: byId("delete-confirm-input"),
    error: byId("delete-error"),
    confirm: byId("delete-confirm-button"),
    cancel: byId("delete-cancel"),
    exportButton: byId("delete-export"),
    exportStatus: byId("delete-export-status"),
    exportError: byId("delete-export-error"),
  };
}

// Wire the dialog. `onDeleted(serverMessage)` runs after the account is
// deleted, `onSessionExpired(message)` when the user must sign in again.
export function initDeleteDialog(callbacks) {
  elements = findElements();
  handlers = callbacks;

  elements.input.addEventListener("input", () => {
    setFieldError(elements.input, elements.error, "");
    updateConfirmButton();
  });
  elements.form.addEventListener("submit", (event) => {
    event.preventDefault();
    deleteAccount();
  });
  elements.cancel.addEventListener("click", () => close());
  elements.exportButton.addEventListener("click", () => exportData());

  // Esc fires "cancel", which is ignored while a request runs.
  elements.dialog.addEventListener("cancel", (event) => {
    if (deleting || exporting) {
      event.preventDefault();
    }
  });
}

function confirmWord() {
  return t(M.deleteDialog.confirmWord);
}

function wordMatches() {
  return confirmWordMatches(elements.input.value, confirmWord(), getLocale());
}

function updateConfirmButton() {
  if (elements.confirm.dataset.busy !== "true") {
    elements.confirm.disabled = deleting || exporting || !wordMatches();
  }
}

// Re-render the texts that depend on the locale.
export function refreshDeleteDialog() {
  elements.label.textContent = t(M.deleteDialog.confirmPrompt, { word: confirmWord() });
  updateConfirmButton();
}

export function openDeleteDialog() {
  elements.input.value = "";
  setFieldError(elements.input, elements.error, "");
  elements.exportStatus.textContent = "";
  elements.exportError.textContent = "";
  refreshDeleteDialog();

  elements.dialog.showModal();

  // "Отмена" is the safe default. Not every engine honours autofocus in a dialog.
  elements.cancel.focus();
}

function close() {
  if (!deleting && !exporting) {
    elements.dialog.close();
  }
}

// "Сохранить мои данные": export_profile opens a folder dialog and writes
// the profile and the avatar into the chosen folder. A cancelled folder dialog returns null and
// changes nothing on screen.
async function exportData() {
  if (exporting || deleting) {
    return;
  }

  exporting = true;
  elements.exportStatus.textContent = "";
  elements.exportError.textContent = "";
  setBusy(elements.exportButton, M.deleteDialog.exporting);
  elements.cancel.disabled = true;
  updateConfirmButton();
  try {
    const result = await call("export_profile");
    const folder = typeof result?.folder === "string" ? result.folder : "";
    if (folder !== "") {
      elements.exportStatus.textContent = t(M.deleteDialog.exported, { folder });
    }
  } catch (error) {
    logError("export_profile", error);
    if (needsSignIn(error)) {
      elements.dialog.close();
      handlers.onSessionExpired(messageFor(error, "export"));
      return;
    }
    elements.exportError.textContent = messageFor(error, "export");
  } finally {
    exporting = false;
    setBusy(elements.exportButton, null);
    elements.exportButton.disabled = false;
    elements.cancel.disabled = false;
    updateConfirmButton();
    if (elements.dialog.open) {
      elements.exportButton.focus();
    }
  }
}

async function deleteAccount() {
  if (deleting || !wordMatches()) {
    return;
  }

  deleting = true;
  setBusy(elements.confirm, M.deleteDialog.deleting);
  elements.cancel.disabled = true;
  try {
    const result = await call("delete_counterparty");
    elements.dialog.close();

    const serverMessage = typeof result?.message === "string" ? result.message.trim() : "";
    handlers.onDeleted(serverMessage === "" ? t(M.deleteDialog.done) : serverMessage);
  } catch (error) {
    logError("delete_counterparty", error);

    if (needsSignIn(error)) {
      elements.dialog.close();
      handlers.onSessionExpired(messageFor(error, "delete"));
      return;
    }
    setFieldError(elements.input, elements.error, messageFor(error, "delete"));
  } finally {
    deleting = false;
    setBusy(elements.confirm, null);
    elements.cancel.disabled = false;
    updateConfirmButton();
  }
}

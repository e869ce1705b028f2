// Account deletion dialog: the user types the confirmation word first.

import { byId, setBusy, setFieldError } from "./dom.js";
import { logError, messageFor, needsSignIn } from "./errors.js";
import { confirmWordMatches } from "./form.js";
import { getLocale, M, t } from "./i18n.js";
import { call } from "./ipc.js";

let elements = null;
let handlers = null;
let deleting = false;

function findElements() {
  return {
    dialog: byId("delete-dialog"),
    form: byId("delete-form"),
    label: byId("delete-confirm-label"),
    input: byId("delete-confirm-input"),
    error: byId("delete-error"),
    confirm: byId("delete-confirm-button"),
    cancel: byId("delete-cancel"),
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

  // Esc fires "cancel", which is ignored while the request runs.
  elements.dialog.addEventListener("cancel", (event) => {
    if (deleting) {
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
    elements.confirm.disabled = deleting || !wordMatches();
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
  refreshDeleteDialog();

  elements.dialog.showModal();

  // "Отмена" is the safe default. Not every engine honours autofocus in a dialog.
  elements.cancel.focus();
}

function close() {
  if (!deleting) {
    elements.dialog.close();
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

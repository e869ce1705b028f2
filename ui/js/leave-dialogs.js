// Questions before typed edits leave the screen: "Отменить изменения?" when
// the customer cancels the edit form, and "Закрыть без сохранения?" when
// they close the window while the form has unsaved changes.

import { byId } from "./dom.js";
import { logError } from "./errors.js";
import { M, t } from "./i18n.js";

// dialog.returnValue of the confirming button.
const CONFIRMED = "confirm";

let elements = null;

function findElements() {
  return {
    discard: byId("discard-dialog"),
    discardConfirm: byId("discard-confirm"),
    discardKeep: byId("discard-keep"),
    close: byId("close-dialog"),
    closeBody: byId("close-body"),
    closeConfirm: byId("close-confirm"),
    closeCancel: byId("close-cancel"),
  };
}

export function initLeaveDialogs() {
  elements = findElements();

  elements.discardConfirm.addEventListener("click", () => elements.discard.close(CONFIRMED));
  elements.discardKeep.addEventListener("click", () => elements.discard.close());
  elements.closeConfirm.addEventListener("click", () => elements.close.close(CONFIRMED));
  elements.closeCancel.addEventListener("click", () => elements.close.close());
}

// Show `dialog` with `safeButton` focused. Resolves with true when the
// customer confirmed, and with false for the safe button or Esc.
function ask(dialog, safeButton) {
  dialog.returnValue = "";
  const answer = new Promise((resolve) => {
    dialog.addEventListener("close", () => resolve(dialog.returnValue === CONFIRMED), { once: true });
  });

  dialog.showModal();
  // Not every engine honours autofocus in a dialog.
  safeButton.focus();
  return answer;
}

// Ask whether to drop the edit form's changes. Resolves with true for
// "Не сохранять".
export function askDiscard() {
  return ask(elements.discard, elements.discardKeep);
}

// Ask whether to close the window with unsaved changes. `draftKept` is true
// when the changes are stored as a draft and come back next time.
// Resolves with true for "Закрыть".
function askClose(draftKept) {
  elements.closeBody.textContent = t(draftKept ? M.closeDialog.bodyDraftKept : M.closeDialog.bodyChangesLost);
  return ask(elements.close, elements.closeCancel);
}

// Ask before the window closes while `hasUnsavedChanges()` is true. On
// "Закрыть", `saveDraft()` (a promise) writes the draft once more and the
// window is destroyed. `draftKept()` picks the dialog's wording. Does
// nothing outside the Tauri window, e.g. in node tests.
export function initCloseGuard({ hasUnsavedChanges, saveDraft, draftKept }) {
  const getCurrentWindow = globalThis.__TAURI__?.window?.getCurrentWindow;
  if (typeof getCurrentWindow !== "function") {
    return;
  }

  const appWindow = getCurrentWindow();
  const onCloseRequested = async (event) => {
    if (elements.close.open) {
      // The question is on screen already; a second click on × waits for it.
      event.preventDefault();
      return;
    }
    if (!hasUnsavedChanges()) {
      return;
    }

    event.preventDefault();
    if (!(await askClose(draftKept()))) {
      return;
    }

    try {
      await saveDraft();
    } catch (error) {
      logError("save_draft", error);
    }
    try {
      await appWindow.destroy();
    } catch (error) {
      logError("window.destroy", error);
    }
  };

  appWindow.onCloseRequested(onCloseRequested).catch((error) => logError("window.onCloseRequested", error));
}

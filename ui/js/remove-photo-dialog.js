// «Удалить фото?»: the confirmation before remove_avatar.

import { byId, setBusy } from "./dom.js";
import { logError, messageFor, needsSignIn } from "./errors.js";
import { M } from "./i18n.js";
import { call } from "./ipc.js";

let elements = null;
let handlers = null;
let removing = false;

function findElements() {
  return {
    dialog: byId("remove-photo-dialog"),
    error: byId("remove-photo-error"),
    confirm: byId("remove-photo-confirm"),
    cancel: byId("remove-photo-cancel"),
  };
}

// Wire the dialog. `onRemoved(counterparty)` runs after the photo was
// removed, `onSessionExpired(error)` when the shop no longer accepts the
// session.
export function initRemovePhotoDialog(callbacks) {
  elements = findElements();
  handlers = callbacks;

  elements.confirm.addEventListener("click", () => removePhoto());
  elements.cancel.addEventListener("click", () => close());

  // Esc fires "cancel", which is ignored while the request runs.
  elements.dialog.addEventListener("cancel", (event) => {
    if (removing) {
      event.preventDefault();
    }
  });
}

export function openRemovePhotoDialog() {
  elements.error.textContent = "";
  elements.dialog.showModal();
  // «Отмена» is the safe default. Not every engine honours autofocus in a dialog.
  elements.cancel.focus();
}

function close() {
  if (!removing) {
    elements.dialog.close();
  }
}

async function removePhoto() {
  if (removing) {
    return;
  }

  removing = true;
  elements.error.textContent = "";
  setBusy(elements.confirm, M.photo.removing);
  elements.cancel.disabled = true;
  try {
    const counterparty = await call("remove_avatar");
    elements.dialog.close();
    handlers.onRemoved(counterparty);
  } catch (error) {
    logError("remove_avatar", error);
    if (needsSignIn(error)) {
      elements.dialog.close();
      handlers.onSessionExpired(error);
    } else {
      elements.error.textContent = messageFor(error, "photo_remove");
    }
  } finally {
    removing = false;
    setBusy(elements.confirm, null);
    elements.confirm.disabled = false;
    elements.cancel.disabled = false;
  }
}

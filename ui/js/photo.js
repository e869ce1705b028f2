// Changing the profile photo: «Загрузить фото» and «Удалить фото» on the
// card and in the edit form, and photos dropped on the window.
//
// Tauri handles file drops itself, so the page never gets an HTML drop
// event. The backend opens a dropped file and sends the event
// "avatar-photo-dropped" with {photo} or {error}, and Tauri's own
// "tauri://drag-*" events drive the drop hint.

import { renderAvatarViews, avatarIdOf } from "./avatar-image.js";
import { initCropDialog, isCropDialogOpen, openCropDialog, receiveDroppedPhoto } from "./crop-dialog.js";
import { byId, isScreenVisible, setBusy } from "./dom.js";
import { logError, messageFor, needsSignIn } from "./errors.js";
import { M, t } from "./i18n.js";
import { call } from "./ipc.js";
import { initRemovePhotoDialog, openRemovePhotoDialog } from "./remove-photo-dialog.js";
import { showToast } from "./toast.js";

const PHOTO_DROPPED_EVENT = "avatar-photo-dropped";
const DRAG_ENTER_EVENT = "tauri://drag-enter";
const DRAG_LEAVE_EVENT = "tauri://drag-leave";
const DRAG_DROP_EVENT = "tauri://drag-drop";

// Screens that offer the photo buttons, with the slot for their errors.
const PHOTO_SCREENS = Object.freeze({
  "screen-card": "card-photo-error",
  "screen-edit": "edit-photo-error",
});

let elements = null;
let handlers = null;
let offline = false;
let hasPhoto = false;
// True while pick_avatar runs: the file dialog is open or the photo decodes.
let picking = false;

function findElements() {
  return {
    upload: [byId("card-photo-upload"), byId("edit-photo-upload")],
    remove: [byId("card-photo-remove"), byId("edit-photo-remove")],
    errors: Object.values(PHOTO_SCREENS).map((id) => byId(id)),
    dropHint: byId("drop-hint"),
  };
}

// Wire the photo buttons, the dialogs and the drop events.
// `isSignedIn()` returns whether a customer's card is loaded.
// `onChanged(counterparty)` runs after the photo was saved or removed.
// `onSessionExpired(error)` runs when the shop no longer accepts the session.
export function initPhoto(callbacks) {
  elements = findElements();
  handlers = callbacks;

  for (const button of elements.upload) {
    button.addEventListener("click", () => pickPhoto(button));
  }
  for (const button of elements.remove) {
    button.addEventListener("click", () => {
      clearPhotoErrors();
      openRemovePhotoDialog();
    });
  }

  initCropDialog({
    onSaved: (counterparty) => {
      handlers.onChanged(counterparty);
      showToast(t(M.photo.saved));
    },
    onSessionExpired: (error) => sessionExpired(error),
    onDeferredDrop: (payload) => onPhotoDropped(payload),
  });
  initRemovePhotoDialog({
    onRemoved: (counterparty) => {
      handlers.onChanged(counterparty);
      showToast(t(M.photo.removed));
    },
    onSessionExpired: (error) => sessionExpired(error),
  });

  listenToDrops();
}

// Show `counterparty`'s avatar on the card and in the edit form, and offer
// «Удалить фото» only when there is a photo to remove.
export function renderAvatar(counterparty) {
  renderAvatarViews(counterparty);
  hasPhoto = avatarIdOf(counterparty) !== null;
  updateButtons();
}

// Turn the photo buttons off while the card shows that the shop's server
// cannot be reached, as the other actions that need it are.
export function setPhotoOffline(isOffline) {
  offline = isOffline;
  updateButtons();
}

function updateButtons() {
  if (elements === null) {
    return;
  }
  for (const button of elements.upload) {
    if (button.dataset.busy !== "true") {
      button.disabled = offline || picking;
    }
  }
  for (const button of elements.remove) {
    button.hidden = !hasPhoto;
    button.disabled = offline || picking;
  }
}

// Show `message` under the photo buttons of the screen on view.
function showPhotoError(message) {
  for (const [screenId, slotId] of Object.entries(PHOTO_SCREENS)) {
    if (isScreenVisible(screenId)) {
      byId(slotId).textContent = message;
    }
  }
}

function clearPhotoErrors() {
  for (const slot of elements.errors) {
    slot.textContent = "";
  }
}

function sessionExpired(error) {
  showPhotoError(messageFor(error, "photo_save"));
  handlers.onSessionExpired(error);
}

// «Загрузить фото»: the system's file dialog, then the crop view.
async function pickPhoto(button) {
  if (picking || offline) {
    return;
  }

  picking = true;
  clearPhotoErrors();
  setBusy(button, M.photo.opening);
  updateButtons();
  try {
    const photo = await call("pick_avatar");
    if (photo !== null) {
      await openCropDialog(photo);
    }
  } catch (error) {
    logError("pick_avatar", error);
    if (needsSignIn(error)) {
      sessionExpired(error);
    } else {
      showPhotoError(messageFor(error, "photo_save"));
    }
  } finally {
    picking = false;
    setBusy(button, null);
    updateButtons();
  }
}

// Return true when a dropped photo can open the crop view: a customer is
// signed in, the card or the edit form is on view, and no dialog other than
// the crop view is open.
function acceptsPhotos() {
  const onPhotoScreen = Object.keys(PHOTO_SCREENS).some((screenId) => isScreenVisible(screenId));
  const otherDialogOpen = document.querySelector("dialog[open]:not(#crop-dialog)") !== null;
  return handlers.isSignedIn() && onPhotoScreen && !otherDialogOpen && !picking;
}

async function listenToDrops() {
  const listen = globalThis.__TAURI__?.event?.listen;
  if (typeof listen !== "function") {
    return;
  }

  try {
    await listen(PHOTO_DROPPED_EVENT, (event) => onPhotoDropped(event.payload));
    await listen(DRAG_ENTER_EVENT, () => {
      elements.dropHint.hidden = !acceptsPhotos() || offline || isCropDialogOpen();
    });
    await listen(DRAG_LEAVE_EVENT, () => {
      elements.dropHint.hidden = true;
    });
    await listen(DRAG_DROP_EVENT, () => {
      elements.dropHint.hidden = true;
    });
  } catch (error) {
    logError("listen", error);
  }
}

// A photo dropped on the window: open it in the crop view, or show why it
// was rejected. The backend keeps a dropped photo in memory until a save or
// cancel_avatar, so one that is not used here is released at once.
async function onPhotoDropped(payload) {
  const photo = payload?.photo ?? null;
  const error = payload?.error ?? null;
  if (photo === null && error === null) {
    return;
  }

  if (!acceptsPhotos()) {
    // While pick_avatar runs, its own photo replaces the dropped one.
    if (photo !== null && !picking) {
      releasePhoto();
    }
    return;
  }
  if (offline) {
    if (photo !== null) {
      releasePhoto();
    }
    showToast(t(M.photo.dropOffline));
    return;
  }

  // An open crop view takes the new photo or shows why it was rejected.
  if (isCropDialogOpen()) {
    receiveDroppedPhoto(payload);
    return;
  }

  clearPhotoErrors();
  if (error !== null) {
    logError("avatar-photo-dropped", error);
    showPhotoError(messageFor(error, "photo_save"));
    return;
  }
  try {
    await openCropDialog(photo);
  } catch (openError) {
    logError("avatar_preview", openError);
    showPhotoError(messageFor(openError, "photo_save"));
  }
}

async function releasePhoto() {
  try {
    await call("cancel_avatar");
  } catch (error) {
    logError("cancel_avatar", error);
  }
}

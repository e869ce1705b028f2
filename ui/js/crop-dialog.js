// The crop view: a square frame over the picked photo. The customer drags
// the photo, zooms with the wheel, the slider or + and −, and nudges it with
// the arrow keys; «Сохранить» sends the square to save_avatar. The geometry
// lives in crop.js.

import {
  centredCrop,
  cropAfterKey,
  cropCentre,
  cropLimits,
  frameInViewport,
  layoutImage,
  moveCrop,
  sizeForSliderValue,
  sliderValueForSize,
  toOriginalPixels,
  viewportToOriginal,
  wheelZoomFactor,
  zoomCrop,
} from "./crop.js";
import { byId, setBusy } from "./dom.js";
import { logError, messageFor, needsSignIn } from "./errors.js";
import { M } from "./i18n.js";
import { imageMimeType, toBytes } from "./image-bytes.js";
import { call } from "./ipc.js";

// dialog.returnValue after a save; any other close cancels the photo.
const SAVED = "saved";

let elements = null;
let handlers = null;

// The upright original's size, {width, height}: the space of `crop`.
let image = null;
let crop = null;
let frame = null;
let previewUrl = null;
let saving = false;
// The active drag: the pointer, where it went down and the crop then.
let drag = null;
// A drop that arrived during a save, handled when the save ends.
let pendingDrop = null;

function findElements() {
  return {
    dialog: byId("crop-dialog"),
    form: byId("crop-form"),
    viewport: byId("crop-viewport"),
    image: byId("crop-image"),
    frame: byId("crop-frame"),
    zoom: byId("crop-zoom"),
    error: byId("crop-error"),
    save: byId("crop-save"),
    cancel: byId("crop-cancel"),
  };
}

// Wire the dialog. `onSaved(counterparty)` runs after save_avatar
// succeeded, `onSessionExpired(error)` when the shop no longer accepts the
// session, and `onDeferredDrop(payload)` with a drop that arrived during a
// save, once the save has ended.
export function initCropDialog(callbacks) {
  elements = findElements();
  handlers = callbacks;

  const { viewport } = elements;
  viewport.addEventListener("pointerdown", onPointerDown);
  viewport.addEventListener("pointermove", onPointerMove);
  viewport.addEventListener("pointerup", endDrag);
  viewport.addEventListener("pointercancel", endDrag);
  viewport.addEventListener("wheel", onWheel, { passive: false });
  viewport.addEventListener("keydown", onKeyDown);
  new ResizeObserver(() => render()).observe(viewport);

  elements.zoom.addEventListener("input", () => {
    if (crop !== null && !saving) {
      crop = zoomCrop(crop, sizeForSliderValue(elements.zoom.value, image), cropCentre(crop), image);
      render({ keepSlider: true });
    }
  });

  elements.form.addEventListener("submit", (event) => {
    event.preventDefault();
    save();
  });
  elements.cancel.addEventListener("click", () => elements.dialog.close());

  // Esc fires "cancel", which is ignored while the photo is being saved.
  elements.dialog.addEventListener("cancel", (event) => {
    if (saving) {
      event.preventDefault();
    }
  });
  elements.dialog.addEventListener("close", () => onClosed());
}

export function isCropDialogOpen() {
  return elements.dialog.open;
}

// Show the crop view for `photo`, the PickedPhoto from pick_avatar or a
// drop, with the largest centred square. Rejects when the preview cannot
// be loaded; the dialog then stays as it was.
export async function openCropDialog(photo) {
  await loadPhoto(photo);
  elements.error.textContent = "";
  if (!elements.dialog.open) {
    elements.dialog.returnValue = "";
    elements.dialog.showModal();
  }
  render();
  elements.viewport.focus();
}

// Take a drop while the dialog is open: a new photo replaces the one on
// view, and a rejected one leaves it and shows why. During a save the drop
// waits, because the backend already keeps the new photo and the save's end
// decides what happens to it.
export async function receiveDroppedPhoto(payload) {
  if (saving) {
    pendingDrop = payload;
    return;
  }
  if (payload.error !== undefined && payload.error !== null) {
    logError("avatar-photo-dropped", payload.error);
    elements.error.textContent = messageFor(payload.error, "photo_save");
    return;
  }
  try {
    await openCropDialog(payload.photo);
  } catch (error) {
    logError("avatar_preview", error);
    elements.error.textContent = messageFor(error, "photo_save");
  }
}

function positiveInteger(value) {
  return Number.isInteger(value) && value > 0;
}

// Fetch the preview of the photo the backend keeps and put it into the
// view, with the default crop.
async function loadPhoto(photo) {
  if (!positiveInteger(photo?.width) || !positiveInteger(photo?.height)) {
    throw new Error(`the picked photo has an invalid size: ${JSON.stringify(photo)}`);
  }

  const bytes = toBytes(await call("avatar_preview"));
  const url = URL.createObjectURL(new Blob([bytes], { type: imageMimeType(bytes) }));
  elements.image.src = url;
  try {
    await elements.image.decode();
  } catch (error) {
    URL.revokeObjectURL(url);
    throw error;
  }

  if (previewUrl !== null) {
    URL.revokeObjectURL(previewUrl);
  }
  previewUrl = url;
  image = { width: photo.width, height: photo.height };
  crop = centredCrop(image);
}

// Draw the photo so that the crop fills the frame, and move the slider to
// the crop's zoom unless the slider itself changed it.
function render({ keepSlider = false } = {}) {
  if (crop === null || !elements.dialog.open) {
    return;
  }

  const { viewport } = elements;
  frame = frameInViewport(viewport.clientWidth, viewport.clientHeight);
  const layout = layoutImage(crop, frame, image);
  setBox(elements.image, layout.left, layout.top, layout.width, layout.height);
  setBox(elements.frame, frame.left, frame.top, frame.side, frame.side);

  const { minSize, maxSize } = cropLimits(image);
  elements.zoom.disabled = saving || minSize >= maxSize;
  if (!keepSlider) {
    elements.zoom.value = String(sliderValueForSize(crop.size, image));
  }
}

// Position `element` through the CSSOM, which the content security policy
// allows, unlike style attributes.
function setBox(element, left, top, width, height) {
  element.style.left = `${left}px`;
  element.style.top = `${top}px`;
  element.style.width = `${width}px`;
  element.style.height = `${height}px`;
}

function canEdit() {
  return crop !== null && frame !== null && frame.side > 0 && !saving;
}

function onPointerDown(event) {
  if (!canEdit() || event.button !== 0) {
    return;
  }
  event.preventDefault();
  elements.viewport.focus();
  elements.viewport.setPointerCapture(event.pointerId);
  elements.viewport.classList.add("crop-viewport--dragging");
  drag = { pointerId: event.pointerId, x: event.clientX, y: event.clientY, crop };
}

function onPointerMove(event) {
  if (drag === null || event.pointerId !== drag.pointerId || !canEdit()) {
    return;
  }
  // The photo follows the pointer, so the crop moves the other way.
  const scale = frame.side / drag.crop.size;
  const dx = (event.clientX - drag.x) / scale;
  const dy = (event.clientY - drag.y) / scale;
  crop = moveCrop(drag.crop, -dx, -dy, image);
  render();
}

function endDrag(event) {
  if (drag === null || event.pointerId !== drag.pointerId) {
    return;
  }
  drag = null;
  elements.viewport.classList.remove("crop-viewport--dragging");
}

// Zoom around the photo point under the pointer.
function onWheel(event) {
  if (!canEdit()) {
    return;
  }
  event.preventDefault();

  const { viewport } = elements;
  const rect = viewport.getBoundingClientRect();
  const pointer = {
    x: event.clientX - rect.left - viewport.clientLeft,
    y: event.clientY - rect.top - viewport.clientTop,
  };
  const anchor = viewportToOriginal(pointer, crop, frame);
  crop = zoomCrop(crop, crop.size * wheelZoomFactor(event.deltaY, event.deltaMode), anchor, image);
  render();
}

function onKeyDown(event) {
  if (!canEdit() || event.ctrlKey || event.metaKey || event.altKey) {
    return;
  }
  const next = cropAfterKey(crop, event.key, event.shiftKey, image);
  if (next !== null) {
    event.preventDefault();
    crop = next;
    render();
  }
}

function setSaving(busy) {
  saving = busy;
  setBusy(elements.save, busy ? M.photo.saving : null);
  elements.save.disabled = busy;
  elements.cancel.disabled = busy;
  elements.viewport.setAttribute("aria-busy", String(busy));
  render();
}

// Send the crop in whole pixels of the original. After a failure the
// dialog stays open with the reason, and «Сохранить» tries again. When
// only attaching the uploaded file failed, the backend reuses that file.
async function save() {
  if (saving || crop === null) {
    return;
  }

  elements.error.textContent = "";
  setSaving(true);
  let sessionExpiredError = null;
  try {
    const counterparty = await call("save_avatar", { crop: toOriginalPixels(crop, image) });
    elements.dialog.close(SAVED);
    handlers.onSaved(counterparty);
  } catch (error) {
    logError("save_avatar", error);
    if (needsSignIn(error)) {
      sessionExpiredError = error;
    } else {
      elements.error.textContent = messageFor(error, "photo_save");
    }
  } finally {
    setSaving(false);
  }

  if (sessionExpiredError !== null) {
    elements.dialog.close();
    handlers.onSessionExpired(sessionExpiredError);
  } else if (elements.dialog.open) {
    // A disabled button loses focus, so put it back on «Сохранить».
    elements.save.focus();
  }

  const drop = pendingDrop;
  pendingDrop = null;
  if (drop !== null) {
    handlers.onDeferredDrop(drop);
  }
}

// Forget the photo unless it was saved: the backend keeps it in memory
// until save_avatar or cancel_avatar.
function onClosed() {
  const saved = elements.dialog.returnValue === SAVED;
  drag = null;
  elements.viewport.classList.remove("crop-viewport--dragging");
  elements.error.textContent = "";
  elements.image.removeAttribute("src");
  if (previewUrl !== null) {
    URL.revokeObjectURL(previewUrl);
    previewUrl = null;
  }
  crop = null;
  image = null;

  if (!saved) {
    call("cancel_avatar").catch((error) => logError("cancel_avatar", error));
  }
}

// The customer's avatar on the card and in the edit form: initials on a
// coloured circle, covered by the photo once its bytes have loaded.
//
// The content security policy allows images only from the app itself,
// blob: and data: URLs, so the photo never comes from its remote `path`:
// avatar_image returns its bytes, and each <img> shows them by a blob: URL.

import { byId } from "./dom.js";
import { logError } from "./errors.js";
import { fullName, initials } from "./format.js";
import { imageMimeType, toBytes } from "./image-bytes.js";
import { call } from "./ipc.js";

// Number of .avatar--N colour classes in styles.css.
const AVATAR_COLOURS = 6;

let views = null;
// The avatar id whose photo the views show, or null while they show initials.
let shownAvatarId = null;
let objectUrl = null;
// Bumped by every load and every switch to initials, so that a load that
// ends after a newer one is dropped.
let loadGeneration = 0;
let loadingAvatarId = null;

function findViews() {
  return [
    { root: byId("card-avatar"), image: byId("card-avatar-image"), initials: byId("card-initials") },
    { root: byId("edit-avatar"), image: byId("edit-avatar-image"), initials: byId("edit-initials") },
  ];
}

// Pick a stable colour per customer: by id, or by name when the id is missing.
function avatarColourIndex(counterparty) {
  const id = Number(counterparty.id);
  if (Number.isInteger(id) && id >= 0) {
    return id % AVATAR_COLOURS;
  }

  const name = fullName(counterparty) ?? "";
  let sum = 0;
  for (const character of name) {
    sum += character.codePointAt(0);
  }
  return sum % AVATAR_COLOURS;
}

// Return the id of the counterparty's avatar, or null when it has none.
export function avatarIdOf(counterparty) {
  const id = counterparty?.avatar?.id;
  return id === null || id === undefined ? null : id;
}

// Show `counterparty`'s avatar in every view: initials and colour at once,
// and the photo when it has one and its bytes have loaded.
export function renderAvatarViews(counterparty) {
  views ??= findViews();
  const person = counterparty ?? {};
  const colourClass = `avatar--${avatarColourIndex(person)}`;

  for (const view of views) {
    view.initials.textContent = initials(person);
    for (let index = 0; index < AVATAR_COLOURS; index += 1) {
      view.root.classList.remove(`avatar--${index}`);
    }
    view.root.classList.add(colourClass);
  }

  showPhoto(avatarIdOf(person));
}

function showPhoto(avatarId) {
  if (avatarId === null) {
    loadGeneration += 1;
    loadingAvatarId = null;
    showInitials();
    return;
  }
  if (avatarId === shownAvatarId || avatarId === loadingAvatarId) {
    return;
  }
  loadPhoto(avatarId);
}

// Hide the photo, so the initials show, and free its blob: URL.
function showInitials() {
  for (const view of views) {
    view.image.hidden = true;
    view.image.removeAttribute("src");
  }
  if (objectUrl !== null) {
    URL.revokeObjectURL(objectUrl);
    objectUrl = null;
  }
  shownAvatarId = null;
}

// Load the photo of `avatarId` and show it once it has decoded. Until then,
// and when loading fails, the initials show. A failed load is tried again
// by the next render of the same avatar.
async function loadPhoto(avatarId) {
  loadGeneration += 1;
  const generation = loadGeneration;
  loadingAvatarId = avatarId;
  showInitials();

  let url = null;
  try {
    const bytes = toBytes(await call("avatar_image"));
    if (generation !== loadGeneration) {
      return;
    }
    if (bytes.length === 0) {
      loadingAvatarId = null;
      return;
    }

    url = URL.createObjectURL(new Blob([bytes], { type: imageMimeType(bytes) }));
    for (const view of views) {
      view.image.src = url;
    }
    await Promise.all(views.map((view) => view.image.decode()));
  } catch (error) {
    if (url !== null) {
      URL.revokeObjectURL(url);
    }
    if (generation === loadGeneration) {
      logError("avatar_image", error);
      loadingAvatarId = null;
      for (const view of views) {
        view.image.removeAttribute("src");
      }
    }
    return;
  }

  if (generation !== loadGeneration) {
    URL.revokeObjectURL(url);
    return;
  }
  loadingAvatarId = null;
  objectUrl = url;
  shownAvatarId = avatarId;
  for (const view of views) {
    view.image.hidden = false;
  }
}

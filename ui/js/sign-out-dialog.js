// Sign-out dialog: sign out on this computer only or on every device.

import { byId, setBusy } from "./dom.js";
import { logError } from "./errors.js";
import { M } from "./i18n.js";
import { call } from "./ipc.js";

let elements = null;
let handlers = null;
let signingOut = false;

function findElements() {
  return {
    dialog: byId("sign-out-dialog"),
    thisDevice: byId("sign-out-this-device"),
    allDevices: byId("sign-out-all-devices"),
    cancel: byId("sign-out-cancel"),
  };
}

// Wire the dialog. `onSignedOut({allDevices, serverSignedOut})` runs after
// sign_out, where serverSignedOut is false when the shop's server did not
// confirm. The backend deletes the local session in every case.
export function initSignOutDialog(callbacks) {
  elements = findElements();
  handlers = callbacks;

  elements.thisDevice.addEventListener("click", () => signOut(false));
  elements.allDevices.addEventListener("click", () => signOut(true));
  elements.cancel.addEventListener("click", () => close());

  // Esc fires "cancel", which is ignored while the request runs.
  elements.dialog.addEventListener("cancel", (event) => {
    if (signingOut) {
      event.preventDefault();
    }
  });
}

export function openSignOutDialog() {
  elements.dialog.showModal();

  // Not every engine honours autofocus in a dialog.
  elements.thisDevice.focus();
}

function close() {
  if (!signingOut) {
    elements.dialog.close();
  }
}

async function signOut(allDevices) {
  if (signingOut) {
    return;
  }

  const button = allDevices ? elements.allDevices : elements.thisDevice;
  const otherButtons = [allDevices ? elements.thisDevice : elements.allDevices, elements.cancel];
  signingOut = true;
  setBusy(button, M.signOutDialog.signingOut);
  for (const other of otherButtons) {
    other.disabled = true;
  }

  let serverSignedOut = true;
  try {
    const result = await call("sign_out", { all_devices: allDevices });
    serverSignedOut = result?.server_signed_out !== false;
  } catch (error) {
    // The backend drops the local session even when the command fails, so
    // the customer still lands on sign-in and the failure is only logged.
    logError("sign_out", error);
  } finally {
    signingOut = false;
    setBusy(button, null);
    for (const control of [button, ...otherButtons]) {
      control.disabled = false;
    }
  }

  elements.dialog.close();
  handlers.onSignedOut({ allDevices, serverSignedOut });
}

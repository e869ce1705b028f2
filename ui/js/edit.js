// Edit screen: the form, its per-field errors and the save request.

import { byId, isScreenVisible, setBusy, setFieldError, showScreen } from "./dom.js";
import { fieldMessages, errorKind, logError, messageFor, needsSignIn } from "./errors.js";
import { formatPhone } from "./format.js";
import { EDITABLE_FIELDS, diffForm, hasChanges, isPlausibleEmail } from "./form.js";
import { M, t } from "./i18n.js";
import { call } from "./ipc.js";

let elements = null;
let handlers = null;

// The counterparty the form was opened with: the base of every diff.
let original = null;
let saving = false;

function findElements() {
  return {
    title: byId("edit-title"),
    form: byId("edit-form"),
    formError: byId("form-error"),
    phone: byId("field-phone"),
    save: byId("save-button"),
    cancel: byId("cancel-button"),
    // Input and error slot of each editable field, by API field name.
    fields: {
      first_name: { input: byId("field-first-name"), error: byId("error-first_name") },
      last_name: { input: byId("field-last-name"), error: byId("error-last_name") },
      email: { input: byId("field-email"), error: byId("error-email") },
      address: { input: byId("field-address"), error: byId("error-address") },
    },
  };
}

// Wire the form. `onSaved(counterparty)` runs after a successful save and
// `onCancel()` on Отмена or Esc. `onSessionExpired()` runs when a save found
// the session expired: it returns a promise of the counterparty once the
// same customer signed in again, or of null when the save must not be
// retried, e.g. because the customer cancelled.
export function initEdit(callbacks) {
  elements = findElements();
  handlers = callbacks;

  elements.form.addEventListener("submit", (event) => {
    event.preventDefault();
    save();
  });
  elements.cancel.addEventListener("click", () => cancel());

  for (const { input, error } of Object.values(elements.fields)) {
    input.addEventListener("input", () => {
      // An edited field's old error no longer describes its value.
      setFieldError(input, error, "");
      updateSaveButton();
    });
  }

  document.addEventListener("keydown", onKeyDown);
}

// Open the form filled from `counterparty`.
export function openEdit(counterparty) {
  original = counterparty ?? {};

  for (const [name, { input, error }] of Object.entries(elements.fields)) {
    const source = original[name];
    input.value = typeof source === "string" ? source : "";
    setFieldError(input, error, "");
  }

  elements.phone.value = formatPhone(original.phone_1) ?? "";
  elements.formError.textContent = "";
  updateSaveButton();

  showScreen("screen-edit", elements.fields.first_name.input);
}

function readValues() {
  const values = {};
  for (const name of EDITABLE_FIELDS) {
    values[name] = elements.fields[name].input.value;
  }
  return values;
}

function updateSaveButton() {
  if (elements.save.dataset.busy === "true") {
    return;
  }
  elements.save.disabled = saving || !hasChanges(original, readValues());
}

function cancel() {
  if (!saving) {
    handlers.onCancel();
  }
}

// Ctrl+S or Cmd+S saves and Esc cancels while the edit screen is shown.
// KeyS is the physical key, so the shortcut works in the Russian layout too.
function onKeyDown(event) {
  if (!isScreenVisible("screen-edit") || document.querySelector("dialog[open]") !== null) {
    return;
  }

  const saveShortcut = (event.ctrlKey || event.metaKey) && !event.altKey && (event.code === "KeyS" || event.key.toLowerCase() === "s");
  if (saveShortcut) {
    event.preventDefault();
    elements.save.click();
    return;
  }

  if (event.key === "Escape") {
    event.preventDefault();
    cancel();
  }
}

function clearErrors() {
  elements.formError.textContent = "";
  for (const { input, error } of Object.values(elements.fields)) {
    setFieldError(input, error, "");
  }
}

async function save() {
  const values = readValues();
  const changes = diffForm(original, values);
  if (saving || Object.keys(changes).length === 0) {
    return;
  }

  clearErrors();
  if (!isPlausibleEmail(values.email)) {
    const { input, error } = elements.fields.email;
    setFieldError(input, error, t(M.edit.emailInvalid));
    input.focus();
    return;
  }

  saving = true;
  setBusy(elements.save, M.edit.saving);
  elements.cancel.disabled = true;
  let signInCancelled = false;
  try {
    const counterparty = await sendChanges(changes);
    if (counterparty === null) {
      signInCancelled = true;
    } else {
      handlers.onSaved(counterparty);
    }
  } catch (error) {
    logError("update_counterparty", error);
    showSaveError(error);
  } finally {
    saving = false;
    setBusy(elements.save, null);
    elements.cancel.disabled = false;
    updateSaveButton();
  }

  // A disabled button loses focus, so put it back into the form on failure.
  // After a cancelled sign-in, Сохранить is the next step.
  if (isScreenVisible("screen-edit") && !elements.form.contains(document.activeElement)) {
    (signInCancelled ? elements.save : elements.fields.first_name.input).focus();
  }
}

// Send `changes`. When the session has expired, ask the customer to sign in
// again and then send the same changes once more. Returns the saved
// counterparty, or null when the sign-in did not lead to a retry. Rejects
// with the error of the last attempt.
async function sendChanges(changes) {
  try {
    return await call("update_counterparty", { changes });
  } catch (error) {
    if (!needsSignIn(error)) {
      throw error;
    }
    logError("update_counterparty", error);

    const signedIn = await handlers.onSessionExpired();
    if (signedIn === null) {
      elements.formError.textContent = messageFor(error, "save");
      return null;
    }
    return call("update_counterparty", { changes });
  }
}

// Put server field messages under their fields, as the server wrote them.
// Messages for fields the form lacks, and every other error, go to the
// summary. The typed values stay in the form in every case.
function showSaveError(error) {
  if (errorKind(error) === "validation") {
    const messages = fieldMessages(error);
    const otherMessages = [];
    let firstInvalid = null;

    for (const [name, message] of Object.entries(messages)) {
      if (!Object.hasOwn(elements.fields, name)) {
        otherMessages.push(message);
        continue;
      }
      const field = elements.fields[name];
      setFieldError(field.input, field.error, message);
      firstInvalid ??= field.input;
    }

    if (otherMessages.length > 0) {
      elements.formError.textContent = otherMessages.join(" ");
    } else if (firstInvalid === null) {
      elements.formError.textContent = messageFor(error, "save");
    }
    (firstInvalid ?? elements.fields.first_name.input).focus();
    return;
  }

  elements.formError.textContent = messageFor(error, "save");
}

// Edit screen: the form, its per-field errors, the save request and the
// draft that keeps typed values across a restart.

import { createDraftKeeper } from "./draft-keeper.js";
import { byId, isScreenVisible, setBusy, setFieldError, showScreen } from "./dom.js";
import { fieldMessages, errorKind, logError, messageFor, needsSignIn } from "./errors.js";
import { formatPhone } from "./format.js";
import { EDITABLE_FIELDS, buildDraft, diffForm, draftOwnerId, draftValuesFor, hasChanges, isPlausibleEmail } from "./form.js";
import { M, t } from "./i18n.js";
import { call } from "./ipc.js";
import { askDiscard } from "./leave-dialogs.js";
import { renderAvatar } from "./photo.js";

let elements = null;
let handlers = null;
let draftKeeper = null;

// The counterparty the form was opened with: the base of every diff.
let original = null;
let saving = false;
// True while askDiscard() is on screen, so Esc and Отмена do not stack it.
let askingToDiscard = false;
// True when the last draft write failed, so the stored draft may be stale.
let draftWriteFailed = false;
// True once this form may have stored a draft: one was restored or written.
let draftTouched = false;

function findElements() {
  return {
    title: byId("edit-title"),
    form: byId("edit-form"),
    formError: byId("form-error"),
    phone: byId("field-phone"),
    save: byId("save-button"),
    cancel: byId("cancel-button"),
    draftNote: byId("draft-note"),
    draftDiscard: byId("draft-discard"),
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
  elements.draftDiscard.addEventListener("click", () => discardRestoredDraft());

  draftKeeper = createDraftKeeper({ readDraft, onResult: onDraftWritten });

  for (const { input, error } of Object.values(elements.fields)) {
    input.addEventListener("input", () => {
      // An edited field's old error no longer describes its value.
      setFieldError(input, error, "");
      updateSaveButton();
      scheduleDraft();
    });
    input.addEventListener("blur", () => flushDraft());
  }

  document.addEventListener("keydown", onKeyDown);
}

// Return the signed-in customer's stored draft, or null when there is none
// or it could not be read.
export async function loadDraft() {
  try {
    return await call("load_draft");
  } catch (error) {
    logError("load_draft", error);
    return null;
  }
}

// Open the form for `counterparty`. `draft` is the stored draft, or
// undefined to read it first. A draft of this customer that differs from
// the card fills the form, with a note that offers to discard it.
export async function openEdit(counterparty, { draft = undefined } = {}) {
  const stored = draft === undefined ? await loadDraft() : draft;

  original = counterparty ?? {};
  const draftValues = draftValuesFor(stored, original);
  draftTouched = draftValues !== null;
  draftWriteFailed = false;
  fillFields(draftValues ?? original);

  elements.phone.value = formatPhone(original.phone_1) ?? "";
  renderAvatar(original);
  elements.draftNote.hidden = draftValues === null;
  updateSaveButton();

  showScreen("screen-edit", elements.fields.first_name.input);
}

// Put `values` (a counterparty or the draft's values) into the fields and
// clear every error.
function fillFields(values) {
  for (const [name, { input, error }] of Object.entries(elements.fields)) {
    const source = values[name];
    input.value = typeof source === "string" ? source : "";
    setFieldError(input, error, "");
  }
  elements.formError.textContent = "";
}

// Return true while the edit form shows changes that are not saved in the
// profile, including while a save is in flight.
export function hasUnsavedEdits() {
  return isScreenVisible("screen-edit") && original !== null && (saving || hasChanges(original, readValues()));
}

// Write the draft once more, e.g. right before the window closes. Resolves
// with true when it was written.
export function saveDraftNow() {
  return keepsDrafts() ? draftKeeper.flush({ force: true }) : Promise.resolve(false);
}

// Return true when the form's changes are stored as a draft, so they come
// back the next time the form opens.
export function isDraftKept() {
  return keepsDrafts() && !draftWriteFailed;
}

// A counterparty without an id gets no draft, because save_draft needs the
// id to keep a draft from reaching another account.
function keepsDrafts() {
  return original !== null && draftOwnerId(original) !== null;
}

// Return the save_draft argument, or null when nothing differs from the
// card, in which case the keeper discards the stored draft.
function readDraft() {
  const values = readValues();
  return hasChanges(original, values) ? buildDraft(original, values) : null;
}

function scheduleDraft() {
  if (keepsDrafts()) {
    draftTouched = true;
    draftKeeper.schedule();
  }
}

// Show why a draft could not be written when the customer can act on it,
// and clear that message once a write succeeds. Other failures, e.g. while
// the session is being renewed, are only logged.
function onDraftWritten(error) {
  const tooLargeMessage = t(M.errors.draftTooLarge);
  draftWriteFailed = error !== null;

  if (error === null) {
    if (elements.formError.textContent === tooLargeMessage) {
      elements.formError.textContent = "";
    }
    return;
  }

  logError("save_draft", error);
  if (errorKind(error) === "draft_too_large" && isScreenVisible("screen-edit") && elements.formError.textContent === "") {
    elements.formError.textContent = tooLargeMessage;
  }
}

// "Отменить их": drop the restored draft and show the card's values again.
function discardRestoredDraft() {
  draftKeeper.discard();
  draftTouched = false;
  fillFields(original);
  elements.draftNote.hidden = true;
  updateSaveButton();
  elements.fields.first_name.input.focus();
}

// Leave the form without saving, and drop the draft it may have stored.
function leave() {
  if (draftTouched) {
    draftKeeper.discard();
    draftTouched = false;
  }
  elements.draftNote.hidden = true;
  original = null;
  handlers.onCancel();
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

// Отмена or Esc. With unsaved changes, ask first.
async function cancel() {
  if (saving || askingToDiscard) {
    return;
  }
  if (!hasChanges(original, readValues())) {
    leave();
    return;
  }

  askingToDiscard = true;
  try {
    if (await askDiscard()) {
      leave();
    } else {
      elements.cancel.focus();
    }
  } finally {
    askingToDiscard = false;
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
  // A debounced draft write would only be discarded after the save.
  draftKeeper.cancel();
  let signInCancelled = false;
  try {
    const counterparty = await sendChanges(changes);
    if (counterparty === null) {
      signInCancelled = true;
      flushDraft();
    } else {
      draftKeeper.discard();
      draftTouched = false;
      elements.draftNote.hidden = true;
      original = null;
      handlers.onSaved(counterparty);
    }
  } catch (error) {
    logError("update_counterparty", error);
    showSaveError(error);
    flushDraft();
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

// Write the typed values as a draft now if they changed, e.g. when a field
// loses focus or a save did not go through. When another customer signed
// in during the save, the form is gone and nothing goes into their account.
function flushDraft() {
  if (keepsDrafts() && isScreenVisible("screen-edit")) {
    draftKeeper.flush();
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

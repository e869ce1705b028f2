// Sign-in-again dialog. It opens over the edit form when the session expired
// during a save and signs the same customer in by flash call, so the form
// can retry the save with everything the customer typed.

import { byId, setBusy, setFieldError } from "./dom.js";
import { errorKind, fieldMessages, logError, messageFor } from "./errors.js";
import { CODE_LENGTH, formatPhone, maskPhoneInput, phoneDigits } from "./format.js";
import { M, t } from "./i18n.js";
import { call } from "./ipc.js";
import { bindCodeInput, bindPhoneInput, createCooldown } from "./sign-in-fields.js";

const RESEND_DELAY_SECONDS = 60;

let elements = null;
let resendCooldown = null;

// Resolves the promise of the open dialog: with the counterparty after a
// sign-in, with null when the dialog closes without one.
let settle = null;
// Phone (11 digits) that the last successful send_password called.
let calledPhone = null;
let demoCode = null;
let sending = false;
let loginRunning = false;

function findElements() {
  return {
    dialog: byId("reauth-dialog"),
    form: byId("reauth-form"),
    demoHint: byId("reauth-demo-hint"),
    phone: byId("reauth-phone"),
    phoneError: byId("reauth-phone-error"),
    getCall: byId("reauth-get-call"),
    codeField: byId("reauth-code-field"),
    code: byId("reauth-code"),
    codeError: byId("reauth-code-error"),
    signIn: byId("reauth-sign-in"),
    cancel: byId("reauth-cancel"),
  };
}

export function initReauthDialog() {
  elements = findElements();
  resendCooldown = createCooldown(elements.getCall, M.signIn.resendIn);

  bindPhoneInput(elements.phone, () => setFieldError(elements.phone, elements.phoneError, ""));
  bindCodeInput(elements.code, {
    onEdit: () => setFieldError(elements.code, elements.codeError, ""),
    onComplete: () => submitCode(),
  });

  // Enter requests the call until one was made, and then signs in.
  elements.form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (elements.codeField.hidden) {
      requestCall();
    } else {
      submitCode();
    }
  });
  elements.getCall.addEventListener("click", () => requestCall());
  elements.cancel.addEventListener("click", () => elements.dialog.close());

  // Esc fires "cancel", which is ignored while the sign-in request runs.
  elements.dialog.addEventListener("cancel", (event) => {
    if (loginRunning) {
      event.preventDefault();
    }
  });
  elements.dialog.addEventListener("close", () => finish(null));
}

// Re-render the texts that depend on the locale.
export function refreshReauthDialog() {
  if (demoCode !== null) {
    elements.demoHint.textContent = t(M.reauthDialog.demoHint, { code: demoCode });
  }
  resendCooldown.render();
}

// Open the dialog for the customer with `phone` (as the counterparty stores
// it). A phone that is not a full number becomes editable. `demoCode` is the
// demo's sign-in code to show, or null outside the demo. Resolves with the
// counterparty once signed in, or with null when the customer cancels.
export function openReauthDialog({ phone, demoCode: code = null }) {
  const digits = phoneDigits(formatPhone(phone) ?? "");
  elements.phone.value = digits === null ? "" : maskPhoneInput(digits);
  elements.phone.readOnly = digits !== null;
  setFieldError(elements.phone, elements.phoneError, "");

  demoCode = code;
  elements.demoHint.hidden = code === null;

  calledPhone = null;
  resendCooldown.stop();
  elements.getCall.dataset.i18n = M.signIn.getCall;
  elements.getCall.classList.add("button--primary");
  elements.getCall.disabled = false;
  elements.codeField.hidden = true;
  elements.signIn.hidden = true;
  elements.code.value = "";
  setFieldError(elements.code, elements.codeError, "");
  refreshReauthDialog();

  const result = new Promise((resolve) => {
    settle = resolve;
  });
  elements.dialog.showModal();
  (digits === null ? elements.phone : elements.getCall).focus();
  return result;
}

function finish(counterparty) {
  const resolve = settle;
  settle = null;
  resendCooldown?.stop();
  if (elements.dialog.open) {
    elements.dialog.close();
  }
  resolve?.(counterparty);
}

function showCodeField() {
  elements.getCall.dataset.i18n = M.signIn.resend;
  elements.getCall.classList.remove("button--primary");
  elements.codeField.hidden = false;
  elements.signIn.hidden = false;
  elements.code.value = "";
  setFieldError(elements.code, elements.codeError, "");
  elements.code.focus();
}

async function requestCall() {
  if (sending) {
    return;
  }

  const phone = phoneDigits(elements.phone.value);
  if (phone === null) {
    setFieldError(elements.phone, elements.phoneError, t(M.errors.invalidPhone));
    elements.phone.focus();
    return;
  }

  sending = true;
  setFieldError(elements.phone, elements.phoneError, "");
  setBusy(elements.getCall, M.signIn.calling);
  try {
    await call("send_password", { phone });
    calledPhone = phone;
    elements.phone.readOnly = true;
    showCodeField();
    resendCooldown.start(RESEND_DELAY_SECONDS);
  } catch (error) {
    logError("send_password", error);
    const message = fieldMessages(error).phone ?? messageFor(error, "send_password");
    setFieldError(elements.phone, elements.phoneError, message);

    // Respect the server's back-off before the next call may be requested.
    if (errorKind(error) === "rate_limited" && Number(error.retry_after_secs) > 0) {
      resendCooldown.start(Math.ceil(Number(error.retry_after_secs)));
    }
    // The busy button cannot take focus, so the field next to the message does.
    (elements.codeField.hidden ? elements.phone : elements.code).focus();
  } finally {
    // The countdown decides whether the button is enabled again.
    sending = false;
    setBusy(elements.getCall, null);
    resendCooldown.render();
  }
}

async function submitCode() {
  if (loginRunning || calledPhone === null) {
    return;
  }

  const code = elements.code.value.replace(/\D/g, "");
  if (code.length !== CODE_LENGTH) {
    setFieldError(elements.code, elements.codeError, t(M.errors.invalidCode));
    elements.code.focus();
    return;
  }

  loginRunning = true;
  setBusy(elements.signIn, M.signIn.signingIn);
  elements.cancel.disabled = true;
  let counterparty = null;
  try {
    counterparty = await call("login", { phone: calledPhone, code });
  } catch (error) {
    logError("login", error);
    setFieldError(elements.code, elements.codeError, messageFor(error, "login"));

    // Select the wrong code so that typing the next one replaces it.
    elements.code.focus();
    elements.code.select();
  } finally {
    loginRunning = false;
    setBusy(elements.signIn, null);
    elements.signIn.disabled = false;
    elements.cancel.disabled = false;
  }

  if (counterparty !== null) {
    finish(counterparty);
  }
}

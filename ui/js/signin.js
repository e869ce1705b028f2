// Sign-in screen: phone step (send_password), code step (login) with the
// resend countdown, and the demo link.

import { byId, setBusy, setFieldError, showScreen } from "./dom.js";
import { fieldMessages, errorKind, logError, messageFor } from "./errors.js";
import { caretAfterDigits, formatPhone, maskPhoneInput, nationalDigitsBefore, phoneDigits } from "./format.js";
import { M, t } from "./i18n.js";
import { call } from "./ipc.js";

const RESEND_DELAY_SECONDS = 60;
const CODE_LENGTH = 4;

// Half a second keeps the shown count in step with the deadline even when
// a timer fires late.
const COUNTDOWN_TICK_MS = 500;

let elements = null;
let handlers = null;

// Phone (11 digits) that the last successful send_password called.
let calledPhone = null;
let resendDeadline = 0;
let countdownTimer = null;
let loginRunning = false;

function findElements() {
  return {
    screen: byId("screen-signin"),
    title: byId("signin-title"),
    message: byId("signin-message"),
    shopName: byId("shop-name"),
    phoneStep: byId("phone-step"),
    phone: byId("phone"),
    phoneError: byId("phone-error"),
    getCall: byId("get-call"),
    codeStep: byId("code-step"),
    callingTo: byId("calling-to"),
    code: byId("code"),
    codeError: byId("code-error"),
    signIn: byId("sign-in"),
    resend: byId("resend"),
    changeNumber: byId("change-number"),
    demoLink: byId("demo-link"),
    openSettings: byId("open-settings"),
  };
}

// Wire the screen. `onSignedIn(counterparty, {demo})` runs after login or
// start_demo succeeds, and `onOpenSettings()` opens the settings screen.
export function initSignIn(callbacks) {
  elements = findElements();
  handlers = callbacks;

  elements.phone.addEventListener("input", onPhoneInput);
  elements.phoneStep.addEventListener("submit", (event) => {
    event.preventDefault();
    requestCall(elements.getCall);
  });

  elements.code.addEventListener("input", onCodeInput);
  elements.codeStep.addEventListener("submit", (event) => {
    event.preventDefault();
    submitCode();
  });

  elements.resend.addEventListener("click", () => requestCall(elements.resend));
  elements.changeNumber.addEventListener("click", () => showPhoneStep());
  elements.demoLink.addEventListener("click", () => startDemo());
  elements.openSettings.addEventListener("click", () => handlers.onOpenSettings());
}

// Show the shop name and offer the demo only while no shop is configured.
export function setShopInfo({ shopName, shopConfigured }) {
  elements.shopName.textContent = shopName;
  elements.demoLink.hidden = shopConfigured;
}

// Show the sign-in screen at the phone step. `message` goes above the form,
// and `phone` (11 digits) pre-fills the field, e.g. after a session expired.
export function showSignIn({ message = "", phone = null } = {}) {
  elements.message.textContent = message;
  elements.phone.value = phone === null ? "" : maskPhoneInput(phone);
  showPhoneStep();
}

// Show the sign-in screen again at the step the user left, e.g. coming
// back from the settings.
export function resumeSignIn() {
  const codeStepShown = !elements.codeStep.hidden;
  showScreen("screen-signin", codeStepShown ? elements.code : elements.phone);
}

// Re-render the texts that depend on the locale and on state.
export function refreshSignIn() {
  if (calledPhone !== null) {
    elements.callingTo.textContent = t(M.signIn.callingTo, { phone: formatPhone(calledPhone) });
  }
  renderCountdown();
}

// Start the demo session, as the demo link does and as `--demo` requests.
export async function startDemo() {
  elements.message.textContent = "";
  setBusy(elements.demoLink, M.signIn.demoStarting);

  try {
    const counterparty = await call("start_demo");
    resetFields();
    handlers.onSignedIn(counterparty, { demo: true });
  } catch (error) {
    logError("start_demo", error);
    elements.message.textContent = messageFor(error, "demo");
  } finally {
    setBusy(elements.demoLink, null);
    elements.demoLink.disabled = false;
  }
}

function showPhoneStep() {
  stopCountdown();
  calledPhone = null;

  elements.codeStep.hidden = true;
  elements.phoneStep.hidden = false;
  elements.code.value = "";
  setFieldError(elements.code, elements.codeError, "");
  setFieldError(elements.phone, elements.phoneError, "");

  showScreen("screen-signin", elements.phone);
}

function showCodeStep() {
  elements.phoneStep.hidden = true;
  elements.codeStep.hidden = false;
  elements.code.value = "";
  setFieldError(elements.code, elements.codeError, "");
  refreshSignIn();
  elements.code.focus();
}

function resetFields() {
  stopCountdown();
  calledPhone = null;
  elements.phone.value = "";
  elements.code.value = "";
  elements.message.textContent = "";
}

// Re-apply the +7 mask after each edit and keep the caret after the digit
// the user just typed, even when separators were added or removed.
function onPhoneInput() {
  const input = elements.phone;
  const typed = input.value;
  const caret = input.selectionStart ?? typed.length;
  const digitsBeforeCaret = nationalDigitsBefore(typed, caret);

  const masked = maskPhoneInput(typed);
  if (masked !== typed) {
    input.value = masked;
    const position = caretAfterDigits(masked, digitsBeforeCaret);
    input.setSelectionRange(position, position);
  }

  setFieldError(input, elements.phoneError, "");
}

// Keep only digits and sign in as soon as the fourth one is typed.
function onCodeInput() {
  const input = elements.code;
  const digits = input.value.replace(/\D/g, "").slice(0, CODE_LENGTH);
  if (digits !== input.value) {
    input.value = digits;
  }

  setFieldError(input, elements.codeError, "");
  if (digits.length === CODE_LENGTH) {
    submitCode();
  }
}

// Ask the shop to call the phone. `button` is #get-call on the phone step
// and #resend on the code step, and errors go next to that step's field.
async function requestCall(button) {
  const resending = button === elements.resend;
  const phone = resending ? calledPhone : phoneDigits(elements.phone.value);
  const field = resending ? elements.code : elements.phone;
  const errorSlot = resending ? elements.codeError : elements.phoneError;

  elements.message.textContent = "";
  if (phone === null) {
    setFieldError(field, errorSlot, t(M.errors.invalidPhone));
    field.focus();
    return;
  }

  setFieldError(field, errorSlot, "");
  setBusy(button, M.signIn.calling);
  try {
    await call("send_password", { phone });
    calledPhone = phone;
    if (!resending) {
      showCodeStep();
    }
    startCountdown(RESEND_DELAY_SECONDS);
  } catch (error) {
    logError("send_password", error);
    const message = fieldMessages(error).phone ?? messageFor(error, "send_password");
    setFieldError(field, errorSlot, message);

    // Respect the server's back-off before the next call may be requested.
    if (resending && errorKind(error) === "rate_limited" && Number(error.retry_after_secs) > 0) {
      startCountdown(Math.ceil(Number(error.retry_after_secs)));
    }
    field.focus();
  } finally {
    setBusy(button, null);
    if (resending) {
      renderCountdown();
    } else {
      button.disabled = false;
    }
  }
}

async function submitCode() {
  if (loginRunning) {
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
  try {
    const counterparty = await call("login", { phone: calledPhone, code });
    resetFields();
    handlers.onSignedIn(counterparty, { demo: false });
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
  }
}

function startCountdown(seconds) {
  stopCountdown();
  resendDeadline = Date.now() + seconds * 1000;
  countdownTimer = setInterval(renderCountdown, COUNTDOWN_TICK_MS);
  renderCountdown();
}

function stopCountdown() {
  clearInterval(countdownTimer);
  countdownTimer = null;
  resendDeadline = 0;
}

function renderCountdown() {
  const button = elements.resend;
  if (button.dataset.busy === "true") {
    return;
  }

  const remaining = Math.ceil((resendDeadline - Date.now()) / 1000);
  if (remaining > 0) {
    button.disabled = true;
    button.textContent = t(M.signIn.resendIn, { count: remaining });
    return;
  }

  stopCountdown();
  button.disabled = false;
  button.textContent = t(M.signIn.resend);
}

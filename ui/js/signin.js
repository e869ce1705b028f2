// Sign-in screen: phone step, then either the code step (send_password and
// login, with the resend countdown) or the callback step (the customer calls
// the shop's number). Also the demo link, the demo hint and the notice about
// an unavailable password store.

import {
  callbackFocusTarget,
  initCallbackStep,
  pauseCallback,
  refreshCallbackStep,
  resumeCallback,
  startCallback,
  stopCallback,
} from "./callback-step.js";
import { bindCodeInput, bindPhoneInput, createCooldown } from "./sign-in-fields.js";
import { byId, isScreenVisible, setBusy, setFieldError, showScreen } from "./dom.js";
import { fieldMessages, errorKind, logError, messageFor } from "./errors.js";
import { CODE_LENGTH, formatPhone, maskPhoneInput, phoneDigits } from "./format.js";
import { M, t } from "./i18n.js";
import { call } from "./ipc.js";

const RESEND_DELAY_SECONDS = 60;

// The demo sandbox's seeded customer and the code its flash call gives.
export const DEMO_PHONE = "79999999990";
export const DEMO_CODE = "1111";

let elements = null;
let handlers = null;
let resendCooldown = null;

// Phone (11 digits) that the last successful send_password called.
let calledPhone = null;
let loginRunning = false;
// True while send_password or start_callback_auth runs for the phone step.
let phoneStepBusy = false;
let demoActive = false;
let shopConfigured = true;

function findElements() {
  return {
    screen: byId("screen-signin"),
    title: byId("signin-title"),
    message: byId("signin-message"),
    keychainNotice: byId("keychain-notice"),
    demoHint: byId("demo-hint"),
    shopName: byId("shop-name"),
    phoneStep: byId("phone-step"),
    phone: byId("phone"),
    phoneError: byId("phone-error"),
    getCall: byId("get-call"),
    callbackStart: byId("callback-start"),
    codeStep: byId("code-step"),
    callingTo: byId("calling-to"),
    code: byId("code"),
    codeError: byId("code-error"),
    signIn: byId("sign-in"),
    resend: byId("resend"),
    changeNumber: byId("change-number"),
    callbackStep: byId("callback-step"),
    demoLink: byId("demo-link"),
    leaveDemo: byId("leave-demo"),
    openSettings: byId("open-settings"),
  };
}

// Wire the screen. `onSignedIn(counterparty)` runs after login or a
// confirmed callback, `onDemoStarted(counterparty)` after start_demo,
// `onDemoLeft()` after leave_demo, and `onOpenSettings()` opens the settings.
export function initSignIn(callbacks) {
  elements = findElements();
  handlers = callbacks;
  resendCooldown = createCooldown(elements.resend, M.signIn.resendIn);

  bindPhoneInput(elements.phone, () => setFieldError(elements.phone, elements.phoneError, ""));
  elements.phoneStep.addEventListener("submit", (event) => {
    event.preventDefault();
    requestCall(elements.getCall);
  });
  elements.callbackStart.addEventListener("click", () => requestCallback());

  bindCodeInput(elements.code, {
    onEdit: () => setFieldError(elements.code, elements.codeError, ""),
    onComplete: () => submitCode(),
  });
  elements.codeStep.addEventListener("submit", (event) => {
    event.preventDefault();
    submitCode();
  });

  elements.resend.addEventListener("click", () => requestCall(elements.resend));
  elements.changeNumber.addEventListener("click", () => showPhoneStep());
  elements.demoLink.addEventListener("click", () => startDemo());
  elements.leaveDemo.addEventListener("click", () => leaveDemo());
  elements.openSettings.addEventListener("click", () => {
    pauseCallback();
    handlers.onOpenSettings();
  });

  initCallbackStep({
    onShow: () => showOnlyStep(elements.callbackStep),
    onSignedIn: (counterparty) => finishSignIn(counterparty),
    onLeave: () => showPhoneStep(),
  });
}

// Show the shop name and offer the demo only while no shop is configured.
export function setShopInfo({ shopName, shopConfigured: configured }) {
  elements.shopName.textContent = shopName;
  shopConfigured = configured;
  renderDemo();
}

// Show the notice that the sign-in lasts only until the app closes, because
// the system password store could not be opened.
export function setKeychainNotice(unavailable) {
  elements.keychainNotice.hidden = !unavailable;
}

// Switch the demo hint and "Выйти из демо" on or off. In the demo, the phone
// field starts with the demo customer's number.
export function setDemoMode(active) {
  const wasActive = demoActive;
  demoActive = active;
  renderDemo();

  if (active && elements.phone.value === "") {
    elements.phone.value = maskPhoneInput(DEMO_PHONE);
  } else if (!active && wasActive && phoneDigits(elements.phone.value) === DEMO_PHONE) {
    elements.phone.value = "";
  }
}

function renderDemo() {
  elements.demoLink.hidden = shopConfigured || demoActive;
  elements.demoHint.hidden = !demoActive;
  elements.leaveDemo.hidden = !demoActive;
}

// Show the sign-in screen at the phone step. `message` goes above the form,
// and `phone` (11 digits) pre-fills the field, e.g. after a session expired.
// In the demo the field falls back to the demo number.
export function showSignIn({ message = "", phone = null } = {}) {
  elements.message.textContent = message;
  const prefill = phone ?? (demoActive ? DEMO_PHONE : null);
  elements.phone.value = prefill === null ? "" : maskPhoneInput(prefill);
  showPhoneStep();
}

// Put `message` above the form without changing the step or the fields.
export function setSignInMessage(message) {
  elements.message.textContent = message;
}

// Return true while the sign-in screen waits at the phone step with no
// request running, so that a restored session may replace it.
export function isSignInIdle() {
  return isScreenVisible("screen-signin") && !elements.phoneStep.hidden && !phoneStepBusy;
}

// Show the sign-in screen again at the step the user left, e.g. coming
// back from the settings.
export function resumeSignIn() {
  let focusTarget = elements.phone;
  if (!elements.codeStep.hidden) {
    focusTarget = elements.code;
  } else if (!elements.callbackStep.hidden) {
    focusTarget = callbackFocusTarget();
  }

  showScreen("screen-signin", focusTarget);
  resumeCallback();
}

// Re-render the texts that depend on the locale and on state.
export function refreshSignIn() {
  if (calledPhone !== null) {
    elements.callingTo.textContent = t(M.signIn.callingTo, { phone: formatPhone(calledPhone) });
  }
  elements.demoHint.textContent = t(M.signIn.demoHint, { phone: formatPhone(DEMO_PHONE), code: DEMO_CODE });
  resendCooldown.render();
  refreshCallbackStep();
}

// Start the demo session, as the demo link does and as `--demo` requests.
export async function startDemo() {
  elements.message.textContent = "";
  setBusy(elements.demoLink, M.signIn.demoStarting);

  try {
    const counterparty = await call("start_demo");
    resetFields();
    handlers.onDemoStarted(counterparty);
  } catch (error) {
    logError("start_demo", error);
    elements.message.textContent = messageFor(error, "demo");
  } finally {
    setBusy(elements.demoLink, null);
    elements.demoLink.disabled = false;
  }
}

// Stop the demo. The screen leaves the demo even when leave_demo fails,
// because the customer asked to and the failure has nothing to act on.
async function leaveDemo() {
  elements.leaveDemo.disabled = true;
  try {
    await call("leave_demo");
  } catch (error) {
    logError("leave_demo", error);
  } finally {
    elements.leaveDemo.disabled = false;
  }

  elements.message.textContent = "";
  handlers.onDemoLeft();
  showPhoneStep();
}

function showOnlyStep(step) {
  elements.phoneStep.hidden = step !== elements.phoneStep;
  elements.codeStep.hidden = step !== elements.codeStep;
  if (step !== elements.callbackStep) {
    stopCallback();
  }
}

function showPhoneStep() {
  resendCooldown.stop();
  calledPhone = null;

  showOnlyStep(elements.phoneStep);
  elements.code.value = "";
  setFieldError(elements.code, elements.codeError, "");
  setFieldError(elements.phone, elements.phoneError, "");

  showScreen("screen-signin", elements.phone);
}

function showCodeStep() {
  showOnlyStep(elements.codeStep);
  elements.code.value = "";
  setFieldError(elements.code, elements.codeError, "");
  refreshSignIn();
  elements.code.focus();
}

function resetFields() {
  resendCooldown.stop();
  stopCallback();
  calledPhone = null;
  elements.phone.value = "";
  elements.code.value = "";
  elements.message.textContent = "";
}

function finishSignIn(counterparty) {
  resetFields();
  handlers.onSignedIn(counterparty);
}

// Return the typed phone as 11 digits, or null after showing why it is not
// a full number.
function readPhone() {
  const phone = phoneDigits(elements.phone.value);
  if (phone === null) {
    setFieldError(elements.phone, elements.phoneError, t(M.errors.invalidPhone));
    elements.phone.focus();
  }
  return phone;
}

// Ask the shop to call the phone. `button` is #get-call on the phone step
// and #resend on the code step, and errors go next to that step's field.
async function requestCall(button) {
  const resending = button === elements.resend;
  if (!resending && phoneStepBusy) {
    return;
  }

  const field = resending ? elements.code : elements.phone;
  const errorSlot = resending ? elements.codeError : elements.phoneError;
  elements.message.textContent = "";
  const phone = resending ? calledPhone : readPhone();
  if (phone === null) {
    return;
  }

  setFieldError(field, errorSlot, "");
  setBusy(button, M.signIn.calling);
  phoneStepBusy = !resending;
  try {
    await call("send_password", { phone });
    calledPhone = phone;
    if (!resending) {
      showCodeStep();
    }
    resendCooldown.start(RESEND_DELAY_SECONDS);
  } catch (error) {
    logError("send_password", error);
    const message = fieldMessages(error).phone ?? messageFor(error, "send_password");
    setFieldError(field, errorSlot, message);

    // Respect the server's back-off before the next call may be requested.
    if (resending && errorKind(error) === "rate_limited" && Number(error.retry_after_secs) > 0) {
      resendCooldown.start(Math.ceil(Number(error.retry_after_secs)));
    }
    field.focus();
  } finally {
    phoneStepBusy = false;
    setBusy(button, null);
    if (resending) {
      resendCooldown.render();
    } else {
      button.disabled = false;
    }
  }
}

// Start sign-in by calling the shop's number and show the callback step.
async function requestCallback() {
  if (phoneStepBusy) {
    return;
  }

  elements.message.textContent = "";
  const phone = readPhone();
  if (phone === null) {
    return;
  }

  setFieldError(elements.phone, elements.phoneError, "");
  setBusy(elements.callbackStart, M.signIn.callbackStarting);
  phoneStepBusy = true;
  try {
    // On success the callback step shows itself through onShow.
    await startCallback(phone);
  } catch (error) {
    logError("start_callback_auth", error);
    setFieldError(elements.phone, elements.phoneError, messageFor(error, "callback_start"));
    elements.phone.focus();
  } finally {
    phoneStepBusy = false;
    setBusy(elements.callbackStart, null);
    elements.callbackStart.disabled = false;
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
    finishSignIn(counterparty);
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

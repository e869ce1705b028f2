// Callback step of the sign-in screen: the customer calls the shop's number
// from their phone, and the app polls the backend until the call is
// confirmed, the attempt fails or the countdown runs out.

import { decidePollStep, POLL_INTERVAL_MS, readCallbackStart } from "./callback-auth.js";
import { byId, setBusy } from "./dom.js";
import { logError, messageFor } from "./errors.js";
import { formatClock, formatPhone } from "./format.js";
import { M, t } from "./i18n.js";
import { call } from "./ipc.js";

const CLOCK_TICK_MS = 500;

let elements = null;
let handlers = null;

// Id of the current attempt. Every start and every stop bumps it, so a
// result that arrives for an earlier attempt is dropped.
let attempt = 0;
// Attempt whose poll_callback_auth call is in flight, or 0. Polls of one
// attempt never overlap.
let pollingAttempt = 0;
let ended = true;
let paused = false;

// Phone (11 digits) the customer calls from, and the number to call.
let phone = null;
let callbackNumber = null;
let deadline = 0;

let pollTimer = null;
let clockTimer = null;

function findElements() {
  return {
    step: byId("callback-step"),
    intro: byId("callback-intro"),
    number: byId("callback-number"),
    countdown: byId("callback-countdown"),
    note: byId("callback-note"),
    error: byId("callback-error"),
    restart: byId("callback-restart"),
    cancel: byId("callback-cancel"),
  };
}

// Wire the step. `onShow()` hides the other steps before this one shows,
// `onSignedIn(counterparty)` runs once the call is confirmed, and `onLeave()`
// when the customer goes back to the phone step.
export function initCallbackStep(callbacks) {
  elements = findElements();
  handlers = callbacks;

  elements.cancel.addEventListener("click", () => {
    stopCallback();
    handlers.onLeave();
  });
  elements.restart.addEventListener("click", () => restart());
}

// Start an attempt for `phoneNumber` (11 digits) and show the step. Returns
// true when the step is shown, and false when the attempt was dropped
// because stopCallback() ran while the request was in flight. Rejects with
// the backend error when the attempt could not start.
export async function startCallback(phoneNumber) {
  const requestedIn = attempt;
  const result = await call("start_callback_auth", { phone: phoneNumber });

  if (attempt !== requestedIn) {
    cancelOnBackend();
    return false;
  }

  const start = readCallbackStart(result);
  if (start === null) {
    throw { kind: "unexpected_response", detail: "start_callback_auth returned no number" };
  }
  showAttempt(phoneNumber, start);
  return true;
}

// Hide the step and stop polling. An attempt still waiting for the call is
// cancelled on the backend too.
export function stopCallback() {
  if (!ended) {
    cancelOnBackend();
  }

  attempt += 1;
  ended = true;
  paused = false;
  stopTimers();
  elements.step.hidden = true;
}

// Stop polling while the sign-in screen is hidden, e.g. for the settings.
// The countdown keeps running, so the attempt still ends on time.
export function pauseCallback() {
  paused = true;
  clearTimeout(pollTimer);
  pollTimer = null;
}

// Poll again at once after pauseCallback().
export function resumeCallback() {
  if (!paused) {
    return;
  }
  paused = false;
  if (!ended) {
    pollOnce();
  }
}

// Return the control to focus when the step is shown again.
export function callbackFocusTarget() {
  return ended ? elements.restart : elements.number;
}

// Re-render the texts that depend on the locale.
export function refreshCallbackStep() {
  if (phone !== null) {
    elements.intro.textContent = t(M.signIn.callbackIntro, { phone: formatPhone(phone) });
  }
  if (callbackNumber !== null) {
    elements.number.textContent = formatPhone(callbackNumber);
  }
  renderClock();
}

function showAttempt(phoneNumber, start) {
  stopTimers();
  attempt += 1;
  ended = false;
  paused = false;
  phone = phoneNumber;
  callbackNumber = start.number;
  deadline = Date.now() + start.expiresInSecs * 1000;

  elements.error.textContent = "";
  elements.note.textContent = "";
  elements.countdown.hidden = false;
  elements.restart.hidden = true;
  setCancelLabel(M.signIn.callbackCancel);
  refreshCallbackStep();
  handlers.onShow();
  elements.step.hidden = false;

  clockTimer = setInterval(renderClock, CLOCK_TICK_MS);
  schedulePoll(POLL_INTERVAL_MS);
  elements.number.focus();
}

function setCancelLabel(key) {
  elements.cancel.dataset.i18n = key;
  elements.cancel.textContent = t(key);
}

function stopTimers() {
  clearTimeout(pollTimer);
  pollTimer = null;
  clearInterval(clockTimer);
  clockTimer = null;
}

function cancelOnBackend() {
  call("cancel_callback_auth").catch((error) => logError("cancel_callback_auth", error));
}

function renderClock() {
  if (ended) {
    return;
  }

  const remainingSecs = (deadline - Date.now()) / 1000;
  if (remainingSecs <= 0) {
    endAttempt(t(M.errors.callbackExpired));
    return;
  }
  elements.countdown.textContent = t(M.signIn.callbackCountdown, { time: formatClock(remainingSecs) });
}

function schedulePoll(delayMs) {
  clearTimeout(pollTimer);
  pollTimer = setTimeout(pollOnce, delayMs);
}

async function pollOnce() {
  pollTimer = null;
  if (ended || paused || pollingAttempt === attempt) {
    return;
  }

  const polledAttempt = attempt;
  pollingAttempt = polledAttempt;
  let step;
  try {
    step = decidePollStep({ result: await call("poll_callback_auth") });
  } catch (error) {
    logError("poll_callback_auth", error);
    step = decidePollStep({ error });
  }
  if (pollingAttempt === polledAttempt) {
    pollingAttempt = 0;
  }

  if (polledAttempt === attempt) {
    applyPollStep(step);
  }
}

function applyPollStep(step) {
  // A confirmation that arrives just after the countdown ran out still
  // signs the customer in, because the backend has already stored the session.
  if (step.action === "signed_in") {
    ended = true;
    stopTimers();
    handlers.onSignedIn(step.counterparty);
    return;
  }
  if (ended) {
    return;
  }

  if (step.action === "stop") {
    endAttempt(step.message);
    return;
  }

  elements.note.textContent = step.note;
  if (step.remainingSecs !== null) {
    deadline = Date.now() + step.remainingSecs * 1000;
  }
  renderClock();
  if (!ended && !paused) {
    schedulePoll(step.delayMs);
  }
}

// End the attempt with `message` and offer to start again.
function endAttempt(message) {
  ended = true;
  stopTimers();

  elements.countdown.hidden = true;
  elements.note.textContent = "";
  elements.error.textContent = message;
  elements.restart.hidden = false;
  setCancelLabel(M.signIn.callbackBack);

  if (!elements.step.hidden) {
    elements.restart.focus();
  }
}

async function restart() {
  elements.error.textContent = "";
  setBusy(elements.restart, M.signIn.callbackStarting);
  try {
    await startCallback(phone);
  } catch (error) {
    logError("start_callback_auth", error);
    elements.error.textContent = messageFor(error, "callback_start");
  } finally {
    setBusy(elements.restart, null);
    elements.restart.disabled = false;
  }

  if (!elements.restart.hidden && !elements.step.hidden) {
    elements.restart.focus();
  }
}

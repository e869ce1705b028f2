// Sign-in by calling the shop's number: reading the backend's results and
// deciding what the callback step does after each poll. DOM-free, so node
// can test it.

import { errorKind, isCallServiceDown, messageFor } from "./errors.js";
import { M, t } from "./i18n.js";

// Pause between two polls. Public integration notes for the call service
// recommend polling every 3 to 5 s.
export const POLL_INTERVAL_MS = 4000;

// Lifetime of an attempt when start_callback_auth leaves it out.
// NOTE: 300 s is the session lifetime that public notes report for the call
// service. The backend is expected to send expires_in_secs every time.
const DEFAULT_EXPIRES_IN_SECS = 300;

function positiveSeconds(value) {
  const seconds = Number(value);
  return value !== null && value !== undefined && Number.isFinite(seconds) && seconds > 0 ? seconds : null;
}

// Read the result of start_callback_auth as {number, expiresInSecs}, where
// `number` is the number the customer must call. Returns null when the
// result has no number to show.
export function readCallbackStart(result) {
  if (result === null || typeof result !== "object") {
    return null;
  }

  const number = typeof result.callback_number === "string" ? result.callback_number.trim() : "";
  if (!/\d/.test(number)) {
    return null;
  }
  return { number, expiresInSecs: positiveSeconds(result.expires_in_secs) ?? DEFAULT_EXPIRES_IN_SECS };
}

function keepPolling({ delayMs = POLL_INTERVAL_MS, remainingSecs = null, note = "" } = {}) {
  return { action: "poll", delayMs, remainingSecs, note };
}

function stop(message) {
  return { action: "stop", message };
}

function decideForResult(result) {
  const status = result?.status;

  if (status === "pending") {
    const remaining = Number(result.remaining_secs);
    const remainingSecs = result.remaining_secs !== null && Number.isFinite(remaining) && remaining >= 0 ? remaining : null;
    return keepPolling({ remainingSecs });
  }
  if (status === "signed_in" && result.counterparty !== null && typeof result.counterparty === "object") {
    return { action: "signed_in", counterparty: result.counterparty };
  }
  if (status === "expired") {
    return stop(t(M.errors.callbackExpired));
  }

  // An unknown status, or signed_in without a customer, would otherwise poll
  // until the countdown ends without telling the customer anything.
  return stop(t(M.errors.unexpectedResponse));
}

function decideForError(error) {
  switch (errorKind(error)) {
    // 409 while polling: the call has not been confirmed yet.
    case "conflict":
      return keepPolling();

    case "rate_limited": {
      const waitSecs = positiveSeconds(error.retry_after_secs) ?? 0;
      return keepPolling({ delayMs: Math.max(POLL_INTERVAL_MS, Math.ceil(waitSecs * 1000)) });
    }

    case "offline":
    case "timeout":
      return keepPolling({ note: t(M.signIn.callbackOffline) });

    case "server":
      if (isCallServiceDown(error)) {
        return stop(messageFor(error, "callback"));
      }
      return keepPolling({ note: t(M.signIn.callbackServerSilent) });

    default:
      return stop(messageFor(error, "callback"));
  }
}

// Decide what to do after one poll_callback_auth call, from its `result` or,
// when it failed, its `error`. Returns one of:
//   {action: "signed_in", counterparty}
//   {action: "poll", delayMs, remainingSecs, note}: poll again after delayMs;
//     remainingSecs is the server's count or null, and note is a quiet
//     connection message or "" to clear the last one
//   {action: "stop", message}: the attempt is over, and message explains why.
// Connection problems and 5xx other than 503 keep polling, because the
// countdown ends the attempt anyway.
export function decidePollStep({ result = null, error = null } = {}) {
  return error === null ? decideForResult(result) : decideForError(error);
}

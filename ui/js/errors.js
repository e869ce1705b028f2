// Mapping of IPC errors ({kind, ...details}) to catalogue messages. DOM-free.
// The user never sees a raw error: unknown kinds get the generic message.

import { getLocale, M, t } from "./i18n.js";

// Message keys by error kind, used when the context has no entry of its own.
const DEFAULT_KEYS = Object.freeze({
  offline: M.errors.offline,
  timeout: M.errors.timeout,
  unauthorized: M.errors.sessionExpired,
  forbidden: M.errors.forbidden,
  not_found: M.errors.notFound,
  validation: M.errors.validation,
  server: M.errors.server,
  unexpected_response: M.errors.unexpectedResponse,
  invalid_phone: M.errors.invalidPhone,
  invalid_code: M.errors.invalidCode,
  not_configured: M.errors.notConfigured,
  not_signed_in: M.errors.notSignedIn,
  demo_failed: M.errors.demoFailed,
  settings_io: M.errors.settingsIo,
  keychain: M.errors.keychain,
  conflict: M.errors.conflict,
  gone: M.errors.callbackExpired,
  draft_too_large: M.errors.draftTooLarge,
  file_unreadable: M.errors.fileUnreadable,
});

// Before sign-in only the shop's app token is sent, so 401 and 403 there
// mean the shop rejected the app or the number, not an expired session.
const SIGN_IN_KEYS = Object.freeze({
  unauthorized: M.errors.appRejected,
  forbidden: M.errors.signInForbidden,
  not_found: M.errors.phoneNotFound,
});

// The demo runs on a local sandbox, so a network error there means the demo failed.
const DEMO_KEYS = Object.freeze({
  offline: M.errors.demoFailed,
  timeout: M.errors.demoFailed,
  server: M.errors.demoFailed,
  unexpected_response: M.errors.demoFailed,
});

// Sign-in by calling the shop. On start, 409 means an attempt for this phone
// is already running. While polling, 404 (or a backend that has no attempt)
// means the attempt is unknown, so the customer has to start again.
const CALLBACK_START_KEYS = Object.freeze({
  ...SIGN_IN_KEYS,
  validation: M.errors.phoneRejected,
  conflict: M.errors.callbackInProgress,
});
const CALLBACK_KEYS = Object.freeze({
  ...SIGN_IN_KEYS,
  not_found: M.errors.callbackLost,
  not_signed_in: M.errors.callbackLost,
});

// The call service returns 503 when its telephony provider is down.
const CALL_SERVICE_DOWN_STATUS = 503;
const CALLBACK_CONTEXTS = Object.freeze(["callback_start", "callback"]);

const CONTEXT_KEYS = Object.freeze({
  send_password: Object.freeze({ ...SIGN_IN_KEYS, validation: M.errors.phoneRejected }),
  callback_start: CALLBACK_START_KEYS,
  callback: CALLBACK_KEYS,
  login: Object.freeze({ ...SIGN_IN_KEYS, validation: M.errors.wrongCode }),
  load: Object.freeze({ not_found: M.errors.accountGone }),
  save: Object.freeze({
    offline: M.errors.saveOffline,
    unauthorized: M.errors.saveSessionExpired,
    not_found: M.errors.accountGone,
    validation: M.errors.saveRejected,
  }),
  delete: Object.freeze({ offline: M.errors.deleteOffline, not_found: M.errors.accountGone }),
  demo: DEMO_KEYS,
  photo_save: Object.freeze({
    offline: M.errors.photoSaveOffline,
    unauthorized: M.errors.photoSessionExpired,
    not_signed_in: M.errors.photoSessionExpired,
    validation: M.errors.photoRejectedByShop,
  }),
  photo_remove: Object.freeze({
    offline: M.errors.photoRemoveOffline,
    unauthorized: M.errors.photoSessionExpired,
    not_signed_in: M.errors.photoSessionExpired,
  }),
  settings: Object.freeze({
    settings_io: M.errors.settingsSaveFailed,
    keychain: M.errors.keychainSaveFailed,
  }),
});

const SECONDS_PER_MINUTE = 60;

function rateLimitedMessage(error) {
  const seconds = Number(error.retry_after_secs);
  if (error.retry_after_secs === null || error.retry_after_secs === undefined || !Number.isFinite(seconds) || seconds <= 0) {
    return t(M.errors.rateLimited);
  }

  if (seconds < SECONDS_PER_MINUTE) {
    return t(M.errors.rateLimitedSeconds, { count: Math.ceil(seconds) });
  }
  return t(M.errors.rateLimitedMinutes, { count: Math.ceil(seconds / SECONDS_PER_MINUTE) });
}

function invalidBaseUrlMessage(error) {
  const value = typeof error.value === "string" ? error.value.trim() : "";
  const malformed = error.reason === "malformed";

  if (value === "") {
    return t(malformed ? M.errors.baseUrlMalformed : M.errors.baseUrlNotHttps);
  }
  return t(malformed ? M.errors.baseUrlMalformedNamed : M.errors.baseUrlNotHttpsNamed, { value });
}

// The message names the folder the export could not write to, so the
// customer can pick another one.
function exportFailedMessage(error) {
  const folder = typeof error.folder === "string" ? error.folder.trim() : "";
  return folder === "" ? t(M.errors.generic) : t(M.errors.exportFailed, { folder });
}

const BYTES_PER_MEGABYTE = 1024 * 1024;
const PIXELS_PER_MEGAPIXEL = 1_000_000;

// Format `value` for a message in the current locale, e.g. 20000 as
// "20 000" in Russian, with at most one decimal.
function formatNumber(value) {
  return new Intl.NumberFormat(getLocale(), { maximumFractionDigits: 1 }).format(value);
}

// Return `limit` as a positive number, or null when it is missing or invalid.
function positiveLimit(limit) {
  const value = Number(limit);
  return limit === null || limit === undefined || !Number.isFinite(value) || value <= 0 ? null : value;
}

// Join the backend's list of formats ("JPEG, PNG, WebP, GIF") as the
// locale does: "JPEG, PNG, WebP или GIF". Returns "" for an empty list.
function formatList(supported) {
  const names = typeof supported === "string" ? supported.split(",").map((name) => name.trim()).filter((name) => name !== "") : [];
  if (names.length === 0) {
    return "";
  }
  return new Intl.ListFormat(getLocale(), { type: "disjunction" }).format(names);
}

function unsupportedFormatMessage(error) {
  const supported = formatList(error.supported);
  if (supported === "") {
    return t(M.errors.photoUnsupportedUnlisted);
  }

  const detected = typeof error.detected === "string" ? error.detected.trim() : "";
  if (detected === "") {
    return t(M.errors.photoUnsupported, { supported });
  }
  return t(M.errors.photoUnsupportedNamed, { format: detected, supported });
}

// The message for a photo that cannot become an avatar: what is wrong with
// it, the limit it broke, and what to do instead.
function photoRejectedMessage(error) {
  const limit = positiveLimit(error.limit);

  switch (error.problem) {
    case "too_large":
      return limit === null
        ? t(M.errors.photoTooLargeUnlimited)
        : t(M.errors.photoTooLarge, { megabytes: formatNumber(limit / BYTES_PER_MEGABYTE) });
    case "too_many_pixels": {
      // Without a limit, the decoder ran out of its memory budget.
      if (limit === null) {
        return t(M.errors.photoTooBig);
      }
      const megapixels = limit / PIXELS_PER_MEGAPIXEL;
      return t(M.errors.photoTooManyPixels, { count: megapixels, limit: formatNumber(megapixels) });
    }
    case "side_too_long":
      return limit === null
        ? t(M.errors.photoTooBig)
        : t(M.errors.photoSideTooLong, { count: limit, limit: formatNumber(limit) });
    case "unsupported_format":
      return unsupportedFormatMessage(error);
    case "corrupt":
      return t(M.errors.photoCorrupt);
    default:
      return t(M.errors.photoFailed);
  }
}

// Return the error kind, or null when `error` is not an IPC error object.
export function errorKind(error) {
  if (error === null || typeof error !== "object" || typeof error.kind !== "string") {
    return null;
  }
  return error.kind;
}

// Return the message for `error` in `context` ("send_password", "login",
// "callback_start" and "callback" for sign-in by calling, "load", "save",
// "delete", "demo", "settings", "sign_out", "photo_save" or
// "photo_remove"), translated to the current
// locale. Non-object errors and unknown kinds get the generic one.
export function messageFor(error, context) {
  const kind = errorKind(error);
  if (kind === null) {
    return t(M.errors.generic);
  }

  if (kind === "rate_limited") {
    return rateLimitedMessage(error);
  }
  if (kind === "invalid_base_url") {
    return invalidBaseUrlMessage(error);
  }
  if (kind === "export_failed") {
    return exportFailedMessage(error);
  }
  if (kind === "photo_rejected") {
    return photoRejectedMessage(error);
  }
  if (CALLBACK_CONTEXTS.includes(context) && isCallServiceDown(error)) {
    return t(M.errors.callbackUnavailable);
  }

  // Own-property checks keep kinds such as "toString" from reaching the
  // prototype of the key tables.
  const contextKeys = Object.hasOwn(CONTEXT_KEYS, context) ? CONTEXT_KEYS[context] : {};
  if (Object.hasOwn(contextKeys, kind)) {
    return t(contextKeys[kind]);
  }
  if (Object.hasOwn(DEFAULT_KEYS, kind)) {
    return t(DEFAULT_KEYS[kind]);
  }
  return t(M.errors.generic);
}

// Return the server's first message for each field of a validation error,
// e.g. {email: "Некорректный адрес"}. Fields without a non-empty string
// message are left out, and any other error gives {}.
export function fieldMessages(error) {
  if (errorKind(error) !== "validation" || error.fields === null || typeof error.fields !== "object") {
    return {};
  }

  const messages = {};
  for (const [field, list] of Object.entries(error.fields)) {
    const first = Array.isArray(list) ? list[0] : list;
    if (typeof first === "string" && first.trim() !== "") {
      messages[field] = first.trim();
    }
  }
  return messages;
}

// Return true when the error is the call service's 503: its telephony
// provider is down, so sign-in by calling cannot work for now.
export function isCallServiceDown(error) {
  return errorKind(error) === "server" && Number(error.status) === CALL_SERVICE_DOWN_STATUS;
}

// Return true when the error means the user must sign in again.
export function needsSignIn(error) {
  const kind = errorKind(error);
  return kind === "unauthorized" || kind === "not_signed_in";
}

// Log the error for developers. The console is the only place that shows
// its details, which may contain server text.
export function logError(context, error) {
  console.warn(`[${context}] command failed`, error);
}

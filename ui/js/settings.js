// Settings screen: language, theme, and the shop's server address and app key.

import { byId, setBusy, setFieldError, showScreen } from "./dom.js";
import { errorKind, logError, messageFor } from "./errors.js";
import { M, t } from "./i18n.js";
import { call } from "./ipc.js";

let elements = null;
let handlers = null;

// Whether an app key is stored, which decides the key field's placeholder.
let tokenSet = false;

function findElements() {
  return {
    title: byId("settings-title"),
    form: byId("settings-form"),
    error: byId("settings-error"),
    language: byId("setting-language"),
    theme: byId("setting-theme"),
    baseUrl: byId("setting-base-url"),
    baseUrlError: byId("setting-base-url-error"),
    appToken: byId("setting-app-token"),
    clearTokenRow: byId("setting-clear-token-row"),
    clearToken: byId("setting-clear-token"),
    save: byId("settings-save"),
    back: byId("settings-back"),
    version: byId("app-version"),
  };
}

// Wire the form. `onSaved(settings)` receives the settings the backend
// stored, `onBack()` leaves the screen without saving.
export function initSettings(callbacks) {
  elements = findElements();
  handlers = callbacks;

  elements.form.addEventListener("submit", (event) => {
    event.preventDefault();
    save();
  });
  elements.back.addEventListener("click", () => handlers.onBack());

  elements.baseUrl.addEventListener("input", () => setFieldError(elements.baseUrl, elements.baseUrlError, ""));

  // A key typed while "remove" is ticked would be ignored, so block typing.
  elements.clearToken.addEventListener("change", () => {
    elements.appToken.disabled = elements.clearToken.checked;
    if (elements.clearToken.checked) {
      elements.appToken.value = "";
    }
  });
}

// Re-render the texts that depend on the locale.
export function refreshSettings(version) {
  elements.appToken.placeholder = t(tokenSet ? M.settings.appTokenSet : M.settings.appTokenUnset);
  elements.version.textContent = version ? t(M.settings.version, { version }) : "";
}

// Show the screen filled with `settings` as bootstrap or save_settings
// returned them.
export function openSettings(settings, version) {
  elements.language.value = settings.language ?? "system";
  elements.theme.value = settings.theme ?? "system";
  elements.baseUrl.value = settings.base_url ?? "";

  tokenSet = settings.app_token_set === true;
  elements.appToken.value = "";
  elements.appToken.disabled = false;
  elements.clearToken.checked = false;
  elements.clearTokenRow.hidden = !tokenSet;

  elements.error.textContent = "";
  setFieldError(elements.baseUrl, elements.baseUrlError, "");
  refreshSettings(version);

  showScreen("screen-settings", elements.title);
}

// Build the save_settings argument. An app_token left out keeps the stored
// key, null removes it, and a string replaces it.
function readSettings() {
  const baseUrl = elements.baseUrl.value.trim();
  const settings = {
    language: elements.language.value,
    theme: elements.theme.value,
    base_url: baseUrl === "" ? null : baseUrl,
  };

  const token = elements.appToken.value.trim();
  if (elements.clearToken.checked) {
    settings.app_token = null;
  } else if (token !== "") {
    settings.app_token = token;
  }
  return settings;
}

async function save() {
  elements.error.textContent = "";
  setFieldError(elements.baseUrl, elements.baseUrlError, "");

  setBusy(elements.save, M.settings.saving);
  try {
    const saved = await call("save_settings", { settings: readSettings() });
    elements.appToken.value = "";
    handlers.onSaved(saved);
  } catch (error) {
    logError("save_settings", error);

    if (errorKind(error) === "invalid_base_url") {
      setFieldError(elements.baseUrl, elements.baseUrlError, messageFor(error, "settings"));
      elements.baseUrl.focus();
    } else {
      elements.error.textContent = messageFor(error, "settings");
    }
  } finally {
    setBusy(elements.save, null);
    elements.save.disabled = false;
  }
}

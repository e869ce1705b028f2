// Entry point: starts the app from bootstrap and moves between screens.

import { initCard, renderCard, showCard } from "./card.js";
import { initDeleteDialog, openDeleteDialog, refreshDeleteDialog } from "./delete-dialog.js";
import { byId, isScreenVisible } from "./dom.js";
import { initEdit, openEdit } from "./edit.js";
import { errorKind, logError, messageFor } from "./errors.js";
import { M, resolveLocale, setLocale, t } from "./i18n.js";
import { call } from "./ipc.js";
import { initSettings, openSettings, refreshSettings } from "./settings.js";
import { initSignIn, refreshSignIn, resumeSignIn, setShopInfo, showSignIn, startDemo } from "./signin.js";
import { applyDocumentLocale, applyTheme } from "./theme.js";
import { showToast } from "./toast.js";
import { translateDocument } from "./translate-dom.js";

const DEFAULT_SETTINGS = Object.freeze({ language: "system", theme: "system", base_url: null, app_token_set: false });

const state = {
  version: "",
  systemLocale: globalThis.navigator?.language ?? "",
  shopName: "",
  shopConfigured: true,
  settings: DEFAULT_SETTINGS,
  counterparty: null,
  demo: false,
  // Values typed in the edit form when the session expired, restored after
  // the same customer signs in again: {counterpartyId, values}.
  draft: null,
  // Screen to return to from the settings: "signin" or "card".
  settingsReturn: "signin",
};

function applyLocale() {
  const locale = setLocale(resolveLocale(state.settings.language, state.systemLocale));
  applyDocumentLocale(locale);
  translateDocument();

  const shopName = state.shopName || t(M.app.defaultShopName);
  document.title = shopName;
  setShopInfo({ shopName, shopConfigured: state.shopConfigured });

  refreshSignIn();
  refreshSettings(state.version);
  refreshDeleteDialog();
  if (state.counterparty !== null) {
    renderCard(state.counterparty);
  }
}

function applyBootstrap(result) {
  state.version = result.version ?? "";
  state.systemLocale = result.system_locale || state.systemLocale;
  state.shopName = typeof result.shop_name === "string" ? result.shop_name.trim() : "";
  state.shopConfigured = result.shop_configured !== false;
  state.settings = { ...DEFAULT_SETTINGS, ...(result.settings ?? {}) };

  applyTheme(state.settings.theme);
  applyLocale();
}

function setDemo(demo) {
  state.demo = demo;
  byId("demo-banner").hidden = !demo;
}

function enterCard(counterparty, { demo }) {
  state.counterparty = counterparty;
  setDemo(demo);

  // A draft saved when the session expired belongs to one customer only.
  const draft = state.draft;
  state.draft = null;
  if (draft !== null && draft.counterpartyId === counterparty?.id) {
    renderCard(counterparty);
    openEdit(counterparty, draft.values, t(M.edit.draftRestored));
    return;
  }
  showCard(counterparty);
}

function goToSignIn({ message = "", phone = null } = {}) {
  state.counterparty = null;
  setDemo(false);
  showSignIn({ message, phone });
}

// Leave the card because the session ended on the server side.
function endSession(message) {
  const phone = state.counterparty?.phone_1 ?? null;
  goToSignIn({ message, phone });
}

async function signOut() {
  try {
    await call("sign_out");
  } catch (error) {
    // The backend drops the local session either way, so the user still
    // lands on sign-in and the failure is only logged.
    logError("sign_out", error);
  }
  state.draft = null;
  goToSignIn();
}

function openSettingsScreen(from) {
  state.settingsReturn = from;
  openSettings(state.settings, state.version);
}

function leaveSettings() {
  if (state.settingsReturn === "card" && state.counterparty !== null) {
    showCard(state.counterparty);
  } else {
    resumeSignIn();
  }
}

async function onSettingsSaved(settings) {
  state.settings = { ...DEFAULT_SETTINGS, ...settings };
  applyTheme(state.settings.theme);
  applyLocale();
  showToast(t(M.settings.saved));

  // save_settings does not report whether the shop is now configured, so
  // ask bootstrap again for the shop name and the demo link.
  try {
    const result = await call("bootstrap");
    state.shopName = typeof result.shop_name === "string" ? result.shop_name.trim() : "";
    state.shopConfigured = result.shop_configured !== false;
    applyLocale();
  } catch (error) {
    logError("bootstrap", error);
  }
  leaveSettings();
}

function initScreens() {
  initSignIn({
    onSignedIn: (counterparty, { demo }) => enterCard(counterparty, { demo }),
    onOpenSettings: () => openSettingsScreen("signin"),
  });

  initCard({
    onEdit: () => openEdit(state.counterparty),
    onSignOut: () => signOut(),
    onDelete: () => openDeleteDialog(),
    onOpenSettings: () => openSettingsScreen("card"),
  });

  initEdit({
    onSaved: (counterparty) => {
      state.counterparty = counterparty;
      showCard(counterparty);
      showToast(t(M.edit.saved));
    },
    onCancel: () => showCard(state.counterparty),
    onSignInAgain: (values) => {
      state.draft = { counterpartyId: state.counterparty?.id, values };
      endSession("");
    },
  });

  initDeleteDialog({
    onDeleted: (message) => {
      state.draft = null;
      goToSignIn();
      showToast(message);
    },
    onSessionExpired: (message) => endSession(message),
  });

  initSettings({
    onSaved: (settings) => onSettingsSaved(settings),
    onBack: () => leaveSettings(),
  });
}

// Open the card when the backend still has a session from an earlier run.
// Without a session (not_signed_in) or a shop (not_configured) the sign-in
// screen stays as it is, and any other failure is explained there.
async function restoreSession() {
  try {
    const counterparty = await call("load_counterparty");
    if (isScreenVisible("screen-signin")) {
      enterCard(counterparty, { demo: false });
    }
  } catch (error) {
    const kind = errorKind(error);
    if (kind === "not_signed_in" || kind === "not_configured") {
      return;
    }
    logError("load_counterparty", error);
    showSignIn({ message: messageFor(error, "load") });
  }
}

async function start() {
  initScreens();
  applyLocale();

  // No screen shows before bootstrap returns. Otherwise the user could open
  // the settings filled with defaults or see the wrong language flash by.
  let result;
  try {
    result = await call("bootstrap");
  } catch (error) {
    logError("bootstrap", error);
    showSignIn({ message: messageFor(error, "load") });
    return;
  }

  applyBootstrap(result);
  showSignIn();
  if (result.demo_requested === true) {
    await startDemo();
  } else if (state.shopConfigured) {
    await restoreSession();
  }
}

start();

// Entry point: starts the app from bootstrap and moves between screens.

import { initAbout, refreshAbout } from "./about.js";
import { applyAccent } from "./accent.js";
import { initAddressSuggestions } from "./address-combobox.js";
import { benchMilestone, benchRoundTrips, enableBenchMilestones } from "./bench.js";
import { initCard, renderCard, setCardNotice, setCardOffline, showCard } from "./card.js";
import { initDeleteDialog, openDeleteDialog, refreshDeleteDialog } from "./delete-dialog.js";
import { byId, isScreenVisible } from "./dom.js";
import { hasUnsavedEdits, initEdit, isDraftKept, loadDraft, openEdit, saveDraftNow } from "./edit.js";
import { errorKind, logError, messageFor, needsSignIn } from "./errors.js";
import { draftValuesFor } from "./form.js";
import { M, resolveLocale, setLocale, t } from "./i18n.js";
import { call } from "./ipc.js";
import { initCloseGuard, initLeaveDialogs } from "./leave-dialogs.js";
import { connectionProblem, createRetryLoop, offlineBannerText } from "./offline.js";
import { initPhoto, setPhotoOffline } from "./photo.js";
import { initReauthDialog, openReauthDialog, refreshReauthDialog } from "./reauth-dialog.js";
import { initSettings, openSettings, refreshSettings } from "./settings.js";
import { initSignOutDialog, openSignOutDialog } from "./sign-out-dialog.js";
import {
  DEMO_CODE,
  initSignIn,
  isSignInIdle,
  refreshSignIn,
  resumeSignIn,
  setDemoMode,
  setKeychainNotice,
  setShopInfo,
  setSignInMessage,
  showSignIn,
  startDemo,
} from "./signin.js";
import { applyDocumentLocale, applyTheme } from "./theme.js";
import { showToast } from "./toast.js";
import { translateDocument } from "./translate-dom.js";

const DEFAULT_SETTINGS = Object.freeze({ language: "system", theme: "system", base_url: null, app_token_set: false });

// Toasts with two sentences of advice stay up longer than a confirmation.
const LONG_TOAST_MS = 10_000;

// Retries load_counterparty while the card is shown without a connection.
const retryLoop = createRetryLoop({ attempt: () => refreshCard() });

const state = {
  version: "",
  systemLocale: globalThis.navigator?.language ?? "",
  shopName: "",
  shopConfigured: true,
  keychainAvailable: true,
  settings: DEFAULT_SETTINGS,
  counterparty: null,
  // When the card's data was loaded: a Date, the RFC 3339 cached_at of a
  // restored session, or null when unknown.
  dataLoadedAt: null,
  // Why the card is not live: "offline", "server", or null while it is.
  connectionProblem: null,
  // True from start_demo until leave_demo. Signing out or deleting the
  // account in the demo keeps it, so the customer can sign in again there.
  demo: false,
  // Bumped on every sign-in and sign-out, so that a late result for an
  // earlier session is dropped.
  sessionGeneration: 0,
  // Phone to pre-fill when a background refresh found the session expired
  // while the edit form or the settings were open, or null. The customer is
  // sent to sign-in when they leave that screen.
  expiredSessionPhone: null,
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
  refreshAbout(state.version);
  refreshDeleteDialog();
  refreshReauthDialog();
  if (state.counterparty !== null) {
    renderCard(state.counterparty);
  }
  renderOffline();
}

function applyShopInfo(result) {
  state.shopName = typeof result.shop_name === "string" ? result.shop_name.trim() : "";
  state.shopConfigured = result.shop_configured !== false;
}

// The keychain check writes to the keychain, which can take a few hundred
// milliseconds, so it runs after the first screen shows. The notice
// appears when the check returns. Only sign-in to a real shop uses the
// keychain, so the demo skips the check and never wakes a locked keyring.
async function refreshKeychainStatus() {
  if (!state.shopConfigured) {
    setKeychainNotice(false);
    return;
  }
  try {
    state.keychainAvailable = (await call("keychain_status")) !== false;
  } catch (error) {
    logError("keychain_status", error);
    return;
  }
  setKeychainNotice(!state.keychainAvailable);
}

function applyBootstrap(result) {
  state.version = result.version ?? "";
  state.systemLocale = result.system_locale || state.systemLocale;
  state.settings = { ...DEFAULT_SETTINGS, ...(result.settings ?? {}) };
  applyShopInfo(result);

  applyAccent(result.accent_color, document.documentElement);
  applyTheme(state.settings.theme);
  applyLocale();
}

function setDemo(demo) {
  state.demo = demo;
  byId("demo-banner").hidden = !demo;
  setDemoMode(demo);
}

// Show the card of a customer who just signed in or whose session was
// restored. `loadedAt` is when `counterparty` was loaded. A stored `draft`
// of this customer opens the edit form with it instead, because the
// customer left in the middle of editing.
function enterCard(counterparty, { loadedAt = new Date(), draft = null } = {}) {
  state.sessionGeneration += 1;
  state.counterparty = counterparty;
  state.dataLoadedAt = loadedAt;
  state.expiredSessionPhone = null;
  setCardNotice("");
  setOnline();

  if (draftValuesFor(draft, counterparty) !== null) {
    openEdit(counterparty, { draft });
  } else {
    showCard(counterparty);
    benchMilestone("card_shown");
  }
}

// Keep the last card on screen with the banner that it is not live, and
// retry the load every RETRY_INTERVAL_MS until the shop answers.
function setOffline(problem) {
  state.connectionProblem = problem;
  renderOffline();
  retryLoop.start();
}

// Hide the banner and stop retrying, e.g. after a load or a save went
// through, or when the card is left for sign-in.
function setOnline() {
  state.connectionProblem = null;
  retryLoop.stop();
  renderOffline();
}

function renderOffline() {
  const problem = state.connectionProblem;
  setCardOffline(problem === null ? null : offlineBannerText(problem, state.dataLoadedAt, new Date()));
  setPhotoOffline(problem !== null);
}

// Show sign-in. In the demo, the demo stays on and the phone field falls
// back to the demo number.
function goToSignIn({ message = "", phone = null } = {}) {
  state.sessionGeneration += 1;
  state.counterparty = null;
  state.dataLoadedAt = null;
  state.expiredSessionPhone = null;
  setCardNotice("");
  setOnline();
  showSignIn({ message, phone });
}

// Leave the card because the session ended on the server side.
function endSession(message) {
  const phone = state.counterparty?.phone_1 ?? null;
  goToSignIn({ message, phone });
}

// Show the card again, e.g. after the edit form or the settings, unless a
// background refresh found the session expired meanwhile.
function returnToCard() {
  if (state.expiredSessionPhone !== null) {
    goToSignIn({ message: t(M.errors.sessionExpired), phone: state.expiredSessionPhone });
    return;
  }
  showCard(state.counterparty);
}

// Ask the customer of the open edit form to sign in again. Resolves with the
// counterparty, or null when they cancelled.
async function signInAgain() {
  const counterparty = await openReauthDialog({
    phone: state.expiredSessionPhone ?? state.counterparty?.phone_1 ?? null,
    demoCode: state.demo ? DEMO_CODE : null,
  });

  if (counterparty === null) {
    return null;
  }

  // The phone is editable when the card had none, so another customer may
  // have signed in. Their card shows, and the form's changes are not saved
  // into their account.
  const editedId = state.counterparty?.id;
  if (editedId !== undefined && counterparty.id !== editedId) {
    enterCard(counterparty);
    return null;
  }

  // A new session, so results still in flight for the old one are stale,
  // and the shop answered, so the card is live again.
  state.sessionGeneration += 1;
  state.expiredSessionPhone = null;
  setOnline();
  return counterparty;
}

function onSignedOut({ allDevices, serverSignedOut }) {
  goToSignIn();
  if (!serverSignedOut) {
    const key = allDevices ? M.signOutDialog.serverSilentAllDevices : M.signOutDialog.serverSilent;
    showToast(t(key), { durationMs: LONG_TOAST_MS });
  }
}

function openSettingsScreen(from) {
  state.settingsReturn = from;
  openSettings(state.settings, state.version);
}

function leaveSettings() {
  if (state.settingsReturn === "card" && state.counterparty !== null) {
    returnToCard();
  } else {
    resumeSignIn();
  }
}

async function onSettingsSaved(settings) {
  state.settings = { ...DEFAULT_SETTINGS, ...settings };
  applyTheme(state.settings.theme);
  applyLocale();

  // save_settings does not report whether the shop is now configured, so
  // ask bootstrap again for the shop name and the demo link.
  try {
    applyShopInfo(await call("bootstrap"));
    applyLocale();
    refreshKeychainStatus();
  } catch (error) {
    logError("bootstrap", error);
  }

  // After the screen change, which hides toasts.
  leaveSettings();
  showToast(t(M.settings.saved));
}

function initScreens() {
  initSignIn({
    onSignedIn: (counterparty) => enterCard(counterparty),
    onDemoStarted: (counterparty) => {
      setDemo(true);
      enterCard(counterparty);
    },
    onDemoLeft: () => setDemo(false),
    onOpenSettings: () => openSettingsScreen("signin"),
  });

  initCard({
    onEdit: () => openEdit(state.counterparty),
    onSignOut: () => openSignOutDialog(),
    onDelete: () => openDeleteDialog(),
    onOpenSettings: () => openSettingsScreen("card"),
  });

  initEdit({
    onSaved: (counterparty) => {
      state.counterparty = counterparty;
      state.dataLoadedAt = new Date();
      state.expiredSessionPhone = null;
      setCardNotice("");
      setOnline();
      showCard(counterparty);
      showToast(t(M.edit.saved));
    },
    onCancel: () => returnToCard(),
    onSessionExpired: () => signInAgain(),
  });

  initAddressSuggestions();
  initAbout();
  initPhoto({
    isSignedIn: () => state.counterparty !== null,
    onChanged: (counterparty) => {
      state.counterparty = counterparty;
      state.dataLoadedAt = new Date();
      setCardNotice("");
      setOnline();
      renderCard(counterparty);
    },
    onSessionExpired: (error) => showRefreshError(error, state.counterparty, state.counterparty?.phone_1 ?? null),
  });

  initReauthDialog();
  initSignOutDialog({ onSignedOut });
  initLeaveDialogs();

  // The demo keeps drafts in memory only, so they end with the window.
  initCloseGuard({
    hasUnsavedChanges: () => hasUnsavedEdits(),
    saveDraft: () => saveDraftNow(),
    draftKept: () => !state.demo && isDraftKept(),
  });

  initDeleteDialog({
    onDeleted: (message) => {
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

function isCounterparty(value) {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

// Put the customer back where they were when the backend kept a session from
// an earlier run. A cached card shows at once and load_counterparty
// refreshes it in the background. A stored draft opens the edit form
// instead of the card. Without a session (null, not_signed_in) or a shop
// (not_configured) the sign-in screen stays as it is.
// Shows the first screen of a shop that is set up: the card of the saved
// session, or the sign-in screen when there is none. Nothing shows while it
// runs, so a returning customer does not see the sign-in screen flash by.
// Returns what loads the live profile next, or null.
async function restoreSession() {
  let restored;
  try {
    restored = await call("restore_session");
  } catch (error) {
    const kind = errorKind(error);
    if (kind === "not_signed_in" || kind === "not_configured") {
      showSignIn();
    } else {
      logError("restore_session", error);
      showSignIn({ message: messageFor(error, "load") });
    }
    return null;
  }
  if (!isCounterparty(restored)) {
    showSignIn();
    return null;
  }

  const cached = isCounterparty(restored.counterparty) ? restored.counterparty : null;
  const phone = (typeof restored.phone === "string" ? restored.phone : null) ?? cached?.phone_1 ?? null;
  const cachedAt = typeof restored.cached_at === "string" ? restored.cached_at : null;
  if (cached === null) {
    showSignIn({ phone });
    return () => loadRestoredSession(phone);
  }
  enterCard(cached, { loadedAt: cachedAt, draft: await loadDraft() });
  return () => refreshCard();
}

// Load the card of a restored session that had no cached profile, while
// the sign-in screen shows.
async function loadRestoredSession(phone) {
  const generation = state.sessionGeneration;
  let counterparty;
  try {
    counterparty = await call("load_counterparty");
  } catch (error) {
    if (generation === state.sessionGeneration) {
      logError("load_counterparty", error);
      showRefreshError(error, null, phone);
    }
    return;
  }

  const draft = await loadDraft();
  if (generation === state.sessionGeneration && isSignInIdle()) {
    enterCard(counterparty, { draft });
  }
}

// Load the shown card again. Connection problems keep the last card with
// the offline banner, and the retry loop calls this again. Resolves with
// true when no further retry is needed. The edit form keeps the values it
// opened with, and its save sends only what the customer changed.
async function refreshCard() {
  const generation = state.sessionGeneration;
  const phone = state.counterparty?.phone_1 ?? null;
  let counterparty;
  try {
    counterparty = await call("load_counterparty");
  } catch (error) {
    if (generation !== state.sessionGeneration) {
      return true;
    }
    logError("load_counterparty", error);

    const problem = connectionProblem(error);
    if (problem !== null) {
      setOffline(problem);
      return false;
    }
    setOnline();
    showRefreshError(error, state.counterparty, phone);
    return true;
  }

  if (generation !== state.sessionGeneration) {
    return true;
  }
  const wasOffline = state.connectionProblem !== null;
  state.counterparty = counterparty;
  state.dataLoadedAt = new Date();
  setCardNotice("");
  setOnline();
  renderCard(counterparty);
  if (wasOffline) {
    showToast(t(M.offline.restored));
  }
  return true;
}

function showRefreshError(error, cached, phone) {
  if (needsSignIn(error)) {
    const onCardOrSignIn = isScreenVisible("screen-card") || isScreenVisible("screen-signin");
    if (cached === null || onCardOrSignIn) {
      goToSignIn({ message: t(M.errors.sessionExpired), phone });
    } else {
      // Typed edits stay. Saving opens the sign-in dialog, and leaving the
      // form or the settings goes to sign-in.
      state.expiredSessionPhone = phone;
    }
    return;
  }

  if (cached === null) {
    if (isSignInIdle()) {
      setSignInMessage(messageFor(error, "load"));
    }
    return;
  }
  setCardNotice(t(M.card.cachedNotice, { reason: messageFor(error, "load") }));
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
  enableBenchMilestones(result.bench_milestones);
  let loadLiveProfile = null;
  if (result.demo_requested !== true && state.shopConfigured) {
    loadLiveProfile = await restoreSession();
  } else {
    showSignIn();
  }
  benchMilestone("first_paint");
  if (result.demo_requested !== true) {
    refreshKeychainStatus();
  }

  if (result.demo_requested === true) {
    await startDemo();
  } else if (loadLiveProfile !== null) {
    await loadLiveProfile();
  }
  await benchRoundTrips(state.counterparty !== null);
}

start();

// Profile card screen.

import { byId, setValueText, showScreen } from "./dom.js";
import { formatDate, formatPhone, formatSince, fullName, managerName } from "./format.js";
import { getLocale, M, t } from "./i18n.js";
import { renderAvatar } from "./photo.js";

let elements = null;

function findElements() {
  return {
    name: byId("card-name"),
    type: byId("card-type"),
    phone: byId("card-phone"),
    phone2: byId("card-phone2"),
    email: byId("card-email"),
    address: byId("card-address"),
    birthday: byId("card-birthday"),
    manager: byId("card-manager"),
    since: byId("card-since"),
    notice: byId("card-notice"),
    offlineBanner: byId("offline-banner"),
    offlineTitle: byId("offline-title"),
    offlineDetail: byId("offline-detail"),
    edit: byId("edit-button"),
    signOut: byId("sign-out"),
    deleteAccount: byId("delete-account"),
    openSettings: byId("card-open-settings"),
  };
}

// Wire the card's buttons to `onEdit`, `onSignOut`, `onDelete` and
// `onOpenSettings`.
export function initCard(callbacks) {
  elements = findElements();

  elements.edit.addEventListener("click", () => callbacks.onEdit());
  elements.signOut.addEventListener("click", () => callbacks.onSignOut());
  elements.deleteAccount.addEventListener("click", () => callbacks.onDelete());
  elements.openSettings.addEventListener("click", () => callbacks.onOpenSettings());
}

// Fill the card with `counterparty`. Any of its fields may be null.
export function renderCard(counterparty) {
  const person = counterparty ?? {};
  const locale = getLocale();

  renderAvatar(person);

  const name = fullName(person);
  elements.name.textContent = name ?? t(M.card.noName);
  elements.name.classList.toggle("muted", name === null);

  const typeName = typeof person.type?.name === "string" ? person.type.name.trim() : "";
  elements.type.textContent = typeName;
  elements.type.hidden = typeName === "";

  setValueText(elements.phone, formatPhone(person.phone_1));
  setValueText(elements.phone2, formatPhone(person.phone_2));
  setValueText(elements.email, person.email);
  setValueText(elements.address, person.address);
  setValueText(elements.birthday, formatDate(person.birthday, locale));
  setValueText(elements.manager, managerName(person.manager));
  setValueText(elements.since, formatSince(person.created_at, locale));
}

// Show the quiet `text` above the details, e.g. that they come from the last
// sign-in because a refresh failed. An empty text hides the notice.
export function setCardNotice(text) {
  elements.notice.textContent = text;
  elements.notice.hidden = text === "";
}

// Show the banner that the card is not live, with `text` as
// {title, detail}, and turn off the actions that need the shop's server:
// editing and deleting the account. Signing out works without it. Null
// hides the banner and turns the actions on again.
export function setCardOffline(text) {
  const offline = text !== null;
  elements.offlineTitle.textContent = offline ? text.title : "";
  elements.offlineDetail.textContent = offline ? text.detail : "";
  elements.offlineBanner.hidden = !offline;

  elements.edit.disabled = offline;
  elements.deleteAccount.disabled = offline;
}

export function showCard(counterparty) {
  renderCard(counterparty);
  showScreen("screen-card", elements.name);
}

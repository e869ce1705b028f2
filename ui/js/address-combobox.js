// The edit form's address field as a WAI-ARIA combobox: suggestions from
// suggest_address appear in a listbox under the field while the customer
// types. Without a suggestion service the backend returns none, and the
// field stays plain free text.

import {
  closedList,
  createSuggestionQueue,
  hideList,
  listKeyDown,
  listWithItems,
  pickAt,
} from "./address-suggest.js";
import { byId } from "./dom.js";
import { logError } from "./errors.js";
import { M, t } from "./i18n.js";
import { call } from "./ipc.js";

const OPTION_ID_PREFIX = "address-option-";

let elements = null;
let list = closedList();
let queue = null;
// True while a picked address is written into the field, so that its input
// event does not ask for suggestions to the address just picked.
let picking = false;

function findElements() {
  return {
    input: byId("field-address"),
    listbox: byId("address-suggestions"),
    status: byId("address-suggestions-status"),
  };
}

export function initAddressSuggestions() {
  elements = findElements();
  queue = createSuggestionQueue({
    request: (query) => call("suggest_address", { query }),
    onResults: (query, items) => showResults(items),
    onError: (error) => logError("suggest_address", error),
  });

  elements.input.addEventListener("input", () => {
    if (!picking) {
      queue.update(elements.input.value);
    }
  });
  // Registered on the field, so it runs before edit.js's document handler,
  // which must not see an Esc or Enter that belonged to the list.
  elements.input.addEventListener("keydown", onKeyDown);
  elements.input.addEventListener("blur", () => {
    queue.cancel();
    setList(hideList(list));
  });

  // A press on an option must not take focus from the field, or the blur
  // would close the list before the click lands.
  elements.listbox.addEventListener("mousedown", (event) => event.preventDefault());
  elements.listbox.addEventListener("click", (event) => {
    const option = event.target.closest?.('[role="option"]');
    if (option !== null && option !== undefined) {
      const { list: next, picked } = pickAt(list, Number(option.dataset.index));
      setList(next);
      applyPick(picked);
    }
  });
}

function showResults(items) {
  // A response that arrives after the customer left the field stays hidden.
  const next = listWithItems(items);
  setList(document.activeElement === elements.input ? next : hideList(next));
  announce();
}

function onKeyDown(event) {
  if (event.ctrlKey || event.metaKey || event.isComposing) {
    return;
  }
  const result = listKeyDown(list, event.key, { altKey: event.altKey });
  if (!result.handled) {
    return;
  }
  event.preventDefault();
  event.stopPropagation();
  setList(result.list);
  applyPick(result.picked);
}

// Write a picked address into the field and tell edit.js through an input
// event, so the save button and the draft see the change.
function applyPick(picked) {
  if (picked === null) {
    return;
  }
  queue.cancel();
  elements.input.value = picked;
  picking = true;
  try {
    elements.input.dispatchEvent(new Event("input", { bubbles: true }));
  } finally {
    picking = false;
  }
  elements.status.textContent = "";
}

// Show `next` in the listbox and in the field's ARIA state.
function setList(next) {
  const itemsChanged = next.items !== list.items;
  list = next;

  if (itemsChanged) {
    renderOptions();
  }
  for (const option of elements.listbox.children) {
    const active = Number(option.dataset.index) === list.active;
    option.setAttribute("aria-selected", String(active));
    option.classList.toggle("suggestion--active", active);
    if (active) {
      option.scrollIntoView({ block: "nearest" });
    }
  }

  elements.listbox.hidden = !list.open;
  elements.input.setAttribute("aria-expanded", String(list.open));
  if (list.open && list.active >= 0) {
    elements.input.setAttribute("aria-activedescendant", `${OPTION_ID_PREFIX}${list.active}`);
  } else {
    elements.input.removeAttribute("aria-activedescendant");
  }
}

function renderOptions() {
  const options = list.items.map((item, index) => {
    const option = document.createElement("li");
    option.id = `${OPTION_ID_PREFIX}${index}`;
    option.className = "suggestion";
    option.setAttribute("role", "option");
    option.dataset.index = String(index);
    option.textContent = item;
    return option;
  });
  elements.listbox.replaceChildren(...options);
}

// Tell screen readers how many suggestions appeared, since focus stays in
// the field and they would not notice the list otherwise.
function announce() {
  elements.status.textContent = list.open ? t(M.addressSuggest.count, { count: list.items.length }) : "";
}

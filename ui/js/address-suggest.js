// Address suggestions while typing: when to ask the backend, which response
// may still be shown, and the keyboard state of the suggestion list.
// DOM-free; address-combobox.js wires it to the edit form.

// Wait this long after the last keystroke before asking, so typing a street
// name sends one request instead of one per letter.
export const SUGGEST_DELAY_MS = 300;

// The backend ignores shorter queries too: a suggestion needs a street.
export const MIN_QUERY_CHARS = 3;

// Create the request queue of one address field. `request(query)` returns a
// promise of the suggestions (strings). `onResults(query, suggestions)`
// receives only the response to the latest text, and an empty list at once
// when the text becomes too short. `onError(error)` receives failed
// requests, which show no list. `timers` replaces setTimeout/clearTimeout
// in tests.
export function createSuggestionQueue({
  request,
  onResults,
  onError = () => {},
  delayMs = SUGGEST_DELAY_MS,
  minChars = MIN_QUERY_CHARS,
  timers = globalThis,
}) {
  let timer = null;
  // Bumped by every update() and cancel(), so a response to an older text,
  // even one sent later than a newer request, is dropped.
  let generation = 0;

  function clearTimer() {
    if (timer !== null) {
      timers.clearTimeout(timer);
      timer = null;
    }
  }

  async function send(query, requestGeneration) {
    let suggestions;
    try {
      suggestions = await request(query);
    } catch (error) {
      if (requestGeneration === generation) {
        onError(error);
        onResults(query, []);
      }
      return;
    }
    if (requestGeneration === generation) {
      onResults(query, cleanSuggestions(suggestions));
    }
  }

  return {
    // The field's text changed to `text`.
    update(text) {
      generation += 1;
      clearTimer();

      const query = typeof text === "string" ? text.trim() : "";
      if ([...query].length < minChars) {
        onResults(query, []);
        return;
      }

      const requestGeneration = generation;
      timer = timers.setTimeout(() => {
        timer = null;
        send(query, requestGeneration);
      }, delayMs);
    },

    // Drop the pending request and any response still in flight, e.g. when
    // the field loses focus or a suggestion was picked.
    cancel() {
      generation += 1;
      clearTimer();
    },
  };
}

// Keep the non-empty strings of a backend response, without repeats.
export function cleanSuggestions(suggestions) {
  if (!Array.isArray(suggestions)) {
    return [];
  }
  const seen = new Set();
  for (const item of suggestions) {
    if (typeof item === "string" && item.trim() !== "") {
      seen.add(item.trim());
    }
  }
  return [...seen];
}

// The suggestion list: its items, whether it is shown, and the index of the
// highlighted item (-1 for none).
export function closedList() {
  return Object.freeze({ items: Object.freeze([]), open: false, active: -1 });
}

// The list after a response arrived: shown when there is anything to pick,
// with nothing highlighted, so Enter still submits the form until the
// customer moves into the list.
export function listWithItems(items) {
  return Object.freeze({ items: Object.freeze([...items]), open: items.length > 0, active: -1 });
}

// Apply a key press in the field to `list`. Returns {list, handled, picked}:
// `handled` means the key belonged to the list, so the page must not act on
// it (Enter must not submit, Esc must not cancel the form); `picked` is the
// chosen address or null. Keys follow the WAI-ARIA combobox pattern:
// ArrowDown and ArrowUp move through the list and open it when closed
// (Alt+ArrowDown opens without highlighting), Enter picks the highlighted
// item, Esc closes the list and keeps the text.
export function listKeyDown(list, key, { altKey = false } = {}) {
  const count = list.items.length;
  const unhandled = { list, handled: false, picked: null };

  switch (key) {
    case "ArrowDown": {
      if (count === 0) {
        return unhandled;
      }
      if (!list.open) {
        return moved(list, altKey ? -1 : 0);
      }
      return moved(list, (list.active + 1) % count);
    }
    case "ArrowUp": {
      if (count === 0) {
        return unhandled;
      }
      if (!list.open) {
        return moved(list, count - 1);
      }
      return moved(list, list.active <= 0 ? count - 1 : list.active - 1);
    }
    case "Enter": {
      if (!list.open || list.active < 0) {
        return unhandled;
      }
      return { list: closedList(), handled: true, picked: list.items[list.active] };
    }
    case "Escape": {
      if (!list.open) {
        return unhandled;
      }
      // The items stay, so ArrowDown shows them again.
      return { list: Object.freeze({ ...list, open: false, active: -1 }), handled: true, picked: null };
    }
    default:
      return unhandled;
  }
}

function moved(list, active) {
  return { list: Object.freeze({ ...list, open: true, active }), handled: true, picked: null };
}

// Pick the item at `index`, e.g. on a click. Returns {list, picked}, with
// picked null for an index outside the list.
export function pickAt(list, index) {
  if (!Number.isInteger(index) || index < 0 || index >= list.items.length) {
    return { list, picked: null };
  }
  return { list: closedList(), picked: list.items[index] };
}

// Hide the list, e.g. when the field loses focus. The items stay.
export function hideList(list) {
  return list.open ? Object.freeze({ ...list, open: false, active: -1 }) : list;
}

// Edit-form logic: which fields changed and what to send. DOM-free.

// Fields that PUT /counterparty accepts and the edit form shows.
export const EDITABLE_FIELDS = Object.freeze(["first_name", "last_name", "email", "address"]);

function normalize(value) {
  if (value === null || value === undefined) {
    return "";
  }
  return String(value).trim();
}

// Build the PUT body: only the editable fields whose trimmed value differs
// from the original. A field emptied by the user is sent as null. A field
// that was null and is still empty is no change, and so is a field missing
// from `values`.
export function diffForm(original, values) {
  const source = original ?? {};
  const changes = {};

  for (const field of EDITABLE_FIELDS) {
    if (values === null || values === undefined || !Object.hasOwn(values, field)) {
      continue;
    }

    const before = normalize(source[field]);
    const after = normalize(values[field]);
    if (before !== after) {
      changes[field] = after === "" ? null : after;
    }
  }

  return changes;
}

export function hasChanges(original, values) {
  return Object.keys(diffForm(original, values)).length > 0;
}

// Return true unless `email` is non-empty and plainly not an address. The
// check is loose on purpose: the shop's server has the final word, and an
// empty value clears the address.
export function isPlausibleEmail(email) {
  const value = normalize(email);
  return value === "" || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value);
}

// Compare what the user typed in the delete dialog with the confirmation
// word, ignoring case and surrounding spaces.
export function confirmWordMatches(typed, word, locale) {
  const expected = normalize(word);
  if (expected === "") {
    return false;
  }
  return normalize(typed).toLocaleUpperCase(locale) === expected.toLocaleUpperCase(locale);
}

// Return the id of `counterparty` as save_draft expects it (a non-negative
// integer), or null when it has none. Without an id no draft is kept,
// because a draft must never be applied to another account.
export function draftOwnerId(counterparty) {
  const id = counterparty?.id;
  if (typeof id === "number" && Number.isSafeInteger(id) && id >= 0) {
    return id;
  }
  if (typeof id === "string" && /^\d+$/.test(id.trim())) {
    const parsed = Number(id.trim());
    return Number.isSafeInteger(parsed) ? parsed : null;
  }
  return null;
}

// Build the save_draft argument from the form's `values`: every editable
// field as typed, "" for a missing one. Returns null when `counterparty`
// has no id.
export function buildDraft(counterparty, values) {
  const ownerId = draftOwnerId(counterparty);
  if (ownerId === null) {
    return null;
  }

  const draft = { counterparty_id: ownerId };
  for (const field of EDITABLE_FIELDS) {
    const value = values?.[field];
    draft[field] = typeof value === "string" ? value : "";
  }
  return draft;
}

// Return the form values of `draft` when it belongs to `counterparty` and
// differs from it, or null: for another customer, for a counterparty
// without an id, for a draft that matches the card already, and for
// anything that is not a draft object.
export function draftValuesFor(draft, counterparty) {
  if (draft === null || typeof draft !== "object" || Array.isArray(draft)) {
    return null;
  }

  const ownerId = draftOwnerId(counterparty);
  if (ownerId === null || draftOwnerId({ id: draft.counterparty_id }) !== ownerId) {
    return null;
  }

  const values = {};
  for (const field of EDITABLE_FIELDS) {
    values[field] = typeof draft[field] === "string" ? draft[field] : "";
  }
  return hasChanges(counterparty, values) ? values : null;
}

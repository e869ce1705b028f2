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

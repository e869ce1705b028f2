import assert from "node:assert/strict";
import { describe, test } from "node:test";

import { confirmWordMatches, diffForm, hasChanges, isPlausibleEmail } from "../js/form.js";

const ORIGINAL = Object.freeze({
  id: 1,
  first_name: "Алексей",
  last_name: "Петров",
  middle_name: "Викторович",
  email: "support@itecho.ru",
  address: null,
  phone_1: "79999999990",
});

const UNCHANGED = Object.freeze({
  first_name: "Алексей",
  last_name: "Петров",
  email: "support@itecho.ru",
  address: "",
});

describe("diffForm", () => {
  test("unchanged form gives an empty body", () => {
    assert.deepEqual(diffForm(ORIGINAL, UNCHANGED), {});
    assert.equal(hasChanges(ORIGINAL, UNCHANGED), false);
  });

  test("changed fields are sent alone", () => {
    const values = { ...UNCHANGED, email: "a@b.ru", address: "Новосибирск" };
    assert.deepEqual(diffForm(ORIGINAL, values), { email: "a@b.ru", address: "Новосибирск" });
    assert.equal(hasChanges(ORIGINAL, values), true);
  });

  test("cleared field becomes null", () => {
    assert.deepEqual(diffForm(ORIGINAL, { ...UNCHANGED, email: "" }), { email: null });
    assert.deepEqual(diffForm(ORIGINAL, { ...UNCHANGED, first_name: "   " }), { first_name: null });
  });

  test("values are trimmed", () => {
    assert.deepEqual(diffForm(ORIGINAL, { ...UNCHANGED, last_name: "  Сидоров \n" }), { last_name: "Сидоров" });
  });

  test("whitespace-only edits are no change", () => {
    assert.deepEqual(diffForm(ORIGINAL, { ...UNCHANGED, first_name: " Алексей  " }), {});
    assert.deepEqual(diffForm({ ...ORIGINAL, first_name: " Алексей " }, UNCHANGED), {});
  });

  test("null original and empty value is no change", () => {
    assert.deepEqual(diffForm(ORIGINAL, { ...UNCHANGED, address: "" }), {});
    assert.deepEqual(diffForm(ORIGINAL, { ...UNCHANGED, address: "  " }), {});
    assert.deepEqual(diffForm({ ...ORIGINAL, email: null }, { ...UNCHANGED, email: "" }), {});
  });

  test("null original and new text is a change", () => {
    assert.deepEqual(diffForm(ORIGINAL, { ...UNCHANGED, address: "ул. Ленина, 1" }), { address: "ул. Ленина, 1" });
  });

  test("only editable fields are sent", () => {
    const values = { ...UNCHANGED, middle_name: "Иванович", phone_1: "71111111111", id: 7 };
    assert.deepEqual(diffForm(ORIGINAL, values), {});
  });

  test("missing values are left alone", () => {
    assert.deepEqual(diffForm(ORIGINAL, { email: "new@mail.ru" }), { email: "new@mail.ru" });
    assert.deepEqual(diffForm(ORIGINAL, {}), {});
    assert.deepEqual(diffForm(ORIGINAL, null), {});
  });

  test("null original counterparty", () => {
    assert.deepEqual(diffForm(null, { first_name: "Анна", email: "" }), { first_name: "Анна" });
  });
});

describe("isPlausibleEmail", () => {
  test("accepts addresses and empty values", () => {
    assert.equal(isPlausibleEmail("support@itecho.ru"), true);
    assert.equal(isPlausibleEmail(" a.b+c@почта.рф "), true);
    assert.equal(isPlausibleEmail(""), true);
    assert.equal(isPlausibleEmail(null), true);
  });

  test("rejects plain non-addresses", () => {
    assert.equal(isPlausibleEmail("support"), false);
    assert.equal(isPlausibleEmail("support@"), false);
    assert.equal(isPlausibleEmail("a b@mail.ru"), false);
    assert.equal(isPlausibleEmail("a@mail"), false);
  });
});

describe("confirmWordMatches", () => {
  test("ignores case and surrounding spaces", () => {
    assert.equal(confirmWordMatches("УДАЛИТЬ", "УДАЛИТЬ", "ru"), true);
    assert.equal(confirmWordMatches("  удалить ", "УДАЛИТЬ", "ru"), true);
    assert.equal(confirmWordMatches("delete", "DELETE", "en"), true);
  });

  test("rejects other words", () => {
    assert.equal(confirmWordMatches("УДАЛИ", "УДАЛИТЬ", "ru"), false);
    assert.equal(confirmWordMatches("DELETE", "УДАЛИТЬ", "ru"), false);
    assert.equal(confirmWordMatches("", "УДАЛИТЬ", "ru"), false);
    assert.equal(confirmWordMatches(null, "УДАЛИТЬ", "ru"), false);
    assert.equal(confirmWordMatches("", "", "ru"), false);
  });
});

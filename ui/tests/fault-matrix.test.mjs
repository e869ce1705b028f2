// Every fault in tests/fault-matrix.json that ends in an error shows the
// listed Russian message. The Rust tests check that each fault produces
// that error, so together they cover fault → error → message.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import { messageFor } from "../js/errors.js";
import { setLocale } from "../js/i18n.js";

const matrixUrl = new URL("../../tests/fault-matrix.json", import.meta.url);
const { faults } = JSON.parse(readFileSync(matrixUrl, "utf8"));

test("fault matrix has every case", () => {
  assert.ok(faults.length >= 20, `the matrix lost cases: ${faults.length}`);
});

for (const fault of faults.filter((entry) => entry.error !== null)) {
  test(`fault message: ${fault.fault}`, () => {
    setLocale("ru");
    assert.equal(messageFor(fault.error, fault.context), fault.message);
  });
}

test("fault messages never show raw details", () => {
  setLocale("ru");
  for (const fault of faults.filter((entry) => entry.error !== null)) {
    const message = messageFor(fault.error, fault.context);
    assert.doesNotMatch(message, /\b\d{3}\b|null|undefined|JSON|токен/i, `${fault.fault}: ${message}`);
  }
});

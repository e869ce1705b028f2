import assert from "node:assert/strict";
import { afterEach, describe, test } from "node:test";

import { decidePollStep, POLL_INTERVAL_MS, readCallbackStart } from "../js/callback-auth.js";
import { setLocale } from "../js/i18n.js";

const EXPIRED_RU = "Время вышло. Начните вход заново.";
const UNAVAILABLE_RU = "Вход по звонку сейчас недоступен. Войдите по коду из звонка.";
const OFFLINE_NOTE_RU = "Нет связи с сервером. Продолжаем проверять звонок…";
const SERVER_NOTE_RU = "Сервер магазина не отвечает. Продолжаем проверять звонок…";
const UNEXPECTED_RU = "Сервер магазина ответил не так, как ожидалось. Попробуйте позже или обратитесь в магазин.";

afterEach(() => setLocale("ru"));

describe("readCallbackStart", () => {
  test("reads number and lifetime", () => {
    assert.deepEqual(readCallbackStart({ callback_number: "78000000000", expires_in_secs: 300 }), {
      number: "78000000000",
      expiresInSecs: 300,
    });
  });

  test("trims the number", () => {
    assert.equal(readCallbackStart({ callback_number: " 78000000000 ", expires_in_secs: 60 }).number, "78000000000");
  });

  test("missing lifetime falls back to 300 s", () => {
    for (const expires of [undefined, null, 0, -1, "soon"]) {
      assert.equal(readCallbackStart({ callback_number: "78000000000", expires_in_secs: expires }).expiresInSecs, 300, String(expires));
    }
  });

  test("no number gives null", () => {
    for (const result of [null, undefined, "78000000000", {}, { callback_number: "" }, { callback_number: "abc" }, { callback_number: 78000000000 }]) {
      assert.equal(readCallbackStart(result), null, JSON.stringify(result));
    }
  });
});

describe("decidePollStep results", () => {
  test("pending polls again with the server count", () => {
    assert.deepEqual(decidePollStep({ result: { status: "pending", remaining_secs: 287 } }), {
      action: "poll",
      delayMs: POLL_INTERVAL_MS,
      remainingSecs: 287,
      note: "",
    });
  });

  test("pending without a count keeps the local one", () => {
    for (const remaining of [undefined, null, -1, "soon"]) {
      const step = decidePollStep({ result: { status: "pending", remaining_secs: remaining } });
      assert.equal(step.action, "poll", String(remaining));
      assert.equal(step.remainingSecs, null, String(remaining));
    }
  });

  test("signed_in hands over the counterparty", () => {
    const counterparty = { id: 7, phone_1: "79999999990" };
    assert.deepEqual(decidePollStep({ result: { status: "signed_in", counterparty } }), { action: "signed_in", counterparty });
  });

  test("signed_in without a counterparty stops", () => {
    assert.deepEqual(decidePollStep({ result: { status: "signed_in", counterparty: null } }), { action: "stop", message: UNEXPECTED_RU });
  });

  test("expired stops with start-again message", () => {
    assert.deepEqual(decidePollStep({ result: { status: "expired" } }), { action: "stop", message: EXPIRED_RU });
  });

  test("unknown status stops", () => {
    for (const result of [{ status: "verified" }, {}, null]) {
      assert.equal(decidePollStep({ result }).action, "stop", JSON.stringify(result));
    }
  });

  test("expired in English", () => {
    setLocale("en");
    assert.equal(decidePollStep({ result: { status: "expired" } }).message, "Time is up. Please start signing in again.");
  });
});

describe("decidePollStep errors", () => {
  test("conflict means not confirmed yet", () => {
    assert.deepEqual(decidePollStep({ error: { kind: "conflict" } }), {
      action: "poll",
      delayMs: POLL_INTERVAL_MS,
      remainingSecs: null,
      note: "",
    });
  });

  test("rate_limited waits retry_after_secs", () => {
    assert.equal(decidePollStep({ error: { kind: "rate_limited", retry_after_secs: 10 } }).delayMs, 10_000);
    assert.equal(decidePollStep({ error: { kind: "rate_limited", retry_after_secs: 4.5 } }).delayMs, 4500);
  });

  test("rate_limited waits at least 4 s", () => {
    for (const retry of [1, 0, null, undefined, "soon"]) {
      const step = decidePollStep({ error: { kind: "rate_limited", retry_after_secs: retry } });
      assert.equal(step.action, "poll", String(retry));
      assert.equal(step.delayMs, POLL_INTERVAL_MS, String(retry));
    }
  });

  test("offline and timeout keep polling with a note", () => {
    for (const kind of ["offline", "timeout"]) {
      const step = decidePollStep({ error: { kind } });
      assert.equal(step.action, "poll", kind);
      assert.equal(step.delayMs, POLL_INTERVAL_MS, kind);
      assert.equal(step.note, OFFLINE_NOTE_RU, kind);
    }
  });

  test("server 5xx keeps polling with a note", () => {
    const step = decidePollStep({ error: { kind: "server", status: 502 } });
    assert.equal(step.action, "poll");
    assert.equal(step.note, SERVER_NOTE_RU);
  });

  test("server 503 stops: call service down", () => {
    assert.deepEqual(decidePollStep({ error: { kind: "server", status: 503 } }), { action: "stop", message: UNAVAILABLE_RU });
  });

  test("gone stops with start-again message", () => {
    assert.deepEqual(decidePollStep({ error: { kind: "gone" } }), { action: "stop", message: EXPIRED_RU });
  });

  test("not_found stops: attempt unknown", () => {
    assert.deepEqual(decidePollStep({ error: { kind: "not_found" } }), {
      action: "stop",
      message: "Этот вход больше не действует. Начните вход заново.",
    });
  });

  test("other errors stop", () => {
    for (const error of [{ kind: "unauthorized" }, { kind: "unexpected_response" }, { kind: "weird" }, "boom", { kind: 1 }]) {
      const step = decidePollStep({ error });
      assert.equal(step.action, "stop", JSON.stringify(error));
      assert.equal(typeof step.message, "string", JSON.stringify(error));
      assert.notEqual(step.message, "", JSON.stringify(error));
    }
  });

  test("offline note in English", () => {
    setLocale("en");
    assert.equal(decidePollStep({ error: { kind: "offline" } }).note, "Can't reach the server. Still checking for your call…");
  });
});

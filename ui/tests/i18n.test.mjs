import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { afterEach, describe, test } from "node:test";

import { CATALOGUES, getLocale, M, resolveLocale, setLocale, t } from "../js/i18n.js";
import { allKeys } from "../js/i18n/keys.js";

const PLURAL_CATEGORIES = Object.freeze({
  ru: ["few", "many", "one", "other"],
  en: ["one", "other"],
});

afterEach(() => setLocale("ru"));

describe("catalogues", () => {
  test("ru and en have the same keys", () => {
    assert.deepEqual(Object.keys(CATALOGUES.en).sort(), Object.keys(CATALOGUES.ru).sort());
  });

  test("catalogue keys match the key constants", () => {
    const expected = allKeys().sort();
    assert.equal(new Set(expected).size, expected.length);
    for (const locale of ["ru", "en"]) {
      assert.deepEqual(Object.keys(CATALOGUES[locale]).sort(), expected, locale);
    }
  });

  test("no message is empty", () => {
    for (const [locale, catalogue] of Object.entries(CATALOGUES)) {
      for (const [key, message] of Object.entries(catalogue)) {
        const texts = typeof message === "string" ? [message] : Object.values(message);
        for (const text of texts) {
          assert.equal(typeof text, "string", `${locale} ${key}`);
          assert.notEqual(text.trim(), "", `${locale} ${key}`);
        }
      }
    }
  });

  test("plural messages have every category", () => {
    for (const [locale, catalogue] of Object.entries(CATALOGUES)) {
      for (const [key, message] of Object.entries(catalogue)) {
        if (typeof message !== "string") {
          assert.deepEqual(Object.keys(message).sort(), PLURAL_CATEGORIES[locale], `${locale} ${key}`);
          assert.equal(typeof CATALOGUES[locale === "ru" ? "en" : "ru"][key], "object", `${key} plural in both`);
        }
      }
    }
  });

  test("placeholders match between locales", () => {
    const placeholders = (message) => {
      const texts = typeof message === "string" ? [message] : Object.values(message);
      return [...new Set(texts.flatMap((text) => text.match(/\{\w+\}/g) ?? []))].sort();
    };
    for (const key of Object.keys(CATALOGUES.ru)) {
      assert.deepEqual(placeholders(CATALOGUES.en[key]), placeholders(CATALOGUES.ru[key]), key);
    }
  });

  test("index.html keys exist", () => {
    const html = readFileSync(new URL("../index.html", import.meta.url), "utf8");
    const keys = [...html.matchAll(/data-i18n(?:-aria-label|-placeholder)?="([^"]+)"/g)].map((match) => match[1]);
    assert.ok(keys.length > 40, `found ${keys.length} keys`);
    for (const key of keys) {
      assert.ok(Object.hasOwn(CATALOGUES.ru, key), `unknown key ${key}`);
    }
  });

  test("index.html has no Cyrillic text", () => {
    const html = readFileSync(new URL("../index.html", import.meta.url), "utf8");
    assert.equal(/[А-Яа-яЁё]/.test(html), false);
  });
});

describe("resolveLocale", () => {
  test("explicit setting wins", () => {
    assert.equal(resolveLocale("ru", "en-US"), "ru");
    assert.equal(resolveLocale("en", "ru-RU"), "en");
  });

  test("system picks English only for English", () => {
    assert.equal(resolveLocale("system", "en-US"), "en");
    assert.equal(resolveLocale("system", "en"), "en");
    assert.equal(resolveLocale("system", "en_GB.UTF-8"), "en");
    assert.equal(resolveLocale("system", "EN-gb"), "en");
  });

  test("system defaults to Russian", () => {
    assert.equal(resolveLocale("system", "ru-RU"), "ru");
    assert.equal(resolveLocale("system", "de-DE"), "ru");
    assert.equal(resolveLocale("system", "uk-UA"), "ru");
    assert.equal(resolveLocale("system", "eng"), "ru");
    assert.equal(resolveLocale("system", ""), "ru");
    assert.equal(resolveLocale("system", null), "ru");
  });

  test("unknown setting behaves as system", () => {
    assert.equal(resolveLocale("fr", "en-US"), "en");
    assert.equal(resolveLocale(undefined, "ru-RU"), "ru");
    assert.equal(resolveLocale(null, undefined), "ru");
  });
});

describe("t", () => {
  test("translates in the current locale", () => {
    assert.equal(setLocale("ru"), "ru");
    assert.equal(t(M.signIn.getCall), "Получить звонок");
    setLocale("en");
    assert.equal(getLocale(), "en");
    assert.equal(t(M.signIn.getCall), "Get a call");
  });

  test("unknown locale falls back to Russian", () => {
    assert.equal(setLocale("de"), "ru");
    assert.equal(t(M.card.notSpecified), "не указано");
  });

  test("fills placeholders", () => {
    assert.equal(t(M.signIn.callingTo, { phone: "+7 (999) 999-99-90" }), "Звоним на номер +7 (999) 999-99-90.");
    assert.equal(t(M.deleteDialog.confirmPrompt, { word: "УДАЛИТЬ" }), "Чтобы подтвердить, введите слово УДАЛИТЬ");
  });

  test("keeps a placeholder without a value", () => {
    assert.equal(t(M.settings.version), "Версия {version}");
  });

  test("picks plural forms for the countdown", () => {
    assert.equal(t(M.signIn.resendIn, { count: 59 }), "Позвонить ещё раз через 59 секунд");
    assert.equal(t(M.signIn.resendIn, { count: 1 }), "Позвонить ещё раз через 1 секунду");
    assert.equal(t(M.signIn.resendIn, { count: 2 }), "Позвонить ещё раз через 2 секунды");
    assert.equal(t(M.signIn.resendIn, { count: 21 }), "Позвонить ещё раз через 21 секунду");
    setLocale("en");
    assert.equal(t(M.signIn.resendIn, { count: 1 }), "Call me again in 1 second");
    assert.equal(t(M.signIn.resendIn, { count: 59 }), "Call me again in 59 seconds");
  });

  test("fills the callback and demo texts", () => {
    assert.equal(t(M.signIn.callbackCountdown, { time: "4:47" }), "Осталось времени: 4:47");
    assert.equal(
      t(M.signIn.demoHint, { phone: "+7 (999) 999-99-90", code: "1111" }),
      "Демо: номер +7 (999) 999-99-90, код 1111. Вход по звонку на номер подтвердится сам через несколько секунд.",
    );
    setLocale("en");
    assert.equal(t(M.signIn.callbackCountdown, { time: "0:09" }), "Time left: 0:09");
    assert.equal(t(M.signIn.callbackIntro, { phone: "+7 (999) 999-99-90" }), "Call this number from +7 (999) 999-99-90:");
  });

  test("unknown key returns the key", () => {
    assert.equal(t("no.such.key"), "no.such.key");
    assert.equal(t(undefined), "undefined");
  });

  test("key constants are frozen", () => {
    assert.equal(Object.isFrozen(M), true);
    assert.equal(Object.isFrozen(M.signIn), true);
    assert.equal(M.signIn.getCall, "signIn.getCall");
  });
});

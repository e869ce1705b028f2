import assert from "node:assert/strict";
import { afterEach, describe, test } from "node:test";

import { errorKind, fieldMessages, isCallServiceDown, messageFor, needsSignIn } from "../js/errors.js";
import { setLocale } from "../js/i18n.js";

const CONTEXTS = Object.freeze([
  "send_password",
  "login",
  "callback_start",
  "callback",
  "load",
  "save",
  "delete",
  "demo",
  "settings",
  "sign_out",
]);

const GENERIC_RU = "Что-то пошло не так. Попробуйте ещё раз.";
const GENERIC_EN = "Something went wrong. Please try again.";

// Expected Russian messages: a default for every context, and overrides.
const RU = Object.freeze({
  offline: {
    default: "Нет связи с сервером. Проверьте интернет и попробуйте ещё раз.",
    save: "Не удалось сохранить: нет связи с сервером. Проверьте интернет и попробуйте ещё раз.",
    delete: "Не удалось удалить аккаунт: нет связи с сервером. Проверьте интернет и попробуйте ещё раз.",
    demo: "Не удалось запустить демо. Перезапустите приложение и попробуйте снова.",
  },
  timeout: {
    default: "Сервер магазина не ответил вовремя. Попробуйте ещё раз через минуту.",
    demo: "Не удалось запустить демо. Перезапустите приложение и попробуйте снова.",
  },
  unauthorized: {
    default: "Сеанс истёк. Войдите снова.",
    save: "Сеанс истёк. Чтобы сохранить изменения, войдите снова.",
    send_password: "Магазин не принимает вход через это приложение. Обратитесь в магазин или проверьте настройки.",
    login: "Магазин не принимает вход через это приложение. Обратитесь в магазин или проверьте настройки.",
    callback_start: "Магазин не принимает вход через это приложение. Обратитесь в магазин или проверьте настройки.",
    callback: "Магазин не принимает вход через это приложение. Обратитесь в магазин или проверьте настройки.",
  },
  forbidden: {
    default: "Магазин не разрешает это действие. Обратитесь в магазин.",
    send_password: "Магазин не разрешает вход с этим номером. Обратитесь в магазин.",
    login: "Магазин не разрешает вход с этим номером. Обратитесь в магазин.",
    callback_start: "Магазин не разрешает вход с этим номером. Обратитесь в магазин.",
    callback: "Магазин не разрешает вход с этим номером. Обратитесь в магазин.",
  },
  not_found: {
    default: "Магазин не нашёл нужные данные. Попробуйте позже или обратитесь в магазин.",
    send_password: "Клиент с таким номером не найден. Проверьте номер или обратитесь в магазин.",
    login: "Клиент с таким номером не найден. Проверьте номер или обратитесь в магазин.",
    callback_start: "Клиент с таким номером не найден. Проверьте номер или обратитесь в магазин.",
    callback: "Этот вход больше не действует. Начните вход заново.",
    load: "Аккаунт не найден: возможно, он удалён. Войдите снова или обратитесь в магазин.",
    save: "Аккаунт не найден: возможно, он удалён. Войдите снова или обратитесь в магазин.",
    delete: "Аккаунт не найден: возможно, он удалён. Войдите снова или обратитесь в магазин.",
  },
  validation: {
    default: "Магазин не принял данные. Проверьте их и попробуйте ещё раз.",
    send_password: "Магазин не принял этот номер. Проверьте его и попробуйте ещё раз.",
    callback_start: "Магазин не принял этот номер. Проверьте его и попробуйте ещё раз.",
    login: "Неверный код. Проверьте последние 4 цифры номера, с которого вам позвонили.",
    save: "Магазин не принял изменения. Проверьте поля и попробуйте ещё раз.",
  },
  // DETAILS gives the server error status 503: the call service is down.
  server: {
    default: "Сервер магазина временно не отвечает. Попробуйте позже.",
    demo: "Не удалось запустить демо. Перезапустите приложение и попробуйте снова.",
    callback_start: "Вход по звонку сейчас недоступен. Войдите по коду из звонка.",
    callback: "Вход по звонку сейчас недоступен. Войдите по коду из звонка.",
  },
  conflict: {
    default: "Это действие уже выполняется. Подождите немного и попробуйте ещё раз.",
    callback_start: "Вход по звонку для этого номера уже начат. Подождите несколько минут или войдите по коду из звонка.",
  },
  gone: { default: "Время вышло. Начните вход заново." },
  unexpected_response: {
    default: "Сервер магазина ответил не так, как ожидалось. Попробуйте позже или обратитесь в магазин.",
    demo: "Не удалось запустить демо. Перезапустите приложение и попробуйте снова.",
  },
  invalid_phone: { default: "Введите номер полностью: 10 цифр после +7." },
  invalid_code: { default: "Код состоит из 4 цифр." },
  not_configured: { default: "Магазин не настроен. Откройте настройки или попробуйте демо." },
  not_signed_in: {
    default: "Войдите, чтобы продолжить.",
    callback: "Этот вход больше не действует. Начните вход заново.",
  },
  demo_failed: { default: "Не удалось запустить демо. Перезапустите приложение и попробуйте снова." },
  settings_io: {
    default: "Не удалось прочитать или записать настройки приложения. Перезапустите приложение и попробуйте снова.",
    settings: "Не удалось сохранить настройки. Проверьте, что на диске есть свободное место, и попробуйте ещё раз.",
  },
  keychain: {
    default: "Нет доступа к хранилищу паролей системы. Разблокируйте его и попробуйте ещё раз.",
    settings: "Не удалось сохранить настройки: нет доступа к хранилищу паролей системы. Разблокируйте его и попробуйте ещё раз.",
  },
});

const EN = Object.freeze({
  offline: {
    default: "Can't reach the server. Check your internet connection and try again.",
    save: "Couldn't save: can't reach the server. Check your internet connection and try again.",
    delete: "Couldn't delete the account: can't reach the server. Check your internet connection and try again.",
    demo: "Couldn't start the demo. Restart the app and try again.",
  },
  timeout: {
    default: "The shop's server didn't answer in time. Try again in a minute.",
    demo: "Couldn't start the demo. Restart the app and try again.",
  },
  unauthorized: {
    default: "Your session has expired. Please sign in again.",
    save: "Your session has expired. Sign in again to save your changes.",
    send_password: "The shop doesn't accept sign-in from this app. Contact the shop or check the settings.",
    login: "The shop doesn't accept sign-in from this app. Contact the shop or check the settings.",
    callback_start: "The shop doesn't accept sign-in from this app. Contact the shop or check the settings.",
    callback: "The shop doesn't accept sign-in from this app. Contact the shop or check the settings.",
  },
  forbidden: {
    default: "The shop doesn't allow this. Please contact the shop.",
    send_password: "The shop doesn't allow sign-in with this number. Please contact the shop.",
    login: "The shop doesn't allow sign-in with this number. Please contact the shop.",
    callback_start: "The shop doesn't allow sign-in with this number. Please contact the shop.",
    callback: "The shop doesn't allow sign-in with this number. Please contact the shop.",
  },
  not_found: {
    default: "The shop couldn't find the data. Try again later or contact the shop.",
    send_password: "No customer with this number was found. Check the number or contact the shop.",
    login: "No customer with this number was found. Check the number or contact the shop.",
    callback_start: "No customer with this number was found. Check the number or contact the shop.",
    callback: "This sign-in attempt is no longer valid. Please start again.",
    load: "Account not found: it may have been deleted. Sign in again or contact the shop.",
    save: "Account not found: it may have been deleted. Sign in again or contact the shop.",
    delete: "Account not found: it may have been deleted. Sign in again or contact the shop.",
  },
  validation: {
    default: "The shop didn't accept the data. Check it and try again.",
    send_password: "The shop didn't accept this number. Check it and try again.",
    callback_start: "The shop didn't accept this number. Check it and try again.",
    login: "Wrong code. Check the last 4 digits of the number that called you.",
    save: "The shop didn't accept the changes. Check the fields and try again.",
  },
  server: {
    default: "The shop's server is temporarily unavailable. Try again later.",
    demo: "Couldn't start the demo. Restart the app and try again.",
    callback_start: "Sign-in by calling is unavailable right now. Sign in with a code from a call instead.",
    callback: "Sign-in by calling is unavailable right now. Sign in with a code from a call instead.",
  },
  conflict: {
    default: "This is already in progress. Wait a little and try again.",
    callback_start: "Sign-in by calling has already started for this number. Wait a few minutes or sign in with a code from a call.",
  },
  gone: { default: "Time is up. Please start signing in again." },
  unexpected_response: {
    default: "The shop's server sent an unexpected answer. Try again later or contact the shop.",
    demo: "Couldn't start the demo. Restart the app and try again.",
  },
  invalid_phone: { default: "Enter the full number: 10 digits after +7." },
  invalid_code: { default: "The code is 4 digits." },
  not_configured: { default: "The shop isn't set up yet. Open the settings or try the demo." },
  not_signed_in: {
    default: "Sign in to continue.",
    callback: "This sign-in attempt is no longer valid. Please start again.",
  },
  demo_failed: { default: "Couldn't start the demo. Restart the app and try again." },
  settings_io: {
    default: "Couldn't read or write the app settings. Restart the app and try again.",
    settings: "Couldn't save the settings. Make sure there is free disk space and try again.",
  },
  keychain: {
    default: "Can't access the system password store. Unlock it and try again.",
    settings: "Couldn't save the settings: can't access the system password store. Unlock it and try again.",
  },
});

const DETAILS = Object.freeze({
  validation: { message: "The given data was invalid.", fields: { phone: ["bad"] } },
  server: { status: 503 },
  unexpected_response: { status: 418, detail: "expected JSON, got HTML" },
  demo_failed: { detail: "port in use" },
  settings_io: { detail: "EACCES" },
  keychain: { detail: "locked collection" },
});

// Words and values that must never reach the user.
const FORBIDDEN = [/null/i, /undefined/i, /токен/i, /token/i, /json/i, /\b\d{3}\b/, /\[object/i, /\{\w+\}/];

function checkTable(locale, table) {
  setLocale(locale);
  for (const [kind, expected] of Object.entries(table)) {
    for (const context of CONTEXTS) {
      const error = { kind, ...(DETAILS[kind] ?? {}) };
      const message = messageFor(error, context);
      assert.equal(message, expected[context] ?? expected.default, `${locale} ${kind} in ${context}`);
      for (const pattern of FORBIDDEN) {
        assert.doesNotMatch(message, pattern, `${locale} ${kind} in ${context}`);
      }
    }
  }
}

afterEach(() => setLocale("ru"));

describe("messageFor", () => {
  test("every kind in every context, ru", () => {
    checkTable("ru", RU);
  });

  test("every kind in every context, en", () => {
    checkTable("en", EN);
  });

  test("rate_limited counts seconds", () => {
    assert.equal(messageFor({ kind: "rate_limited", retry_after_secs: 1 }, "send_password"), "Слишком много попыток. Попробуйте через 1 секунду.");
    assert.equal(messageFor({ kind: "rate_limited", retry_after_secs: 3 }, "login"), "Слишком много попыток. Попробуйте через 3 секунды.");
    assert.equal(messageFor({ kind: "rate_limited", retry_after_secs: 45 }, "save"), "Слишком много попыток. Попробуйте через 45 секунд.");
    assert.equal(messageFor({ kind: "rate_limited", retry_after_secs: 2.2 }, "save"), "Слишком много попыток. Попробуйте через 3 секунды.");
  });

  test("rate_limited counts minutes from 60 s", () => {
    assert.equal(messageFor({ kind: "rate_limited", retry_after_secs: 60 }, "load"), "Слишком много попыток. Попробуйте через 1 минуту.");
    assert.equal(messageFor({ kind: "rate_limited", retry_after_secs: 61 }, "load"), "Слишком много попыток. Попробуйте через 2 минуты.");
    assert.equal(messageFor({ kind: "rate_limited", retry_after_secs: 300 }, "load"), "Слишком много попыток. Попробуйте через 5 минут.");
  });

  test("rate_limited without a delay", () => {
    const expected = "Слишком много попыток. Подождите немного и попробуйте ещё раз.";
    assert.equal(messageFor({ kind: "rate_limited", retry_after_secs: null }, "login"), expected);
    assert.equal(messageFor({ kind: "rate_limited" }, "login"), expected);
    assert.equal(messageFor({ kind: "rate_limited", retry_after_secs: 0 }, "login"), expected);
    assert.equal(messageFor({ kind: "rate_limited", retry_after_secs: "soon" }, "login"), expected);
  });

  test("rate_limited in English", () => {
    setLocale("en");
    assert.equal(messageFor({ kind: "rate_limited", retry_after_secs: 1 }, "login"), "Too many attempts. Try again in 1 second.");
    assert.equal(messageFor({ kind: "rate_limited", retry_after_secs: 30 }, "login"), "Too many attempts. Try again in 30 seconds.");
    assert.equal(messageFor({ kind: "rate_limited", retry_after_secs: 120 }, "login"), "Too many attempts. Try again in 2 minutes.");
    assert.equal(messageFor({ kind: "rate_limited", retry_after_secs: null }, "login"), "Too many attempts. Wait a little and try again.");
  });

  test("invalid_base_url names the value", () => {
    assert.equal(
      messageFor({ kind: "invalid_base_url", value: "http://shop.ru/api", reason: "not_https" }, "settings"),
      "Адрес «http://shop.ru/api» должен начинаться с https:// (http:// можно только для этого компьютера).",
    );
    assert.equal(
      messageFor({ kind: "invalid_base_url", value: "api gigma", reason: "malformed" }, "settings"),
      "«api gigma» не похоже на адрес сервера. Введите его целиком, например https://api.gigma.ru/api.",
    );
    setLocale("en");
    assert.equal(
      messageFor({ kind: "invalid_base_url", value: "http://shop.ru/api", reason: "not_https" }, "settings"),
      "The address “http://shop.ru/api” must start with https:// (http:// only for this computer).",
    );
  });

  test("invalid_base_url without a value", () => {
    assert.equal(
      messageFor({ kind: "invalid_base_url", value: null, reason: "not_https" }, "settings"),
      "Адрес должен начинаться с https:// (http:// можно только для этого компьютера).",
    );
    assert.equal(
      messageFor({ kind: "invalid_base_url", reason: "malformed" }, "settings"),
      "Это не похоже на адрес сервера. Введите его целиком, например https://api.gigma.ru/api.",
    );
  });

  test("export_failed names the folder", () => {
    assert.equal(
      messageFor({ kind: "export_failed", folder: "/home/anna/Документы" }, "export"),
      "Не удалось сохранить данные в папку /home/anna/Документы. Выберите другую папку и попробуйте ещё раз.",
    );
    setLocale("en");
    assert.equal(
      messageFor({ kind: "export_failed", folder: "C:\\Users\\anna" }, "export"),
      "Couldn't save your data in C:\\Users\\anna. Choose another folder and try again.",
    );
  });

  test("export_failed without a folder", () => {
    assert.equal(messageFor({ kind: "export_failed", folder: " " }, "export"), GENERIC_RU);
    assert.equal(messageFor({ kind: "export_failed" }, "export"), GENERIC_RU);
  });

  test("non-object errors get the generic message", () => {
    for (const error of [null, undefined, "network error", 404, new Error("boom"), {}, { kind: 5 }, []]) {
      assert.equal(messageFor(error, "save"), GENERIC_RU, String(error));
    }
  });

  test("unknown kinds get the generic message", () => {
    for (const kind of ["ipc_unavailable", "", "toString", "__proto__", "constructor", "hasOwnProperty"]) {
      assert.equal(messageFor({ kind }, "login"), GENERIC_RU, kind);
    }
    setLocale("en");
    assert.equal(messageFor({ kind: "weird" }, "load"), GENERIC_EN);
  });

  test("server errors other than 503 in callback", () => {
    for (const status of [500, 502, 504, undefined]) {
      assert.equal(messageFor({ kind: "server", status }, "callback"), RU.server.default, String(status));
      assert.equal(messageFor({ kind: "server", status }, "callback_start"), RU.server.default, String(status));
    }
  });

  test("503 outside callback is a plain server error", () => {
    assert.equal(messageFor({ kind: "server", status: 503 }, "send_password"), RU.server.default);
    assert.equal(messageFor({ kind: "server", status: 503 }, "load"), RU.server.default);
  });

  test("rate_limited in callback counts seconds", () => {
    assert.equal(messageFor({ kind: "rate_limited", retry_after_secs: 5 }, "callback_start"), "Слишком много попыток. Попробуйте через 5 секунд.");
  });

  test("unknown context uses the defaults", () => {
    assert.equal(messageFor({ kind: "offline" }, "nowhere"), RU.offline.default);
    assert.equal(messageFor({ kind: "not_found" }, undefined), RU.not_found.default);
  });
});

describe("error helpers", () => {
  test("errorKind reads only string kinds", () => {
    assert.equal(errorKind({ kind: "offline" }), "offline");
    assert.equal(errorKind({ kind: 1 }), null);
    assert.equal(errorKind("offline"), null);
    assert.equal(errorKind(null), null);
  });

  test("fieldMessages takes the first message per field", () => {
    const error = {
      kind: "validation",
      message: "The given data was invalid.",
      fields: { email: ["Некорректный адрес почты.", "second"], first_name: [], address: [" "], last_name: "Слишком длинная фамилия." },
    };
    assert.deepEqual(fieldMessages(error), { email: "Некорректный адрес почты.", last_name: "Слишком длинная фамилия." });
  });

  test("fieldMessages ignores other errors", () => {
    assert.deepEqual(fieldMessages({ kind: "offline", fields: { email: ["x"] } }), {});
    assert.deepEqual(fieldMessages({ kind: "validation", fields: null }), {});
    assert.deepEqual(fieldMessages({ kind: "validation" }), {});
    assert.deepEqual(fieldMessages(null), {});
  });

  test("isCallServiceDown for server 503 only", () => {
    assert.equal(isCallServiceDown({ kind: "server", status: 503 }), true);
    assert.equal(isCallServiceDown({ kind: "server", status: "503" }), true);
    assert.equal(isCallServiceDown({ kind: "server", status: 500 }), false);
    assert.equal(isCallServiceDown({ kind: "server" }), false);
    assert.equal(isCallServiceDown({ kind: "unexpected_response", status: 503 }), false);
    assert.equal(isCallServiceDown(null), false);
  });

  test("needsSignIn for expired sessions only", () => {
    assert.equal(needsSignIn({ kind: "unauthorized" }), true);
    assert.equal(needsSignIn({ kind: "not_signed_in" }), true);
    assert.equal(needsSignIn({ kind: "forbidden" }), false);
    assert.equal(needsSignIn("unauthorized"), false);
  });
});

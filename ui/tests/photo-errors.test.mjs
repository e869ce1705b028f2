// Messages for photos the backend rejects and for the photo commands'
// failures, in both languages.

import assert from "node:assert/strict";
import { afterEach, describe, test } from "node:test";

import { messageFor } from "../js/errors.js";
import { setLocale } from "../js/i18n.js";

// What the backend sends: gigma_avatar::SUPPORTED_FORMATS and its limits.
const SUPPORTED = "JPEG, PNG, WebP, GIF";
const MAX_FILE_BYTES = 25 * 1024 * 1024;
const MAX_PIXELS = 100_000_000;
const MAX_SIDE = 20_000;

function rejected(problem, details = {}) {
  return { kind: "photo_rejected", problem, limit: null, detected: null, supported: SUPPORTED, ...details };
}

// Intl puts a no-break space between thousands in Russian.
const NBSP = "\u00a0";

afterEach(() => setLocale("ru"));

describe("photo_rejected, ru", () => {
  test("too large names the limit in MB", () => {
    assert.equal(messageFor(rejected("too_large", { limit: MAX_FILE_BYTES }), "photo_save"), "Файл больше 25 МБ. Выберите фото поменьше.");
  });

  test("too large with a fractional limit", () => {
    assert.equal(messageFor(rejected("too_large", { limit: 1.5 * 1024 * 1024 }), "photo_save"), "Файл больше 1,5 МБ. Выберите фото поменьше.");
  });

  test("too large without a limit", () => {
    assert.equal(messageFor(rejected("too_large"), "photo_save"), "Файл слишком большой. Выберите фото поменьше.");
  });

  test("too many pixels names megapixels", () => {
    assert.equal(
      messageFor(rejected("too_many_pixels", { limit: MAX_PIXELS }), "photo_save"),
      "В фото больше 100 мегапикселей. Уменьшите его или выберите другое фото.",
    );
    assert.equal(
      messageFor(rejected("too_many_pixels", { limit: 21_000_000 }), "photo_save"),
      "В фото больше 21 мегапикселя. Уменьшите его или выберите другое фото.",
    );
  });

  test("memory limit without a pixel limit", () => {
    assert.equal(
      messageFor(rejected("too_many_pixels"), "photo_save"),
      "Фото слишком большое, чтобы его обработать. Уменьшите его или выберите другое фото.",
    );
  });

  test("side too long names the pixels", () => {
    assert.equal(
      messageFor(rejected("side_too_long", { limit: MAX_SIDE }), "photo_save"),
      `Одна из сторон фото длиннее 20${NBSP}000 пикселей. Уменьшите его или выберите другое фото.`,
    );
  });

  test("unsupported format names the detected and supported ones", () => {
    assert.equal(
      messageFor(rejected("unsupported_format", { detected: "HEIC" }), "photo_save"),
      "Формат HEIC не поддерживается. Выберите фото в формате JPEG, PNG, WebP или GIF.",
    );
  });

  test("unrecognised file names the supported formats", () => {
    assert.equal(
      messageFor(rejected("unsupported_format"), "photo_save"),
      "Этот файл не похож на фото в поддерживаемом формате. Выберите фото в формате JPEG, PNG, WebP или GIF.",
    );
  });

  test("supported list follows the backend", () => {
    assert.equal(
      messageFor(rejected("unsupported_format", { detected: "TIFF", supported: "JPEG, PNG" }), "photo_save"),
      "Формат TIFF не поддерживается. Выберите фото в формате JPEG или PNG.",
    );
  });

  test("no supported list", () => {
    for (const supported of [undefined, null, "", " , "]) {
      assert.equal(
        messageFor(rejected("unsupported_format", { detected: "HEIC", supported }), "photo_save"),
        "Формат этого файла не поддерживается. Выберите фото в другом формате.",
        String(supported),
      );
    }
  });

  test("corrupt and failed", () => {
    assert.equal(
      messageFor(rejected("corrupt"), "photo_save"),
      "Файл повреждён или сохранён не полностью. Выберите другое фото или сохраните это фото заново.",
    );
    assert.equal(messageFor(rejected("failed"), "photo_save"), "Не удалось обработать фото. Попробуйте ещё раз или выберите другое фото.");
  });

  test("unknown problem falls back to failed", () => {
    for (const problem of ["something_new", undefined, null, "toString"]) {
      assert.equal(
        messageFor(rejected(problem), "photo_save"),
        "Не удалось обработать фото. Попробуйте ещё раз или выберите другое фото.",
        String(problem),
      );
    }
  });

  test("invalid limits are ignored", () => {
    for (const limit of [0, -5, "lots", Number.NaN]) {
      assert.equal(messageFor(rejected("too_large", { limit }), "photo_save"), "Файл слишком большой. Выберите фото поменьше.", String(limit));
    }
  });

  test("messages never show raw details", () => {
    const problems = ["too_large", "too_many_pixels", "side_too_long", "unsupported_format", "corrupt", "failed"];
    for (const problem of problems) {
      const message = messageFor(rejected(problem, { limit: MAX_SIDE }), "photo_save");
      assert.doesNotMatch(message, /null|undefined|\{\w+\}|photo_rejected|_/, `${problem}: ${message}`);
    }
  });
});

describe("photo_rejected, en", () => {
  test("every problem", () => {
    setLocale("en");
    const cases = [
      [rejected("too_large", { limit: MAX_FILE_BYTES }), "The file is larger than 25 MB. Choose a smaller photo."],
      [rejected("too_many_pixels", { limit: MAX_PIXELS }), "The photo has more than 100 megapixels. Shrink it or choose another photo."],
      [rejected("too_many_pixels", { limit: 1_000_000 }), "The photo has more than 1 megapixel. Shrink it or choose another photo."],
      [rejected("side_too_long", { limit: MAX_SIDE }), "A side of the photo is longer than 20,000 pixels. Shrink it or choose another photo."],
      [rejected("unsupported_format", { detected: "HEIC" }), "HEIC files are not supported. Choose a photo in JPEG, PNG, WebP, or GIF format."],
      [rejected("unsupported_format"), "This file doesn't look like a photo in a supported format. Choose a photo in JPEG, PNG, WebP, or GIF format."],
      [rejected("corrupt"), "The file is damaged or incomplete. Choose another photo or save this one again."],
      [rejected("failed"), "Couldn't process the photo. Try again or choose another photo."],
    ];
    for (const [error, expected] of cases) {
      assert.equal(messageFor(error, "photo_save"), expected, error.problem);
    }
  });
});

describe("photo commands", () => {
  test("unreadable file", () => {
    assert.equal(
      messageFor({ kind: "file_unreadable" }, "photo_save"),
      "Не удалось прочитать файл. Проверьте, что он на месте и открывается, и выберите его снова.",
    );
  });

  test("save failures", () => {
    assert.equal(
      messageFor({ kind: "offline" }, "photo_save"),
      "Не удалось сохранить фото: нет связи с сервером. Проверьте интернет и попробуйте ещё раз.",
    );
    assert.equal(messageFor({ kind: "unauthorized" }, "photo_save"), "Сеанс истёк. Войдите снова, чтобы сменить фото.");
    assert.equal(
      messageFor({ kind: "validation", message: "invalid", fields: { avatar_id: ["bad"] } }, "photo_save"),
      "Магазин не принял фото. Попробуйте ещё раз или выберите другое фото.",
    );
    assert.equal(messageFor({ kind: "server", status: 502 }, "photo_save"), "Сервер магазина временно не отвечает. Попробуйте позже.");
  });

  test("remove failures", () => {
    assert.equal(
      messageFor({ kind: "offline" }, "photo_remove"),
      "Не удалось удалить фото: нет связи с сервером. Проверьте интернет и попробуйте ещё раз.",
    );
    assert.equal(messageFor({ kind: "not_signed_in" }, "photo_remove"), "Сеанс истёк. Войдите снова, чтобы сменить фото.");
  });

  test("English save failure", () => {
    setLocale("en");
    assert.equal(
      messageFor({ kind: "offline" }, "photo_save"),
      "Couldn't save the photo: can't reach the server. Check your internet connection and try again.",
    );
  });
});

import assert from "node:assert/strict";
import { describe, test } from "node:test";

import {
  caretAfterDigits,
  codeDigits,
  formatClock,
  formatDate,
  formatPhone,
  formatSince,
  fullName,
  initials,
  managerName,
  maskPhoneInput,
  nationalDigitsBefore,
  phoneDigits,
  plural,
} from "../js/format.js";

describe("formatPhone", () => {
  test("formats 11 digits starting with 7", () => {
    assert.equal(formatPhone("79999999990"), "+7 (999) 999-99-90");
  });

  test("formats 8 prefix and bare 10 digits", () => {
    assert.equal(formatPhone("89998887766"), "+7 (999) 888-77-66");
    assert.equal(formatPhone("9998887766"), "+7 (999) 888-77-66");
  });

  test("formats a number value", () => {
    assert.equal(formatPhone(78888888888), "+7 (888) 888-88-88");
  });

  test("returns odd strings unchanged", () => {
    assert.equal(formatPhone("12345"), "12345");
    assert.equal(formatPhone("+1 555 123 4567"), "+1 555 123 4567");
    assert.equal(formatPhone("799999999901"), "799999999901");
    assert.equal(formatPhone("abc"), "abc");
  });

  test("returns null for empty and non-string values", () => {
    assert.equal(formatPhone(null), null);
    assert.equal(formatPhone(undefined), null);
    assert.equal(formatPhone(""), null);
    assert.equal(formatPhone("   "), null);
    assert.equal(formatPhone({}), null);
    assert.equal(formatPhone(Number.NaN), null);
  });
});

describe("maskPhoneInput", () => {
  test("masks progressively", () => {
    const cases = [
      ["9", "+7 (9"],
      ["+7 (99", "+7 (99"],
      ["+7 (999", "+7 (999"],
      ["+7 (9999", "+7 (999) 9"],
      ["+7 (999) 99", "+7 (999) 99"],
      ["+7 (999) 1234", "+7 (999) 123-4"],
      ["+7 (999) 123-456", "+7 (999) 123-45-6"],
      ["+7 (999) 123-45-678", "+7 (999) 123-45-67"],
    ];
    for (const [typed, expected] of cases) {
      assert.equal(maskPhoneInput(typed), expected, `typed ${typed}`);
    }
  });

  test("treats a first 7 or 8 as the prefix", () => {
    assert.equal(maskPhoneInput("8"), "+7 (");
    assert.equal(maskPhoneInput("7"), "+7 (");
    assert.equal(maskPhoneInput("89"), "+7 (9");
    assert.equal(maskPhoneInput("79"), "+7 (9");
  });

  test("masks pasted numbers", () => {
    assert.equal(maskPhoneInput("89991234567"), "+7 (999) 123-45-67");
    assert.equal(maskPhoneInput("8 (999) 123-45-67"), "+7 (999) 123-45-67");
    assert.equal(maskPhoneInput("+7 999 123 45 67"), "+7 (999) 123-45-67");
    assert.equal(maskPhoneInput("9991234567"), "+7 (999) 123-45-67");
  });

  test("keeps ten national digits starting with 7", () => {
    assert.equal(maskPhoneInput("7771234567"), "+7 (777) 123-45-67");
  });

  test("drops the trailing separator on Backspace", () => {
    assert.equal(maskPhoneInput("+7 (999) "), "+7 (999");
    assert.equal(maskPhoneInput("+7 ("), "");
    assert.equal(maskPhoneInput("+7 "), "");
  });

  test("handles bad input without throwing", () => {
    assert.equal(maskPhoneInput(""), "");
    assert.equal(maskPhoneInput(null), "");
    assert.equal(maskPhoneInput(undefined), "");
    assert.equal(maskPhoneInput("abc"), "");
    assert.equal(maskPhoneInput("+"), "+");
    assert.equal(maskPhoneInput("+7"), "+7 (");
    assert.equal(maskPhoneInput("+1 555"), "");
    assert.equal(maskPhoneInput("9a9b9"), "+7 (999");
  });
});

describe("phoneDigits", () => {
  test("returns 11 digits for complete input", () => {
    assert.equal(phoneDigits("+7 (999) 999-99-90"), "79999999990");
    assert.equal(phoneDigits("89999999990"), "79999999990");
    assert.equal(phoneDigits("79999999990"), "79999999990");
    assert.equal(phoneDigits("9999999990"), "79999999990");
    assert.equal(phoneDigits(" 8 999 999 99 90 "), "79999999990");
  });

  test("returns null for incomplete or extra digits", () => {
    assert.equal(phoneDigits("+7 (999) 999-99-9"), null);
    assert.equal(phoneDigits("999999999"), null);
    assert.equal(phoneDigits("899999999901"), null);
    assert.equal(phoneDigits("+7 (999) 999-99-901"), null);
  });

  test("returns null for bad input", () => {
    assert.equal(phoneDigits(""), null);
    assert.equal(phoneDigits(null), null);
    assert.equal(phoneDigits(undefined), null);
    assert.equal(phoneDigits("телефон"), null);
    assert.equal(phoneDigits("+1 555 123 4567"), null);
  });
});

describe("caret helpers", () => {
  test("caretAfterDigits skips the country code", () => {
    assert.equal(caretAfterDigits("+7 (999) 123-45-67", 0), 4);
    assert.equal(caretAfterDigits("+7 (999) 123-45-67", 1), 5);
    assert.equal(caretAfterDigits("+7 (999) 123-45-67", 3), 7);
    assert.equal(caretAfterDigits("+7 (999) 123-45-67", 4), 10);
    assert.equal(caretAfterDigits("+7 (999) 123-45-67", 10), 18);
    assert.equal(caretAfterDigits("+7 (9", 5), 5);
    assert.equal(caretAfterDigits("", 0), 0);
  });

  test("nationalDigitsBefore counts typed digits", () => {
    assert.equal(nationalDigitsBefore("+7 (999) 1", 10), 4);
    assert.equal(nationalDigitsBefore("+7 (999) 1", 2), 0);
    assert.equal(nationalDigitsBefore("9", 1), 1);
    assert.equal(nationalDigitsBefore("8", 1), 0);
  });
});

describe("codeDigits", () => {
  test("keeps typed digits", () => {
    assert.equal(codeDigits("1111"), "1111");
    assert.equal(codeDigits("12"), "12");
    assert.equal(codeDigits(""), "");
  });

  test("pasted code with separators", () => {
    assert.equal(codeDigits("1 1 1 1"), "1111");
    assert.equal(codeDigits("Код: 1111"), "1111");
    assert.equal(codeDigits(" 12-34\n"), "1234");
  });

  test("standalone group of 4 wins", () => {
    assert.equal(codeDigits("Код 4821 от 12.03.2024"), "4821");
    assert.equal(codeDigits("Код: 1111, звонок с +7 900 123-45-67"), "1111");
  });

  test("pasted phone gives its last 4", () => {
    assert.equal(codeDigits("+7 (900) 123-45-67"), "4567");
    assert.equal(codeDigits("79001234567"), "4567");
    assert.equal(codeDigits("9001234567"), "4567");
  });

  test("other text gives the first 4", () => {
    assert.equal(codeDigits("123456"), "1234");
    assert.equal(codeDigits("12 345 678"), "1234");
  });

  test("text without digits gives empty", () => {
    assert.equal(codeDigits("код"), "");
    assert.equal(codeDigits(null), "");
    assert.equal(codeDigits(undefined), "");
  });
});

describe("formatClock", () => {
  test("minutes and padded seconds", () => {
    assert.equal(formatClock(300), "5:00");
    assert.equal(formatClock(287), "4:47");
    assert.equal(formatClock(65), "1:05");
    assert.equal(formatClock(9), "0:09");
    assert.equal(formatClock(3600), "60:00");
  });

  test("rounds fractions up", () => {
    assert.equal(formatClock(59.2), "1:00");
    assert.equal(formatClock(0.1), "0:01");
  });

  test("no time left gives 0:00", () => {
    for (const value of [0, -5, null, undefined, "soon", Number.NaN, Number.POSITIVE_INFINITY]) {
      assert.equal(formatClock(value), "0:00", String(value));
    }
  });
});

describe("formatDate", () => {
  test("formats in Russian", () => {
    assert.equal(formatDate("1980-04-02", "ru"), "2 апреля 1980 г.");
    assert.equal(formatDate("2000-12-31", "ru"), "31 декабря 2000 г.");
  });

  test("formats in English", () => {
    assert.equal(formatDate("1980-04-02", "en"), "April 2, 1980");
    assert.equal(formatDate("2000-01-01", "en"), "January 1, 2000");
  });

  test("ignores a time part without shifting the day", () => {
    assert.equal(formatDate("1980-04-02T00:00:00.000000Z", "ru"), "2 апреля 1980 г.");
  });

  test("keeps leap days", () => {
    assert.equal(formatDate("2024-02-29", "en"), "February 29, 2024");
  });

  test("returns null for impossible or bad dates", () => {
    assert.equal(formatDate("1980-02-30", "ru"), null);
    assert.equal(formatDate("2023-02-29", "ru"), null);
    assert.equal(formatDate("1980-13-01", "ru"), null);
    assert.equal(formatDate("0000-00-00", "ru"), null);
    assert.equal(formatDate("02.04.1980", "ru"), null);
    assert.equal(formatDate("", "ru"), null);
    assert.equal(formatDate(null, "ru"), null);
    assert.equal(formatDate(19800402, "ru"), null);
  });
});

describe("formatSince", () => {
  test("formats a Laravel timestamp with microseconds", () => {
    assert.equal(formatSince("2024-03-22T14:01:37.000000Z", "ru", "UTC"), "22 марта 2024 г.");
    assert.equal(formatSince("2024-03-22T14:01:37.000000Z", "en", "UTC"), "March 22, 2024");
  });

  test("uses the day in the given time zone", () => {
    assert.equal(formatSince("2024-03-22T20:00:00.000000Z", "ru", "Asia/Novosibirsk"), "23 марта 2024 г.");
  });

  test("returns null for bad input", () => {
    assert.equal(formatSince(null, "ru"), null);
    assert.equal(formatSince("", "ru"), null);
    assert.equal(formatSince("вчера", "ru"), null);
    assert.equal(formatSince("2024-03-22", "ru"), null);
    assert.equal(formatSince("2024-13-45T99:00:00Z", "ru"), null);
  });
});

describe("names", () => {
  test("fullName orders last, first, middle", () => {
    assert.equal(
      fullName({ first_name: "Алексей", last_name: "Петров", middle_name: "Викторович" }),
      "Петров Алексей Викторович",
    );
  });

  test("fullName skips null and blank parts", () => {
    assert.equal(fullName({ first_name: "Алексей", last_name: "Петров", middle_name: null }), "Петров Алексей");
    assert.equal(fullName({ first_name: " Алексей ", last_name: "", middle_name: "  " }), "Алексей");
    assert.equal(fullName({ last_name: "Петров" }), "Петров");
  });

  test("fullName returns null without any name", () => {
    assert.equal(fullName({ first_name: null, last_name: "", middle_name: "  " }), null);
    assert.equal(fullName({}), null);
    assert.equal(fullName(null), null);
    assert.equal(fullName("Петров"), null);
  });

  test("initials take last and first name", () => {
    assert.equal(initials({ first_name: "Алексей", last_name: "Петров", middle_name: "Викторович" }), "ПА");
    assert.equal(initials({ first_name: "алексей", last_name: "петров" }), "ПА");
  });

  test("initials skip missing parts", () => {
    assert.equal(initials({ first_name: "Алексей", last_name: null }), "А");
    assert.equal(initials({ first_name: null, last_name: "Петров", middle_name: "Викторович" }), "ПВ");
    assert.equal(initials({ first_name: "", last_name: "  " }), "");
    assert.equal(initials(null), "");
  });

  test("managerName prefers name, then last and first", () => {
    assert.equal(managerName({ name: "Полищук Артём", first_name: "Артём", last_name: "Полищук" }), "Полищук Артём");
    assert.equal(managerName({ name: null, first_name: "Артём", last_name: "Полищук" }), "Полищук Артём");
    assert.equal(managerName({ name: " ", first_name: "Артём", last_name: null }), "Артём");
    assert.equal(managerName({ name: null, first_name: null, last_name: null }), null);
    assert.equal(managerName(null), null);
  });
});

describe("plural", () => {
  const seconds = { one: "секунда", few: "секунды", many: "секунд", other: "секунды" };

  test("picks Russian forms", () => {
    const cases = [
      [1, "секунда"],
      [2, "секунды"],
      [4, "секунды"],
      [5, "секунд"],
      [11, "секунд"],
      [21, "секунда"],
      [22, "секунды"],
      [59, "секунд"],
      [0, "секунд"],
      [1.5, "секунды"],
    ];
    for (const [count, expected] of cases) {
      assert.equal(plural(count, seconds, "ru"), expected, `count ${count}`);
    }
  });

  test("picks English forms", () => {
    const forms = { one: "second", other: "seconds" };
    assert.equal(plural(1, forms, "en"), "second");
    assert.equal(plural(2, forms, "en"), "seconds");
    assert.equal(plural(0, forms, "en"), "seconds");
  });

  test("falls back to other", () => {
    assert.equal(plural(5, { one: "a", other: "b" }, "ru"), "b");
    assert.equal(plural(5, { other: "b" }, "not a locale!"), "b");
    assert.equal(plural(5, null, "ru"), "");
  });
});

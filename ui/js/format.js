// Formatting of phones, dates, names and plurals. DOM-free, so node can test it.
// No function here throws on bad input: odd values come back as-is or as null.

const PHONE_NATIONAL_DIGITS = 10;

// Format a stored phone ("79999999990", "89999999990" or "9999999990") as
// "+7 (999) 999-99-90". Returns other strings unchanged and null for null,
// undefined, empty strings and non-string values other than numbers.
export function formatPhone(phone) {
  if (typeof phone === "number" && Number.isFinite(phone)) {
    phone = String(phone);
  }

  if (typeof phone !== "string" || phone.trim() === "") {
    return null;
  }

  const digits = phone.replace(/\D/g, "");
  let national = null;
  if (digits.length === 11 && (digits[0] === "7" || digits[0] === "8")) {
    national = digits.slice(1);
  } else if (digits.length === PHONE_NATIONAL_DIGITS && !phone.trim().startsWith("+")) {
    national = digits;
  }

  return national === null ? phone : maskNational(national);
}

// Extract the 10 national digits from what the user typed or pasted.
// Input starting with "+7" has a country code, and other "+" codes give "".
// Without "+", exactly 10 digits are national, and a leading 7 or 8 before
// any other count of digits is a prefix.
function nationalDigits(typed) {
  const text = String(typed).trim();
  let digits = text.replace(/\D/g, "");

  if (text.startsWith("+")) {
    digits = digits.startsWith("7") ? digits.slice(1) : "";
  } else if (digits.length !== PHONE_NATIONAL_DIGITS && (digits[0] === "7" || digits[0] === "8")) {
    digits = digits.slice(1);
  }

  return digits.slice(0, PHONE_NATIONAL_DIGITS);
}

// Lay national digits out as "+7 (999) 999-99-90", stopping after the last
// digit so that Backspace always removes a digit and never only a separator.
function maskNational(national) {
  const groups = [
    ["+7 (", 0, 3],
    [") ", 3, 6],
    ["-", 6, 8],
    ["-", 8, 10],
  ];

  let masked = "";
  for (const [separator, start, end] of groups) {
    if (national.length <= start && start > 0) {
      break;
    }
    masked += separator + national.slice(start, end);
  }

  return masked;
}

// Apply the +7 mask to the text of the sign-in field while the user types:
// "89" gives "+7 (9", "+7 (999) 1234" gives "+7 (999) 123-4".
// A lone "7", "8" or "+7" gives "+7 (", a lone "+" stays, anything without
// digits gives "".
export function maskPhoneInput(typed) {
  if (typed === null || typed === undefined) {
    return "";
  }

  // Not trimmed: Backspace on "+7 (" leaves "+7 ", which must clear the
  // field, while a typed "+7" must grow into "+7 (".
  const text = String(typed);
  const national = nationalDigits(text);
  if (national !== "") {
    return maskNational(national);
  }

  if (text === "7" || text === "8" || text === "+7") {
    return "+7 (";
  }
  return text === "+" ? "+" : "";
}

// Return the 11 digits that the API expects ("79999999990") for a masked or
// typed phone, or null unless it contains exactly 10 national digits.
export function phoneDigits(masked) {
  if (masked === null || masked === undefined) {
    return null;
  }

  const text = String(masked).trim();
  const allDigits = text.replace(/\D/g, "");
  const national = nationalDigits(text);

  // nationalDigits truncates, so extra typed digits would pass unnoticed.
  const expectedLength = allDigits.length === PHONE_NATIONAL_DIGITS ? PHONE_NATIONAL_DIGITS : PHONE_NATIONAL_DIGITS + 1;
  if (national.length !== PHONE_NATIONAL_DIGITS || allDigits.length !== expectedLength) {
    return null;
  }
  return `7${national}`;
}

// Return the caret index in `masked` just after its `digitCount`-th national
// digit (the "+7" country code is not counted), so that a reformatted field
// keeps the caret where the user was typing.
export function caretAfterDigits(masked, digitCount) {
  const text = String(masked ?? "");
  const countryEnd = text.startsWith("+7") ? 2 : 0;
  if (digitCount <= 0) {
    return Math.min(text.length, countryEnd === 2 ? 4 : 0);
  }

  let seen = 0;
  for (let index = countryEnd; index < text.length; index += 1) {
    if (/\d/.test(text[index])) {
      seen += 1;
      if (seen === digitCount) {
        return index + 1;
      }
    }
  }
  return text.length;
}

// Count the national digits in `text` before `caret`, the counterpart of
// caretAfterDigits for the text before reformatting.
export function nationalDigitsBefore(text, caret) {
  const head = String(text ?? "").slice(0, caret);
  return nationalDigits(head).length;
}

// Digits in the sign-in code: the last 4 digits of the number that called.
export const CODE_LENGTH = 4;

// Return the sign-in code found in typed or pasted text: "1 1 1 1" and
// "Код: 1111" give "1111". A standalone group of 4 digits wins, so a pasted
// message with a date or a phone still yields its code. A pasted phone number
// alone (10 or 11 digits) gives its last 4 digits, because the code is the end
// of the calling number. Any other text gives its first 4 digits, or fewer.
export function codeDigits(text) {
  const value = String(text ?? "");
  const digits = value.replace(/\D/g, "");
  if (digits.length <= CODE_LENGTH) {
    return digits;
  }

  const group = /(?<!\d)\d{4}(?!\d)/.exec(value);
  if (group !== null) {
    return group[0];
  }
  if (digits.length === PHONE_NATIONAL_DIGITS || digits.length === PHONE_NATIONAL_DIGITS + 1) {
    return digits.slice(-CODE_LENGTH);
  }
  return digits.slice(0, CODE_LENGTH);
}

// Format a number of seconds as a countdown clock, "4:07". Fractions round
// up, so the clock shows 0:00 only when no time is left. Negative, missing
// and non-numeric values give "0:00".
export function formatClock(seconds) {
  const value = Number(seconds);
  const whole = Number.isFinite(value) && value > 0 ? Math.ceil(value) : 0;
  const minutes = Math.floor(whole / 60);
  const rest = whole % 60;
  return `${minutes}:${String(rest).padStart(2, "0")}`;
}

const DATE_OPTIONS = Object.freeze({ day: "numeric", month: "long", year: "numeric" });

// Format a calendar date "YYYY-MM-DD" (a trailing time part is ignored) as
// "2 апреля 1980 г." or "April 2, 1980". The date is built in UTC and
// formatted in UTC, so no time zone can move it to another day.
// Returns null for null, empty or impossible dates such as "1980-02-30".
export function formatDate(value, locale) {
  if (typeof value !== "string") {
    return null;
  }

  const match = /^(\d{4})-(\d{2})-(\d{2})(?:$|T)/.exec(value.trim());
  if (match === null) {
    return null;
  }

  const [year, month, day] = match.slice(1).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  if (year === 0 || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return null;
  }

  // Date.UTC maps years 0-99 to 1900-1999, so set the year explicitly.
  date.setUTCFullYear(year);
  return new Intl.DateTimeFormat(locale, { ...DATE_OPTIONS, timeZone: "UTC" }).format(date);
}

// Parse an ISO 8601 timestamp such as "2024-03-22T14:01:37.000000Z".
// Laravel sends microseconds, but ECMAScript's date format defines only 3
// fraction digits, so the fraction is cut to milliseconds before parsing.
function parseTimestamp(iso) {
  if (typeof iso !== "string") {
    return null;
  }

  const normalized = iso.trim().replace(/(\.\d{3})\d+/, "$1");
  if (!/^\d{4}-\d{2}-\d{2}T/.test(normalized)) {
    return null;
  }

  const date = new Date(normalized);
  return Number.isNaN(date.getTime()) ? null : date;
}

// Format the day of a timestamp for "Клиент с", e.g. "22 марта 2024 г.".
// The day is taken in `timeZone`, by default the computer's own.
export function formatSince(iso, locale, timeZone = undefined) {
  const date = parseTimestamp(iso);
  if (date === null) {
    return null;
  }

  const options = timeZone === undefined ? DATE_OPTIONS : { ...DATE_OPTIONS, timeZone };
  return new Intl.DateTimeFormat(locale, options).format(date);
}

const DAY_MS = 86_400_000;

// Return the calendar day of `date` in `timeZone` as a day count since the
// epoch, so that two days compare by subtraction.
function calendarDay(date, timeZone) {
  const parts = new Intl.DateTimeFormat("en-US", { year: "numeric", month: "numeric", day: "numeric", timeZone }).formatToParts(date);
  const part = (type) => Number(parts.find((entry) => entry.type === type).value);
  return Math.round(Date.UTC(part("year"), part("month") - 1, part("day")) / DAY_MS);
}

function toDate(value) {
  if (value instanceof Date) {
    return Number.isNaN(value.getTime()) ? null : value;
  }
  return parseTimestamp(value);
}

// Split the moment data was loaded (`when`, a Date or an ISO 8601 string)
// into the pieces of "сегодня в 14:05", "вчера в 14:05" or "2 апреля в
// 14:05", relative to `now`. Returns {day, date, time}: day is "today",
// "yesterday" or "earlier" by calendar day in `timeZone` (by default the
// computer's own), date is "2 апреля" (with the year when it differs from
// the year of `now`), and time is the locale's short time, "14:05" or
// "2:05 PM". A moment on a later day than `now` counts as "earlier", so a
// wrong clock still shows a date. Returns null when `when` or `now` is not
// a valid time.
export function dataTimeParts(when, now, locale, timeZone = undefined) {
  const loaded = toDate(when);
  const current = toDate(now);
  if (loaded === null || current === null) {
    return null;
  }

  const daysAgo = calendarDay(current, timeZone) - calendarDay(loaded, timeZone);
  let day = "earlier";
  if (daysAgo === 0) {
    day = "today";
  } else if (daysAgo === 1) {
    day = "yesterday";
  }

  const yearFormat = new Intl.DateTimeFormat("en-US", { year: "numeric", timeZone });
  const dateOptions = { day: "numeric", month: "long", timeZone };
  if (yearFormat.format(loaded) !== yearFormat.format(current)) {
    dateOptions.year = "numeric";
  }

  return {
    day,
    date: new Intl.DateTimeFormat(locale, dateOptions).format(loaded),
    time: new Intl.DateTimeFormat(locale, { timeStyle: "short", timeZone }).format(loaded),
  };
}

function cleanPart(value) {
  return typeof value === "string" ? value.trim() : "";
}

// Join "Фамилия Имя Отчество", skipping null and blank parts.
// Returns null when every part is blank or `person` is not an object.
export function fullName(person) {
  if (person === null || typeof person !== "object") {
    return null;
  }

  const parts = [person.last_name, person.first_name, person.middle_name]
    .map(cleanPart)
    .filter((part) => part !== "");
  return parts.length === 0 ? null : parts.join(" ");
}

// Return the manager's display name: `name` when set, else "last first".
export function managerName(manager) {
  if (manager === null || typeof manager !== "object") {
    return null;
  }

  const name = cleanPart(manager.name);
  if (name !== "") {
    return name;
  }

  const parts = [manager.last_name, manager.first_name].map(cleanPart).filter((part) => part !== "");
  return parts.length === 0 ? null : parts.join(" ");
}

// Return up to two capital letters, of the last name and then the first name
// ("Петров Алексей" gives "ПА"). Falls back to the middle name, and returns
// "" when there is no name at all.
export function initials(person) {
  if (person === null || typeof person !== "object") {
    return "";
  }

  const letters = [person.last_name, person.first_name, person.middle_name]
    .map(cleanPart)
    .filter((part) => part !== "")
    .slice(0, 2)
    .map((part) => Array.from(part)[0]);
  return letters.join("").toLocaleUpperCase();
}

// Pick the form of `forms` (keys are Intl.PluralRules categories: one, few,
// many, other...) for the number `count` in `locale`. Falls back to `other`.
export function plural(count, forms, locale) {
  if (forms === null || typeof forms !== "object") {
    return "";
  }

  let category = "other";
  try {
    category = new Intl.PluralRules(locale).select(Number(count));
  } catch {
    // An invalid locale tag throws a RangeError, and "other" is the safe form.
  }
  return forms[category] ?? forms.other ?? "";
}

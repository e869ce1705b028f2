// The phone field's +7 mask, the 4-digit code field and the "call again"
// countdown, shared by the sign-in screen and the sign-in-again dialog.

import { caretAfterDigits, CODE_LENGTH, codeDigits, maskPhoneInput, nationalDigitsBefore } from "./format.js";
import { t } from "./i18n.js";

// Half a second keeps the shown count in step with the deadline even when
// a timer fires late.
const COUNTDOWN_TICK_MS = 500;

// Re-apply the +7 mask to `input` after each edit and keep the caret after
// the digit the user just typed, even when separators were added or removed.
// `onEdit()` runs after every change.
export function bindPhoneInput(input, onEdit) {
  input.addEventListener("input", () => {
    const typed = input.value;
    const caret = input.selectionStart ?? typed.length;
    const digitsBeforeCaret = nationalDigitsBefore(typed, caret);

    const masked = maskPhoneInput(typed);
    if (masked !== typed) {
      input.value = masked;
      const position = caretAfterDigits(masked, digitsBeforeCaret);
      input.setSelectionRange(position, position);
    }
    onEdit();
  });
}

// Keep only the code's digits in `input`. A paste replaces the field with the
// code found in the pasted text ("Код: 1111" gives "1111"). `onEdit()` runs
// after every change, and `onComplete()` once all 4 digits are there.
export function bindCodeInput(input, { onEdit, onComplete }) {
  const changed = () => {
    onEdit();
    if (input.value.length === CODE_LENGTH) {
      onComplete();
    }
  };

  input.addEventListener("paste", (event) => {
    event.preventDefault();
    const code = codeDigits(event.clipboardData?.getData("text") ?? "");

    // A clipboard without digits leaves the digits already typed.
    if (code !== "") {
      input.value = code;
      changed();
    }
  });

  input.addEventListener("input", () => {
    const digits = input.value.replace(/\D/g, "").slice(0, CODE_LENGTH);
    if (digits !== input.value) {
      input.value = digits;
    }
    changed();
  });
}

// Create the countdown of `button`: start(seconds) disables it and shows
// `countingKey` (a plural message with {count}), and when the time is up the
// button shows its data-i18n label again and is enabled. render() redraws
// the text, e.g. after a locale change, and leaves a busy button alone.
export function createCooldown(button, countingKey) {
  let deadline = 0;
  let timer = null;

  function stop() {
    clearInterval(timer);
    timer = null;
    deadline = 0;
  }

  function render() {
    if (button.dataset.busy === "true") {
      return;
    }

    const remaining = Math.ceil((deadline - Date.now()) / 1000);
    if (remaining > 0) {
      button.disabled = true;
      button.textContent = t(countingKey, { count: remaining });
      return;
    }

    stop();
    button.disabled = false;
    button.textContent = t(button.dataset.i18n);
  }

  function start(seconds) {
    stop();
    deadline = Date.now() + seconds * 1000;
    timer = setInterval(render, COUNTDOWN_TICK_MS);
    render();
  }

  return { start, stop, render };
}

// Editing the profile with the keyboard alone, in the real app under Xvfb.
// Tab and Enter lead from the card to the form, the arrows and Enter pick an
// address suggestion, Esc closes only the suggestion list, and Ctrl+S
// saves. The demo's sandbox serves the address suggestions.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { startDriver, isolatedHome, Key, Session } from './webdriver.mjs';

const application = process.env.GIGMA_APP_BINARY;
const driverPath = process.env.TAURI_DRIVER ?? 'tauri-driver';
const screenshots = process.env.E2E_SCREENSHOTS;

// One of the addresses the sandbox's suggestion stand-in serves.
const PICKED_ADDRESS = 'г Москва, ул Тверская, д 7';

let driver;
let app;

before(async () => {
  assert.ok(application, 'GIGMA_APP_BINARY must point at the built app');
  assert.ok(process.env.HOME, 'HOME must be set');
  driver = await startDriver(driverPath, isolatedHome(process.env.HOME, 'keyboard-test'));
  app = await Session.start(driver.url, application);
});

after(async () => {
  await app?.end();
  await driver?.stop();
});

/** Replaces the focused field's text by selecting all of it and typing. */
async function retype(text) {
  await app.press('a', [Key.Control]);
  await app.typeKeys(text);
}

const listOpen = () =>
  app.execute("return !document.querySelector('#address-suggestions').hidden;");

test('edit the profile with the keyboard alone', async () => {
  await app.waitVisible('#screen-signin');

  // The sign-in screen's demo link is reachable by Tab, and Enter starts it.
  await app.tabTo('demo-link', 30);
  await app.press(Key.Enter);
  await app.waitFor('the card to show the demo customer', async () => (await app.text('#card-name'))?.startsWith('Петров Алексей'));

  // From the card's heading, Tab reaches «Изменить», with a visible focus ring.
  const presses = await app.tabTo('edit-button', 5);
  assert.ok(presses >= 1, 'the card starts with focus on its heading, not on a button');
  const outline = await app.execute(
    `const style = getComputedStyle(document.activeElement);
     return { style: style.outlineStyle, width: parseFloat(style.outlineWidth), focusVisible: document.activeElement.matches(':focus-visible') };`,
  );
  assert.equal(outline.focusVisible, true);
  assert.notEqual(outline.style, 'none');
  assert.ok(outline.width >= 2, `outline width ${outline.width}`);
  await app.screenshot(screenshots, 'keyboard-01-card-focus');

  await app.press(Key.Enter);
  await app.waitVisible('#screen-edit');
  assert.equal(await app.activeId(), 'field-first-name');

  await retype('Мария');
  await app.press(Key.Tab);
  assert.equal(await app.activeId(), 'field-last-name');
  await retype('Иванова');
  await app.press(Key.Tab);
  assert.equal(await app.activeId(), 'field-email');
  await retype('maria@example.ru');
  await app.press(Key.Tab);
  assert.equal(await app.activeId(), 'field-address');

  // Typing opens the suggestion list as a combobox without highlighting.
  await retype('москва тверская');
  await app.waitFor('the address suggestions', listOpen);
  assert.equal(await app.text('#address-option-0'), PICKED_ADDRESS);
  const combobox = await app.execute(
    `const input = document.querySelector('#field-address');
     return { expanded: input.getAttribute('aria-expanded'), active: input.getAttribute('aria-activedescendant') };`,
  );
  assert.deepEqual(combobox, { expanded: 'true', active: null });
  await app.screenshot(screenshots, 'keyboard-02-suggestions');

  // Esc closes only the list: the form stays, with the typed text.
  await app.press(Key.Escape);
  await app.waitFor('the list to close', async () => !(await listOpen()));
  assert.equal(await app.execute("return !document.querySelector('#screen-edit').hidden;"), true);
  assert.equal(await app.execute("return document.querySelector('dialog[open]')?.id ?? null;"), null);
  assert.equal(await app.execute("return document.querySelector('#field-address').value;"), 'москва тверская');

  // ArrowDown opens the list again on its first option, and Enter picks it
  // without submitting the form.
  await app.press(Key.ArrowDown);
  await app.waitFor('the list to reopen', listOpen);
  assert.equal(await app.execute("return document.querySelector('#field-address').getAttribute('aria-activedescendant');"), 'address-option-0');
  assert.equal(await app.execute("return document.querySelector('#address-option-0').getAttribute('aria-selected');"), 'true');
  await app.press(Key.Enter);
  assert.equal(await app.execute("return document.querySelector('#field-address').value;"), PICKED_ADDRESS);
  assert.equal(await listOpen(), false);
  assert.equal(await app.execute("return !document.querySelector('#screen-edit').hidden;"), true);
  assert.equal(await app.activeId(), 'field-address');

  // Tab moves on past the read-only phone to the buttons.
  await app.tabTo('save-button', 3);
  assert.equal(await app.execute("return document.querySelector('#save-button').disabled;"), false);
  await app.screenshot(screenshots, 'keyboard-03-edit');

  // Ctrl+S saves from anywhere in the form.
  await app.press(Key.Tab);
  await app.press('s', [Key.Control]);
  await app.waitFor('the card with the new values', async () => (await app.text('#card-email')) === 'maria@example.ru');
  await app.waitVisible('#screen-card');
  assert.match(await app.text('#card-name'), /^Иванова Мария/);
  assert.equal(await app.text('#card-address'), PICKED_ADDRESS);
  await app.screenshot(screenshots, 'keyboard-04-saved');
});

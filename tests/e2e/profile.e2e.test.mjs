// The real app in real WebKit under Xvfb: demo sign-in, the card, editing
// the e-mail, signing out and in again by flash call and by calling the
// shop's number, deleting the account. `cargo xtask test` sets the variables.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { startDriver, Session } from './webdriver.mjs';

const application = process.env.GIGMA_APP_BINARY;
const driverPath = process.env.TAURI_DRIVER ?? 'tauri-driver';
const screenshots = process.env.E2E_SCREENSHOTS;

let driver;
let app;

before(async () => {
  assert.ok(application, 'GIGMA_APP_BINARY must point at the built app');
  driver = await startDriver(driverPath);
  app = await Session.start(driver.url, application);
});

after(async () => {
  await app?.end();
  await driver?.stop();
});

// The demo sandbox's seeded customer, as the sign-in field shows it.
const DEMO_PHONE = '+7 (999) 999-99-90';

/** Types the demo number into the sign-in field unless the demo pre-filled it. */
async function fillDemoPhone() {
  const value = await app.execute("return document.querySelector('#phone').value;");
  if (value !== DEMO_PHONE) {
    await app.type('#phone', '9999999990');
  }
  assert.equal(await app.execute("return document.querySelector('#phone').value;"), DEMO_PHONE);
}

/** Signs out on this computer through the sign-out dialog. */
async function signOutHere(screenshotName) {
  await app.click('#sign-out');
  await app.waitVisible('#sign-out-dialog');
  assert.equal(await app.execute("return document.activeElement?.id;"), 'sign-out-this-device');
  await app.screenshot(screenshots, screenshotName);
  await app.click('#sign-out-this-device');

  // Signed out in the demo: sign-in shows the demo hint and keeps the banner.
  await app.waitVisible('#demo-hint');
  await app.waitVisible('#screen-signin');
  await app.waitVisible('#demo-banner');
  await app.waitVisible('#leave-demo');
  assert.equal(await app.execute("return document.querySelector('#sign-out-dialog').open;"), false);
}

test('demo: edit, sign out, sign in twice, delete', async () => {
  // A fresh profile has no shop configured, so the sign-in screen offers the demo.
  await app.waitVisible('#screen-signin');

  // The window may call only the app's own commands: Tauri's app plugin
  // (here its version command) is outside its capability.
  const versionCall = await app.executeAsync(
    `const done = arguments[arguments.length - 1];
     window.__TAURI__.core.invoke('plugin:app|version').then(() => done('allowed'), () => done('rejected'));`,
  );
  assert.equal(versionCall, 'rejected');

  await app.screenshot(screenshots, '01-signin');
  await app.click('#demo-link');

  await app.waitFor('the card to show the demo customer', async () => (await app.text('#card-name'))?.startsWith('Петров Алексей'));
  assert.equal(await app.text('#card-email'), 'support@itecho.ru');
  assert.equal(await app.text('#card-phone'), '+7 (999) 999-99-90');
  assert.equal(await app.text('#card-birthday'), '2 апреля 1980 г.');
  await app.waitVisible('#demo-banner');
  await app.screenshot(screenshots, '02-card');

  await app.click('#edit-button');
  await app.waitVisible('#screen-edit');
  await app.type('#field-email', 'new.address@example.ru');
  await app.screenshot(screenshots, '03-edit');
  await app.click('#save-button');

  await app.waitFor('the card to show the new e-mail', async () => (await app.text('#card-email')) === 'new.address@example.ru');
  await app.waitVisible('#screen-card');

  // Sign out, then sign in again by flash call: the demo code is 1111, and
  // the sandbox keeps the saved e-mail.
  await signOutHere('04-sign-out');
  await app.screenshot(screenshots, '05-signin-demo');
  await fillDemoPhone();
  await app.click('#get-call');
  await app.waitVisible('#code-step');
  await app.type('#code', '1111');
  await app.waitFor('the card after the flash call', async () => (await app.text('#card-email')) === 'new.address@example.ru');
  await app.waitVisible('#screen-card');
  assert.equal(await app.text('#card-phone'), DEMO_PHONE);

  // Sign out again and sign in by calling the shop's number. The demo
  // confirms the call by itself within a few seconds.
  await signOutHere('06-sign-out-again');
  await fillDemoPhone();
  await app.click('#callback-start');
  await app.waitVisible('#callback-number');
  assert.match(await app.text('#callback-number'), /^\+7 \(\d{3}\) \d{3}-\d{2}-\d{2}$/);
  assert.match(await app.text('#callback-countdown'), /\d+:\d{2}/);
  await app.screenshot(screenshots, '07-callback');
  await app.waitVisible('#screen-card', 20_000);
  assert.equal(await app.text('#card-email'), 'new.address@example.ru');
  await app.waitVisible('#demo-banner');

  await app.click('#delete-account');
  await app.waitVisible('#delete-dialog');
  await app.type('#delete-confirm-input', 'УДАЛИТЬ');
  await app.screenshot(screenshots, '08-delete');
  await app.click('#delete-confirm-button');

  await app.waitVisible('#screen-signin');
  assert.equal(await app.execute("return document.querySelector('#screen-card').closest('[hidden]') !== null;"), true);

  // Deleting the account in the demo keeps the demo on.
  await app.waitVisible('#demo-hint');
});

// The real app in real WebKit under Xvfb: demo sign-in, the card, editing
// the e-mail, deleting the account. `cargo xtask test` sets the variables.

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
  driver?.stop();
});

test('demo sign-in, edit e-mail, delete account', async () => {
  // A fresh profile has no shop configured, so the sign-in screen offers the demo.
  await app.waitVisible('#screen-signin');
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

  await app.click('#delete-account');
  await app.waitVisible('#delete-dialog');
  await app.type('#delete-confirm-input', 'УДАЛИТЬ');
  await app.screenshot(screenshots, '04-delete');
  await app.click('#delete-confirm-button');

  await app.waitVisible('#screen-signin');
  assert.equal(await app.execute("return document.querySelector('#screen-card').closest('[hidden]') !== null;"), true);
});

// The theme follows the desktop's: a dark GTK theme gives the dark palette
// until the settings choose light, in the real app under Xvfb.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { startDriver, isolatedHome, Session } from './webdriver.mjs';

const application = process.env.GIGMA_APP_BINARY;
const driverPath = process.env.TAURI_DRIVER ?? 'tauri-driver';

// --bg of each theme in ui/styles.css.
const DARK_BACKGROUND = 'rgb(21, 23, 26)';
const LIGHT_BACKGROUND = 'rgb(245, 246, 248)';

let driver;
let app;

before(async () => {
  assert.ok(application, 'GIGMA_APP_BINARY must point at the built app');
  // GTK_THEME is how a GNOME or Xfce desktop's dark mode reaches a GTK 3
  // app such as WebKitGTK, which then reports prefers-color-scheme: dark.
  driver = await startDriver(driverPath, { ...isolatedHome(process.env.HOME, 'theme-test'), GTK_THEME: 'Adwaita:dark' });
  app = await Session.start(driver.url, application);
});

after(async () => {
  await app?.end();
  await driver?.stop();
});

const background = () => app.execute('return getComputedStyle(document.body).backgroundColor;');

test('dark desktop gives the dark theme', async () => {
  await app.waitVisible('#screen-signin');
  assert.equal(await app.execute("return matchMedia('(prefers-color-scheme: dark)').matches;"), true);
  assert.equal(await background(), DARK_BACKGROUND);

  // An explicit choice in the settings wins over the desktop's.
  await app.click('#open-settings');
  await app.waitVisible('#screen-settings');
  await app.execute("document.querySelector('#setting-theme').value = 'light';");
  await app.click('#settings-save');
  await app.waitVisible('#screen-signin');
  assert.equal(await background(), LIGHT_BACKGROUND);
});

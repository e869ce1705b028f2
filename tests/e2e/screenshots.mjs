// The documentation's screenshots: every screen in Russian and English,
// light and dark, saved as <screen>-<ru|en>-<light|dark>.png into
// GIGMA_DOC_SCREENSHOTS. `cargo xtask screenshots` builds the app and the
// sandbox, sets the variables and runs it. `node --test tests/e2e/` leaves
// this file out, because its name does not end in .test.mjs.
//
// Most screens come from the demo. The offline card needs a server that
// goes away, so the script signs in to a separate sandbox process, stops
// it and restarts the app, which then shows the cached card offline.

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';

import { freePort, isolatedHome, Key, Session, sleep, startDriver } from './webdriver.mjs';

const application = process.env.GIGMA_APP_BINARY;
const sandboxBinary = process.env.GIGMA_SANDBOX_BINARY;
const driverPath = process.env.TAURI_DRIVER ?? 'tauri-driver';
const folder = process.env.GIGMA_DOC_SCREENSHOTS;

const LOOKS = Object.freeze([
  ['ru', 'light'],
  ['ru', 'dark'],
  ['en', 'light'],
  ['en', 'dark'],
]);

// The sandbox's app token and test password (see README, "The sandbox").
const SANDBOX_APP_TOKEN = 'sandbox-app-token';
const SANDBOX_CODE = '1111';

let driver;
let app;
let sandbox;

after(async () => {
  await app?.end();
  await driver?.stop();
  sandbox?.kill();
});

function shot(screen, [language, theme]) {
  return app.screenshot(folder, `${screen}-${language}-${theme}`);
}

/** Saves `language`, `theme` and optionally the shop fields in the settings screen. */
async function saveSettings([language, theme], shop = null) {
  await app.waitVisible('#screen-settings');
  await app.execute(
    `const [language, theme, shop] = arguments;
     document.querySelector('#setting-language').value = language;
     document.querySelector('#setting-theme').value = theme;
     if (shop) {
       document.querySelector('#setting-base-url').value = shop.baseUrl;
       document.querySelector('#setting-app-token').value = shop.appToken;
     }`,
    language,
    theme,
    shop,
  );
  await app.click('#settings-save');
  await app.waitFor('the settings screen to close', () => app.execute("return document.querySelector('#screen-settings').hidden;"));
  // Let the "saved" toast fade, so it does not cover the next screenshot.
  await app.execute("document.querySelector('#toast').classList.remove('toast--visible');");
}

async function demoScreens(look) {
  // Sign-in, settings and About, reached from the sign-in screen's gear.
  await app.click('#open-settings');
  await saveSettings(look);
  await app.waitVisible('#screen-signin');
  await shot('signin', look);

  await app.click('#open-settings');
  await app.waitVisible('#screen-settings');
  await shot('settings', look);
  await app.click('#open-about');
  await app.waitVisible('#about-dialog');
  await shot('about', look);
  await app.click('#about-close');
  await app.click('#settings-back');
  await app.waitVisible('#screen-signin');

  // The card, the edit form with address suggestions open, and the delete dialog.
  await app.click('#demo-link');
  await app.waitVisible('#screen-card');
  await app.waitFor('the demo customer', async () => (await app.text('#card-phone')) === '+7 (999) 999-99-90');
  await shot('card', look);

  await app.click('#edit-button');
  await app.waitVisible('#screen-edit');
  await app.type('#field-address', 'новосибирск новогодняя');
  await app.waitVisible('#address-suggestions');
  await app.press(Key.ArrowDown);
  await app.waitVisible('.suggestion--active');
  await shot('edit', look);
  // Put the address back, so the form has no changes and Отмена leaves at once.
  await app.execute(
    `const input = document.querySelector('#field-address');
     input.blur();
     input.value = arguments[0];
     input.dispatchEvent(new Event('input', { bubbles: true }));`,
    '630073, Новосибирская область, город Новосибирск, Новогодняя ул., д. 20/1, кв. 26',
  );
  await app.click('#cancel-button');
  await app.waitVisible('#screen-card');

  await app.click('#delete-account');
  await app.waitVisible('#delete-dialog');
  await shot('delete', look);
  await app.click('#delete-cancel');

  // Sign out, then the code step of the flash-call sign-in.
  await app.click('#sign-out');
  await app.waitVisible('#sign-out-dialog');
  await app.click('#sign-out-this-device');
  await app.waitVisible('#screen-signin');
  await app.click('#get-call');
  await app.waitVisible('#code-step');
  await shot('code', look);

  await app.click('#change-number');
  await app.click('#leave-demo');
  await app.waitVisible('#demo-link');
}

async function startSandbox() {
  const port = await freePort();
  sandbox = spawn(sandboxBinary, ['--port', String(port)], { stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}`;
  for (let attempt = 0; attempt < 100; attempt += 1) {
    try {
      await fetch(url);
      return url;
    } catch {
      await sleep(100);
    }
  }
  throw new Error(`the sandbox did not start on ${url}`);
}

test('documentation screenshots', async () => {
  assert.ok(folder, 'GIGMA_DOC_SCREENSHOTS must name the output folder');
  assert.ok(application, 'GIGMA_APP_BINARY must point at the built app');
  assert.ok(sandboxBinary, 'GIGMA_SANDBOX_BINARY must point at the built sandbox');

  const home = isolatedHome(process.env.HOME, 'screenshots');
  driver = await startDriver(driverPath, home);
  app = await Session.start(driver.url, application);
  await app.waitVisible('#screen-signin');

  for (const look of LOOKS) {
    await demoScreens(look);
  }

  // Sign in to a sandbox of our own, then stop it and restart the app: the
  // cached card shows with the offline banner.
  const baseUrl = await startSandbox();
  await app.click('#open-settings');
  await saveSettings(LOOKS[0], { baseUrl, appToken: SANDBOX_APP_TOKEN });
  await app.type('#phone', '9999999990');
  await app.click('#get-call');
  await app.waitVisible('#code-step');
  await app.type('#code', SANDBOX_CODE);
  await app.waitVisible('#screen-card');

  // A new driver as well, since it ends the old app for certain.
  sandbox.kill();
  sandbox = null;
  await app.end();
  await driver.stop();
  driver = await startDriver(driverPath, home);
  app = await Session.start(driver.url, application);
  await app.waitVisible('#offline-banner', 30_000);

  for (const look of LOOKS) {
    await app.click('#card-open-settings');
    await saveSettings(look);
    await app.waitVisible('#offline-banner');
    await shot('offline-card', look);
  }
});

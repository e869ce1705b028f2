// The About dialog's diagnostics report, the delete dialog's data export,
// and the minimum window size, in the real app under Xvfb. `cargo xtask
// test` sets GIGMA_TEST_EXPORT_DIR, which a debug build writes the export
// to instead of asking for a folder.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { startDriver, isolatedHome, Key, Session } from './webdriver.mjs';

const application = process.env.GIGMA_APP_BINARY;
const driverPath = process.env.TAURI_DRIVER ?? 'tauri-driver';
const screenshots = process.env.E2E_SCREENSHOTS;
const exportDir = process.env.GIGMA_TEST_EXPORT_DIR;

// The demo customer's phone and e-mail, which the report must not contain.
const DEMO_PHONE_DIGITS = '79999999990';
const DEMO_EMAIL = 'support@itecho.ru';

// tauri.conf.json's minWidth and minHeight.
const MIN_WIDTH = 400;
const MIN_HEIGHT = 560;

let driver;
let app;

before(async () => {
  assert.ok(application, 'GIGMA_APP_BINARY must point at the built app');
  assert.ok(exportDir, 'GIGMA_TEST_EXPORT_DIR must name an empty folder for the export');
  driver = await startDriver(driverPath, isolatedHome(process.env.HOME, 'extras-test'));
  app = await Session.start(driver.url, application);
  await app.waitVisible('#screen-signin');
  await app.click('#demo-link');
  await app.waitFor('the demo card', async () => (await app.text('#card-name'))?.startsWith('Петров Алексей'));
});

after(async () => {
  await app?.end();
  await driver?.stop();
});

test('About copies the diagnostics report', async () => {
  await app.press(Key.F1);
  await app.waitVisible('#about-dialog');
  assert.equal(await app.activeId(), 'about-copy');
  assert.match(await app.text('#about-version'), /^Версия \d+\.\d+\.\d+/);
  await app.screenshot(screenshots, 'extras-01-about');

  await app.press(Key.Enter);
  await app.waitFor('the copy confirmation', async () => (await app.text('#about-status')) !== '');
  assert.equal(await app.text('#about-status'), 'Отчёт скопирован. Вставьте его в письмо в поддержку.');
  assert.equal(await app.activeId(), 'about-copy');

  // Read the clipboard back the way a person would: paste with Ctrl+V into
  // a field added to the dialog for the test.
  await app.execute(
    `const field = document.createElement('textarea');
     field.id = 'paste-target';
     document.querySelector('#about-dialog .stack').append(field);
     field.focus();`,
  );
  await app.press('v', [Key.Control]);
  const pasted = await app.waitFor('the pasted report', () => app.execute("return document.querySelector('#paste-target').value;"));
  assert.match(pasted, /^Gigma Profile \d+\.\d+\.\d+\n/);
  assert.match(pasted, /\nSigned in: demo\n/);
  assert.match(pasted, /\nRecent warnings and errors \(\d+\):\n/);
  assert.equal(pasted.includes(DEMO_PHONE_DIGITS), false, 'the report contains the full phone number');
  assert.equal(pasted.includes(DEMO_EMAIL), false, 'the report contains the e-mail');

  await app.execute("document.querySelector('#paste-target').remove();");
  await app.press(Key.Escape);
  await app.waitFor('the dialog to close', () => app.execute("return !document.querySelector('#about-dialog').open;"));
});

test('delete dialog exports the data first', async () => {
  assert.deepEqual(readdirSync(exportDir), [], 'the export folder must start empty');

  await app.click('#delete-account');
  await app.waitVisible('#delete-dialog');
  await app.click('#delete-export');
  await app.waitFor('the export confirmation', async () => (await app.text('#delete-export-status')) !== '');
  assert.equal(await app.text('#delete-export-status'), `Данные сохранены в папку ${exportDir}`);
  assert.equal(await app.text('#delete-export-error'), '');
  await app.screenshot(screenshots, 'extras-02-exported');

  const files = readdirSync(exportDir);
  const profileFile = files.find((name) => /^gigma-profile-\d+\.json$/.test(name));
  assert.ok(profileFile, `no profile JSON among ${JSON.stringify(files)}`);
  const profile = JSON.parse(readFileSync(join(exportDir, profileFile), 'utf8'));
  assert.equal(profile.phone_1, DEMO_PHONE_DIGITS);
  assert.equal(profile.last_name, 'Петров');
  assert.equal(profileFile, `gigma-profile-${profile.id}.json`);

  // The account is still there: exporting deletes nothing.
  await app.click('#delete-cancel');
  await app.waitVisible('#screen-card');
  assert.equal(await app.execute("return document.querySelector('#delete-dialog').open;"), false);
});

test('Russian text fits the minimum window', async () => {
  await app.command('POST', '/window/rect', { width: MIN_WIDTH, height: MIN_HEIGHT });
  const size = await app.execute('return [window.innerWidth, window.innerHeight];');
  assert.ok(size[0] <= MIN_WIDTH, `window is ${size[0]} px wide`);

  // Nothing may overflow its box sideways: no page-wide horizontal scroll,
  // and no control or text whose content is wider than itself.
  const overflowing = () =>
    app.execute(
      `const found = [];
       if (document.documentElement.scrollWidth > window.innerWidth) found.push('page scrolls sideways');
       const selector = 'button, label, legend, summary, dt, dd, h1, h2, p, .badge';
       for (const element of document.querySelectorAll(selector)) {
         if (element.closest('[hidden]') || element.getClientRects().length === 0) continue;
         if (element.closest('dialog') && !element.closest('dialog[open]')) continue;
         if (element.scrollWidth > element.clientWidth + 1) found.push((element.id || element.tagName) + ': ' + element.textContent.trim().slice(0, 40));
       }
       return found;`,
    );
  const screens = [
    ['card', async () => {}],
    ['edit', async () => {
      await app.click('#edit-button');
      await app.waitVisible('#screen-edit');
    }],
    ['settings', async () => {
      await app.click('#cancel-button');
      await app.waitVisible('#screen-card');
      await app.click('#card-open-settings');
      await app.waitVisible('#screen-settings');
    }],
    ['about', async () => {
      await app.click('#open-about');
      await app.waitVisible('#about-dialog');
    }],
    ['delete dialog', async () => {
      await app.click('#about-close');
      await app.click('#settings-back');
      await app.waitVisible('#screen-card');
      await app.click('#delete-account');
      await app.waitVisible('#delete-dialog');
    }],
    ['sign-out dialog', async () => {
      await app.click('#delete-cancel');
      await app.click('#sign-out');
      await app.waitVisible('#sign-out-dialog');
    }],
    ['sign-in', async () => {
      await app.click('#sign-out-this-device');
      await app.waitVisible('#demo-hint');
    }],
    ['code step', async () => {
      await app.click('#get-call');
      await app.waitVisible('#code-step');
    }],
  ];
  for (const [name, open] of screens) {
    await open();
    assert.deepEqual(await overflowing(), [], `${name} at ${MIN_WIDTH}×${MIN_HEIGHT}`);
    await app.screenshot(screenshots, `extras-min-${name.replaceAll(' ', '-')}`);
  }
});

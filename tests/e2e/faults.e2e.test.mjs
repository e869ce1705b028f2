// The real app against a sandbox that fails on demand: a 422 under its
// field, an expired session in the middle of a save, a server that returns
// 503 for a while, and a start without a connection. The sandbox runs as
// its own process with the control route, and the app is pointed at it
// through the settings screen, as a shop's customer would configure it.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

import { startDriver, Session } from './webdriver.mjs';

const application = process.env.GIGMA_APP_BINARY;
const sandboxBinary = process.env.GIGMA_SANDBOX_BINARY;
const driverPath = process.env.TAURI_DRIVER ?? 'tauri-driver';
const screenshots = process.env.E2E_SCREENSHOTS;

const APP_TOKEN = 'e2e-app-token';
const PHONE_DIGITS = '9999999990';

// The app retries a failed load every 15 s while the card shows the
// offline banner, so the wait allows one full interval plus the request.
const RECOVERY_TIMEOUT_MS = 30_000;

let sandbox;
let sandboxUrl;
let home;
let driver;
let app;

/** Starts gigma-sandbox with the control route and resolves with its URL. */
function startSandbox() {
  const child = spawn(sandboxBinary, ['--control', '--app-token', APP_TOKEN], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`gigma-sandbox exited with ${code} before it printed its address`)));
    lines.on('line', (line) => {
      const match = /^Gigma sandbox at (\S+)/.exec(line);
      if (match) resolve({ child, url: match[1] });
    });
  });
}

/** Makes the sandbox fail the next requests of one route with a fault. */
async function injectFault(spec) {
  const response = await fetch(`${sandboxUrl}/__sandbox/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(spec),
  });
  assert.equal(response.status, 204, `injecting ${JSON.stringify(spec)} failed with ${response.status}`);
}

async function clearFaults() {
  const response = await fetch(`${sandboxUrl}/__sandbox/faults`, { method: 'DELETE' });
  assert.equal(response.status, 204);
}

/** Ends the app and starts it again with the same HOME and keychain. */
async function restartApp() {
  await app.end();
  app = await Session.start(driver.url, application);
}

before(async () => {
  assert.ok(application, 'GIGMA_APP_BINARY must point at the built app');
  assert.ok(sandboxBinary, 'GIGMA_SANDBOX_BINARY must point at the built sandbox');

  ({ child: sandbox, url: sandboxUrl } = await startSandbox());

  // A HOME of its own, so the settings of the demo test do not mix in.
  home = mkdtempSync(join(tmpdir(), 'gigma-e2e-faults-'));
  driver = await startDriver(driverPath, {
    HOME: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_DATA_HOME: join(home, '.local/share'),
    XDG_CACHE_HOME: join(home, '.cache'),
  });
  app = await Session.start(driver.url, application);
});

after(async () => {
  await app?.end();
  driver?.stop();
  sandbox?.kill();
  if (home) rmSync(home, { recursive: true, force: true });
});

test('faults: 422 under its field, sign-in during a save, 503 and offline starts', async () => {
  // Point the app at the sandbox in the settings screen.
  await app.waitVisible('#screen-signin');
  await app.click('#open-settings');
  await app.type('#setting-base-url', sandboxUrl);
  await app.type('#setting-app-token', APP_TOKEN);
  await app.click('#settings-save');
  await app.waitVisible('#screen-signin');

  await app.type('#phone', PHONE_DIGITS);
  await app.click('#get-call');
  await app.waitVisible('#code-step');
  await app.type('#code', '1111');
  await app.waitFor('the card', async () => (await app.text('#card-name'))?.startsWith('Петров Алексей'));

  // A 422 for the e-mail appears under the e-mail field, and the form keeps
  // what was typed.
  await injectFault({
    route: 'PUT /counterparty',
    status: 422,
    body: JSON.stringify({
      message: 'Такое значение поля email уже существует.',
      errors: { email: ['Такое значение поля email уже существует.'] },
    }),
  });
  await app.click('#edit-button');
  await app.waitVisible('#screen-edit');
  await app.type('#field-email', 'taken@example.ru');
  await app.click('#save-button');
  await app.waitFor('the e-mail error', async () => (await app.text('#error-email')) === 'Такое значение поля email уже существует.');
  assert.equal(await app.execute("return document.querySelector('#field-email').value;"), 'taken@example.ru');
  assert.equal(await app.execute("return document.querySelector('#field-email').getAttribute('aria-invalid');"), 'true');
  await app.screenshot(screenshots, 'faults-01-422');

  // The session expires during the next save: the app opens the sign-in
  // dialog and then sends the same changes, so nothing typed is lost.
  await injectFault({ route: 'PUT /counterparty', status: 401, body: '{"message":"Unauthenticated."}' });
  await app.type('#field-email', 'fresh@example.ru');
  await app.click('#save-button');
  await app.waitVisible('#reauth-dialog');
  await app.screenshot(screenshots, 'faults-02-reauth');
  await app.click('#reauth-get-call');
  await app.waitVisible('#reauth-code-field');
  await app.type('#reauth-code', '1111');
  await app.waitFor('the card with the saved e-mail', async () => (await app.text('#card-email')) === 'fresh@example.ru');
  await app.waitVisible('#screen-card');

  // The server returns 503 to three loads in a row, more than the client
  // retries. After a restart the card comes from the cache with a banner,
  // and the app's own retry brings it back to live.
  await injectFault({ route: 'GET /counterparty', times: 3, status: 503, body: '{"message":"Service Unavailable"}' });
  await restartApp();
  await app.waitVisible('#offline-banner');
  assert.equal(await app.text('#card-email'), 'fresh@example.ru');
  await app.screenshot(screenshots, 'faults-03-server-down');
  await app.waitFor(
    'the banner to go once the server answers',
    () => app.execute("return document.querySelector('#offline-banner').hidden;"),
    RECOVERY_TIMEOUT_MS,
  );

  // No connection at all at start: the cached card with the banner, and
  // actions that need the server are off. When the connection is back the
  // card is live again without a click.
  await injectFault({ route: 'GET /counterparty', times: 1000, status: 200, reset: true });
  await restartApp();
  await app.waitVisible('#offline-banner');
  assert.equal(await app.text('#card-email'), 'fresh@example.ru');
  assert.equal(await app.execute("return document.querySelector('#edit-button').disabled;"), true);
  await app.screenshot(screenshots, 'faults-04-offline');
  await clearFaults();
  await app.waitFor(
    'the banner to go once the connection is back',
    () => app.execute("return document.querySelector('#offline-banner').hidden;"),
    RECOVERY_TIMEOUT_MS,
  );
  assert.equal(await app.execute("return document.querySelector('#edit-button').disabled;"), false);
});

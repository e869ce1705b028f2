// A small W3C WebDriver client over fetch, enough to drive the app through
// tauri-driver and WebKitWebDriver. It talks only to the driver it starts
// on 127.0.0.1.

import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// W3C's key for the element reference in JSON answers.
const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';

/** Asks the OS for a free TCP port on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Starts tauri-driver (which starts WebKitWebDriver) on free ports and
 * waits until it accepts sessions. `env` adds variables for the driver and
 * the app it starts, e.g. a separate HOME.
 */
export async function startDriver(driverPath, env = {}) {
  const port = await freePort();
  const nativePort = await freePort();
  const child = spawn(driverPath, ['--port', String(port), '--native-port', String(nativePort)], {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: {
      ...process.env,
      // The app turns WebKitGTK's DMA-BUF renderer off unless this is set.
      // Under Xvfb with it off, WebKitWebDriver's screenshot never returns
      // once the page has changed its layout (WebKitGTK 2.50.6), although
      // the window itself repaints. NOTE: so the tests run the renderer
      // that the shipped app does not use by default.
      WEBKIT_DISABLE_DMABUF_RENDERER: process.env.WEBKIT_DISABLE_DMABUF_RENDERER ?? '0',
      ...env,
    },
  });

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${url}/status`);
      if (response.ok) return { url, stop: () => child.kill() };
    } catch {
      // Not listening yet.
    }
    await sleep(100);
  }
  child.kill();
  throw new Error(`tauri-driver did not start on port ${port} within 20 s`);
}

export class Session {
  constructor(driverUrl, id) {
    this.base = `${driverUrl}/session/${id}`;
  }

  /** Starts the app binary with `args` in a new WebDriver session. */
  static async start(driverUrl, application, args = []) {
    const response = await fetch(`${driverUrl}/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        capabilities: { alwaysMatch: { 'tauri:options': { application, args } } },
      }),
    });
    const body = await response.json();
    if (!response.ok) throw new Error(`new session failed: ${JSON.stringify(body)}`);
    return new Session(driverUrl, body.value.sessionId);
  }

  async command(method, path, payload) {
    const response = await fetch(`${this.base}${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: payload === undefined ? undefined : JSON.stringify(payload),
    });
    const body = await response.json();
    if (!response.ok) {
      const error = new Error(`${method} ${path}: ${body.value?.error}: ${body.value?.message}`);
      error.webdriver = body.value?.error;
      throw error;
    }
    return body.value;
  }

  async find(css) {
    const value = await this.command('POST', '/element', { using: 'css selector', value: css });
    return value[ELEMENT];
  }

  /** Runs `source` (a function body) in the page and returns its result. */
  execute(source, ...args) {
    return this.command('POST', '/execute/sync', { script: source, args });
  }

  /**
   * Runs `source` (a function body) in the page and returns the value it
   * passes to its last argument, the callback, e.g. once a promise settles.
   */
  executeAsync(source, ...args) {
    return this.command('POST', '/execute/async', { script: source, args });
  }

  /** Polls `check` until it returns a truthy value or `timeoutMs` passes. */
  async waitFor(description, check, timeoutMs = 15_000) {
    const deadline = Date.now() + timeoutMs;
    let last;
    while (Date.now() < deadline) {
      try {
        last = await check();
        if (last) return last;
      } catch (error) {
        last = error;
      }
      await sleep(100);
    }
    throw new Error(`timed out waiting for ${description} (last result: ${last})`);
  }

  /** Waits until the element exists and is displayed. */
  waitVisible(css, timeoutMs) {
    return this.waitFor(
      `${css} to be visible`,
      () =>
        this.execute(
          `const el = document.querySelector(arguments[0]);
           return !!el && !el.closest('[hidden]') && el.getClientRects().length > 0;`,
          css,
        ),
      timeoutMs,
    );
  }

  async text(css) {
    return this.execute('const el = document.querySelector(arguments[0]); return el ? el.textContent.trim() : null;', css);
  }

  async click(css) {
    await this.waitVisible(css);
    const element = await this.find(css);
    await this.command('POST', `/element/${element}/click`, {});
  }

  /** Replaces an input's value by typing, as a person would. */
  async type(css, text) {
    await this.waitVisible(css);
    const element = await this.find(css);
    await this.command('POST', `/element/${element}/clear`, {});
    await this.command('POST', `/element/${element}/value`, { text });
  }

  /**
   * Presses and releases each of `keys` in turn on the focused element, as
   * WebDriver key values: '\uE014' is ArrowRight, '\uE008' Shift.
   * `modifier`, if given, is held down throughout.
   */
  async pressKeys(keys, modifier = null) {
    const actions = [];
    if (modifier !== null) actions.push({ type: 'keyDown', value: modifier });
    for (const key of keys) {
      actions.push({ type: 'keyDown', value: key }, { type: 'keyUp', value: key });
    }
    if (modifier !== null) actions.push({ type: 'keyUp', value: modifier });
    await this.command('POST', '/actions', { actions: [{ type: 'key', id: 'keyboard', actions }] });
    await this.command('DELETE', '/actions');
  }

  /** Drags with the mouse from the centre of the element by `dx`, `dy` CSS pixels. */
  async drag(css, dx, dy) {
    await this.waitVisible(css);
    const element = await this.find(css);
    const origin = { [ELEMENT]: element };
    const actions = [
      { type: 'pointerMove', origin, x: 0, y: 0, duration: 0 },
      { type: 'pointerDown', button: 0 },
      { type: 'pointerMove', origin: 'pointer', x: Math.round(dx / 2), y: Math.round(dy / 2), duration: 100 },
      { type: 'pointerMove', origin: 'pointer', x: dx - Math.round(dx / 2), y: dy - Math.round(dy / 2), duration: 100 },
      { type: 'pointerUp', button: 0 },
    ];
    await this.command('POST', '/actions', {
      actions: [{ type: 'pointer', id: 'mouse', parameters: { pointerType: 'mouse' }, actions }],
    });
    await this.command('DELETE', '/actions');
  }

  /** Saves a PNG of the window, after two frames so the picture matches the DOM. */
  async screenshot(folder, name) {
    if (!folder) return;
    await this.command('POST', '/execute/async', {
      script: 'const done = arguments[0]; requestAnimationFrame(() => requestAnimationFrame(() => done()));',
      args: [],
    });
    const base64 = await this.command('GET', '/screenshot');
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, `${name}.png`), Buffer.from(base64, 'base64'));
  }

  async end() {
    await fetch(this.base, { method: 'DELETE' }).catch(() => {});
  }
}

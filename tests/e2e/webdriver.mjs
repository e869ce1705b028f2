// A small W3C WebDriver client over fetch, enough to drive the app through
// tauri-driver and WebKitWebDriver. It talks only to the driver it starts
// on 127.0.0.1.

import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdirSync, readdirSync, readFileSync, readlinkSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// W3C's key for the element reference in JSON answers.
const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';

/** The W3C WebDriver code points of the special keys the tests press. */
export const Key = Object.freeze({
  Backspace: '\uE003',
  Tab: '\uE004',
  Enter: '\uE007',
  Shift: '\uE008',
  Control: '\uE009',
  Alt: '\uE00A',
  Escape: '\uE00C',
  ArrowUp: '\uE013',
  ArrowDown: '\uE015',
  F1: '\uE031',
});

/**
 * Environment variables that give the app a fresh home of its own under
 * `parent`, so one test file's settings, session cache and drafts never
 * reach another's.
 */
export function isolatedHome(parent, name) {
  const home = join(parent, name);
  rmSync(home, { recursive: true, force: true });
  mkdirSync(home, { recursive: true });
  return {
    HOME: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_DATA_HOME: join(home, '.local/share'),
    XDG_CACHE_HOME: join(home, '.cache'),
  };
}

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

// How long the driver's processes get to exit on SIGTERM before SIGKILL.
const STOP_GRACE_MS = 500;

// How long an app gets to exit by itself after its session is deleted.
const APP_EXIT_WAIT_MS = 3000;

// The Unix session id of each running driver by its URL. A detached child
// leads a session of its own, so the apps it starts carry its pid as their
// session id, which distinguishes them from any other copy of the app.
const driverSessionIds = new Map();

/**
 * Returns the pids of live processes in Unix session `sessionId` that run
 * the binary `application`, read from /proc (Linux only, like the tests).
 */
function appProcesses(sessionId, application) {
  const pids = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // The fields after "(comm)" are: state, ppid, pgrp, session, ...
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const [state, , , session] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (state !== 'Z' && Number(session) === sessionId && readlinkSync(`/proc/${entry}/exe`) === application) {
        pids.push(Number(entry));
      }
    } catch {
      // The process ended while it was being read.
    }
  }
  return pids;
}

/**
 * Waits for the app of an ended session to exit, and ends it when it does
 * not. Deleting a session does not always close the app (seen with
 * WebKitGTK 2.50.6), and a leftover app would make the next one exit at
 * once, since a second instance only focuses the first.
 */
async function awaitAppExit(sessionId, application) {
  const deadline = Date.now() + APP_EXIT_WAIT_MS;
  while (Date.now() < deadline) {
    if (appProcesses(sessionId, application).length === 0) return;
    await sleep(100);
  }
  for (const signal of ['SIGTERM', 'SIGKILL']) {
    for (const pid of appProcesses(sessionId, application)) {
      try {
        process.kill(pid, signal);
      } catch {
        // It has just exited.
      }
    }
    await sleep(STOP_GRACE_MS);
  }
}

/** Ends tauri-driver's process group: the driver, WebKitWebDriver and the app. */
async function stopGroup(child) {
  const signalGroup = (signal) => {
    try {
      process.kill(-child.pid, signal);
    } catch {
      // The group is gone already.
    }
  };
  signalGroup('SIGTERM');
  await sleep(STOP_GRACE_MS);
  signalGroup('SIGKILL');
}

/**
 * Starts tauri-driver (which starts WebKitWebDriver) on free ports and
 * waits until it accepts sessions. `env` adds variables for the driver and
 * the app it starts, e.g. a separate HOME. `stop()` ends the driver and
 * every app it started.
 */
export async function startDriver(driverPath, env = {}) {
  const port = await freePort();
  const nativePort = await freePort();
  const child = spawn(driverPath, ['--port', String(port), '--native-port', String(nativePort)], {
    // A Unix session and process group of its own, which the app inherits,
    // so that stop() and Session.end() can find the app.
    detached: true,
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
      if (response.ok) {
        driverSessionIds.set(url, child.pid);
        return {
          url,
          stop: () => {
            driverSessionIds.delete(url);
            return stopGroup(child);
          },
        };
      }
    } catch {
      // Not listening yet.
    }
    await sleep(100);
  }
  await stopGroup(child);
  throw new Error(`tauri-driver did not start on port ${port} within 20 s`);
}

export class Session {
  constructor(driverUrl, id, application) {
    this.base = `${driverUrl}/session/${id}`;
    this.driverSessionId = driverSessionIds.get(driverUrl);
    this.application = realpathSync(application);
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
    return new Session(driverUrl, body.value.sessionId, application);
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

    // WebKitWebDriver does not scroll an element that is partly visible at
    // the edge of a scrolling dialog, and then rejects the click as "not
    // interactable". A person would scroll it into view first.
    await this.execute('document.querySelector(arguments[0]).scrollIntoView({ block: "center" });', css);
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
   * Presses `key` (a character or a `Key` code point) while holding
   * `modifiers`, through the W3C actions API, as a person at the keyboard
   * would: the events go to whatever has focus.
   */
  async press(key, modifiers = []) {
    const actions = [
      ...modifiers.map((modifier) => ({ type: 'keyDown', value: modifier })),
      { type: 'keyDown', value: key },
      { type: 'keyUp', value: key },
      ...[...modifiers].reverse().map((modifier) => ({ type: 'keyUp', value: modifier })),
    ];
    await this.command('POST', '/actions', { actions: [{ type: 'key', id: 'keyboard', actions }] });
  }

  /** Types `text` one key at a time into whatever has focus. */
  async typeKeys(text) {
    const actions = [...text].flatMap((character) => [
      { type: 'keyDown', value: character },
      { type: 'keyUp', value: character },
    ]);
    await this.command('POST', '/actions', { actions: [{ type: 'key', id: 'keyboard', actions }] });
  }

  /** Returns the id of the focused element, or '' when it has none. */
  activeId() {
    return this.execute('return document.activeElement?.id ?? "";');
  }

  /**
   * Presses Tab until the element with `id` has focus, and returns how many
   * presses it took. Fails after `maxPresses`, since a control that Tab
   * never reaches is a keyboard trap or out of the tab order.
   */
  async tabTo(id, maxPresses = 20) {
    for (let presses = 0; presses <= maxPresses; presses += 1) {
      if ((await this.activeId()) === id) return presses;
      await this.press(Key.Tab);
    }
    throw new Error(`#${id} did not get focus after ${maxPresses} presses of Tab (focus is on #${await this.activeId()})`);
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

  /** Deletes the session and returns once its app has exited. */
  async end() {
    await fetch(this.base, { method: 'DELETE' }).catch(() => {});
    if (this.driverSessionId !== undefined) {
      await awaitAppExit(this.driverSessionId, this.application);
    }
  }
}

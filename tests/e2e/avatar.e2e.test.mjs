// Changing the profile photo through the real UI in the demo: pick a photo,
// move and zoom it in the crop view, save, see it on the card and in the
// edit form, then remove it. Debug builds open GIGMA_TEST_AVATAR_FILE in
// place of the native file dialog, which WebDriver cannot click. `cargo
// xtask test` points it at a JPEG whose EXIF orientation turns its stored
// portrait pixels into an upright landscape photo.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';

import { startDriver, Session } from './webdriver.mjs';

const application = process.env.GIGMA_APP_BINARY;
const driverPath = process.env.TAURI_DRIVER ?? 'tauri-driver';
const screenshots = process.env.E2E_SCREENSHOTS;
const photo = process.env.GIGMA_TEST_AVATAR_FILE;

const skip =
  photo && existsSync(photo)
    ? false
    : `GIGMA_TEST_AVATAR_FILE is ${photo ? `${photo}, which does not exist` : 'not set'}: ` +
      'point it at tests/data/images/exif-orientation/Landscape_6.jpg to run this test';

// WebDriver key values.
const ARROW_RIGHT = '\uE014';
const SHIFT = '\uE008';
const ESCAPE = '\uE00C';

// The avatar the backend makes, in pixels.
const AVATAR_SIDE = 512;

// Side of the thumbnails that compare the saved avatar with the crop view.
const THUMB = 16;

let driver;
let app;

before(async () => {
  if (skip) return;
  assert.ok(application, 'GIGMA_APP_BINARY must point at the built app');
  driver = await startDriver(driverPath, { GIGMA_TEST_AVATAR_FILE: photo });
  app = await Session.start(driver.url, application);
});

after(async () => {
  await app?.end();
  driver?.stop();
});

/** Returns the rectangles of the photo and the frame in the crop view. */
function cropGeometry() {
  return app.execute(
    `const rect = (id) => {
       const r = document.getElementById(id).getBoundingClientRect();
       return { left: r.left, top: r.top, width: r.width, height: r.height };
     };
     const image = document.getElementById('crop-image');
     return {
       image: rect('crop-image'),
       frame: rect('crop-frame'),
       naturalWidth: image.naturalWidth,
       naturalHeight: image.naturalHeight,
       zoom: Number(document.getElementById('crop-zoom').value),
     };`,
  );
}

/** Returns true when #crop-dialog is open and its photo has decoded. */
function cropViewReady() {
  return app.execute(
    `const dialog = document.getElementById('crop-dialog');
     const image = document.getElementById('crop-image');
     return dialog.open && image.complete && image.naturalWidth > 0 && image.getBoundingClientRect().width > 0;`,
  );
}

/**
 * Returns the grey levels of a THUMB × THUMB thumbnail of the <img> `css`.
 * With `framed`, the thumbnail shows only what the crop view's frame
 * covers of that image.
 */
function thumbnail(css, { framed = false } = {}) {
  return app.execute(
    `const [css, side, framed] = arguments;
     const image = document.querySelector(css);
     let source = [0, 0, image.naturalWidth, image.naturalHeight];
     if (framed) {
       const box = image.getBoundingClientRect();
       const frame = document.getElementById('crop-frame').getBoundingClientRect();
       const sx = image.naturalWidth / box.width;
       const sy = image.naturalHeight / box.height;
       source = [(frame.left - box.left) * sx, (frame.top - box.top) * sy, frame.width * sx, frame.height * sy];
     }
     const canvas = document.createElement('canvas');
     canvas.width = side;
     canvas.height = side;
     const context = canvas.getContext('2d');
     context.drawImage(image, ...source, 0, 0, side, side);
     const data = context.getImageData(0, 0, side, side).data;
     const grey = [];
     for (let i = 0; i < data.length; i += 4) grey.push((data[i] + data[i + 1] + data[i + 2]) / 3);
     return grey;`,
    css,
    THUMB,
    framed,
  );
}

function meanDifference(a, b) {
  assert.equal(a.length, b.length);
  return a.reduce((sum, value, index) => sum + Math.abs(value - b[index]), 0) / a.length;
}

/** Rotates a square thumbnail a quarter turn clockwise. */
function rotated(grey) {
  const out = new Array(grey.length);
  for (let y = 0; y < THUMB; y += 1) {
    for (let x = 0; x < THUMB; x += 1) {
      out[y * THUMB + x] = grey[(THUMB - 1 - x) * THUMB + y];
    }
  }
  return out;
}

/** Returns what the card's avatar shows: the photo's natural size, or the initials. */
function cardAvatar() {
  return app.execute(
    `const image = document.getElementById('card-avatar-image');
     const initials = document.getElementById('card-initials');
     return {
       photoShown: !image.hidden && image.complete && image.naturalWidth > 0,
       naturalWidth: image.naturalWidth,
       naturalHeight: image.naturalHeight,
       src: image.getAttribute('src') ?? '',
       initials: initials.textContent.trim(),
       initialsVisible: initials.getClientRects().length > 0 && image.hidden,
       removeHidden: document.getElementById('card-photo-remove').hidden,
     };`,
  );
}

test('demo: upload, crop, show and remove the photo', { skip }, async (t) => {
  await app.waitVisible('#screen-signin');
  await app.click('#demo-link');
  await app.waitFor('the demo card', async () => (await app.text('#card-name'))?.startsWith('Петров Алексей'));

  // The demo customer starts without a photo: initials, and nothing to remove.
  let avatar = await cardAvatar();
  assert.equal(avatar.photoShown, false);
  assert.ok(avatar.initialsVisible, 'the initials show');
  assert.notEqual(avatar.initials, '');
  assert.equal(avatar.removeHidden, true);
  assert.equal(await app.text('#card-photo-upload'), 'Загрузить фото');

  // Cancelling the crop view leaves the profile as it was.
  await app.click('#card-photo-upload');
  await app.waitFor('the crop view', cropViewReady);
  await app.click('#crop-cancel');
  await app.waitFor('the crop view to close', async () => !(await app.execute("return document.getElementById('crop-dialog').open;")));
  assert.equal((await cardAvatar()).photoShown, false);

  await app.click('#card-photo-upload');
  await app.waitFor('the crop view', cropViewReady);
  assert.equal(await app.execute('return document.activeElement?.id;'), 'crop-viewport');

  // The photo is stored as a 1200 × 1800 portrait with EXIF orientation 6,
  // so the upright preview is a landscape.
  let geometry = await cropGeometry();
  assert.ok(geometry.naturalWidth > geometry.naturalHeight, `upright preview: ${JSON.stringify(geometry)}`);

  // The default crop is the largest centred square: the frame spans the
  // photo's full height and sits in the middle of its width.
  assert.ok(Math.abs(geometry.frame.height - geometry.image.height) < 1, 'frame spans the height');
  const centre = (box) => box.left + box.width / 2;
  assert.ok(Math.abs(centre(geometry.frame) - centre(geometry.image)) < 1, 'frame is centred');
  assert.equal(geometry.zoom, 0);

  // Three arrow presses move the photo right by 3/64 of the frame, and one
  // with Shift by 1/8 more.
  await app.pressKeys([ARROW_RIGHT, ARROW_RIGHT, ARROW_RIGHT]);
  let moved = await cropGeometry();
  const step = geometry.frame.width / 64;
  assert.ok(Math.abs(moved.image.left - geometry.image.left - 3 * step) < 0.5, `arrows: ${moved.image.left} from ${geometry.image.left}`);
  await app.pressKeys([ARROW_RIGHT], SHIFT);
  const shifted = await cropGeometry();
  assert.ok(Math.abs(shifted.image.left - moved.image.left - geometry.frame.width / 8) < 0.5, 'Shift makes a bigger step');

  // The wheel zooms in around the pointer, and the slider follows.
  await app.execute(
    `const viewport = document.getElementById('crop-viewport');
     const box = viewport.getBoundingClientRect();
     viewport.dispatchEvent(new WheelEvent('wheel', {
       deltaY: -300, deltaMode: 0, clientX: box.left + box.width / 2, clientY: box.top + box.height / 2,
       bubbles: true, cancelable: true,
     }));`,
  );
  const zoomed = await cropGeometry();
  assert.ok(zoomed.image.width > shifted.image.width * 1.3, `zoomed in: ${zoomed.image.width}`);
  assert.ok(zoomed.zoom > 0, 'the slider moved');

  // Dragging with the mouse moves the photo with the pointer.
  await app.drag('#crop-viewport', -40, -20);
  const dragged = await cropGeometry();
  assert.ok(Math.abs(dragged.image.left - zoomed.image.left + 40) < 1.5, `drag x: ${dragged.image.left} from ${zoomed.image.left}`);
  assert.ok(Math.abs(dragged.image.top - zoomed.image.top + 20) < 1.5, `drag y: ${dragged.image.top} from ${zoomed.image.top}`);

  // The frame never leaves the photo.
  for (const side of ['left', 'top']) {
    assert.ok(dragged.frame[side] >= dragged.image[side] - 0.5, `frame inside on the ${side}`);
  }
  assert.ok(dragged.frame.left + dragged.frame.width <= dragged.image.left + dragged.image.width + 0.5, 'frame inside on the right');

  await app.screenshot(screenshots, 'avatar-01-crop');
  const framedThumbnail = await thumbnail('#crop-image', { framed: true });

  await app.click('#crop-save');
  await app.waitFor('the crop view to close', async () => !(await app.execute("return document.getElementById('crop-dialog').open;")), 30_000);
  await app.waitFor('the photo on the card', async () => (await cardAvatar()).photoShown);

  avatar = await cardAvatar();
  assert.equal(avatar.naturalWidth, AVATAR_SIDE);
  assert.equal(avatar.naturalHeight, AVATAR_SIDE);
  assert.match(avatar.src, /^blob:/);
  assert.equal(avatar.removeHidden, false);
  assert.equal(await app.text('#toast'), 'Фото сохранено');

  // The card shows the square that was in the frame, upright: it matches
  // the crop view far better than the same square turned a quarter.
  const avatarThumbnail = await thumbnail('#card-avatar-image');
  const difference = meanDifference(avatarThumbnail, framedThumbnail);
  const turnedDifference = meanDifference(avatarThumbnail, rotated(framedThumbnail));
  t.diagnostic(`grey level difference: ${difference.toFixed(1)} upright, ${turnedDifference.toFixed(1)} turned`);
  assert.ok(difference < 12, `the avatar differs from the framed square by ${difference.toFixed(1)} grey levels`);
  assert.ok(difference * 2 < turnedDifference, `upright ${difference.toFixed(1)} vs turned ${turnedDifference.toFixed(1)}`);
  await app.screenshot(screenshots, 'avatar-02-card');

  // The edit form shows the same photo.
  await app.click('#edit-button');
  await app.waitVisible('#edit-avatar-image');
  assert.equal(await app.execute("return document.getElementById('edit-avatar-image').naturalWidth;"), AVATAR_SIDE);
  await app.screenshot(screenshots, 'avatar-03-edit');
  await app.click('#cancel-button');
  await app.waitVisible('#screen-card');

  // «Удалить фото» opens a confirmation with «Отмена» focused.
  await app.click('#card-photo-remove');
  await app.waitVisible('#remove-photo-dialog');
  assert.equal(await app.execute('return document.activeElement?.id;'), 'remove-photo-cancel');
  await app.screenshot(screenshots, 'avatar-04-remove');
  await app.click('#remove-photo-confirm');

  await app.waitFor('the initials again', async () => (await cardAvatar()).initialsVisible);
  avatar = await cardAvatar();
  assert.equal(avatar.photoShown, false);
  assert.equal(avatar.src, '');
  assert.notEqual(avatar.initials, '');
  assert.equal(avatar.removeHidden, true);
  assert.equal(await app.execute("return document.getElementById('remove-photo-dialog').open;"), false);
});

test('crop view fits the smallest window', { skip }, async () => {
  // The window's minimum and default sizes in tauri.conf.json. The app
  // remembers its size, so the default comes back for the tests after this.
  await app.command('POST', '/window/rect', { width: 400, height: 560 });
  try {
    await checkCropViewFits();
  } finally {
    await app.command('POST', '/window/rect', { width: 560, height: 760 });
  }
});

/** Opens the crop view and checks that all of it fits the window. */
async function checkCropViewFits() {
  await app.waitFor('the small window', async () => (await app.execute('return window.innerWidth;')) <= 400);

  await app.waitVisible('#screen-card');
  await app.click('#card-photo-upload');
  await app.waitFor('the crop view', cropViewReady);

  // Every part of the dialog is on screen without scrolling, and no label
  // is cut off.
  const layout = await app.execute(
    `const dialog = document.getElementById('crop-dialog');
     const inside = (element) => {
       const r = element.getBoundingClientRect();
       return r.top >= 0 && r.left >= 0 && r.bottom <= window.innerHeight && r.right <= window.innerWidth;
     };
     const clipped = [...dialog.querySelectorAll('h2, p:not(.visually-hidden), label, button')]
       .filter((element) => element.getClientRects().length > 0)
       .filter((element) => element.scrollWidth > element.clientWidth + 1 || element.scrollHeight > element.clientHeight + 1)
       .map((element) => element.id || element.textContent.trim());
     return {
       scrolls: dialog.scrollHeight > dialog.clientHeight + 1,
       saveInside: inside(document.getElementById('crop-save')),
       cancelInside: inside(document.getElementById('crop-cancel')),
       frameSide: document.getElementById('crop-frame').getBoundingClientRect().width,
       clipped,
     };`,
  );
  await app.screenshot(screenshots, 'avatar-05-crop-small-window');
  assert.equal(layout.scrolls, false, 'the dialog needs no scrolling');
  assert.ok(layout.saveInside, '«Сохранить» is on screen');
  assert.ok(layout.cancelInside, '«Отмена» is on screen');
  assert.ok(layout.frameSide >= 140, `frame side ${layout.frameSide}`);
  assert.deepEqual(layout.clipped, []);

  await app.pressKeys([ESCAPE]);
  await app.waitFor('Esc to close the crop view', async () => !(await app.execute("return document.getElementById('crop-dialog').open;")));
}

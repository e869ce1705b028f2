import assert from "node:assert/strict";
import { describe, test } from "node:test";

import { imageMimeType, toBytes } from "../js/image-bytes.js";

const JPEG_START = [0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10];
const PNG_START = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00];

describe("toBytes", () => {
  test("ArrayBuffer from a raw IPC response", () => {
    const bytes = toBytes(Uint8Array.from(JPEG_START).buffer);
    assert.ok(bytes instanceof Uint8Array);
    assert.deepEqual([...bytes], JPEG_START);
  });

  test("typed array view keeps its window", () => {
    const buffer = Uint8Array.from([1, 2, 3, 4, 5]).buffer;
    assert.deepEqual([...toBytes(new Uint8Array(buffer, 1, 3))], [2, 3, 4]);
  });

  test("array of numbers", () => {
    assert.deepEqual([...toBytes([1, 2, 255])], [1, 2, 255]);
  });

  test("empty response and other values give no bytes", () => {
    assert.equal(toBytes(new ArrayBuffer(0)).length, 0);
    for (const value of [null, undefined, "bytes", 42, {}]) {
      assert.equal(toBytes(value).length, 0, String(value));
    }
  });
});

describe("imageMimeType", () => {
  test("JPEG and PNG by signature", () => {
    assert.equal(imageMimeType(Uint8Array.from(JPEG_START)), "image/jpeg");
    assert.equal(imageMimeType(Uint8Array.from(PNG_START)), "image/png");
  });

  test("unknown or short bytes give no type", () => {
    assert.equal(imageMimeType(new Uint8Array(0)), "");
    assert.equal(imageMimeType(Uint8Array.from([0xff, 0xd8])), "");
    assert.equal(imageMimeType(Uint8Array.from([0x47, 0x49, 0x46, 0x38, 0x39, 0x61])), "");
    assert.equal(imageMimeType(Uint8Array.from(PNG_START.slice(0, 7))), "");
  });
});

import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { describe, test } from "node:test";

const UI = new URL("../", import.meta.url);
const html = readFileSync(new URL("index.html", UI), "utf8");

// Module paths relative to ui/, such as "js/i18n/ru.js".
function modulesIn(folder) {
  return readdirSync(new URL(folder, UI), { withFileTypes: true }).flatMap((entry) => {
    if (entry.isDirectory()) {
      return modulesIn(`${folder}${entry.name}/`);
    }
    return entry.name.endsWith(".js") ? [`${folder}${entry.name}`] : [];
  });
}

function preloaded() {
  return [...html.matchAll(/<link rel="modulepreload" href="([^"]+)">/g)].map((match) => match[1]);
}

describe("index.html", () => {
  test("preloads every module but the entry point", () => {
    const expected = modulesIn("js/").filter((path) => path !== "js/main.js").sort();

    assert.deepEqual([...preloaded()].sort(), expected);
  });

  test("preloads only files that exist", () => {
    for (const path of preloaded()) {
      assert.ok(existsSync(new URL(path, UI)), `${path} is missing`);
    }
  });

  test("preloads each module once", () => {
    const paths = preloaded();

    assert.equal(new Set(paths).size, paths.length);
  });
});

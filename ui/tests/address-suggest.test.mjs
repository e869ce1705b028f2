import assert from "node:assert/strict";
import { describe, test } from "node:test";

import {
  cleanSuggestions,
  closedList,
  createSuggestionQueue,
  hideList,
  listKeyDown,
  listWithItems,
  pickAt,
  SUGGEST_DELAY_MS,
} from "../js/address-suggest.js";

// setTimeout/clearTimeout under the test's control: advance(ms) runs the
// callbacks that are due.
function fakeTimers() {
  let now = 0;
  let nextId = 1;
  const pending = new Map();
  return {
    setTimeout(callback, delay) {
      const id = nextId++;
      pending.set(id, { callback, due: now + delay });
      return id;
    },
    clearTimeout(id) {
      pending.delete(id);
    },
    advance(ms) {
      now += ms;
      for (const [id, { callback, due }] of [...pending]) {
        if (due <= now) {
          pending.delete(id);
          callback();
        }
      }
    },
    get pendingCount() {
      return pending.size;
    },
  };
}

// A request whose responses the test releases one by one, in any order.
function controlledRequest() {
  const calls = [];
  const request = (query) =>
    new Promise((resolve, reject) => {
      calls.push({ query, resolve, reject });
    });
  return { request, calls };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

function queueWith(overrides = {}) {
  const timers = fakeTimers();
  const { request, calls } = controlledRequest();
  const results = [];
  const errors = [];
  const queue = createSuggestionQueue({
    request,
    onResults: (query, items) => results.push({ query, items }),
    onError: (error) => errors.push(error),
    timers,
    ...overrides,
  });
  return { queue, timers, calls, results, errors };
}

describe("suggestion queue", () => {
  test("waits for a pause in typing", () => {
    const { queue, timers, calls } = queueWith();
    queue.update("Моск");
    timers.advance(SUGGEST_DELAY_MS - 1);
    queue.update("Москв");
    timers.advance(SUGGEST_DELAY_MS - 1);
    assert.equal(calls.length, 0);

    timers.advance(1);
    assert.deepEqual(calls.map((call) => call.query), ["Москв"]);
  });

  test("short text clears at once without a request", () => {
    const { queue, timers, calls, results } = queueWith();
    queue.update("  Мо ");
    timers.advance(SUGGEST_DELAY_MS * 2);
    assert.equal(calls.length, 0);
    assert.deepEqual(results, [{ query: "Мо", items: [] }]);
  });

  test("counts characters, not UTF-16 units", () => {
    const { queue, timers, calls } = queueWith();
    // Two emoji are four UTF-16 units but two characters.
    queue.update("😀😀");
    timers.advance(SUGGEST_DELAY_MS);
    assert.equal(calls.length, 0);
  });

  test("short text cancels a pending request", () => {
    const { queue, timers, calls } = queueWith();
    queue.update("Москва");
    queue.update("Мо");
    timers.advance(SUGGEST_DELAY_MS);
    assert.equal(calls.length, 0);
    assert.equal(timers.pendingCount, 0);
  });

  test("delivers the answer to the latest text", async () => {
    const { queue, timers, calls, results } = queueWith();
    queue.update("москва тверская");
    timers.advance(SUGGEST_DELAY_MS);
    calls[0].resolve(["г Москва, ул Тверская, д 7"]);
    await flush();
    assert.deepEqual(results, [{ query: "москва тверская", items: ["г Москва, ул Тверская, д 7"] }]);
  });

  test("drops an answer that arrives after a newer one", async () => {
    const { queue, timers, calls, results } = queueWith();
    queue.update("Новос");
    timers.advance(SUGGEST_DELAY_MS);
    queue.update("Новосиб");
    timers.advance(SUGGEST_DELAY_MS);
    assert.equal(calls.length, 2);

    // The newer response arrives first, then the older one: only the newer shows.
    calls[1].resolve(["newer"]);
    await flush();
    calls[0].resolve(["older"]);
    await flush();
    assert.deepEqual(results, [{ query: "Новосиб", items: ["newer"] }]);
  });

  test("drops an answer to text typed over", async () => {
    const { queue, timers, calls, results } = queueWith();
    queue.update("Новос");
    timers.advance(SUGGEST_DELAY_MS);
    queue.update("Новосиб");
    calls[0].resolve(["old"]);
    await flush();
    assert.deepEqual(results, []);
  });

  test("cancel drops the answer in flight", async () => {
    const { queue, timers, calls, results } = queueWith();
    queue.update("Москва");
    timers.advance(SUGGEST_DELAY_MS);
    queue.cancel();
    calls[0].resolve(["г Москва, ул Тверская, д 7"]);
    await flush();
    assert.deepEqual(results, []);
  });

  test("cancel stops the pending request", () => {
    const { queue, timers, calls } = queueWith();
    queue.update("Москва");
    queue.cancel();
    timers.advance(SUGGEST_DELAY_MS);
    assert.equal(calls.length, 0);
  });

  test("failure reports the error and empties the list", async () => {
    const { queue, timers, calls, results, errors } = queueWith();
    queue.update("Москва");
    timers.advance(SUGGEST_DELAY_MS);
    calls[0].reject({ kind: "offline" });
    await flush();
    assert.deepEqual(errors, [{ kind: "offline" }]);
    assert.deepEqual(results, [{ query: "Москва", items: [] }]);
  });

  test("stale failure is dropped", async () => {
    const { queue, timers, calls, results, errors } = queueWith();
    queue.update("Москва");
    timers.advance(SUGGEST_DELAY_MS);
    queue.update("Москва, Тверская");
    calls[0].reject({ kind: "timeout" });
    await flush();
    assert.deepEqual(errors, []);
    assert.deepEqual(results, []);
  });

  test("answer is cleaned", async () => {
    const { queue, timers, calls, results } = queueWith();
    queue.update("Москва");
    timers.advance(SUGGEST_DELAY_MS);
    calls[0].resolve(["a", " a ", "", null, 7, "b"]);
    await flush();
    assert.deepEqual(results, [{ query: "Москва", items: ["a", "b"] }]);
  });
});

describe("cleanSuggestions", () => {
  test("non-array gives empty list", () => {
    assert.deepEqual(cleanSuggestions(null), []);
    assert.deepEqual(cleanSuggestions({ suggestions: ["a"] }), []);
  });
});

describe("suggestion list keys", () => {
  const three = listWithItems(["first", "second", "third"]);

  test("answer opens list with nothing highlighted", () => {
    assert.equal(three.open, true);
    assert.equal(three.active, -1);
    assert.equal(listWithItems([]).open, false);
  });

  test("ArrowDown walks and wraps", () => {
    let list = three;
    const seen = [];
    for (let press = 0; press < 4; press += 1) {
      const result = listKeyDown(list, "ArrowDown");
      assert.equal(result.handled, true);
      list = result.list;
      seen.push(list.active);
    }
    assert.deepEqual(seen, [0, 1, 2, 0]);
  });

  test("ArrowUp walks back and wraps", () => {
    let list = three;
    const seen = [];
    for (let press = 0; press < 4; press += 1) {
      list = listKeyDown(list, "ArrowUp").list;
      seen.push(list.active);
    }
    assert.deepEqual(seen, [2, 1, 0, 2]);
  });

  test("Enter picks the highlighted item", () => {
    const highlighted = listKeyDown(listKeyDown(three, "ArrowDown").list, "ArrowDown").list;
    const result = listKeyDown(highlighted, "Enter");
    assert.equal(result.handled, true);
    assert.equal(result.picked, "second");
    assert.equal(result.list.open, false);
    assert.deepEqual(result.list.items, []);
  });

  test("Enter without highlight is left to the form", () => {
    const result = listKeyDown(three, "Enter");
    assert.equal(result.handled, false);
    assert.equal(result.picked, null);
    assert.equal(result.list, three);
  });

  test("Escape closes an open list only", () => {
    const highlighted = listKeyDown(three, "ArrowDown").list;
    const closed = listKeyDown(highlighted, "Escape");
    assert.equal(closed.handled, true);
    assert.equal(closed.list.open, false);
    assert.equal(closed.list.active, -1);
    assert.deepEqual(closed.list.items, three.items);

    // A second Esc belongs to the form, which cancels the edit.
    assert.equal(listKeyDown(closed.list, "Escape").handled, false);
  });

  test("ArrowDown reopens a closed list", () => {
    const closed = listKeyDown(three, "Escape").list;
    const reopened = listKeyDown(closed, "ArrowDown");
    assert.equal(reopened.handled, true);
    assert.equal(reopened.list.open, true);
    assert.equal(reopened.list.active, 0);

    const withAlt = listKeyDown(closed, "ArrowDown", { altKey: true }).list;
    assert.equal(withAlt.open, true);
    assert.equal(withAlt.active, -1);

    assert.equal(listKeyDown(closed, "ArrowUp").list.active, 2);
  });

  test("arrows without items are left to the page", () => {
    const empty = closedList();
    assert.equal(listKeyDown(empty, "ArrowDown").handled, false);
    assert.equal(listKeyDown(empty, "ArrowUp").handled, false);
  });

  test("other keys are left to the page", () => {
    for (const key of ["a", "Tab", "Home", "End", " "]) {
      const result = listKeyDown(three, key);
      assert.equal(result.handled, false, key);
      assert.equal(result.list, three, key);
    }
  });

  test("pickAt picks by index", () => {
    assert.equal(pickAt(three, 2).picked, "third");
    assert.equal(pickAt(three, 2).list.open, false);
    assert.equal(pickAt(three, 3).picked, null);
    assert.equal(pickAt(three, -1).picked, null);
    assert.equal(pickAt(three, 3).list, three);
  });

  test("hideList keeps items", () => {
    const hidden = hideList(listKeyDown(three, "ArrowDown").list);
    assert.equal(hidden.open, false);
    assert.equal(hidden.active, -1);
    assert.deepEqual(hidden.items, three.items);
  });
});

// Keeps the edit form's typed values as a draft on the backend, so they
// survive closing the window or a crash. DOM-free, so node can test it.

import { call } from "./ipc.js";

// Pause after the last keystroke before the draft is written.
export const DRAFT_DEBOUNCE_MS = 500;

// Create a keeper for one form. `readDraft()` returns the save_draft
// argument for the current values, or null when nothing differs from the
// card, in which case the stored draft is discarded instead. `onResult(error)`
// runs after every write, with null on success or the backend error, e.g.
// {kind: "draft_too_large"}. Writes run one at a time in the order they were
// requested, so a late save never overwrites a later discard. `timers`
// replaces setTimeout and clearTimeout in tests.
export function createDraftKeeper({ readDraft, onResult = () => {}, debounceMs = DRAFT_DEBOUNCE_MS, timers = globalThis }) {
  let timer = null;
  // True when the values changed since the last write was queued.
  let dirty = false;
  let queue = Promise.resolve();

  function cancelTimer() {
    if (timer !== null) {
      timers.clearTimeout(timer);
      timer = null;
    }
  }

  // Queue `request` after every earlier write. Resolves with true when it
  // succeeded, and never rejects.
  function enqueue(request) {
    const write = queue.then(async () => {
      try {
        await request();
        onResult(null);
        return true;
      } catch (error) {
        onResult(error);
        return false;
      }
    });
    queue = write;
    return write;
  }

  function writeNow() {
    dirty = false;
    const draft = readDraft();
    if (draft === null) {
      return enqueue(() => call("discard_draft"));
    }
    return enqueue(() => call("save_draft", { draft }));
  }

  return {
    // Note that the values changed, and write them once typing has paused
    // for `debounceMs`.
    schedule() {
      dirty = true;
      cancelTimer();
      timer = timers.setTimeout(() => {
        timer = null;
        writeNow();
      }, debounceMs);
    },

    // Write at once if the values changed since the last write, e.g. when a
    // field loses focus. With `force`, write even without a change, e.g.
    // once more before the window closes. Resolves with true when the
    // write succeeded or none was needed.
    flush({ force = false } = {}) {
      cancelTimer();
      if (!dirty && !force) {
        return queue.then(() => true);
      }
      return writeNow();
    },

    // Remove the stored draft, dropping a write that has not started yet.
    discard() {
      cancelTimer();
      dirty = false;
      return enqueue(() => call("discard_draft"));
    },

    // Drop a pending write without writing, e.g. when a save starts.
    cancel() {
      cancelTimer();
    },
  };
}

// The card without a connection: which load errors keep the last card on
// screen, the "данные от …" text, and the loop that retries the load.
// DOM-free, so node can test it.

import { errorKind } from "./errors.js";
import { dataTimeParts } from "./format.js";
import { getLocale, M, t } from "./i18n.js";

// Pause between two loads while the shop's server cannot be reached.
export const RETRY_INTERVAL_MS = 15_000;

// Return why a load failed when the last card may stay on screen: "offline"
// when the server could not be reached or did not answer in time, "server"
// for a 5xx answer, and null for every other error.
export function connectionProblem(error) {
  switch (errorKind(error)) {
    case "offline":
    case "timeout":
      return "offline";
    case "server":
      return "server";
    default:
      return null;
  }
}

// Format when the shown data was loaded, relative to `now`, in the current
// locale: "сегодня в 14:05", "вчера в 14:05" or "2 апреля в 14:05".
// Returns null when `when` is not a valid time.
export function formatDataTime(when, now, timeZone = undefined) {
  const parts = dataTimeParts(when, now, getLocale(), timeZone);
  if (parts === null) {
    return null;
  }

  const keys = { today: M.offline.today, yesterday: M.offline.yesterday, earlier: M.offline.onDate };
  return t(keys[parts.day], { date: parts.date, time: parts.time });
}

// Return the banner's two lines for `problem` ("offline" or "server"):
// {title: "Нет связи. Данные от сегодня в 14:05", detail: why the actions
// are off and that the app retries by itself}. Without a valid `loadedAt`
// the title says that saved data is shown.
export function offlineBannerText(problem, loadedAt, now, timeZone = undefined) {
  const server = problem === "server";
  const when = loadedAt === null || loadedAt === undefined ? null : formatDataTime(loadedAt, now, timeZone);

  let title;
  if (when === null) {
    title = t(server ? M.offline.serverDownUndated : M.offline.noConnectionUndated);
  } else {
    title = t(server ? M.offline.serverDown : M.offline.noConnection, { when });
  }
  return { title, detail: t(server ? M.offline.serverDetail : M.offline.noConnectionDetail) };
}

// Create a loop that calls `attempt()` every `intervalMs` until it succeeds.
// `attempt` returns a promise of true when the loop should end (a load
// succeeded, or failed in a way that retrying cannot fix) and false to try
// again. The next attempt is scheduled only after the previous one settled,
// so attempts never overlap, and a rejection counts as false. `timers`
// replaces setTimeout and clearTimeout in tests.
export function createRetryLoop({ intervalMs = RETRY_INTERVAL_MS, attempt, timers = globalThis }) {
  let timer = null;
  let running = false;
  // Bumped by every start and stop, so that an attempt still in flight
  // from an earlier run does not schedule the next one.
  let run = 0;

  function schedule(runId) {
    timer = timers.setTimeout(() => {
      timer = null;
      tryOnce(runId);
    }, intervalMs);
  }

  async function tryOnce(runId) {
    let done = false;
    try {
      done = (await attempt()) === true;
    } catch {
      done = false;
    }

    if (runId !== run) {
      return;
    }
    if (done) {
      running = false;
    } else {
      schedule(runId);
    }
  }

  return {
    // Schedule the first attempt in `intervalMs`. Does nothing while the
    // loop already runs, so repeated failures do not stack attempts.
    start() {
      if (running) {
        return;
      }
      running = true;
      run += 1;
      schedule(run);
    },

    stop() {
      running = false;
      run += 1;
      if (timer !== null) {
        timers.clearTimeout(timer);
        timer = null;
      }
    },

    isRunning() {
      return running;
    },
  };
}

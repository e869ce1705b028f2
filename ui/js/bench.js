// Milestones for scripts/bench-app.sh. Bootstrap turns them on only when the
// app runs with GIGMA_BENCH_MILESTONES=1. Otherwise every function here
// returns at once and nothing is sent.

import { call } from "./ipc.js";

// load_counterparty calls timed once the card is painted, for the round-trip
// comparison with curl.
const ROUND_TRIPS = 20;

let enabled = false;
const reported = new Set();
const pendingPaints = [];

export function enableBenchMilestones(flag) {
  enabled = flag === true;
}

// Resolves once the current DOM is on screen: a second animation frame
// starts only after the first one has been presented.
function afterPaint() {
  return new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
}

function send(name, value) {
  const args = value === undefined ? { name } : { name, value };
  return call("bench_milestone", args).catch(() => {});
}

// Report the milestone `name` once, after the next paint.
export function benchMilestone(name) {
  if (!enabled || reported.has(name)) {
    return;
  }
  reported.add(name);
  pendingPaints.push(afterPaint().then(() => send(name)));
}

// Once the reported paints are out, time ROUND_TRIPS load_counterparty calls
// one after another when `signedIn`, report each in milliseconds, then
// report "done".
export async function benchRoundTrips(signedIn) {
  if (!enabled) {
    return;
  }
  await Promise.all(pendingPaints);
  for (let index = 0; signedIn && index < ROUND_TRIPS; index += 1) {
    const started = performance.now();
    try {
      await call("load_counterparty");
    } catch {
      break;
    }
    await send("round_trip", performance.now() - started);
  }
  await send("done");
}

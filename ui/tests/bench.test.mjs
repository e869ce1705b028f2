import assert from "node:assert/strict";
import { beforeEach, describe, test } from "node:test";

// Every test loads its own copy of bench.js, whose state is per module.
let copies = 0;
async function freshBench() {
  copies += 1;
  return import(`../js/bench.js?copy=${copies}`);
}

// Stand-ins for the Tauri bridge and the browser's frame clock. `failAfter`
// makes load_counterparty fail from that call on.
let calls;
let failAfter;
beforeEach(() => {
  calls = [];
  failAfter = Infinity;
  globalThis.requestAnimationFrame = (callback) => setTimeout(callback, 0);
  globalThis.__TAURI__ = {
    core: {
      invoke: async (command, args) => {
        calls.push({ command, args });
        const loads = calls.filter((call) => call.command === "load_counterparty").length;
        if (command === "load_counterparty" && loads > failAfter) {
          throw { kind: "offline" };
        }
        return null;
      },
    },
  };
});

function milestones() {
  return calls.filter((call) => call.command === "bench_milestone").map((call) => call.args.name);
}

describe("bench milestones", () => {
  test("send nothing unless enabled", async () => {
    const bench = await freshBench();
    bench.enableBenchMilestones(false);

    bench.benchMilestone("first_paint");
    await bench.benchRoundTrips(true);

    assert.deepEqual(calls, []);
  });

  test("need exactly true to turn on", async () => {
    const bench = await freshBench();
    bench.enableBenchMilestones("1");

    await bench.benchRoundTrips(true);

    assert.deepEqual(calls, []);
  });

  test("report each name once, after paint", async () => {
    const bench = await freshBench();
    bench.enableBenchMilestones(true);

    bench.benchMilestone("first_paint");
    bench.benchMilestone("first_paint");
    bench.benchMilestone("card_shown");
    assert.deepEqual(calls, [], "nothing is sent before the frames have run");
    await bench.benchRoundTrips(false);

    assert.deepEqual(milestones(), ["first_paint", "card_shown", "done"]);
  });

  test("time every round trip when signed in", async () => {
    const bench = await freshBench();
    bench.enableBenchMilestones(true);

    await bench.benchRoundTrips(true);

    const loads = calls.filter((call) => call.command === "load_counterparty");
    const trips = calls.filter((call) => call.args?.name === "round_trip");
    assert.equal(loads.length, 20);
    assert.equal(trips.length, 20);
    for (const trip of trips) {
      assert.equal(typeof trip.args.value, "number");
      assert.ok(trip.args.value >= 0, `round trip ${trip.args.value} ms`);
    }
    assert.equal(milestones().at(-1), "done");
  });

  test("stop round trips at the first failure", async () => {
    const bench = await freshBench();
    bench.enableBenchMilestones(true);
    failAfter = 3;

    await bench.benchRoundTrips(true);

    const trips = calls.filter((call) => call.args?.name === "round_trip");
    assert.equal(trips.length, 3);
    assert.equal(milestones().at(-1), "done");
  });
});

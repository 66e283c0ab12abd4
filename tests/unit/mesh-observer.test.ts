/**
 * Waiting on meshes: the schedule (few looks early, bunched at the expected end, then growing gaps), the
 * durations it learns, and the one observer that serves every wait of the process with one call per
 * look, whatever the number of meshes.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  DEFAULT_EXPECTED_MS,
  ExpectedDurations,
  parseExpectedDurations,
} from "../../provider/cloud/expected-durations";
import { MeshObserver, SHARED_LOOK_SLACK, type MeshReads } from "../../provider/cloud/mesh-observer";
import { observeMeshState } from "../../provider/cloud/mesh-state";
import type { Mesh } from "../../provider/deps";
import { CloudError } from "../../provider/resilience/errors";
import { ladder, LATE_GAP_SHARE, nextLook, type WaitPlan } from "../../provider/resilience/schedule";
import { FakeClock } from "../support/fake-clock";

/** The looks a wait makes until `doneAt` (ms after it started), by the schedule alone. */
function looks(plan: Omit<WaitPlan, "startedAt">, doneAt: number): number[] {
  const at: number[] = [];
  let now = 0;
  while (at.length < 100) {
    now = nextLook({ ...plan, startedAt: 0 }, now);
    at.push(now);
    if (now >= doneAt) return at;
  }
  throw new Error("no end");
}

describe("nextLook", () => {
  it("with only the documented expectation, climbs a ladder of 1.5 to it: E/2.25, E/1.5, E", () => {
    assert.deepEqual(looks({ expectedMs: 60_000, basis: "documented" }, 60_000), [26_667, 40_000, 60_000]);
  });

  it("with an expectation inferred from the other operations' pace, a narrower ladder of 1.2", () => {
    assert.deepEqual(looks({ expectedMs: 72_000, basis: "inferred" }, 72_000), [50_000, 60_000, 72_000]);
  });

  it("with a learned expectation, one rung of 1.1 below it", () => {
    assert.deepEqual(looks({ expectedMs: 66_000, basis: "learned" }, 66_000), [60_000, 66_000]);
  });

  it("with a learned expectation that may err a second long, also a look a second before it", () => {
    const plan = { expectedMs: 66_000, basis: "learned", errsLongByMs: 1_000 } as const;
    assert.deepEqual(looks(plan, 65_000), [60_000, 65_000]);
    assert.deepEqual(looks({ ...plan, expectedMs: 9_000 }, 9_000), [8_000, 9_000], "short: it replaces E/1.1");
    assert.deepEqual(
      ladder({ ...plan, expectedMs: 900 }).map(Math.round),
      [818, 900],
      "shorter than the margin: the two rungs",
    );
  });

  it("just past a learned end, looks every 3 % of the time waited, then every 10 % from 1.2 E", () => {
    const at = looks({ expectedMs: 100_000, basis: "learned" }, 140_000);
    assert.deepEqual(at.slice(0, 4), [90_909, 100_000, 103_000, 106_090]);
    const overshoot = (at.at(-1) ?? 0) - 140_000;
    assert.ok(overshoot <= LATE_GAP_SHARE * 140_000, `noticed ${overshoot} ms late`);
    const lastGap = (at.at(-1) ?? 0) - (at.at(-2) ?? 0);
    assert.equal(lastGap, Math.round(LATE_GAP_SHARE * (at.at(-2) ?? 0)), "10 % once well past E");
  });

  it("notices a cloud faster than expected within the ladder's ratio of its time", () => {
    for (const doneAt of [27_000, 35_000, 41_000, 59_000]) {
      const at = looks({ expectedMs: 60_000, basis: "documented" }, doneAt);
      assert.ok((at.at(-1) ?? 0) <= doneAt * 1.5, `done at ${doneAt}, seen at ${at.at(-1)}`);
    }
  });

  it("past the expected end, waits 10 % of the time waited, so it notices within 10 %", () => {
    const at = looks({ expectedMs: 60_000, basis: "documented" }, 180_000);
    const overshoot = (at.at(-1) ?? 0) - 180_000;
    assert.ok(overshoot <= LATE_GAP_SHARE * 180_000, `noticed ${overshoot} ms late`);
    for (let i = 3; i < at.length; i++) {
      assert.equal(Math.round((at[i] ?? 0) - (at[i - 1] ?? 0)), Math.round(LATE_GAP_SHARE * (at[i - 1] ?? 0)));
    }
  });

  it("keeps at least 200 ms between looks, however short the expectation", () => {
    const at = looks({ expectedMs: 100, basis: "documented" }, 1_000);
    for (let i = 1; i < at.length; i++) assert.ok((at[i] ?? 0) - (at[i - 1] ?? 0) >= 200);
  });

  it("times a resumed wait from when the operation began", () => {
    const plan: WaitPlan = { expectedMs: 60_000, basis: "documented", startedAt: 1_000_000 };
    assert.equal(nextLook(plan, 1_030_000), 1_040_000, "30 s in: the E/1.5 look");
  });
});

describe("ExpectedDurations", () => {
  it("starts from the documented defaults, or the configured ones", () => {
    assert.deepEqual(new ExpectedDurations().expected("provision"), {
      ms: DEFAULT_EXPECTED_MS.provision,
      basis: "documented",
    });
    assert.deepEqual(new ExpectedDurations({ enroll: 5_000 }).expected("enroll"), { ms: 5_000, basis: "documented" });
  });

  it("learns from what it sees finish, moving halfway each time", () => {
    const d = new ExpectedDurations();
    d.observe("update", 10_000);
    assert.deepEqual(d.expected("update"), { ms: 10_000, basis: "learned" });
    d.observe("update", 20_000);
    assert.deepEqual(d.expected("update"), { ms: 15_000, basis: "learned" });
    assert.notEqual(d.expected("delete").basis, "learned", "per operation");
  });

  it("scales an operation not seen yet by the pace of those seen, calling it inferred", () => {
    const d = new ExpectedDurations();
    d.observe("provision", DEFAULT_EXPECTED_MS.provision / 2);
    assert.deepEqual(d.expected("enroll"), { ms: DEFAULT_EXPECTED_MS.enroll / 2, basis: "inferred" });
    d.observe("update", DEFAULT_EXPECTED_MS.update * 2);
    assert.deepEqual(d.expected("enroll"), { ms: DEFAULT_EXPECTED_MS.enroll, basis: "inferred" }, "½ and 2: even");
  });

  it("starts from what an earlier process stored, and stores what it learns", () => {
    const stored: Partial<Record<string, number>> = { provision: 90_000 };
    const store = { read: () => ({ ...stored }), write: (kind: string, ms: number) => void (stored[kind] = ms) };
    const d = new ExpectedDurations({}, store);
    assert.deepEqual(d.expected("provision"), { ms: 90_000, basis: "learned" }, "a fresh process, already learned");
    assert.equal(d.expected("enroll").basis, "inferred", "the stored pace informs the others");
    d.observe("provision", 70_000);
    assert.deepEqual(stored, { provision: 80_000 });
  });

  it("reads the setting, naming what is wrong", () => {
    assert.deepEqual(parseExpectedDurations('{"provision":"90s","enroll":"500ms"}'), {
      durations: { provision: 90_000, enroll: 500 },
      problems: [],
    });
    assert.deepEqual(parseExpectedDurations('{"provison":"90s","enroll":"soon"}').problems, [
      "servicemesh:expectedDurations.provison is not an operation; allowed: provision, enroll, update, remove, delete",
      'servicemesh:expectedDurations.enroll must be a duration such as "60s"',
    ]);
    assert.deepEqual(parseExpectedDurations("[1]").problems, [
      "servicemesh:expectedDurations must be a JSON object of durations",
    ]);
  });
});

/** A cloud of meshes that become running at given times; it counts the reads made. */
class ScriptedCloud implements MeshReads {
  details = 0;
  lists = 0;
  failNext?: CloudError;
  constructor(
    private readonly clock: FakeClock,
    private readonly runningAt: Map<string, number>,
  ) {}
  private view(id: string): Mesh | undefined {
    const at = this.runningAt.get(id);
    if (at === undefined) return undefined;
    const state = this.clock.now() >= at ? "running" : "initial";
    return {
      source: "detail",
      id,
      name: id,
      state,
      clusterSpec: "enterprise",
      clusters: [],
      regionId: "r",
      version: "v",
      meshConfig: {},
    };
  }
  async describeMesh(id: string) {
    this.details++;
    return this.view(id);
  }
  async listMeshes() {
    this.lists++;
    const error = this.failNext;
    this.failNext = undefined;
    if (error) throw error;
    return [...this.runningAt.keys()].flatMap((id) => this.view(id) ?? []);
  }
}

function observer(runningAt: Record<string, number>, durations = new ExpectedDurations()) {
  const clock = new FakeClock(0);
  const cloud = new ScriptedCloud(clock, new Map(Object.entries(runningAt)));
  return { clock, cloud, observer: new MeshObserver(() => cloud, clock, durations) };
}

const untilRunning = (meshId: string, clock: FakeClock, budgetMs = 600_000) => ({
  meshId,
  operation: "provision" as const,
  decide: (m: Mesh | undefined) => observeMeshState(m, meshId),
  deadline: clock.deadline(budgetMs, "10m"),
  what: `mesh ${meshId} to be running`,
});

describe("MeshObserver", () => {
  it("answers one wait with DescribeServiceMeshDetail, three looks for a mesh that takes the expected minute", async () => {
    const { clock, cloud, observer: o } = observer({ m1: 60_000 });
    const mesh = await o.until(untilRunning("m1", clock));
    assert.equal(mesh.state, "running");
    assert.deepEqual([cloud.details, cloud.lists, clock.now()], [3, 0, 60_000]);
  });

  it("answers a hundred waits with the looks of one: one DescribeServiceMeshes per look", async () => {
    const ids = Array.from({ length: 100 }, (_, i) => `m${i}`);
    const { clock, cloud, observer: o } = observer(Object.fromEntries(ids.map((id) => [id, 60_000])));
    // Registered together (as a fleet's creates are), they share one schedule.
    const meshes = await Promise.all(ids.map((id) => o.until({ ...untilRunning(id, clock), startedAt: 0 })));
    assert.equal(meshes.length, 100);
    assert.deepEqual([cloud.lists, cloud.details], [3, 0]);
  });

  it("gathers waits started moments apart into a few looks per rung, each at most 2 % of its wait late", async () => {
    // GIVEN a fleet's creates, started 70 ms apart over 7 s, each mesh taking the expected minute
    const ids = Array.from({ length: 100 }, (_, i) => `m${i}`);
    const startedAt = (i: number) => i * 70;
    const { clock, cloud, observer: o } = observer(Object.fromEntries(ids.map((id, i) => [id, startedAt(i) + 60_000])));
    const seenAt: number[] = [];
    await Promise.all(
      ids.map((id, i) =>
        o.until({ ...untilRunning(id, clock), startedAt: startedAt(i) }).then(() => (seenAt[i] = clock.now())),
      ),
    );
    // THEN a few looks serve all of them (one per wait per rung would be 300) …
    // (28 with these numbers, for the rungs at E/2.25, E/1.5 and E; 102 without the slack)
    assert.ok(cloud.lists <= 30, `${cloud.lists} looks`);
    // … and none is noticed later than the slack allows at its last rung
    ids.forEach((_, i) => assert.ok((seenAt[i] ?? Infinity) - (startedAt(i) + 60_000) <= SHARED_LOOK_SLACK * 60_000));
  });

  it("learns what it waited for: a second mesh like the first is seen at its first look", async () => {
    // GIVEN two meshes that each take 22 s, the second started when the first is seen running
    const first = 26_667; // the first look: E/2.25
    const { clock, cloud, observer: o } = observer({ m1: 22_000, m2: first + 22_000 });
    await o.until(untilRunning("m1", clock));
    assert.deepEqual([cloud.details, clock.now()], [1, first], "seen at the first look");
    // WHEN the second is waited for, THEN the learned 26.7 s (no timestamps here) puts its first look at 24.2 s: done
    await o.until({ ...untilRunning("m2", clock), startedAt: clock.now() });
    assert.deepEqual([cloud.details, clock.now()], [2, first + Math.round(first / 1.1)]);
  });

  it("fails a wait at its deadline with the last progress it saw", async () => {
    const { clock, observer: o } = observer({ m1: 10 * 60_000 });
    await assert.rejects(
      o.until({ ...untilRunning("m1", clock, 90_000), onProgress: () => undefined }),
      /^CloudError: timed out waiting for mesh m1 to be running: Timeout: still mesh m1 is initial after the 10m timeout$/,
    );
    assert.equal(clock.now(), 90_000, "the last look is at the deadline");
  });

  it("keeps waiting through a look that failed for now, and fails every wait on one that failed for good", async () => {
    const { clock, cloud, observer: o } = observer({ m1: 60_000, m2: 60_000 });
    cloud.failNext = new CloudError("throttled", "Throttling.User", "slow down", "cannot list meshes");
    const both = await Promise.all([o.until(untilRunning("m1", clock)), o.until(untilRunning("m2", clock))]);
    assert.equal(both.length, 2);

    const later = observer({ m1: 60_000, m2: 60_000 });
    later.cloud.failNext = new CloudError("unauthorized", "Forbidden.RAM", "no", "cannot list meshes");
    const waits = ["m1", "m2"].map((id) => later.observer.until(untilRunning(id, later.clock)));
    for (const w of waits) await assert.rejects(w, /Forbidden\.RAM/);
  });

  it("confirms a mesh missing from the list with its detail before calling it gone", async () => {
    const { clock, cloud, observer: o } = observer({ m1: 60_000 });
    const gone = o.until(untilRunning("m9", clock));
    const fine = o.until(untilRunning("m1", clock));
    await assert.rejects(gone, /mesh m9 no longer exists/);
    await fine;
    assert.ok(cloud.details >= 1);
  });

  it("fails a wait whose progress cannot be reported", async () => {
    const { clock, observer: o } = observer({ m1: 60_000 });
    const failing = o.until({
      ...untilRunning("m1", clock),
      onProgress: () => Promise.reject(new Error("the CR's cluster is unreachable")),
    });
    await assert.rejects(failing, /the CR's cluster is unreachable/);
  });
});

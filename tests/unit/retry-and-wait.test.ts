import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { backoffDelay, CALL_RETRY, pollDelay, type BackoffPolicy } from "../../provider/resilience/backoff";
import { CloudError, type ErrorKind } from "../../provider/resilience/errors";
import { withRetry } from "../../provider/resilience/retry";
import { waitFor, type Observation } from "../../provider/resilience/wait";
import { FakeClock } from "../support/fake-clock";

const cloudError = (kind: ErrorKind, retryAfterMs?: number) =>
  new CloudError(kind, `Code.${kind}`, "msg", "cannot do x", undefined, retryAfterMs);

/** A service that fails with the given errors, in order, and then answers "ok". */
function flaky(errors: CloudError[]) {
  const service = {
    answered: 0,
    call: async (): Promise<string> => {
      const next = errors.shift();
      if (next) throw next;
      service.answered += 1;
      return "ok";
    },
  };
  return service;
}

describe("backoffDelay", () => {
  const policy: BackoffPolicy = { baseMs: 100, capMs: 1_000, floorMs: 30 };
  const cases: [number, number, number][] = [
    // attempt, random, expected
    [0, 1, 100],
    [1, 1, 200],
    [3, 1, 800],
    [4, 1, 1_000],
    [60, 1, 1_000],
    [3, 0.5, 400],
    [0, 0, 30],
    [10, 0.01, 30],
  ];
  for (const [attempt, random, expected] of cases) {
    it(`waits ${expected} ms on attempt ${attempt} when the jitter draws ${random}`, () => {
      assert.equal(
        backoffDelay(policy, attempt, () => random),
        expected,
      );
    });
  }

  it("stays within [floor, cap] for the real jitter", () => {
    for (let attempt = 0; attempt < 40; attempt++) {
      const d = backoffDelay(CALL_RETRY, attempt);
      assert.ok(
        d >= CALL_RETRY.floorMs && d <= CALL_RETRY.capMs,
        `${d} within [${CALL_RETRY.floorMs}, ${CALL_RETRY.capMs}]`,
      );
    }
  });
});

describe("withRetry", () => {
  for (const kind of ["throttled", "transient", "busy"] as const) {
    it(`retries ${kind} errors until the call succeeds`, async () => {
      const clock = new FakeClock();
      const service = flaky([cloudError(kind), cloudError(kind), cloudError(kind)]);
      const result = await withRetry(service.call, { clock, deadline: clock.deadline(60_000) });
      assert.equal(result, "ok");
      assert.equal(service.answered, 1);
      assert.ok(clock.slept > 0, "time passed between attempts");
    });
  }

  for (const kind of ["not-found", "conflict", "invalid-input", "unauthorized", "terminal"] as const) {
    it(`stops at once on ${kind}`, async () => {
      const clock = new FakeClock();
      const error = cloudError(kind);
      const service = flaky([error]);
      await assert.rejects(withRetry(service.call, { clock, deadline: clock.deadline(60_000) }), (e) => e === error);
      assert.equal(clock.slept, 0);
    });
  }

  it("does not retry errors that are not CloudErrors", async () => {
    const clock = new FakeClock();
    await assert.rejects(
      withRetry(async () => Promise.reject(new TypeError("bug")), { clock, deadline: clock.deadline(60_000) }),
      TypeError,
    );
    assert.equal(clock.slept, 0);
  });

  it("gives up with the last error before the deadline would pass", async () => {
    const clock = new FakeClock();
    const errors = Array.from(
      { length: 1_000 },
      (_, i) => new CloudError("transient", "ServiceUnavailable", `try ${i}`, "cannot list meshes"),
    );
    const service = flaky(errors);
    const deadline = clock.deadline(10_000);
    await assert.rejects(
      withRetry(service.call, { clock, deadline }),
      (e: unknown) => e instanceof CloudError && e.code === "ServiceUnavailable",
    );
    assert.ok(clock.slept < 10_000, `slept ${clock.slept} ms, inside the 10 s budget`);
    assert.equal(service.answered, 0);
  });

  it("waits at least as long as the service's retry-after", async () => {
    const clock = new FakeClock();
    const service = flaky([cloudError("throttled", 4_321)]);
    const delays: number[] = [];
    await withRetry(service.call, {
      clock,
      deadline: clock.deadline(60_000),
      policy: { baseMs: 1, capMs: 1, floorMs: 1 },
      onRetry: (_e, delay) => delays.push(delay),
    });
    assert.deepEqual(delays, [4_321]);
    assert.equal(clock.slept, 4_321);
  });

  it("does not wait when retry-after alone would pass the deadline", async () => {
    const clock = new FakeClock();
    const error = cloudError("throttled", 120_000);
    await assert.rejects(
      withRetry(flaky([error]).call, { clock, deadline: clock.deadline(60_000) }),
      (e) => e === error,
    );
    assert.equal(clock.slept, 0);
  });
});

describe("waitFor", () => {
  /** Something that reports the given observations in turn. */
  function observing<T>(observations: Observation<T>[]) {
    return async () => observations.shift() ?? { done: false as const, progress: "forever" };
  }

  it("returns the value once the observation is done, publishing each new progress once", async () => {
    const clock = new FakeClock();
    const progress: string[] = [];
    const value = await waitFor(
      observing<string>([
        { done: false, progress: "mesh m1 is initial" },
        { done: false, progress: "mesh m1 is initial" },
        { done: false, progress: "mesh m1 is updating" },
        { done: true, value: "running" },
      ]),
      {
        clock,
        deadline: clock.deadline(60_000),
        what: "mesh m1 to be running",
        onProgress: (p) => void progress.push(p),
      },
    );
    assert.equal(value, "running");
    assert.deepEqual(progress, ["mesh m1 is initial", "mesh m1 is updating"]);
  });

  it("throws the failure as soon as one is observed", async () => {
    const clock = new FakeClock();
    const failure = new CloudError("terminal", "MeshState.failed", "quota", "mesh m1 is unavailable");
    await assert.rejects(
      waitFor(
        observing<string>([
          { done: false, progress: "initial" },
          { done: false, failed: failure },
        ]),
        { clock, deadline: clock.deadline(60_000), what: "mesh m1" },
      ),
      (e) => e === failure,
    );
  });

  it("times out with a message naming what it waited for, the last progress and the budget", async () => {
    const clock = new FakeClock();
    const deadline = clock.deadline(30 * 60_000, "30m");
    await assert.rejects(
      waitFor(async () => ({ done: false as const, progress: "mesh m1 is initial" }), {
        clock,
        deadline,
        what: "mesh m1 to be running",
      }),
      (e: unknown) => {
        assert.ok(e instanceof CloudError);
        assert.deepEqual([e.kind, e.code], ["terminal", "Timeout"]);
        assert.equal(
          e.message,
          "timed out waiting for mesh m1 to be running: Timeout: still mesh m1 is initial after the 30m timeout",
        );
        return true;
      },
    );
    assert.equal(clock.slept, 30 * 60_000, "it used the whole budget and not a millisecond more");
  });

  it("looks once and times out at once when the deadline has already passed", async () => {
    const clock = new FakeClock();
    const deadline = clock.deadline(1_000, "1s");
    clock.advance(5_000);
    let looks = 0;
    await assert.rejects(
      waitFor(
        async () => {
          looks += 1;
          return { done: false as const, progress: "" };
        },
        { clock, deadline, what: "cluster c1 to leave mesh m1" },
      ),
      /^CloudError: timed out waiting for cluster c1 to leave mesh m1: Timeout: still not ready after the 1s timeout$/,
    );
    assert.equal(looks, 1);
  });
});

describe("pollDelay", () => {
  const table: [waitedMs: number, random: number, expected: number, reason: string][] = [
    [0, 0.5, 200, "starts at the 200 ms floor"],
    [1_000, 0.5, 200, "5 % of 1 s is below the floor"],
    [10_000, 0.5, 500, "5 % of the time waited"],
    [10_000, 0, 400, "jitter takes off up to 20 %"],
    [10_000, 1, 600, "jitter adds up to 20 %"],
    [600_000, 0.5, 10_000, "capped at 10 s for long waits"],
  ];
  for (const [waited, random, expected, reason] of table) {
    it(`waits ${expected} ms after ${waited} ms (${reason})`, () => {
      assert.equal(
        pollDelay(waited, () => random),
        expected,
      );
    });
  }
});

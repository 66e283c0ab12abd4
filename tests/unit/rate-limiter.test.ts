import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PeerProcesses } from "../../provider/cloud/peer-processes";
import { AdaptiveRateLimiter } from "../../provider/cloud/rate-limiter";
import { FakeClock } from "../support/fake-clock";

describe("AdaptiveRateLimiter", () => {
  it("spaces calls at the current rate", async () => {
    // GIVEN 10 calls per second and the one call saved up at start
    const clock = new FakeClock();
    const limiter = new AdaptiveRateLimiter(clock, { initialQps: 10, minQps: 1, maxQps: 100 });
    // WHEN 11 calls go out back to back
    for (let i = 0; i < 11; i++) await limiter.acquire();
    // THEN they took one second of (simulated) time
    assert.equal(clock.slept, 1000);
  });

  it("on throttling, drops to 90 % of the calls answered in the last second, at most once a second", () => {
    // GIVEN 40 calls per second sent, of which the quota answered 20 in the last second
    const clock = new FakeClock();
    const limiter = new AdaptiveRateLimiter(clock, { initialQps: 40, minQps: 1, maxQps: 100 });
    limiter.onThrottled(); // nothing answered yet: no lower than 45 % of the rate, as TCP's halving
    assert.equal(limiter.qps, 18);
    clock.advance(1000);
    for (let i = 0; i < 20; i++) {
      clock.advance(50);
      limiter.onAnswered();
    }
    limiter.onThrottled();
    limiter.onThrottled(); // the same burst: ignored
    assert.equal(limiter.qps, 18, "90 % of the 20 answered");
    for (let i = 0; i < 10; i++) {
      clock.advance(1000);
      limiter.onThrottled();
    }
    assert.equal(limiter.qps, 1, "never below the minimum");
  });

  it("raises the rate by 1 per answered call until the first throttling, up to the maximum", () => {
    const limiter = new AdaptiveRateLimiter(new FakeClock(), { initialQps: 10, minQps: 1, maxQps: 30 });
    for (let i = 0; i < 14; i++) limiter.onAnswered();
    assert.equal(limiter.qps, 20, "from the fifth answer of the second, half the rate is used");
    for (let i = 0; i < 100; i++) limiter.onAnswered();
    assert.equal(limiter.qps, 30);
  });

  it("does not raise a rate the calls do not use", () => {
    const clock = new FakeClock();
    const limiter = new AdaptiveRateLimiter(clock, { initialQps: 10, minQps: 1, maxQps: 100 });
    for (let i = 0; i < 600; i++) {
      clock.advance(500); // two calls a second for five minutes: a wait's looks
      limiter.onAnswered();
    }
    assert.equal(limiter.qps, 10);
  });

  it("after a throttling, probes upward by 0.01 per answer", () => {
    const limiter = new AdaptiveRateLimiter(new FakeClock(), { initialQps: 40, minQps: 1, maxQps: 100 });
    limiter.onThrottled(); // quota 20 (half the rate: nothing answered), rate 18
    for (let i = 0; i < 10; i++) limiter.onAnswered(); // half the rate in use from the ninth
    const before = limiter.qps;
    for (let i = 0; i < 100; i++) limiter.onAnswered();
    assert.ok(Math.abs(limiter.qps - before - 1) < 1e-9, `one more call a second per 100 answers: ${limiter.qps}`);
  });

  it("saves up nothing during a quiet spell: a burst goes out evenly spaced", async () => {
    const clock = new FakeClock();
    const limiter = new AdaptiveRateLimiter(clock, { initialQps: 5, minQps: 1, maxQps: 100 });
    await limiter.acquire();
    clock.advance(60_000);
    for (let i = 0; i < 5; i++) await limiter.acquire();
    assert.equal(clock.slept, 800, "one at once, then one every 200 ms");
  });
});

describe("AdaptiveRateLimiter shared with other provider processes", () => {
  const LIMITS = { initialQps: 10, minQps: 1, maxQps: 100 };

  it("takes its share of the rate, rescaled as processes come and go", async () => {
    const clock = new FakeClock();
    let processes = 10;
    const limiter = new AdaptiveRateLimiter(clock, LIMITS, { count: () => processes });
    await limiter.acquire();
    assert.equal(limiter.qps, 1, "10 processes starting at once: one tenth of the initial rate each");
    processes = 5;
    await limiter.acquire();
    assert.equal(limiter.qps, 2, "half of them done: twice the share");
  });

  it("divides each step up among the processes, so together they climb as one", () => {
    const clock = new FakeClock();
    const limiter = new AdaptiveRateLimiter(clock, { initialQps: 40, minQps: 1, maxQps: 100 }, { count: () => 4 });
    void limiter.acquire(); // the share: 10 each
    for (let i = 0; i < 5; i++) {
      clock.advance(10);
      limiter.onAnswered(); // the fifth answer uses half the rate: from then on the rate climbs
    }
    const before = limiter.qps;
    clock.advance(10);
    limiter.onAnswered();
    assert.equal(limiter.qps - before, 0.25, "one answer: +1 for a process alone, +1/4 for each of four");
  });
});

describe("PeerProcesses", () => {
  it("counts the processes that renewed their mark in the last 5 s, and removes marks over a minute old", async () => {
    const dir = await mkdtemp(join(tmpdir(), "peers-"));
    try {
      const clock = new FakeClock();
      const me = new PeerProcesses(dir, clock, 101);
      const other = new PeerProcesses(dir, clock, 102);
      assert.equal(me.count(), 1);
      assert.equal(other.count(), 2);
      clock.advance(1000);
      assert.equal(me.count(), 2);
      clock.advance(6000); // the other stopped calling
      assert.equal(me.count(), 1);
      clock.advance(60_000);
      me.count();
      assert.deepEqual(readdirSync(dir), ["101"], "the stale mark is gone");
      assert.equal(new PeerProcesses(join(dir, "101", "not-a-dir"), clock).count(), 1, "an unusable directory: alone");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

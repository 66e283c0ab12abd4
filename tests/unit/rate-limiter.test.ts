import { describe, it } from "node:test";
import assert from "node:assert/strict";
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

  it("halves the rate on throttling, at most once a second, and never below the minimum", () => {
    const clock = new FakeClock();
    const limiter = new AdaptiveRateLimiter(clock, { initialQps: 8, minQps: 1, maxQps: 100 });
    limiter.onThrottled();
    limiter.onThrottled(); // the same burst: ignored
    assert.equal(limiter.qps, 4);
    for (let i = 0; i < 5; i++) {
      clock.advance(1000);
      limiter.onThrottled();
    }
    assert.equal(limiter.qps, 1);
  });

  it("raises the rate by 0.1 per answered call, up to the maximum", () => {
    const limiter = new AdaptiveRateLimiter(new FakeClock(), { initialQps: 10, minQps: 1, maxQps: 12 });
    for (let i = 0; i < 10; i++) limiter.onAnswered();
    assert.ok(Math.abs(limiter.qps - 11) < 1e-9);
    for (let i = 0; i < 100; i++) limiter.onAnswered();
    assert.equal(limiter.qps, 12);
  });

  it("saves up at most one second of calls during a quiet spell", async () => {
    const clock = new FakeClock();
    const limiter = new AdaptiveRateLimiter(clock, { initialQps: 5, minQps: 1, maxQps: 100 });
    await limiter.acquire();
    clock.advance(60_000);
    for (let i = 0; i < 5; i++) await limiter.acquire();
    assert.equal(clock.slept, 0, "five calls from the saved-up second");
    await limiter.acquire();
    assert.equal(clock.slept, 200, "the sixth waits for the rate");
  });
});

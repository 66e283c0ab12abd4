import type { Clock } from "../clock";

export interface RateLimits {
  initialQps: number;
  minQps: number;
  maxQps: number;
}

/**
 * A client-side, adaptive request rate (additive increase, multiplicative decrease, as TCP does): every
 * answered call raises the rate a little, a throttling answer halves it. Shared by every resource in the
 * provider process, so a stack of many meshes slows down together instead of each one spending calls on
 * `Throttling.User` answers. Halving happens at most once per second: a burst of throttled answers to
 * calls sent together is one signal, not many.
 */
export class AdaptiveRateLimiter {
  private rate: number;
  private tokens = 1;
  private refilledAt: number;
  private lastDecrease = -Infinity;

  constructor(
    private readonly clock: Clock,
    private readonly limits: RateLimits = { initialQps: 10, minQps: 1, maxQps: 100 },
  ) {
    this.rate = limits.initialQps;
    this.refilledAt = clock.now();
  }

  get qps(): number {
    return this.rate;
  }

  /** Waits until a call may be sent. */
  async acquire(): Promise<void> {
    for (;;) {
      const now = this.clock.now();
      // At most one second's worth of calls may be saved up: no burst after a quiet spell.
      this.tokens = Math.min(Math.max(1, this.rate), this.tokens + ((now - this.refilledAt) / 1000) * this.rate);
      this.refilledAt = now;
      if (this.tokens >= 1) {
        this.tokens -= 1;
        return;
      }
      await this.clock.sleep(Math.ceil(((1 - this.tokens) / this.rate) * 1000));
    }
  }

  onAnswered(): void {
    this.rate = Math.min(this.limits.maxQps, this.rate + 0.1);
  }

  onThrottled(): void {
    const now = this.clock.now();
    if (now - this.lastDecrease < 1000) return;
    this.lastDecrease = now;
    this.rate = Math.max(this.limits.minQps, this.rate / 2);
  }
}

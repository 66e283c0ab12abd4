import type { Clock } from "../clock";
import type { CloudError } from "../resilience/errors";

export interface RateLimits {
  initialQps: number;
  minQps: number;
  maxQps: number;
}

/** The rate resumes at this share of the quota a throttling revealed. */
const BELOW_QUOTA = 0.9;
/** What each answered call adds to the rate: before any throttling, and after one (probing the quota). */
const SLOW_START_STEP = 1;
const PROBE_STEP = 0.01;
/** The rate rises only while the calls of the last second used at least this share of it. */
const USED_SHARE = 0.5;

/**
 * A client-side, adaptive request rate, shared by every resource in the provider process, so a stack of
 * many meshes slows down together instead of each one spending calls on `Throttling.User` answers.
 * Until the first throttling it climbs fast (one more call per second per answer, TCP's slow start), so
 * a fleet is not held below a quota it has not met; but only while it is used (half of it in the last
 * second, as TCP validates its window), so quiet waits do not build up a rate that the next burst of
 * calls would spend on throttled answers. A throttling says the quota is about the calls
 * answered in the last second (at least half the rate, TCP's halving, when this process was not the
 * one using it up): the rate drops to 90 % of that, then probes upward slowly (0.01 per answer: from 18
 * to 20 calls a second takes about ten seconds), so a steady quota costs a few throttled calls now and
 * then. It reacts at most once per second: a burst of throttled answers to calls sent together is one
 * signal, not many.
 *
 * Other provider processes calling the same account (the stacks of a fleet brought up at once; see
 * `PeerProcesses`) share the quota: the rate is this process's share, rescaled whenever the number of
 * processes changes, and every step up is divided among them, so together they start, climb and probe
 * as one process would.
 */
export class AdaptiveRateLimiter {
  private rate: number;
  /** The processes the rate is a share for (this one included). */
  private sharedBy = 1;
  private tokens = 1;
  private refilledAt: number;
  private lastDecrease = -Infinity;
  /** The quota the last throttling revealed (Infinity: none yet). */
  private quota = Infinity;
  /** When the calls of the last second were answered. */
  private readonly answeredAt: number[] = [];

  constructor(
    private readonly clock: Clock,
    private readonly limits: RateLimits = { initialQps: 10, minQps: 1, maxQps: 100 },
    private readonly peers: { count(): number } = { count: () => 1 },
  ) {
    this.rate = limits.initialQps;
    this.refilledAt = clock.now();
  }

  get qps(): number {
    return this.rate;
  }

  /** Waits until a call may be sent. */
  async acquire(): Promise<void> {
    this.share();
    for (;;) {
      const now = this.clock.now();
      // Nothing is saved up during a quiet spell: a burst of calls (a fleet's meshes all becoming ready
      // at once) goes out evenly spaced, and the quota's own burst allowance absorbs it.
      this.tokens = Math.min(1, this.tokens + ((now - this.refilledAt) / 1000) * this.rate);
      this.refilledAt = now;
      if (this.tokens >= 1) {
        this.tokens -= 1;
        return;
      }
      await this.clock.sleep(Math.ceil(((1 - this.tokens) / this.rate) * 1000));
    }
  }

  onAnswered(): void {
    this.answeredAt.push(this.clock.now());
    this.forgetOlderThanASecond();
    if (this.answeredAt.length < USED_SHARE * this.rate) return; // a rate not used proves nothing
    const step = this.quota === Infinity ? SLOW_START_STEP : PROBE_STEP;
    this.rate = Math.min(this.limits.maxQps, this.rate + step / this.sharedBy);
  }

  /** Rescales the rate (and the quota seen) to this process's share when the number of processes changed. */
  private share(): void {
    const n = this.peers.count();
    if (n === this.sharedBy) return;
    const factor = this.sharedBy / n;
    this.sharedBy = n;
    this.rate = Math.min(this.limits.maxQps, Math.max(this.floor(), this.rate * factor));
    this.quota *= factor;
  }

  /** The least rate: the limits' minimum, shared too (thirty processes at 1 QPS each would overrun a 20 QPS quota). */
  private floor(): number {
    return this.limits.minQps / this.sharedBy;
  }

  onThrottled(): void {
    const now = this.clock.now();
    if (now - this.lastDecrease < 1000) return;
    this.lastDecrease = now;
    this.forgetOlderThanASecond();
    this.quota = Math.max(this.answeredAt.length, this.rate / 2);
    this.rate = Math.max(this.floor(), BELOW_QUOTA * this.quota);
  }

  private forgetOlderThanASecond(): void {
    const since = this.clock.now() - 1000;
    while ((this.answeredAt[0] ?? Infinity) <= since) this.answeredAt.shift();
  }

  /** Sends one call at the rate, and adjusts the rate by its answer (`toError` classifies a failure). */
  async send<T>(call: () => Promise<T>, toError: (e: unknown) => CloudError): Promise<T> {
    await this.acquire();
    try {
      const answer = await call();
      this.onAnswered();
      return answer;
    } catch (e) {
      const error = toError(e);
      if (error.kind === "throttled") this.onThrottled();
      else this.onAnswered();
      throw error;
    }
  }
}

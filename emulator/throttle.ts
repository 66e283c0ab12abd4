/**
 * Per-access-key flow control: a token bucket holding at most `qps` tokens, refilled at `qps` per second.
 * Excess calls get what POP returns (`Throttling.User`, HTTP 400) plus `x-acs-retry-after` in ms.
 */
export class Throttle {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private qps: number | undefined,
    private readonly clock: () => number,
  ) {}

  setLimit(qps: number | undefined): void {
    this.qps = qps !== undefined && qps > 0 ? qps : undefined;
    this.buckets.clear();
  }

  /** Take a token for `key`; returns 0 when allowed, else the ms until the next token. */
  take(key: string): number {
    const qps = this.qps;
    if (qps === undefined) return 0;
    const now = this.clock();
    const b = this.buckets.get(key) ?? { tokens: qps, at: now };
    b.tokens = Math.min(qps, b.tokens + ((now - b.at) / 1000) * qps);
    b.at = now;
    this.buckets.set(key, b);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil(((1 - b.tokens) / qps) * 1000));
  }
}

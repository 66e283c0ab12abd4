/**
 * Flow control as Alibaba's API gateway applies it: per access key and product (ASM's quota is not
 * ACK's), and per access key and API action (each API has its own quota). Token buckets holding at most `qps` tokens, refilled at `qps` per second.
 * Excess calls get what POP returns (`Throttling.User`, HTTP 400) plus `x-acs-retry-after` in ms.
 */
export interface QpsLimits {
  /** Calls per second per access key and product, all its actions together; undefined = unlimited. */
  perKey?: number;
  /** Calls per second per access key and action; undefined = unlimited. */
  perAction?: number;
}

export class Throttle {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private limits: QpsLimits = {};

  constructor(
    limits: QpsLimits,
    private readonly clock: () => number,
  ) {
    this.setLimits(limits);
  }

  setLimits(limits: QpsLimits): void {
    const positive = (qps: number | undefined) => (qps !== undefined && qps > 0 ? qps : undefined);
    this.limits = { perKey: positive(limits.perKey), perAction: positive(limits.perAction) };
    this.buckets.clear();
  }

  /**
   * Take a token for the key's product and for its action; returns 0 when allowed, else the ms until both
   * have one.
   */
  take(key: string, product: string, action: string): number {
    const now = this.clock();
    const perProduct = `${key}\n${product}`;
    const perAction = `${perProduct}\n${action}`;
    const wait = Math.max(
      this.peek(perProduct, this.limits.perKey, now),
      this.peek(perAction, this.limits.perAction, now),
    );
    if (wait > 0) return wait;
    this.spend(perProduct, this.limits.perKey);
    this.spend(perAction, this.limits.perAction);
    return 0;
  }

  /** Refills a bucket; the ms until it holds a token (0: it holds one). */
  private peek(name: string, qps: number | undefined, now: number): number {
    if (qps === undefined) return 0;
    const b = this.buckets.get(name) ?? { tokens: qps, at: now };
    b.tokens = Math.min(qps, b.tokens + ((now - b.at) / 1000) * qps);
    b.at = now;
    this.buckets.set(name, b);
    return b.tokens >= 1 ? 0 : Math.max(1, Math.ceil(((1 - b.tokens) / qps) * 1000));
  }

  private spend(name: string, qps: number | undefined): void {
    const b = this.buckets.get(name);
    if (qps !== undefined && b) b.tokens -= 1;
  }
}

/**
 * Capped exponential backoff with full jitter (the AWS architecture blog's "full jitter"): the n-th wait
 * is uniform in [0, min(cap, base * 2^n)], never below `floor`. Jitter keeps a fleet of resources that
 * were throttled together from retrying in lockstep.
 */
export interface BackoffPolicy {
  baseMs: number;
  capMs: number;
  floorMs: number;
}

export const CALL_RETRY: BackoffPolicy = { baseMs: 200, capMs: 5_000, floorMs: 50 };
export const POLL: BackoffPolicy = { baseMs: 250, capMs: 5_000, floorMs: 100 };

export function backoffDelay(policy: BackoffPolicy, attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.min(attempt, 30));
  return Math.max(policy.floorMs, Math.round(random() * ceiling));
}

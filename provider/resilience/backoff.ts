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

/** Between retries of one failed call (throttling, 5xx, timeouts). */
export const CALL_RETRY: BackoffPolicy = { baseMs: 200, capMs: 5_000, floorMs: 50 };

/**
 * The pause between two looks at something in progress: about 5 % of the time already waited
 * (±20 % jitter), between 200 ms and 10 s. A wait therefore overshoots the moment the cloud finishes
 * by about 5 % at most, for a 2-second emulator step as for a 10-minute real provisioning, while a
 * long wait settles at one look every 10 s (Terraform polls ASM every 3–10 s).
 */
export function pollDelay(waitedMs: number, random: () => number = Math.random): number {
  const base = Math.min(10_000, Math.max(200, waitedMs * 0.05));
  return Math.round(base * (0.8 + 0.4 * random()));
}

export function backoffDelay(policy: BackoffPolicy, attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.min(attempt, 30));
  return Math.max(policy.floorMs, Math.round(random() * ceiling));
}

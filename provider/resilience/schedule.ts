/**
 * When to look again at something the cloud is doing, knowing how long it usually takes (E). Before E,
 * a short ladder of looks whose gaps shrink toward E, each rung the same ratio below the next, so a
 * cloud faster than expected is noticed within that ratio of its time; past E, gaps of a fixed share of
 * the time waited, so however slow the cloud, noticing it costs at most that share.
 *
 *   0 ──── E/2.25 ──── E/1.5 ──── E ─┬─ +10 % of the time waited ─┬─ +10 % … ──▶
 *
 * With a learned expectation (this process saw the operation finish), the ladder is one rung, E/1.1.
 * Time is in milliseconds, from when the operation started (the answer to the call that began it); pure.
 */
export interface WaitPlan {
  /** How long the operation usually takes (learned, else the documented default). */
  expectedMs: number;
  /** Whether `expectedMs` was learned from operations of this kind this process saw finish. */
  learned: boolean;
  /** When the operation started: the answer to the call that began it, or the mesh's creation time. */
  startedAt: number;
}

/** The ladder below E: the ratio between rungs and their number, E itself included. */
export const LADDER = {
  default: { ratio: 1.5, rungs: 3 },
  learned: { ratio: 1.1, rungs: 2 },
} as const;
/** Past the expected end, each gap is this share of the time waited: the overhead stays under it. */
export const LATE_GAP_SHARE = 0.1;
/** Never two looks closer than this, however short the expectation. */
export const MIN_GAP_MS = 200;

/** The ladder's looks, as times since the start: E/ratio^(rungs-1), …, E/ratio, E. */
export function ladder(plan: Pick<WaitPlan, "expectedMs" | "learned">): number[] {
  const { ratio, rungs } = plan.learned ? LADDER.learned : LADDER.default;
  return Array.from({ length: rungs }, (_, i) => plan.expectedMs / ratio ** (rungs - 1 - i));
}

/** The time of the next look after one at `now`, in whole milliseconds. */
export function nextLook(plan: WaitPlan, now: number): number {
  const waited = now - plan.startedAt;
  const due = ladder(plan).find((at) => at >= waited + MIN_GAP_MS);
  if (due !== undefined) return Math.round(plan.startedAt + due);
  return Math.round(now + Math.max(MIN_GAP_MS, waited * LATE_GAP_SHARE));
}

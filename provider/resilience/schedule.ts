/**
 * When to look again at something the cloud is doing, knowing how long it usually takes (E). Before E,
 * a short ladder of looks whose gaps shrink toward E, each rung the same ratio below the next, so a
 * cloud faster than expected is noticed within that ratio of its time; past E, gaps of a fixed share of
 * the time waited, so however slow the cloud, noticing it costs at most that share.
 *
 *   0 ──── E/2.25 ──── E/1.5 ──── E ─┬─ +10 % of the time waited ─┬─ +10 % … ──▶
 *
 * How wide the ladder is follows what E rests on: the documented figure (wide: a region may be 3× off),
 * an inference from the other operations' pace here (narrower: E/1.44, E/1.2, E, since a region's
 * operations are slow or fast together, by somewhat different factors), or operations of this kind seen
 * to finish (one rung, E/1.1, one just before E by what E may overstate, and past E gaps of 3 % until
 * 1.2 E: the cloud's own time within 3 %).
 * Time is in milliseconds, from when the operation started (the answer to the call that began it); pure.
 */
/**
 * What an expectation rests on, from least to most certain: the documented (or configured) figure; that
 * figure scaled by how fast the other operations ran here; or operations of this very kind seen to
 * finish, by this process or an earlier one on this machine.
 */
export type ExpectationBasis = "documented" | "inferred" | "learned";

export interface WaitPlan {
  /** How long the operation usually takes (learned, inferred, else the documented default). */
  expectedMs: number;
  basis: ExpectationBasis;
  /** When the operation started: the answer to the call that began it, or the mesh's creation time. */
  startedAt: number;
  /**
   * How much a learned E may overstate the operation (ASM's timestamps have whole seconds, and a
   * duration learned from them is rounded up): the learned ladder also looks that much before E.
   */
  errsLongByMs?: number;
}

/** The ladder below E for each basis: the ratio between rungs and their number, E itself included. */
export const LADDER: Readonly<Record<ExpectationBasis, { ratio: number; rungs: number }>> = {
  documented: { ratio: 1.5, rungs: 3 },
  inferred: { ratio: 1.2, rungs: 3 },
  learned: { ratio: 1.1, rungs: 2 },
};
/** Past the expected end, each gap is this share of the time waited: the overhead stays under it. */
export const LATE_GAP_SHARE = 0.1;
/** Just past a learned end (up to `LEARNED_CLOSE` × E), the gaps are this share: a little late is the likely case. */
export const LEARNED_LATE_GAP_SHARE = 0.03;
export const LEARNED_CLOSE = 1.2;
/** Never two looks closer than this, however short the expectation. */
export const MIN_GAP_MS = 200;

/**
 * The ladder's looks, as times since the start: E/ratio^(rungs-1), …, E/ratio, E; a learned one also at
 * E less what it may overstate, so a cloud as fast as last time is seen on time.
 */
export function ladder(plan: Pick<WaitPlan, "expectedMs" | "basis" | "errsLongByMs">): number[] {
  const { ratio, rungs } = LADDER[plan.basis];
  const looks = Array.from({ length: rungs }, (_, i) => plan.expectedMs / ratio ** (rungs - 1 - i));
  const margin = plan.basis === "learned" ? (plan.errsLongByMs ?? 0) : 0;
  const beforeEnd = plan.expectedMs - margin;
  if (margin <= 0 || beforeEnd <= 0) return looks;
  // A short operation's E/1.1 is later than E less the margin: the margin's rung replaces it.
  if (beforeEnd <= (looks.at(-2) ?? 0) + MIN_GAP_MS) looks.splice(-2, 1, beforeEnd);
  else looks.splice(-1, 0, beforeEnd);
  return looks;
}

/** The time of the next look after one at `now`, in whole milliseconds. */
export function nextLook(plan: WaitPlan, now: number): number {
  const waited = now - plan.startedAt;
  const due = ladder(plan).find((at) => at >= waited + MIN_GAP_MS);
  if (due !== undefined) return Math.round(plan.startedAt + due);
  const close = plan.basis === "learned" && waited < LEARNED_CLOSE * plan.expectedMs;
  return Math.round(now + Math.max(MIN_GAP_MS, waited * (close ? LEARNED_LATE_GAP_SHARE : LATE_GAP_SHARE)));
}

/**
 * When to look again at something the cloud is doing, knowing how long it usually takes. Few looks
 * early (the cloud is rarely done before its usual time), looks bunched where completion is likely
 * (around the expected end), then, past it, gaps that grow with the time already waited, so the time
 * between the cloud finishing and the provider noticing stays under a fixed share of the wait.
 *
 *   0 ──── 0.42E ──── 0.7E ── 0.9E ─ E ─┬─ +10 % of the time waited ─┬─ +10 % … ──▶
 *
 * With a learned expectation (this process saw the operation finish before), the early looks thin out
 * to 0.9E. Time is in milliseconds; pure.
 */
export interface WaitPlan {
  /** How long the operation usually takes (learned, else the documented default). */
  expectedMs: number;
  /** Whether `expectedMs` was learned from operations this process saw finish. */
  learned: boolean;
  /** When the operation started: the call that began it, or the mesh's creation time when resuming. */
  startedAt: number;
}

/** Looks before the expected end, as fractions of it: wide when the expectation is only the default. */
export const EARLY_LOOKS = { default: [0.42, 0.7, 0.9, 1], learned: [0.9, 1] } as const;
/** Past the expected end, each gap is this share of the time waited: the overhead stays under it. */
export const LATE_GAP_SHARE = 0.1;
/** Never two looks closer than this, however short the expectation. */
export const MIN_GAP_MS = 200;

/** The time of the next look after one at `now`. */
export function nextLook(plan: WaitPlan, now: number): number {
  const waited = now - plan.startedAt;
  const early = plan.learned ? EARLY_LOOKS.learned : EARLY_LOOKS.default;
  const due = early.map((f) => f * plan.expectedMs).find((at) => at >= waited + MIN_GAP_MS);
  if (due !== undefined) return plan.startedAt + due;
  return now + Math.max(MIN_GAP_MS, waited * LATE_GAP_SHARE);
}

import { parseDuration } from "../model/durations";

/** The asynchronous ASM operations the provider waits for. */
export type OperationKind = "provision" | "enroll" | "update" | "remove" | "delete";

/**
 * How long each usually takes, before this process has seen one finish: what ASM takes in practice
 * (a mesh is provisioned in about a minute; Terraform's alicloud provider does not even look before
 * 60 s). `servicemesh:expectedDurations` overrides them, e.g. for a faster or slower region, or the
 * local emulator.
 */
export const DEFAULT_EXPECTED_MS: Readonly<Record<OperationKind, number>> = {
  provision: 60_000,
  enroll: 30_000,
  update: 20_000,
  remove: 30_000,
  delete: 30_000,
};

/** How much a newly seen duration moves the expectation (an exponential moving average). */
const LEARNING_RATE = 0.5;

/**
 * What this provider process expects each operation to take: the defaults (or the configured ones),
 * refined by every operation it watched finish, so a fleet of meshes in one `pulumi up` shares what the
 * first ones learned. An operation not seen yet is scaled by the pace of those seen: a region that
 * provisioned in half the usual time likely enrolls faster too (still a guess: it keeps the wide ladder).
 */
export class ExpectedDurations {
  private readonly seen = new Map<OperationKind, number>();

  constructor(private readonly configured: Partial<Record<OperationKind, number>> = {}) {}

  expected(kind: OperationKind): { ms: number; learned: boolean } {
    const learned = this.seen.get(kind);
    if (learned !== undefined) return { ms: learned, learned: true };
    return { ms: this.base(kind) * this.pace(), learned: false };
  }

  /** An operation of this kind was seen to finish after `ms`. */
  observe(kind: OperationKind, ms: number): void {
    if (!(ms > 0)) return;
    const before = this.seen.get(kind);
    this.seen.set(kind, before === undefined ? ms : before + LEARNING_RATE * (ms - before));
  }

  private base(kind: OperationKind): number {
    return this.configured[kind] ?? DEFAULT_EXPECTED_MS[kind];
  }

  /** How much slower (> 1) or faster than expected the operations seen so far ran: a geometric mean. */
  private pace(): number {
    const ratios = [...this.seen].map(([kind, ms]) => Math.log(ms / this.base(kind)));
    return ratios.length === 0 ? 1 : Math.exp(ratios.reduce((a, b) => a + b, 0) / ratios.length);
  }
}

/**
 * Parses `servicemesh:expectedDurations` (`{"provision":"90s","enroll":"45s"}`); unknown keys and bad
 * durations are reported, not guessed.
 */
export function parseExpectedDurations(text: string | undefined): {
  durations: Partial<Record<OperationKind, number>>;
  problems: string[];
} {
  if (!text) return { durations: {}, problems: [] };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { durations: {}, problems: ["servicemesh:expectedDurations must be a JSON object of durations"] };
  }
  if (raw === null || typeof raw !== "object" || Array.isArray(raw))
    return { durations: {}, problems: ["servicemesh:expectedDurations must be a JSON object of durations"] };
  const durations: Partial<Record<OperationKind, number>> = {};
  const problems: string[] = [];
  for (const [key, value] of Object.entries(raw)) {
    const ms = typeof value === "string" ? parseDuration(value) : undefined;
    if (!Object.hasOwn(DEFAULT_EXPECTED_MS, key))
      problems.push(
        `servicemesh:expectedDurations.${key} is not an operation; allowed: ${Object.keys(DEFAULT_EXPECTED_MS).join(", ")}`,
      );
    else if (ms === undefined) problems.push(`servicemesh:expectedDurations.${key} must be a duration such as "60s"`);
    else durations[key as OperationKind] = ms;
  }
  return { durations, problems };
}

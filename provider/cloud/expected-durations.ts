import { parseDuration } from "../model/durations";
import type { ExpectationBasis } from "../resilience/schedule";

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

/** Where learned durations are kept between processes (the account's `LearnedDurationsFile`). */
export interface LearnedStore {
  read(): Partial<Record<OperationKind, number>>;
  write(kind: OperationKind, ms: number): void;
}

/**
 * What this provider process expects each operation to take: the defaults (or the configured ones),
 * refined by every operation it or an earlier process on this machine watched finish for the same
 * account and region, so a fleet of meshes in one `pulumi up` shares what the first ones learned, and
 * the next `pulumi up` starts from it. An operation not seen yet is scaled by the pace of those seen: a
 * region that provisioned in twice the usual time likely enrolls slower too, by less or more (the
 * schedule for an inferred expectation looks on both sides of it).
 */
export class ExpectedDurations {
  private readonly seen: Map<OperationKind, number>;

  constructor(
    private readonly configured: Partial<Record<OperationKind, number>> = {},
    private readonly store?: LearnedStore,
  ) {
    this.seen = new Map(Object.entries(store?.read() ?? {}) as [OperationKind, number][]);
  }

  expected(kind: OperationKind): { ms: number; basis: ExpectationBasis } {
    const learned = this.seen.get(kind);
    if (learned !== undefined) return { ms: learned, basis: "learned" };
    const pace = this.pace();
    return { ms: this.base(kind) * (pace ?? 1), basis: pace === undefined ? "documented" : "inferred" };
  }

  /** An operation of this kind was seen to finish after `ms`. */
  observe(kind: OperationKind, ms: number): void {
    if (!(ms > 0)) return;
    const before = this.seen.get(kind);
    const next = before === undefined ? ms : before + LEARNING_RATE * (ms - before);
    this.seen.set(kind, next);
    this.store?.write(kind, next);
  }

  private base(kind: OperationKind): number {
    return this.configured[kind] ?? DEFAULT_EXPECTED_MS[kind];
  }

  /** How much slower (> 1) or faster than expected the operations seen so far ran (a geometric mean); none seen: undefined. */
  private pace(): number | undefined {
    const ratios = [...this.seen].map(([kind, ms]) => Math.log(ms / this.base(kind)));
    return ratios.length === 0 ? undefined : Math.exp(ratios.reduce((a, b) => a + b, 0) / ratios.length);
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

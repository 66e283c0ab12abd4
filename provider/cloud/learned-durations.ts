import { readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { DEFAULT_EXPECTED_MS, type OperationKind } from "./expected-durations";

/** Longer than any operation ASM runs: a value past it is not a duration this provider wrote. */
const MAX_MS = 24 * 3_600_000;

export type Learned = Partial<Record<OperationKind, number>>;

/**
 * What the account and region's operations were seen to take, kept on this machine for the next
 * provider process (each `pulumi up` runs one, and a one-mesh stack would otherwise always wait as if
 * it knew nothing). One small JSON object of at most five numbers in the account's directory (see
 * `accountDirectory`): no secret, bounded. Two processes may write at once: each write reads the file,
 * merges its one value in and renames a whole new file into place, so a reader never sees half a file
 * and the worst a race costs is one process's latest value. A missing, unreadable or foreign file is
 * nothing learned.
 */
export class LearnedDurationsFile {
  private readonly path: string;

  constructor(accountDir: string) {
    this.path = join(accountDir, "durations.json");
  }

  read(): Learned {
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(this.path, "utf8"));
    } catch {
      return {};
    }
    const learned: Learned = {};
    if (raw === null || typeof raw !== "object") return learned;
    for (const kind of Object.keys(DEFAULT_EXPECTED_MS) as OperationKind[]) {
      const ms = (raw as Record<string, unknown>)[kind];
      if (typeof ms === "number" && ms > 0 && ms < MAX_MS) learned[kind] = Math.round(ms);
    }
    return learned;
  }

  /** Records what an operation of this kind is now expected to take (best effort: a read-only cache learns nothing). */
  write(kind: OperationKind, ms: number): void {
    const next = { ...this.read(), [kind]: Math.round(ms) };
    const temporary = `${this.path}.${process.pid}.tmp`;
    try {
      writeFileSync(temporary, `${JSON.stringify(next)}\n`);
      renameSync(temporary, this.path);
    } catch {
      // the next process learns again
    }
  }
}

import { mkdirSync, readdirSync, statSync, unlinkSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Clock } from "../clock";

/** A process that has not renewed its mark for this long is gone (it renews every second while it calls). */
const ALIVE_MS = 5_000;
/** How often a process renews its own mark and counts the others'. */
const RECOUNT_MS = 1_000;
/** A mark this old belongs to a process that ended: whoever sees it removes it. */
const STALE_MS = 60_000;

/**
 * How many provider processes on this machine are calling one account right now, this one included:
 * the stacks of a fleet, each `pulumi up` with a provider process of its own, share the account's API
 * quota, and each process's rate is its share of it (see `AdaptiveRateLimiter`). No coordinator: each
 * process keeps a mark of its own, an empty file named by its pid in the account's `processes/`
 * directory (see `accountDirectory`), touched while it calls; counting is listing that directory. Only
 * a process writes its own file, so two never write one file; a mark not renewed in 5 s is not counted,
 * and one older than a minute is removed by whoever sees it, so the directory holds about one file per
 * live process.
 */
export class PeerProcesses {
  private readonly mark: string;
  private counted = 1;
  private countedAt = -Infinity;

  constructor(
    private readonly dir: string,
    private readonly clock: Clock,
    pid = process.pid,
  ) {
    this.mark = join(dir, String(pid));
  }

  /** The processes calling the account, this one included (at least 1; 1 when the directory cannot be used). */
  count(): number {
    const now = this.clock.now();
    if (now - this.countedAt < RECOUNT_MS) return this.counted;
    this.countedAt = now;
    try {
      this.renew(now);
      let alive = 0;
      for (const name of readdirSync(this.dir)) {
        const file = join(this.dir, name);
        const age = now - statSync(file).mtimeMs;
        if (Math.abs(age) <= ALIVE_MS) alive++;
        else if (age > STALE_MS) unlinkSync(file);
      }
      this.counted = Math.max(1, alive);
    } catch {
      this.counted = 1; // a read-only or missing cache: each process on its own, as before
    }
    return this.counted;
  }

  private renew(now: number): void {
    try {
      utimesSync(this.mark, now / 1000, now / 1000);
    } catch {
      mkdirSync(this.dir, { recursive: true });
      writeFileSync(this.mark, "");
      utimesSync(this.mark, now / 1000, now / 1000);
    }
  }
}

/** The marks' directory, in the account's directory. */
export function peerDirectory(accountDir: string): string {
  return join(accountDir, "processes");
}

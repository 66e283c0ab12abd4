import { Deadline, type Clock } from "../clock";
import type { Mesh } from "../deps/asm-api";
import { CloudError } from "../resilience/errors";
import { nextLook, type WaitPlan } from "../resilience/schedule";
import type { Observation } from "../resilience/wait";
import type { ExpectedDurations, OperationKind } from "./expected-durations";

/** What a wait asks for. */
export interface WatchRequest<T> {
  meshId: string;
  operation: OperationKind;
  /** Reads one look at the mesh (undefined: ASM says it does not exist). */
  decide(mesh: Mesh | undefined): Observation<T>;
  deadline: Deadline;
  /** What is being waited for, for the timeout message: "mesh m-1 to be running". */
  what: string;
  onProgress?(progress: string): void | Promise<void>;
  /** When the operation began (default: now), e.g. the mesh's creation time when resuming it. */
  startedAt?: number;
}

/** Waits on meshes (implemented by `MeshObserver`; one per account and endpoint in a process). */
export interface MeshWatch {
  until<T>(request: WatchRequest<T>): Promise<T>;
}

/** The two reads a look can make. */
export interface MeshReads {
  describeMesh(meshId: string): Promise<Mesh | undefined>;
  listMeshes(): Promise<Mesh[]>;
}

interface Waiter {
  request: WatchRequest<unknown>;
  plan: WaitPlan;
  nextAt: number;
  lastProgress: string;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

/**
 * Every wait on a mesh in this provider process, served by one observer: each look is a single call
 * that answers every pending wait at once (one mesh pending: DescribeServiceMeshDetail; more:
 * DescribeServiceMeshes, which lists every mesh of the account with its state), made when the most
 * urgent wait's schedule says so. A hundred meshes provisioning together cost the looks of one. Each
 * finished wait teaches the expected durations that the next waits schedule by.
 */
export class MeshObserver implements MeshWatch {
  private readonly waiters = new Set<Waiter>();
  private running = false;
  private wake: (() => void) | undefined;

  constructor(
    /** The reads, retrying inside the given deadline (the most urgent pending wait's). */
    private readonly reads: (deadline: Deadline) => MeshReads,
    private readonly clock: Clock,
    private readonly durations: ExpectedDurations,
  ) {}

  until<T>(request: WatchRequest<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const now = this.clock.now();
      const expected = this.durations.expected(request.operation);
      const plan: WaitPlan = {
        expectedMs: expected.ms,
        basis: expected.basis,
        startedAt: request.startedAt ?? now,
        errsLongByMs: TIMESTAMP_GRAIN_MS,
      };
      const waiter: Waiter = {
        request: request as WatchRequest<unknown>,
        plan,
        nextAt: Math.min(nextLook(plan, now), request.deadline.at),
        lastProgress: "",
        resolve: resolve as (value: unknown) => void,
        reject,
      };
      this.waiters.add(waiter);
      this.wake?.();
      if (!this.running) void this.loop();
    });
  }

  private async loop(): Promise<void> {
    this.running = true;
    try {
      while (this.waiters.size > 0) {
        const now = this.clock.now();
        const next = sharedLookAt([...this.waiters]);
        if (next > now) {
          await Promise.race([this.clock.sleep(next - now), new Promise<void>((r) => (this.wake = r))]);
          this.wake = undefined;
          continue; // a new wait may be more urgent: look at the schedule again
        }
        await this.look(next);
      }
    } finally {
      this.running = false;
    }
  }

  /** One look, shared by every pending wait; the ones due by `at` take their next look from it. */
  private async look(at: number): Promise<void> {
    const waiters = [...this.waiters];
    let seen: Map<string, Mesh | undefined>;
    try {
      seen = await this.read(waiters);
    } catch (e) {
      // A look that failed for good fails every wait; one that may pass later only costs a look.
      const now = this.clock.now();
      for (const w of waiters) {
        if (!(e instanceof CloudError && e.retryable && now < w.request.deadline.at)) this.settle(w, () => w.reject(e));
        else if (w.nextAt <= at) this.reschedule(w, now);
      }
      return;
    }
    const now = this.clock.now();
    await Promise.all(waiters.map((w) => this.feed(w, seen.get(w.request.meshId), now, w.nextAt <= at)));
  }

  /** One mesh pending: its detail. More: the account's list, and a detail for a mesh missing from it. */
  private async read(waiters: Waiter[]): Promise<Map<string, Mesh | undefined>> {
    const urgent = waiters.reduce((a, b) => (b.request.deadline.at < a.request.deadline.at ? b : a));
    const reads = this.reads(urgent.request.deadline);
    const ids = [...new Set(waiters.map((w) => w.request.meshId))];
    const seen = new Map<string, Mesh | undefined>();
    if (ids.length === 1) {
      const [id = ""] = ids;
      seen.set(id, await reads.describeMesh(id));
      return seen;
    }
    const listed = new Map((await reads.listMeshes()).map((m) => [m.id, m]));
    for (const id of ids) {
      const mesh = listed.get(id);
      // Only DescribeServiceMeshDetail's ServiceMesh.NotFound says a mesh is gone; a list may lag.
      seen.set(id, mesh ?? (await reads.describeMesh(id)));
    }
    return seen;
  }

  private async feed(w: Waiter, mesh: Mesh | undefined, now: number, due: boolean): Promise<void> {
    const observation = w.request.decide(mesh);
    if (observation.done) {
      this.durations.observe(w.request.operation, tookMs(w, mesh, now));
      this.settle(w, () => w.resolve(observation.value));
      return;
    }
    if ("failed" in observation) {
      this.settle(w, () => w.reject(observation.failed));
      return;
    }
    if (observation.progress !== w.lastProgress) {
      w.lastProgress = observation.progress;
      try {
        await w.request.onProgress?.(observation.progress);
      } catch (e) {
        this.settle(w, () => w.reject(e)); // reporting progress failed (the CR's cluster is unreachable)
        return;
      }
    }
    if (!due) return; // its own look is still to come
    if (now >= w.request.deadline.at) {
      const { deadline, what } = w.request;
      const last = w.lastProgress || "not ready";
      const timeout = new CloudError(
        "terminal",
        "Timeout",
        `still ${last} after the ${deadline.budgetText} timeout`,
        `timed out waiting for ${what}`,
      );
      this.settle(w, () => w.reject(timeout));
      return;
    }
    this.reschedule(w, now);
  }

  /** The next look this wait needs: by its schedule, and never after its deadline (the last look is at it). */
  private reschedule(w: Waiter, now: number): void {
    w.nextAt = Math.min(nextLook(w.plan, now), w.request.deadline.at);
  }

  private settle(w: Waiter, finish: () => void): void {
    if (!this.waiters.delete(w)) return;
    finish();
  }
}

/** How late, as a share of the time it has waited, a wait's look may come to be shared with other waits. */
export const SHARED_LOOK_SLACK = 0.02;

/**
 * When to look next, for all pending waits: each wants a look at its `nextAt`, and accepts one up to
 * `SHARED_LOOK_SLACK` of its time waited later (never past its deadline). The latest `nextAt` that comes
 * before every wait's latest acceptable time serves the most waits with one look, and a lone wait
 * exactly on time (waits started moments apart, as a fleet's are, fall into a few looks per rung).
 */
function sharedLookAt(waiters: readonly Pick<Waiter, "nextAt" | "plan" | "request">[]): number {
  const latest = Math.min(
    ...waiters.map((w) =>
      Math.min(w.request.deadline.at, w.nextAt + SHARED_LOOK_SLACK * Math.max(0, w.nextAt - w.plan.startedAt)),
    ),
  );
  return Math.max(...waiters.map((w) => w.nextAt).filter((at) => at <= latest));
}

/** ASM's timestamps have whole seconds: read one as the end of its second, so a learned duration errs long. */
const TIMESTAMP_GRAIN_MS = 1_000;

/**
 * How long the operation took: ASM's own timestamps when they tell (a provisioning runs from the mesh's
 * creation to its last state change, both on ASM's clock), else from the call that began it to the
 * mesh's last change (clamped, for clocks that disagree), else to the look that saw it done. An
 * expectation that errs long costs one late look; one that errs short, looks spread over the overrun.
 */
function tookMs(w: Waiter, mesh: Mesh | undefined, now: number): number {
  const { startedAt } = w.plan;
  const { createdAt, updatedAt } = mesh ?? {};
  if (updatedAt === undefined) return now - startedAt;
  if (w.request.operation === "provision" && createdAt !== undefined) return updatedAt - createdAt + TIMESTAMP_GRAIN_MS;
  const finished = Math.min(now, updatedAt + TIMESTAMP_GRAIN_MS);
  return finished > startedAt ? finished - startedAt : now - startedAt;
}

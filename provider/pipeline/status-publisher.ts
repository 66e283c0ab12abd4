import { setCondition, type ConditionUpdate } from "../conditions/condition";
import type { Deps } from "../deps";
import type { Condition, MeshStatus } from "../model/types";

/**
 * Holds the CR status of one pass and writes it through /status at every change once a CR is attached,
 * so `kubectl get -w` shows each step as it happens. Before that (a CR not written yet) changes are kept
 * and written together on attach; after teardown removed the CR they stay in memory only.
 */
export class StatusPublisher {
  private generation: number | undefined;
  /** Conditions set during this pass: they hold for the generation the pass works on. */
  private readonly touched = new Set<string>();
  private unwritten = false;
  /** Status writes go out one at a time, in order: the last one holds. */
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly deps: Pick<Deps, "crCluster" | "clock" | "log">,
    public status: MeshStatus,
  ) {}

  get attached(): boolean {
    return this.generation !== undefined;
  }

  condition(type: string): Condition | undefined {
    return this.status.conditions.find((c) => c.type === type);
  }

  /** This pass already set the condition and it is still in progress (Reconciling or WaitSteady). */
  inProgress(type: string): boolean {
    return this.touched.has(type) && this.condition(type)?.status === "Unknown";
  }

  /** Starts writing to the CR of this generation: conditions set so far in this pass are stamped with it. */
  async attach(generation: number): Promise<void> {
    this.generation = generation;
    const conditions = this.status.conditions.map((c) =>
      this.touched.has(c.type) && c.observedGeneration !== generation ? { ...c, observedGeneration: generation } : c,
    );
    if (conditions.some((c, i) => c !== this.status.conditions[i])) this.unwritten = true;
    this.status = { ...this.status, conditions };
    if (this.unwritten) await this.write();
  }

  /** The CR is gone: keep the status in memory only. */
  detach(): void {
    this.generation = undefined;
  }

  /** Sets a condition; logs and writes it only when it changed. */
  async set(update: ConditionUpdate): Promise<void> {
    this.touched.add(update.type);
    const before = this.condition(update.type);
    const now = new Date(this.deps.clock.now());
    const conditions = setCondition(this.status.conditions, update, now, this.generation ?? 0);
    const after = conditions.find((c) => c.type === update.type);
    const sameContent =
      before?.status === update.status && before.reason === update.reason && before.message === update.message;
    if (sameContent && before.observedGeneration === after?.observedGeneration) return;
    if (!sameContent) {
      // A failure's message reaches the user once, as the error the pass ends with.
      const detail = update.message && update.status !== "False" ? ` ${update.message}` : "";
      this.deps.log.info(`${update.type}: ${update.status}/${update.reason}${detail}`);
    }
    this.status = { ...this.status, conditions };
    await this.write();
  }

  /** Merges the defined fields into the status; writes only when one changed. */
  async patch(fields: Partial<Omit<MeshStatus, "conditions">>): Promise<void> {
    const changed = Object.entries(fields).filter(
      ([key, value]) => value !== undefined && this.status[key as keyof typeof fields] !== value,
    );
    if (changed.length === 0) return;
    this.status = { ...this.status, ...Object.fromEntries(changed) };
    await this.write();
  }

  private async write(): Promise<void> {
    if (!this.attached) {
      this.unwritten = true;
      return;
    }
    const status = this.status;
    const written = this.queue.then(() => this.deps.crCluster.writeStatus(status));
    this.queue = written.catch(() => undefined);
    await written;
    this.unwritten = false;
  }
}

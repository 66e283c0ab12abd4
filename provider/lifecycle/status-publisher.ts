import { setCondition, type ConditionUpdate } from "../conditions/condition";
import type { Deps } from "../deps";
import type { MeshStatus } from "../spec/types";

/**
 * Holds the CR status of one reconcile pass and writes it through /status at every change, so
 * `kubectl get -w` shows each step as it happens.
 */
export class StatusPublisher {
  constructor(
    private readonly deps: Deps,
    public status: MeshStatus,
    public generation: number,
  ) {}

  async set(update: ConditionUpdate): Promise<void> {
    this.status = {
      ...this.status,
      conditions: setCondition(this.status.conditions, update, new Date(this.deps.clock.now()), this.generation),
    };
    this.deps.log.info(
      `${update.type}: ${update.status}/${update.reason}${update.message ? ` ${update.message}` : ""}`,
    );
    await this.deps.kube.writeStatus(this.status);
  }

  async patch(fields: Partial<Omit<MeshStatus, "conditions">>): Promise<void> {
    this.status = { ...this.status, ...fields };
    await this.deps.kube.writeStatus(this.status);
  }

  async flush(): Promise<void> {
    await this.deps.kube.writeStatus(this.status);
  }

  /** After the spec was written again in the same pass: the pass's conditions hold for the new generation. */
  async restamp(generation: number): Promise<void> {
    this.generation = generation;
    this.status = {
      ...this.status,
      conditions: this.status.conditions.map((c) => ({ ...c, observedGeneration: generation })),
    };
    await this.deps.kube.writeStatus(this.status);
  }
}

import { failed, reconciling, type ConditionUpdate } from "../conditions/condition";
import { fromClusterSpec } from "../model/editions";
import type { Desired } from "../model/desired";
import type { MeshStatus } from "../model/types";
import { redact } from "../redact";
import { CloudError } from "../resilience/errors";
import type { Observed } from "./observed";
import type { StatusPublisher } from "./status-publisher";
import type { Step, StepContext } from "./step";

export interface RunRequest {
  steps: readonly Step[];
  ctx: StepContext;
  publisher: StatusPublisher;
  desired: Desired;
  observed: Observed;
  /** After each step, held or not (the apply pass writes the CR once PreChecked resolved the edition). */
  afterStep?: (step: Step, observed: Observed) => Promise<Partial<Observed>>;
}

export type RunOutcome =
  | { ok: true; observed: Observed }
  /** A step did not hold: its condition says why. */
  | { ok: false; observed: Observed; step: Step; failure: ConditionUpdate }
  /** Publishing status or the `afterStep` hook failed around this step (its condition False, saying so). */
  | { ok: false; observed: Observed; step: Step; interrupted: unknown };

/**
 * Runs a step list in order. For each step: its condition goes to Reconciling unless it already holds
 * (or an earlier step of this pass that reports the same condition left it in progress);
 * the step runs; what it learned joins `observed`; its condition is published, True once no later step
 * reports the same condition. The first step that does not end True stops the list (its condition False,
 * an unexpected error turned into that condition). Status goes to whichever CR `observed` names. Never
 * throws: the outcome carries everything learned up to the stop.
 */
export async function runSteps(request: RunRequest): Promise<RunOutcome> {
  const { steps, ctx, publisher, desired } = request;
  let observed = request.observed;
  // Status follows the CR `observed` names when that changes (the apply pass attaches its CR itself).
  let followed: Observed["customResource"] | "none" = "none";
  const follow = async () => {
    const cr = observed.customResource;
    if (cr !== followed) {
      if (!cr) publisher.detach();
      else if (!publisher.attached) await publisher.attach(cr.generation);
      followed = cr;
    }
    await publisher.patch(statusFacts(observed));
  };
  const learn = async (learned: Partial<Observed> | undefined) => {
    observed = { ...observed, ...learned };
    await follow();
  };

  for (const [index, step] of steps.entries()) {
    try {
      if (index === 0) await follow();
      const current = publisher.condition(step.condition);
      if (current?.status !== "True" && !publisher.inProgress(step.condition))
        await publisher.set(reconciling(step.condition));
      const result = await runOne(step, ctx, desired, observed);
      await learn(result.learned);
      const holds = result.condition.status === "True";
      if (!holds)
        await publisher.set(result.condition).catch(() => undefined); // the failure may be the cluster
      else if (!steps.slice(index + 1).some((s) => s.condition === step.condition))
        await publisher.set(result.condition);
      try {
        await learn(await request.afterStep?.(step, observed));
      } catch (e) {
        if (holds) throw e; // a step that failed reports its own failure, not the hook's
      }
      if (!holds) return { ok: false, observed, step, failure: result.condition };
    } catch (e) {
      // The step's outcome could not be reported: the pass stops there, and says so in its condition.
      await publisher.set(failed(step.condition, failureMessage(e))).catch(() => undefined);
      return { ok: false, observed, step, interrupted: e };
    }
  }
  return { ok: true, observed };
}

async function runOne(step: Step, ctx: StepContext, desired: Desired, observed: Observed) {
  try {
    return await step.run(ctx, desired, observed);
  } catch (e) {
    return { condition: failed(step.condition, failureMessage(e)) };
  }
}

/** What a condition says about an error: a CloudError says what could not be done; anything else is unexpected. */
export function failureMessage(e: unknown): string {
  return e instanceof CloudError ? e.message : redact(`unexpected error: ${(e as Error)?.message ?? String(e)}`);
}

/** The status fields that name the mesh: its id and name, and the edition it really has. */
export function statusFacts(observed: Observed): Partial<Omit<MeshStatus, "conditions">> {
  return {
    serviceMeshId: observed.mesh?.id ?? observed.meshId,
    serviceMeshName: observed.mesh?.name ?? observed.meshName,
    clusterSpec: fromClusterSpec(observed.mesh?.clusterSpec),
  };
}

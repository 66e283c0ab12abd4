import { succeeded } from "../conditions/condition";
import type { Desired } from "../model/desired";
import type { Observed } from "../pipeline/observed";
import type { Step, StepContext, StepResult } from "../pipeline/step";

/**
 * Last teardown step: drop the finalizer and delete the CR, when it is this resource's (teardown leaves
 * another resource's CR at the same location out of `observed`). The CRD stays (other tools may rely
 * on it). With the CR gone there is no status left to write to.
 */
export async function removeCustomResource(
  ctx: StepContext,
  _desired: Desired,
  observed: Observed,
): Promise<StepResult> {
  if (observed.customResource) await ctx.deps.crCluster.deleteCr();
  return { condition: succeeded("ServiceMeshDeleted"), learned: { customResource: undefined } };
}

export const customResourceRemoved: Step = {
  condition: "ServiceMeshDeleted",
  title: "remove the custom resource",
  run: removeCustomResource,
};
